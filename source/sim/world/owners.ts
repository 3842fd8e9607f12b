// DaemonSets and Jobs, simply: a DaemonSet keeps one pod on every node its template selects
// and tolerates (a killed kube-proxy comes back, on the same node); both publish status
// recomputed from the pods they own, so `kubectl get ds,jobs` and kubedeck's owner links show
// counts that agree with the pods. (Jobs create no pods: the scenarios seed them; StatefulSets
// too, and their status comes from statefulset.ts.)
import type {KubeObject} from '../../model/types.js';
import {isTerminal, type PodCache} from './cache.js';
import {FAULT_ANNOTATION} from './faults.js';
import {podFromTemplate} from './replicaset.js';
import {tolerates, type Taint, type Toleration} from './scheduler.js';
import {K, type Runtime} from './runtime.js';
import {statefulSetStatus} from './statefulset.js';

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
	podChanged(namespace: string, owner: {kind: string; name: string; uid: string}, gone?: KubeObject): void;
	/** A DaemonSet was created or changed, or the set of nodes changed (namespace undefined: every DaemonSet). */
	daemonSetChanged(namespace?: string, name?: string): void;
}

/** Whether a DaemonSet's pod belongs on this node: its nodeSelector matches and it tolerates the node's taints. */
export function daemonSetWantsNode(ds: KubeObject, node: KubeObject): boolean {
	const spec = ((ds.spec?.template as {spec?: {nodeSelector?: Record<string, string>; tolerations?: Toleration[]}} | undefined)?.spec ?? {});
	const labels = node.metadata.labels ?? {};
	if (Object.entries(spec.nodeSelector ?? {}).some(([k, v]) => labels[k] !== v)) return false;
	const taints = ((node.spec as {taints?: Taint[]} | undefined)?.taints ?? []).filter(t => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
	return taints.every(taint => (spec.tolerations ?? []).some(t => tolerates(t, taint)));
}

export function createOwnerStatusController(rt: Runtime, cache: PodCache): OwnerStatusController {
	const sync = (key: string, namespace: string, name: string, uid: string, status: (owner: KubeObject, pods: KubeObject[]) => Record<string, unknown>) => {
		const pods = cache.ownedBy(uid).map(p => rt.get(K.pods, p.namespace, p.name)).filter((p): p is KubeObject => Boolean(p && !p.metadata.deletionTimestamp));
		rt.tryMutate(key, namespace, name, owner => {
			if (owner.metadata.uid === uid) owner.status = status(owner, pods);
		});
	};
	// Faults annotated on a DaemonSet pod model the node's hardware: its replacement inherits them.
	const inherited = new Map<string, string>();

	function reconcileDaemonSet(namespace: string, name: string): void {
		const ds = rt.get(K.daemonsets, namespace, name);
		if (!ds || ds.metadata.deletionTimestamp) return;
		const covered = new Set(cache.ownedBy(ds.metadata.uid).filter(p => !p.deleting && !isTerminal(p.phase) && p.nodeName).map(p => p.nodeName!));
		for (const node of rt.store.list(K.nodes)) {
			if (covered.has(node.metadata.name) || !daemonSetWantsNode(ds, node)) continue;
			const pod = podFromTemplate(ds, `${name}-${rt.suffix(5)}`);
			(pod.spec as {nodeName?: string}).nodeName = node.metadata.name;
			pod.metadata.labels = {...pod.metadata.labels, 'pod-template-generation': String(ds.metadata.generation ?? 1)};
			const fault = inherited.get(`${ds.metadata.uid}/${node.metadata.name}`);
			if (fault) pod.metadata.annotations = {...pod.metadata.annotations, [FAULT_ANNOTATION]: fault};
			try {
				rt.store.create(K.pods, pod);
			} catch (error) {
				if ((error as {code?: number}).code !== 409) throw error;
			}
		}
		sync(K.daemonsets, namespace, name, ds.metadata.uid, (_, pods) => daemonSetStatus(pods));
	}

	const daemonSet = (namespace: string, name: string) => rt.soon(`ds/${namespace}/${name}`, () => reconcileDaemonSet(namespace, name));
	return {
		podChanged(namespace, owner, gone) {
			if (owner.kind === 'DaemonSet' && rt.has(K.daemonsets)) {
				const node = (gone?.spec as {nodeName?: string} | undefined)?.nodeName;
				const fault = gone?.metadata.annotations?.[FAULT_ANNOTATION];
				if (node && fault) inherited.set(`${owner.uid}/${node}`, fault);
				daemonSet(namespace, owner.name);
			} else if (owner.kind === 'Job' && rt.has(K.jobs)) rt.soon(`job/${namespace}/${owner.name}`, () => sync(K.jobs, namespace, owner.name, owner.uid, jobStatus));
			else if (owner.kind === 'StatefulSet' && rt.has(K.statefulsets)) rt.soon(`sts/${namespace}/${owner.name}`, () => sync(K.statefulsets, namespace, owner.name, owner.uid, statefulSetStatus));
		},
		daemonSetChanged(namespace, name) {
			if (!rt.has(K.daemonsets)) return;
			if (namespace !== undefined && name !== undefined) return daemonSet(namespace, name);
			for (const ds of rt.store.list(K.daemonsets)) daemonSet(ds.metadata.namespace ?? 'default', ds.metadata.name);
		},
	};
}
