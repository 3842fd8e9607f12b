// The ReplicaSet controller: keeps spec.replicas active pods (creating from the template,
// deleting the least valuable first, as pkg/controller/replicaset ranks them) and publishes
// status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration).
import type {KubeObject} from '../../model/types.js';
import {isTerminal, type PodCache, type PodInfo} from './cache.js';
import type {EventRecorder} from './events.js';
import {deletePod} from './gc.js';
import {K, type Runtime} from './runtime.js';
import {controllerRef} from './deployment.js';

// Real controllers create at most this many pods per sync (slow start batches); the rest follow.
const BURST = 500;

/** Deletion preference, lower goes first: unscheduled, pending, not ready, recently ready, newest. */
export function deletionOrder(a: PodInfo, b: PodInfo): number {
	if (a.scheduled !== b.scheduled) return a.scheduled ? 1 : -1;
	const phaseRank = (p: PodInfo) => (p.phase === 'Pending' ? 0 : p.phase === 'Unknown' ? 1 : 2);
	if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
	if (a.ready !== b.ready) return a.ready ? 1 : -1;
	if (a.ready && b.ready && a.readySince !== b.readySince) return (b.readySince ?? 0) - (a.readySince ?? 0);
	if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function isAvailable(pod: PodInfo, minReadySeconds: number, now: number, speed: number): boolean {
	if (!pod.ready) return false;
	if (minReadySeconds <= 0) return true;
	return pod.readySince !== undefined && now - pod.readySince >= (minReadySeconds * 1000) / speed;
}

const DEFAULT_TOLERATIONS = [
	{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
	{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
];

/** A pod from a template, with the defaults the API server would fill in. */
export function podFromTemplate(owner: KubeObject, name: string): KubeObject {
	const template = ((owner.spec?.template ?? {}) as {metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>}; spec?: Record<string, unknown>});
	const spec = structuredClone(template.spec ?? {}) as Record<string, unknown> & {containers?: Array<Record<string, unknown>>; tolerations?: unknown[]};
	spec.restartPolicy ??= 'Always';
	spec.terminationGracePeriodSeconds ??= 30;
	spec.dnsPolicy ??= 'ClusterFirst';
	spec.schedulerName ??= 'default-scheduler';
	spec.serviceAccountName ??= 'default';
	spec.enableServiceLinks ??= true;
	spec.tolerations = [...(spec.tolerations ?? []), ...DEFAULT_TOLERATIONS];
	for (const container of spec.containers ?? []) {
		const image = String(container.image ?? '');
		container.imagePullPolicy ??= image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent';
		container.terminationMessagePath ??= '/dev/termination-log';
		container.terminationMessagePolicy ??= 'File';
	}
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			namespace: owner.metadata.namespace,
			uid: '',
			labels: {...(template.metadata?.labels ?? {})},
			...(template.metadata?.annotations ? {annotations: {...template.metadata.annotations}} : {}),
			ownerReferences: [controllerRef(owner.apiVersion ?? 'apps/v1', owner.kind ?? 'ReplicaSet', owner)],
		},
		spec,
		status: {phase: 'Pending'},
	};
}

export interface ReplicaSetController {
	reconcile(namespace: string, name: string): void;
}

export function createReplicaSetController(rt: Runtime, cache: PodCache, record: EventRecorder): ReplicaSetController {
	const rechecks = new Set<string>();
	function reconcile(namespace: string, name: string): void {
		const rs = rt.get(K.replicasets, namespace, name);
		if (!rs || rs.metadata.deletionTimestamp) return;
		const spec = (rs.spec ?? {}) as {replicas?: number; minReadySeconds?: number; template?: {metadata?: {labels?: Record<string, string>}}};
		const desired = spec.replicas ?? 1;
		const active = cache.ownedBy(rs.metadata.uid).filter(pod => !pod.deleting && !isTerminal(pod.phase));
		const involved = {kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace, name, uid: rs.metadata.uid};
		const source = {component: 'replicaset-controller'};

		if (active.length < desired) {
			const count = Math.min(desired - active.length, BURST);
			for (let i = 0; i < count; i++) {
				let created: KubeObject | undefined;
				for (let attempt = 0; attempt < 5 && !created; attempt++) {
					try {
						created = rt.store.create(K.pods, podFromTemplate(rs, `${name}-${rt.suffix(5)}`));
					} catch (error) {
						if ((error as {code?: number}).code !== 409) throw error;
					}
				}
				if (created) record(involved, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, source);
			}
			if (desired - active.length > BURST) rt.soon(`rs/${namespace}/${name}`, () => reconcile(namespace, name));
		} else if (active.length > desired) {
			const victims = [...active].sort(deletionOrder).slice(0, active.length - desired);
			for (const victim of victims) {
				const pod = rt.get(K.pods, victim.namespace, victim.name);
				if (!pod) continue;
				deletePod(rt, pod);
				record(involved, 'Normal', 'SuccessfulDelete', `Deleted pod: ${victim.name}`, source);
			}
		}

		const current = cache.ownedBy(rs.metadata.uid).filter(pod => !pod.deleting && !isTerminal(pod.phase));
		const now = rt.now();
		const minReady = spec.minReadySeconds ?? 0;
		const templateLabels = Object.entries(spec.template?.metadata?.labels ?? {});
		const ready = current.filter(pod => pod.ready).length;
		const available = current.filter(pod => isAvailable(pod, minReady, now, rt.speed)).length;
		// Ready pods waiting out minReadySeconds become available without any event: look again then.
		const key = `${namespace}/${name}`;
		if (available < ready && !rechecks.has(key)) {
			rechecks.add(key);
			rt.after(minReady * 1000 + 50, () => {
				rechecks.delete(key);
				rt.soon(`rs/${key}`, () => reconcile(namespace, name));
			});
		}
		rt.tryMutate(K.replicasets, namespace, name, target => {
			if (target.metadata.uid !== rs.metadata.uid) return;
			const status: Record<string, unknown> = {
				replicas: current.length,
				fullyLabeledReplicas: current.filter(pod => templateLabels.every(([k, v]) => pod.labels[k] === v)).length,
				readyReplicas: ready,
				availableReplicas: available,
				observedGeneration: target.metadata.generation ?? 1,
			};
			// The API omits zero counts (omitempty); kubectl and clients treat absent as 0.
			for (const key of ['readyReplicas', 'availableReplicas', 'fullyLabeledReplicas']) if (status[key] === 0) delete status[key];
			target.status = status;
		});
	}

	return {reconcile};
}
