// The Deployment controller: one ReplicaSet per pod template (named by pod-template-hash),
// rolling updates within maxSurge/maxUnavailable (rollout.ts) or Recreate, revision
// annotations, history cleanup, and a status exact enough for `kubectl rollout status`.
import type {KubeObject, OwnerRef} from '../../model/types.js';
import {isTerminal, type PodCache} from './cache.js';
import type {EventRecorder} from './events.js';
import {recreateStep, rollingUpdateStep, rolloutBounds} from './rollout.js';
import {fnv32a, isoTime, K, parseTime, safeEncode, type Runtime} from './runtime.js';

const REVISION = 'deployment.kubernetes.io/revision';
const HASH = 'pod-template-hash';

/** JSON with sorted keys, so equal templates hash equally whatever order their keys came in. */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
		entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

export function podTemplateHash(template: unknown, collisionCount = 0): string {
	let hash = fnv32a(stableJson(template));
	if (collisionCount) hash = fnv32a(String(collisionCount), hash);
	return safeEncode(String(hash));
}

interface Condition {
	type: string;
	status: string;
	reason: string;
	message: string;
	lastUpdateTime: string;
	lastTransitionTime: string;
}

export interface DeploymentSpec {
	replicas?: number;
	paused?: boolean;
	minReadySeconds?: number;
	progressDeadlineSeconds?: number;
	revisionHistoryLimit?: number;
	selector?: {matchLabels?: Record<string, string>; matchExpressions?: unknown[]};
	template?: {metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>}; spec?: unknown};
	strategy?: {type?: string; rollingUpdate?: {maxSurge?: number | string; maxUnavailable?: number | string}};
}

/** An ownerReference as controllers write it (apiVersion and blockOwnerDeletion go beyond the slim OwnerRef). */
export function controllerRef(apiVersion: string, kind: string, owner: KubeObject): OwnerRef {
	const ref: OwnerRef & {apiVersion: string; blockOwnerDeletion: boolean} = {apiVersion, kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true};
	return ref;
}

/** The ReplicaSet the controller creates for a template (scenarios use it to seed a rollout history). */
export function replicaSetFor(d: KubeObject, spec: DeploymentSpec, hash: string, revision: number): KubeObject {
	const template = structuredClone(spec.template ?? {}) as {metadata?: {labels?: Record<string, string>}};
	template.metadata = {...template.metadata, labels: {...(template.metadata?.labels ?? {}), [HASH]: hash}};
	const selector = structuredClone(spec.selector ?? {}) as {matchLabels?: Record<string, string>};
	selector.matchLabels = {...(selector.matchLabels ?? {}), [HASH]: hash};
	return {
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		metadata: {
			name: `${d.metadata.name}-${hash}`,
			namespace: d.metadata.namespace,
			uid: '',
			labels: {...(spec.template?.metadata?.labels ?? {}), [HASH]: hash},
			annotations: {
				'deployment.kubernetes.io/desired-replicas': String(spec.replicas ?? 1),
				'deployment.kubernetes.io/max-replicas': String((spec.replicas ?? 1) + rolloutBounds(spec.replicas ?? 1, spec.strategy?.rollingUpdate).maxSurge),
				[REVISION]: String(revision),
			},
			ownerReferences: [controllerRef('apps/v1', 'Deployment', d)],
		},
		spec: {replicas: 0, minReadySeconds: spec.minReadySeconds ?? 0, selector, template},
	};
}

