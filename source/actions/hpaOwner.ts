// Reads which HPA, if any, owns the replica count of a workload: the scale rule's input
// (./scaleRule.ts), for the dialog's question and the gate's refusal alike.
import type {Transport} from '../kube/transport.js';
import {apiPath, kindOf} from '../kinds/index.js';
import {hpaOwning, type HpaOwner} from './scaleRule.js';

/**
 * The HPA scaling this object, read from the server now. A cluster that does not serve
 * autoscaling/v2, or RBAC that forbids listing HPAs, means no known owner: the scale goes on
 * with the other rules, as kubectl scale would.
 */
export async function readHpaOwner(api: Transport, kind: string, namespace: string, name: string): Promise<HpaOwner | undefined> {
	try {
		const list = await api.request<{items?: unknown[]}>({path: apiPath(kindOf('horizontalpodautoscalers'), namespace)});
		return hpaOwning(list?.items ?? [], kind, name);
	} catch {
		return undefined;
	}
}
