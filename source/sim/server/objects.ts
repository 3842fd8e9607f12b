// Create, update and patch for main resources and their status/scale subresources.
import {randomUUID} from 'node:crypto';
import type {KubeObject} from '../../model/types.js';
import {ApiError, type ResourceType} from '../contracts.js';
import type {SimStore} from '../store.js';
import {conflict} from './storeErrors.js';
import {applyDefaults, validate} from './validation.js';
import {applyPatch, type PatchType} from './patch.js';
import {apiVersionOf, resourceKey} from './resources.js';
import {badRequest, invalid} from './status.js';
import {recordUpdate} from './managedFields.js';
import {isoTime} from '../time.js';

export type Subresource = 'status' | 'scale' | undefined;

/** Records in next.metadata.managedFields what `manager` changed, as an Update (managedFields.ts). */
function trackOwnership(type: ResourceType, current: KubeObject | undefined, next: KubeObject, manager: string, sub: Subresource): void {
	(next.metadata as {managedFields?: unknown}).managedFields = recordUpdate(current, next, manager, apiVersionOf(type), isoTime(Date.now()), sub, sub === 'status');
}

function asObject(body: unknown): KubeObject {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request must be a JSON object');
	const object = body as KubeObject;
	object.metadata ??= {} as KubeObject['metadata'];
	return object;
}

