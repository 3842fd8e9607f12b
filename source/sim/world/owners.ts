// Status for the owners the world runs no full controller for (DaemonSets, Jobs): recomputed
// from the pods they own whenever one of those pods changes, so `kubectl get ds,jobs` and the
// owner links in kubedeck show counts that agree with the pods.
import type {KubeObject} from '../../model/types.js';
import type {PodCache} from './cache.js';
import {K, type Runtime} from './runtime.js';

const isReady = (p: KubeObject) => ((p.status?.conditions as Array<{type: string; status: string}> | undefined) ?? []).some(c => c.type === 'Ready' && c.status === 'True');

/** DaemonSet status as the controller publishes it, from the pods it owns. */
export function daemonSetStatus(pods: KubeObject[]): Record<string, unknown> {
	const ready = pods.filter(isReady).length;
	const status: Record<string, unknown> = {
		currentNumberScheduled: pods.length,
		desiredNumberScheduled: pods.length,
		numberMisscheduled: 0,
		numberReady: ready,
		numberAvailable: ready,
		updatedNumberScheduled: pods.length,
		observedGeneration: 1,
	};
	if (pods.length - ready > 0) status.numberUnavailable = pods.length - ready;
	return status;
}

/** Job status as the job controller publishes it, from its pods. */
export function jobStatus(job: KubeObject, pods: KubeObject[]): Record<string, unknown> {
	const phase = (p: KubeObject) => (p.status as {phase?: string} | undefined)?.phase;
	const succeeded = pods.filter(p => phase(p) === 'Succeeded').length;
	const failed = pods.filter(p => phase(p) === 'Failed').length;
	const active = pods.length - succeeded - failed;
	const completions = (job.spec as {completions?: number} | undefined)?.completions ?? 1;
	const status: Record<string, unknown> = {startTime: job.metadata.creationTimestamp, ready: pods.filter(isReady).length, terminating: 0, uncountedTerminatedPods: {}};
	if (active) status.active = active;
	if (succeeded) status.succeeded = succeeded;
	if (failed) status.failed = failed;
	if (succeeded >= completions) {
		const finished = pods
			.flatMap(p => ((p.status?.containerStatuses as Array<{state?: {terminated?: {finishedAt?: string}}}> | undefined) ?? []).map(c => c.state?.terminated?.finishedAt ?? ''))
			.filter(Boolean)
			.sort()
			.pop();
		const at = finished ?? job.metadata.creationTimestamp;
		status.completionTime = at;
		status.conditions = [
			{type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: at, lastTransitionTime: at},
			{type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: at, lastTransitionTime: at},
		];
	}
	return status;
}

export interface OwnerStatusController {
	/** A pod owned by `owner` (its controller reference) changed or went away. */
	podChanged(namespace: string, owner: {kind: string; name: string; uid: string}): void;
}

export function createOwnerStatusController(rt: Runtime, cache: PodCache): OwnerStatusController {
	const sync = (key: string, namespace: string, name: string, uid: string, status: (owner: KubeObject, pods: KubeObject[]) => Record<string, unknown>) => {
		const pods = cache.ownedBy(uid).map(p => rt.get(K.pods, p.namespace, p.name)).filter((p): p is KubeObject => Boolean(p && !p.metadata.deletionTimestamp));
		rt.tryMutate(key, namespace, name, owner => {
			if (owner.metadata.uid === uid) owner.status = status(owner, pods);
		});
	};
	return {
		podChanged(namespace, owner) {
			if (owner.kind === 'DaemonSet' && rt.has(K.daemonsets)) rt.soon(`ds/${namespace}/${owner.name}`, () => sync(K.daemonsets, namespace, owner.name, owner.uid, (_, pods) => daemonSetStatus(pods)));
			else if (owner.kind === 'Job' && rt.has(K.jobs)) rt.soon(`job/${namespace}/${owner.name}`, () => sync(K.jobs, namespace, owner.name, owner.uid, jobStatus));
		},
	};
}