export interface DeploymentController {
	reconcile(namespace: string, name: string): void;
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** The ReplicaSets a Deployment controls (by controller ownerReference uid). */
export type ReplicaSetLookup = (deployment: KubeObject) => KubeObject[];

export function createDeploymentController(rt: Runtime, cache: PodCache, record: EventRecorder, replicaSetsOf: ReplicaSetLookup): DeploymentController {
	const deadlineTimers = new Map<string, () => void>();

	function reconcile(namespace: string, name: string): void {
		const d = rt.get(K.deployments, namespace, name);
		if (!d || d.metadata.deletionTimestamp) return;
		const spec = (d.spec ?? {}) as DeploymentSpec;
		const desired = spec.replicas ?? 1;
		const involved = {kind: 'Deployment', apiVersion: 'apps/v1', namespace, name, uid: d.metadata.uid};
		const source = {component: 'deployment-controller'};
		const collisionCount = num((d.status as {collisionCount?: number} | undefined)?.collisionCount);
		const hash = podTemplateHash(spec.template, collisionCount);

		const owned = replicaSetsOf(d);
		const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
		const maxRevision = owned.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
		let newRS = owned.find(rs => rs.metadata.labels?.[HASH] === hash);
		let created = false;
		if (!newRS && !spec.paused) {
			newRS = rt.store.create(K.replicasets, replicaSetFor(d, spec, hash, maxRevision + 1));
			created = true;
		} else if (newRS && revisionOf(newRS) < maxRevision) {
			// Rolling back to an old template reuses its ReplicaSet under a new revision.
			newRS = rt.tryMutate(K.replicasets, namespace, newRS.metadata.name, rs => {
				(rs.metadata.annotations ??= {})[REVISION] = String(maxRevision + 1);
			});
		}
		const olds = owned.filter(rs => rs !== newRS && rs.metadata.uid !== newRS?.metadata.uid);
		olds.sort((a, b) => (parseTime(a.metadata.creationTimestamp) ?? 0) - (parseTime(b.metadata.creationTimestamp) ?? 0) || (a.metadata.name < b.metadata.name ? -1 : 1));

		const scale = (rs: KubeObject, to: number) => {
			const from = num(rs.spec?.replicas);
			if (from === to) return;
			rt.tryMutate(K.replicasets, namespace, rs.metadata.name, target => {
				target.spec = {...target.spec, replicas: to};
				const annotations = (target.metadata.annotations ??= {});
				annotations['deployment.kubernetes.io/desired-replicas'] = String(desired);
			});
			record(involved, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, source);
		};

		if (newRS && !spec.paused) {
			const state = (rs: KubeObject) => ({replicas: num(rs.spec?.replicas), available: num((rs.status as {availableReplicas?: number} | undefined)?.availableReplicas)});
			const decision =
				spec.strategy?.type === 'Recreate'
					? recreateStep(desired, state(newRS), olds.map(state), olds.reduce((n, rs) => n + cache.ownedBy(rs.metadata.uid).filter(p => !isTerminal(p.phase)).length, 0))
					: rollingUpdateStep(desired, rolloutBounds(desired, spec.strategy?.rollingUpdate), state(newRS), olds.map(state));
			if (decision.changed) {
				scale(newRS, decision.newReplicas);
				olds.forEach((rs, i) => scale(rs, decision.oldReplicas[i]!));
			}
		}
		cleanupHistory(olds, spec.revisionHistoryLimit ?? 10, namespace);
		writeStatus(d, spec, desired, newRS, olds, created);
	}

	function cleanupHistory(olds: KubeObject[], limit: number, namespace: string): void {
		const idle = olds.filter(rs => num(rs.spec?.replicas) === 0 && num((rs.status as {replicas?: number} | undefined)?.replicas) === 0);
		const excess = idle.length - limit;
		for (let i = 0; i < excess; i++) {
			if (rt.get(K.replicasets, namespace, idle[i]!.metadata.name)) rt.store.remove(K.replicasets, namespace, idle[i]!.metadata.name);
		}
	}

	function writeStatus(d: KubeObject, spec: DeploymentSpec, desired: number, newRS: KubeObject | undefined, olds: KubeObject[], created: boolean): void {
		const namespace = d.metadata.namespace ?? 'default';
		const key = `${namespace}/${d.metadata.name}`;
		const all = newRS ? [newRS, ...olds] : olds;
		const st = (rs: KubeObject) => (rs.status ?? {}) as {replicas?: number; readyReplicas?: number; availableReplicas?: number};
		const specTotal = all.reduce((n, rs) => n + num(rs.spec?.replicas), 0);
		const replicas = all.reduce((n, rs) => n + num(st(rs).replicas), 0);
		const updated = newRS ? num(st(newRS).replicas) : 0;
		const ready = all.reduce((n, rs) => n + num(st(rs).readyReplicas), 0);
		const available = all.reduce((n, rs) => n + num(st(rs).availableReplicas), 0);
		const {maxUnavailable} = rolloutBounds(desired, spec.strategy?.rollingUpdate);
		const generation = d.metadata.generation ?? 1;
		const complete = updated === desired && replicas === desired && available === desired && (newRS ? num(newRS.spec?.replicas) === desired : desired === 0);
		const now = rt.now();
		// Seeding a backdated Deployment: its conditions changed when its ReplicaSet rolled out, not now.
		const rolledOut = rt.seeding ? parseTime(newRS?.metadata.creationTimestamp) : undefined;
		const stamp = isoTime(rolledOut === undefined ? now : Math.min(now, rolledOut + 30_000));
		const rsName = newRS?.metadata.name ?? '';

		rt.tryMutate(K.deployments, namespace, d.metadata.name, target => {
			if (target.metadata.uid !== d.metadata.uid) return;
			if (newRS) (target.metadata.annotations ??= {})[REVISION] = newRS.metadata.annotations?.[REVISION] ?? '1';
			const previous = (target.status ?? {}) as {updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number; replicas?: number; conditions?: Condition[]; collisionCount?: number; observedGeneration?: number};
			const conditions = [...(previous.conditions ?? [])];
			const put = (type: string, status: string, reason: string, message: string, touch: boolean) => {
				const index = conditions.findIndex(c => c.type === type);
				const old = index >= 0 ? conditions[index] : undefined;
				if (old && old.status === status && old.reason === reason && old.message === message && !touch) return;
				const next: Condition = {type, status, reason, message, lastUpdateTime: stamp, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : stamp};
				if (index >= 0) conditions[index] = next;
				else conditions.push(next);
			};
			if (available >= desired - maxUnavailable) put('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', false);
			else put('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', false);

			const progressing = conditions.find(c => c.type === 'Progressing');
			const advanced =
				created ||
				previous.observedGeneration !== generation ||
				updated > num(previous.updatedReplicas) ||
				ready > num(previous.readyReplicas) ||
				available > num(previous.availableReplicas) ||
				replicas - updated < num(previous.replicas) - num(previous.updatedReplicas);
			const deadline = (spec.progressDeadlineSeconds ?? 600) * 1000;
			if (spec.paused) put('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', false);
			else if (complete) put('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, false);
			else if (created) put('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`, true);
			else if (advanced || !progressing || progressing.reason === 'NewReplicaSetAvailable' || progressing.reason === 'DeploymentPaused') put('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, true);
			else if (progressing.reason !== 'ProgressDeadlineExceeded') {
				const since = parseTime(progressing.lastUpdateTime) ?? now;
				if (now - since >= deadline / rt.speed) put('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, false);
			}
			const status: Record<string, unknown> = {
				observedGeneration: generation,
				replicas,
				updatedReplicas: updated,
				readyReplicas: ready,
				availableReplicas: available,
				unavailableReplicas: Math.max(0, specTotal - available),
				conditions,
			};
			if (previous.collisionCount) status.collisionCount = previous.collisionCount;
			for (const field of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (status[field] === 0) delete status[field];
			target.status = status;
		});

		// No event will say "the deadline passed": look again when it would.
		deadlineTimers.get(key)?.();
		deadlineTimers.delete(key);
		if (!complete && !spec.paused) {
			const deadline = (spec.progressDeadlineSeconds ?? 600) * 1000;
			deadlineTimers.set(key, rt.after(deadline + 1000, () => {
				deadlineTimers.delete(key);
				rt.soon(`deploy/${key}`, () => reconcile(namespace, d.metadata.name));
			}));
		}
	}

	return {reconcile};
}
