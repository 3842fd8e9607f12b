// DELETE and eviction. Pods on a node are deleted gracefully (the world's kubelet finishes
// the job after the grace period); finalizers hold any object; the rest go at once.
import type {KubeObject} from '../../model/types.js';
import {ApiError, type ResourceType} from '../contracts.js';
import type {SimStore} from '../store.js';
import {resourceKey} from './resources.js';
import {labelsMatch, parseLabelSelector} from './selectors.js';
import {badRequest, successStatus} from './status.js';

export interface DeleteOptions {
	gracePeriodSeconds?: number;
	propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
	preconditions?: {uid?: string; resourceVersion?: string};
	dryRun?: string[];
}

export function deleteOptionsFrom(query: URLSearchParams, body: unknown): DeleteOptions {
	const options: DeleteOptions = body && typeof body === 'object' ? {...(body as DeleteOptions)} : {};
	const grace = query.get('gracePeriodSeconds');
	if (grace !== null && grace !== '') options.gracePeriodSeconds = Number(grace);
	const propagation = query.get('propagationPolicy');
	if (propagation) options.propagationPolicy = propagation as DeleteOptions['propagationPolicy'];
	if ((body as {orphanDependents?: boolean} | undefined)?.orphanDependents === true) options.propagationPolicy ??= 'Orphan';
	if (options.gracePeriodSeconds !== undefined && (!Number.isInteger(options.gracePeriodSeconds) || options.gracePeriodSeconds < 0)) {
		throw badRequest(`gracePeriodSeconds: Invalid value: ${options.gracePeriodSeconds}: must be a non-negative integer`);
	}
	if (options.propagationPolicy && !['Orphan', 'Background', 'Foreground'].includes(options.propagationPolicy)) {
		throw new ApiError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${options.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
	}
	return options;
}

const terminalPhases = new Set(['Succeeded', 'Failed']);

/**
 * Deletes per the contract. Returns what the real server answers: the object (pods, and
 * anything not yet gone) or a Success Status naming what was deleted.
 */
export function deleteObject(store: SimStore, type: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions): unknown {
	const key = resourceKey(type);
	const record = store.record(key, namespace, name);
	if (!record) store.remove(key, namespace, name); // throws the right 404
	const current = record!.object;
	if (options.preconditions?.uid && options.preconditions.uid !== current.metadata.uid) {
		throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${type.resource} "${name}": Precondition failed: UID in precondition: ${options.preconditions.uid}, UID in object meta: ${current.metadata.uid}`);
	}
	if (options.preconditions?.resourceVersion && options.preconditions.resourceVersion !== current.metadata.resourceVersion) {
		throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${type.resource} "${name}": Precondition failed: ResourceVersion in precondition: ${options.preconditions.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
	}
	if (options.dryRun?.length) return JSON.parse(record!.json) as unknown;
	if (options.propagationPolicy === 'Orphan') orphanDependents(store, current);

	if (key === 'namespaces') return deleteNamespace(store, name);

	const hasFinalizers = (current.metadata.finalizers?.length ?? 0) > 0;
	if (key === 'pods') {
		const spec = current.spec as {nodeName?: string; terminationGracePeriodSeconds?: number} | undefined;
		const phase = (current.status as {phase?: string} | undefined)?.phase ?? '';
		let grace = options.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
		if (!spec?.nodeName || terminalPhases.has(phase)) grace = 0;
		const already = current.metadata.deletionGracePeriodSeconds;
		if (grace > 0 || hasFinalizers) {
			// A repeated delete may only shorten the grace period, as on a real server.
			if (already !== undefined && already <= grace && current.metadata.deletionTimestamp) return JSON.parse(record!.json) as unknown;
			return store.mutate(key, namespace, name, pod => {
				pod.metadata.deletionTimestamp = timestamp(Date.now() + grace * 1000);
				pod.metadata.deletionGracePeriodSeconds = grace;
			});
		}
		return store.remove(key, namespace, name);
	}
	if (hasFinalizers) {
		if (current.metadata.deletionTimestamp) return JSON.parse(record!.json) as unknown;
		return store.mutate(key, namespace, name, object => {
			object.metadata.deletionTimestamp = timestamp(Date.now());
			object.metadata.deletionGracePeriodSeconds = 0;
		});
	}
	const removed = store.remove(key, namespace, name);
	return successStatus(200, {name, group: type.group, kind: type.resource, uid: removed.metadata.uid});
}

function deleteNamespace(store: SimStore, name: string): unknown {
	const terminating = store.mutate('namespaces', undefined, name, ns => {
		ns.metadata.deletionTimestamp ??= timestamp(Date.now());
		ns.metadata.deletionGracePeriodSeconds = 0;
		ns.status = {...ns.status, phase: 'Terminating'};
	});
	// The namespace controller's work, done promptly: contents first, then the namespace.
	setImmediate(() => {
		for (const type of store.types()) {
			if (!type.namespaced) continue;
			const key = resourceKey(type);
			for (const record of store.records(key, name)) {
				try {
					store.remove(key, name, record.object.metadata.name);
				} catch {
					// Already gone (the world may have removed it meanwhile).
				}
			}
		}
		if (store.record('namespaces', undefined, name)) store.remove('namespaces', undefined, name);
	});
	return terminating;
}

function orphanDependents(store: SimStore, owner: KubeObject): void {
	const uid = owner.metadata.uid;
	for (const type of store.types()) {
		if (type.namespaced !== Boolean(owner.metadata.namespace) && type.namespaced) continue;
		const key = resourceKey(type);
		for (const record of store.records(key, owner.metadata.namespace)) {
			if (!record.object.metadata.ownerReferences?.some(r => r.uid === uid)) continue;
			store.mutate(key, record.object.metadata.namespace, record.object.metadata.name, o => {
				o.metadata.ownerReferences = o.metadata.ownerReferences?.filter(r => r.uid !== uid);
				if (o.metadata.ownerReferences?.length === 0) delete o.metadata.ownerReferences;
			});
		}
	}
}

function timestamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function isReady(pod: KubeObject): boolean {
	const conditions = (pod.status as {conditions?: Array<{type?: string; status?: string}>} | undefined)?.conditions ?? [];
	return !pod.metadata.deletionTimestamp && conditions.some(c => c.type === 'Ready' && c.status === 'True');
}

/** minAvailable / maxUnavailable as an absolute count of `expected` (percentages round up). */
function scaled(value: unknown, expected: number): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.endsWith('%')) return Math.ceil((Number(value.slice(0, -1)) * expected) / 100);
	return Number(value ?? 0);
}

/** POST pods/NAME/eviction: refuses with 429 when a matching PodDisruptionBudget has no room. */
export function evictPod(store: SimStore, podType: ResourceType, namespace: string, name: string, body: unknown): unknown {
	const pod = store.record('pods', namespace, name)?.object;
	if (!pod) store.remove('pods', namespace, name); // 404
	const eviction = (body ?? {}) as {metadata?: {name?: string}; deleteOptions?: DeleteOptions};
	if (eviction.metadata?.name && eviction.metadata.name !== name) throw badRequest(`name in URL does not match name in Eviction object`);
	if (pod!.metadata.deletionTimestamp || !isReady(pod!)) {
		// Terminating or unhealthy pods do not count against a budget.
	} else {
		for (const pdb of store.records('poddisruptionbudgets.policy', namespace)) {
			const spec = (pdb.object.spec ?? {}) as {selector?: {matchLabels?: Record<string, string>}; minAvailable?: unknown; maxUnavailable?: unknown};
			const selector = spec.selector?.matchLabels ?? {};
			const requirements = parseLabelSelector(Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(','));
			if (requirements.length === 0 || !labelsMatch(requirements, pod!.metadata.labels)) continue;
			const matching = store.records('pods', namespace).filter(r => labelsMatch(requirements, r.labels) && !terminalPhases.has((r.object.status as {phase?: string} | undefined)?.phase ?? ''));
			const expected = matching.length;
			const healthy = matching.filter(r => isReady(r.object)).length;
			const desired = spec.minAvailable !== undefined ? scaled(spec.minAvailable, expected) : expected - scaled(spec.maxUnavailable ?? 0, expected);
			if (healthy - 1 < desired) {
				throw new ApiError(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
					causes: [{reason: 'DisruptionBudget', message: `The disruption budget ${pdb.object.metadata.name} needs ${desired} healthy pods and has ${healthy} currently`}],
				});
			}
		}
	}
	deleteObject(store, podType, namespace, name, eviction.deleteOptions ?? {});
	return successStatus(201);
}
