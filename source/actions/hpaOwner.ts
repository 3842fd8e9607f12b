// Reads which HPA, if any, owns the replica count of a workload: the scale rule's input
// (./scaleRule.ts), for the dialog's question and the gate's refusal alike.
import type {Transport} from '../kube/transport.js';
import {KubeError} from '../kube/kubeError.js';
import {apiPath, kindOf} from '../kinds/index.js';
import {hpaOwning, type HpaOwner} from './scaleRule.js';

/**
 * The HPA scaling this object, read from the server now. A cluster that does not serve
 * autoscaling/v2 (404), or RBAC that forbids listing HPAs (403), means no known owner: the scale
 * goes on with the other rules, as kubectl scale would. Any other failure (a timeout, a 5xx) is
 * thrown: the safety check did not run, so the change must not go on as if it had.
 */
export async function readHpaOwner(api: Transport, kind: string, namespace: string, name: string): Promise<HpaOwner | undefined> {
	try {
		const list = await api.request<{items?: unknown[]}>({path: apiPath(kindOf('horizontalpodautoscalers'), namespace)});
		return hpaOwning(list?.items ?? [], kind, name);
	} catch (error) {
		if (error instanceof KubeError && (error.status === 403 || error.status === 404)) return undefined;
		throw error;
	}
}
