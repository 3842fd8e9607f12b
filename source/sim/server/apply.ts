// Server-side apply (PATCH with application/apply-patch+yaml): the sent configuration is merged
// into the live object (or creates it), field ownership is recorded per manager, and a field
// another manager owns with a different value is a 409 Conflict naming the field and the
// manager, exactly as kube-apiserver words it — unless force=true, which takes the field over.
import type {KubeObject} from '../../model/types.js';
import {ApiError, type ResourceType} from '../contracts.js';
import type {SimStore} from '../store.js';
import {conflict} from './storeErrors.js';
import {isoTime} from '../time.js';
import {createObject} from './objects.js';
import {strategicMergePatch} from './patch.js';
import {apiVersionOf, resourceKey} from './resources.js';
import {badRequest} from './status.js';
import {validate} from './validation.js';
import {
	deleteAt,
	describeManager,
	entriesOf,
	entry,
	fieldSetOf,
	fromFieldsV1,
	isItemPath,
	overlaps,
	ownable,
	printPath,
	sameManager,
	valueAt,
	type FieldSet,
	type ManagedFieldsEntry,
} from './managedFields.js';

export interface ApplyOptions {
	manager: string;
	force: boolean;
	dryRun: boolean;
}

interface Conflict {
	owner: ManagedFieldsEntry;
	path: string;
}

type JsonObject = Record<string, unknown>;

/** The body must name this endpoint's type and object, as the real server insists. */
function checkIdentity(type: ResourceType, namespace: string | undefined, name: string, config: KubeObject): void {
	const [group, version] = typeof config.apiVersion === 'string' && config.apiVersion.includes('/') ? config.apiVersion.split('/') : ['', config.apiVersion ?? ''];
	if (group !== type.group || version !== type.version || config.kind !== type.kind) {
		throw badRequest(`invalid object type: ${group}/${version}, Kind=${config.kind ?? ''}`);
	}
	const sentName = config.metadata?.name;
	if (sentName !== name) throw badRequest(`the name of the object (${sentName ?? ''}) does not match the name on the URL (${name})`);
	if (type.namespaced && config.metadata.namespace && config.metadata.namespace !== namespace) {
		throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
	}
}

export function conflictError(conflicts: Conflict[]): ApiError {
	const causes = conflicts.map(c => ({reason: 'FieldManagerConflict', message: `conflict with ${describeManager(c.owner)}`, field: printPath(c.path)}));
	if (conflicts.length === 1) return new ApiError(409, 'Conflict', `Apply failed with 1 conflict: ${causes[0]!.message}: ${causes[0]!.field}`, {causes});
	const byManager = new Map<string, string[]>();
	for (const c of conflicts) byManager.set(describeManager(c.owner), [...(byManager.get(describeManager(c.owner)) ?? []), printPath(c.path)]);
	const lines: string[] = [];
	for (const manager of [...byManager.keys()].sort()) lines.push(`conflicts with ${manager}:`, ...byManager.get(manager)!.map(p => `- ${p}`));
	return new ApiError(409, 'Conflict', `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`, {causes});
}

export function applyObject(store: SimStore, type: ResourceType, namespace: string | undefined, name: string, config: KubeObject, options: ApplyOptions): KubeObject {
	if (!options.manager) {
		throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', {
			group: 'meta.k8s.io',
			kind: 'PatchOptions',
			causes: [{reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager'}],
		});
	}
	if (!config || typeof config !== 'object' || Array.isArray(config)) throw badRequest('the body of the request must be an object');
	config.metadata ??= {} as KubeObject['metadata'];
	checkIdentity(type, namespace, name, config);
	const withStatus = !type.subresources?.includes('status');
	const applied = fieldSetOf(ownable(config, withStatus) as never);
	const apiVersion = apiVersionOf(type);
	const now = isoTime(Date.now());
	const key = resourceKey(type);
	const live = store.get(key, namespace, name);
	const me = {manager: options.manager, operation: 'Apply' as const};

	if (!live) {
		const body = JSON.parse(JSON.stringify(config)) as KubeObject;
		if (!withStatus) delete body.status;
		(body.metadata as {managedFields?: unknown}).managedFields = [entry(options.manager, 'Apply', apiVersion, applied, now)].filter(Boolean);
		return createObject(store, type, namespace, body, options.dryRun);
	}
	const sentVersion = config.metadata.resourceVersion;
	if (sentVersion && sentVersion !== live.metadata.resourceVersion) throw conflict(type, name);

	const patch = JSON.parse(JSON.stringify(config)) as KubeObject;
	const patchMeta = patch.metadata as unknown as JsonObject;
	for (const f of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation']) delete patchMeta[f];
	if (!withStatus) delete patch.status;
	const next = strategicMergePatch(live, patch) as unknown as KubeObject;

	const entries = entriesOf(live);
	const mine = entries.find(e => sameManager(e, me));
	const others = entries.filter(e => e !== mine);
	const ownedBy = new Map(others.map(e => [e, fromFieldsV1(e.fieldsV1)] as const));

	// Fields this manager applied before and no longer sends are removed, unless someone else owns them.
	const dropped = mine ? [...fromFieldsV1(mine.fieldsV1)].filter(p => !applied.has(p)) : [];
	for (const path of dropped) if (![...ownedBy.values()].some(set => overlaps(set, path))) deleteAt(next as unknown as never, path);

	const conflicts: Conflict[] = [];
	for (const path of applied) {
		if (isItemPath(path)) continue;
		if (JSON.stringify(valueAt(live, path)) === JSON.stringify(valueAt(next, path))) continue;
		for (const [owner, set] of ownedBy) if (overlaps(set, path)) conflicts.push({owner, path});
	}
	if (conflicts.length > 0 && !options.force) throw conflictError(conflicts);

	const taken = new Set(conflicts.map(c => c.path));
	const kept: ManagedFieldsEntry[] = [];
	for (const [owner, set] of ownedBy) {
		const remaining: FieldSet = new Set([...set].filter(p => !taken.has(p) && ![...taken].some(t => p.startsWith(t + '\u0000'))));
		if (remaining.size === set.size) kept.push(owner);
		else {
			const shrunk = entry(owner.manager, owner.operation, owner.apiVersion, remaining, owner.time ?? now, owner.subresource);
			if (shrunk) kept.push(shrunk);
		}
	}
	const own = entry(options.manager, 'Apply', apiVersion, applied, now);
	(next.metadata as {managedFields?: unknown}).managedFields = own ? [...kept, own] : kept;
	delete next.metadata.resourceVersion;
	validate(type, next);
	if (options.dryRun) return {...next, metadata: {...next.metadata, resourceVersion: live.metadata.resourceVersion}};
	return store.update(key, next);
}