function ensureNamespace(store: SimStore, namespace: string | undefined): void {
	if (namespace === undefined) return;
	const ns = store.record('namespaces', undefined, namespace);
	if (!ns) throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, {name: namespace, kind: 'namespaces'});
	if (ns.object.metadata.deletionTimestamp) {
		throw new ApiError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`);
	}
}

/** What a dry-run write answers: the object as it would be stored, with nothing written. */
function preview(type: ResourceType, current: KubeObject | undefined, next: KubeObject): KubeObject {
	if (current?.metadata.resourceVersion && next.metadata.resourceVersion && next.metadata.resourceVersion !== current.metadata.resourceVersion) {
		throw conflict(type, current.metadata.name);
	}
	const meta = {...next.metadata, uid: current?.metadata.uid ?? randomUUID(), creationTimestamp: current?.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')};
	if (current?.metadata.resourceVersion) meta.resourceVersion = current.metadata.resourceVersion;
	return {...next, apiVersion: apiVersionOf(type), kind: type.kind, metadata: meta};
}

export function createObject(store: SimStore, type: ResourceType, namespace: string | undefined, body: unknown, dryRun = false, manager?: string): KubeObject {
	const object = asObject(body);
	if (manager !== undefined) trackOwnership(type, undefined, object, manager, undefined);
	if (type.namespaced) {
		if (object.metadata.namespace && object.metadata.namespace !== namespace) {
			throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
		}
		object.metadata.namespace = namespace;
		ensureNamespace(store, namespace);
	}
	delete object.metadata.deletionTimestamp;
	delete object.metadata.deletionGracePeriodSeconds;
	delete object.metadata.creationTimestamp; // the server's clock decides, as on a real cluster
	applyDefaults(store, type, object);
	validate(type, object, (object.metadata as {generateName?: string}).generateName);
	if (dryRun) {
		if (object.metadata.name && store.record(resourceKey(type), namespace, object.metadata.name)) store.create(resourceKey(type), object); // the real AlreadyExists
		return preview(type, undefined, object);
	}
	return store.create(resourceKey(type), object);
}

/** Spec writes ignore status and status writes ignore everything else, as with real subresources. */
function merged(type: ResourceType, current: KubeObject, incoming: KubeObject, sub: Subresource): KubeObject {
	if (!type.subresources?.includes('status')) return incoming;
	if (sub === 'status') return {...current, status: incoming.status};
	const result = {...incoming};
	if (current.status === undefined) delete result.status;
	else result.status = current.status;
	return result;
}

export function updateObject(store: SimStore, type: ResourceType, namespace: string | undefined, name: string, body: unknown, sub: Subresource, dryRun = false, manager?: string): KubeObject {
	const key = resourceKey(type);
	const incoming = asObject(body);
	if (incoming.metadata.name && incoming.metadata.name !== name) throw badRequest(`the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name})`);
	const current = store.get(key, namespace, name);
	// Built-in kinds do not create on PUT: a missing object is a 404, as on a real server.
	if (!current) store.remove(key, namespace, name);
	if (!current) throw new Error('unreachable');
	if (sub === 'scale') return writeScale(store, type, current, incoming, dryRun, manager);
	const next = merged(type, current, incoming, sub);
	next.metadata = {...incoming.metadata, name, namespace: current.metadata.namespace} as KubeObject['metadata'];
	if (sub === 'status') next.metadata = {...current.metadata, resourceVersion: incoming.metadata.resourceVersion};
	if (manager !== undefined) trackOwnership(type, current, next, manager, sub);
	validate(type, next);
	return dryRun ? preview(type, current, next) : store.update(key, next);
}

export function patchObject(store: SimStore, type: ResourceType, namespace: string | undefined, name: string, patchType: PatchType, patch: unknown, sub: Subresource, dryRun = false, manager?: string): KubeObject {
	const key = resourceKey(type);
	const current = store.get(key, namespace, name);
	if (!current) store.remove(key, namespace, name); // 404
	if (sub === 'scale') {
		const patched = applyPatch(patchType, scaleOf(type, current!), patch) as unknown as KubeObject;
		return writeScale(store, type, current!, patched, dryRun, manager);
	}
	const patched = applyPatch(patchType, current, patch) as unknown as KubeObject;
	if (!patched || typeof patched !== 'object') throw badRequest('the patch did not produce an object');
	patched.metadata ??= {} as KubeObject['metadata'];
	const next = merged(type, current!, patched, sub);
	// A patch cannot rename or move an object.
	next.metadata = {...next.metadata, name: current!.metadata.name, namespace: current!.metadata.namespace} as KubeObject['metadata'];
	if (sub === 'status') next.metadata = {...current!.metadata, resourceVersion: patched.metadata.resourceVersion};
	// A patch carrying a stale resourceVersion conflicts; one without it applies to the latest.
	if (patched.metadata.resourceVersion === current!.metadata.resourceVersion) delete next.metadata.resourceVersion;
	if (manager !== undefined) trackOwnership(type, current, next, manager, sub);
	validate(type, next);
	return dryRun ? preview(type, current!, next) : store.update(key, next);
}

/** autoscaling/v1 Scale view of a deployment or replica set. */
export function scaleOf(type: ResourceType, object: KubeObject): KubeObject {
	const spec = (object.spec ?? {}) as {replicas?: number; selector?: {matchLabels?: Record<string, string>}};
	const status = (object.status ?? {}) as {replicas?: number};
	const selector = Object.entries(spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
	const {name, namespace, uid, resourceVersion, creationTimestamp} = object.metadata;
	return {
		kind: 'Scale',
		apiVersion: 'autoscaling/v1',
		metadata: {name, namespace, uid, resourceVersion, creationTimestamp},
		spec: {replicas: spec.replicas ?? 0},
		status: {replicas: status.replicas ?? 0, selector},
	};
}

function writeScale(store: SimStore, type: ResourceType, current: KubeObject, scale: KubeObject, dryRun: boolean, manager?: string): KubeObject {
	const name = current.metadata.name;
	const replicas = (scale.spec as {replicas?: unknown} | undefined)?.replicas;
	if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
		throw invalid('Scale', 'autoscaling', name, 'spec.replicas', `Invalid value: ${JSON.stringify(replicas ?? null)}: must be an integer`);
	}
	if (replicas < 0) throw invalid('Scale', 'autoscaling', name, 'spec.replicas', `Invalid value: ${replicas}: must be greater than or equal to 0`);
	const rv = scale.metadata?.resourceVersion;
	if (rv && rv !== current.metadata.resourceVersion) throw conflict(type, name);
	if (dryRun) return scaleOf(type, {...current, spec: {...current.spec, replicas}});
	const updated = store.mutate(resourceKey(type), current.metadata.namespace, name, object => {
		object.spec = {...object.spec, replicas};
		if (manager !== undefined) trackOwnership(type, current, object, manager, 'scale');
	});
	return scaleOf(type, updated);
}
