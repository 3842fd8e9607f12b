// Field ownership as kube-apiserver records it in metadata.managedFields: which manager set
// which field, by Apply or by Update. A field set is kept flat here (one string per owned path)
// and written out in the real FieldsV1 shape: {"f:spec": {"f:replicas": {}}}, list items of
// associative lists as k:{"name":"main"} with "." marking the item itself.
import type {KubeObject} from '../../model/types.js';

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};
type JsonObject = {[key: string]: Json};

export interface ManagedFieldsEntry {
	manager: string;
	operation: 'Apply' | 'Update';
	apiVersion: string;
	time?: string;
	fieldsType: 'FieldsV1';
	fieldsV1: JsonObject;
	subresource?: string;
}

/** A path is its FieldsV1 elements ("f:spec", "k:{…}") joined by SEP; a set of them is a field set. */
export type FieldSet = Set<string>;
const SEP = '\u0000';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

// Lists the API declares associative (listType=map), with their key fields. Others are atomic:
// a manager owns the whole list (args, command, tolerations…), as the real schema says.
const listKeys: Record<string, readonly string[]> = {
	containers: ['name'],
	initContainers: ['name'],
	ephemeralContainers: ['name'],
	env: ['name'],
	volumes: ['name'],
	volumeMounts: ['mountPath'],
	imagePullSecrets: ['name'],
	conditions: ['type'],
	ownerReferences: ['uid'],
	hostAliases: ['ip'],
	resourceClaims: ['name'],
};

// A LabelSelector is an atomic struct: one manager owns all of it (a Service's selector map is granular).
const isAtomicMap = (field: string, value: JsonObject): boolean => field === 'selector' && ('matchLabels' in value || 'matchExpressions' in value);

function keyFieldsOf(field: string, items: Json[]): readonly string[] | undefined {
	if (field === 'ports') return items.some(i => isObject(i) && 'containerPort' in i) ? ['containerPort', 'protocol'] : ['port', 'protocol'];
	return listKeys[field];
}

// The server defaults a port's protocol before it keys the item, so a key without it means TCP.
function keyOf(fields: readonly string[], item: JsonObject): string {
	const key: JsonObject = {};
	for (const f of [...fields].sort()) {
		if (f in item) key[f] = item[f]!;
		else if (f === 'protocol') key[f] = 'TCP';
	}
	return `k:${JSON.stringify(key)}`;
}

/** Fields of an object that no manager owns: identity, bookkeeping, and (where a status subresource exists) status. */
export function ownable(object: KubeObject, withStatus: boolean): JsonObject {
	const {apiVersion: _a, kind: _k, status, metadata, ...rest} = object as unknown as JsonObject & {metadata?: JsonObject};
	const meta = {...(metadata ?? {})};
	for (const f of ['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds']) delete meta[f];
	const result: JsonObject = {...(rest as JsonObject)};
	if (Object.keys(meta).length > 0) result.metadata = meta;
	if (withStatus && status !== undefined) result.status = status;
	return result;
}

/** Every path an object sets: its leaves (scalars, atomic lists, empty maps) and the items of associative lists. */
export function fieldSetOf(value: JsonObject, prefix: string[] = [], into: FieldSet = new Set()): FieldSet {
	for (const [name, child] of Object.entries(value)) {
		const path = [...prefix, `f:${name}`];
		const keyFields = Array.isArray(child) ? keyFieldsOf(name, child) : undefined;
		if (isObject(child) && Object.keys(child).length > 0 && !isAtomicMap(name, child)) fieldSetOf(child, path, into);
		else if (Array.isArray(child) && keyFields && child.every(isObject)) {
			for (const item of child as JsonObject[]) {
				const itemPath = [...path, keyOf(keyFields, item)];
				into.add(itemPath.join(SEP));
				fieldSetOf(item, itemPath, into);
			}
		} else into.add(path.join(SEP));
	}
	return into;
}

const elementsOf = (path: string): string[] => path.split(SEP);

/** The value at a path, or undefined where the object has none. */
export function valueAt(object: unknown, path: string): Json | undefined {
	let cursor: unknown = object;
	for (const element of elementsOf(path)) {
		if (element.startsWith('f:')) cursor = isObject(cursor) ? cursor[element.slice(2)] : undefined;
		else if (element.startsWith('k:') && Array.isArray(cursor)) {
			const key = JSON.parse(element.slice(2)) as JsonObject;
			cursor = cursor.find(item => isObject(item) && Object.entries(key).every(([f, v]) => (item[f] ?? (f === 'protocol' ? 'TCP' : undefined)) === v));
		} else cursor = undefined;
		if (cursor === undefined) return undefined;
	}
	return cursor as Json;
}

/** Removes the field or list item at a path (no-op where absent); empty maps left behind go too. */
export function deleteAt(object: JsonObject, path: string): void {
	const elements = elementsOf(path);
	const parentPath = elements.slice(0, -1);
	const last = elements.at(-1)!;
	const parent = parentPath.length === 0 ? object : valueAt(object, parentPath.join(SEP));
	if (last.startsWith('f:') && isObject(parent)) delete parent[last.slice(2)];
	else if (last.startsWith('k:') && Array.isArray(parent)) {
		const item = valueAt(object, path);
		const index = parent.indexOf(item as Json);
		if (index >= 0) parent.splice(index, 1);
	}
	if (parentPath.length > 0 && isObject(parent) && Object.keys(parent).length === 0) deleteAt(object, parentPath.join(SEP));
}

/** A path as kube-apiserver prints it in a conflict: .spec.template.spec.containers[name="main"].image */
export function printPath(path: string): string {
	return elementsOf(path)
		.map(element => {
			if (element.startsWith('f:')) return `.${element.slice(2)}`;
			if (element.startsWith('k:')) {
				const key = JSON.parse(element.slice(2)) as JsonObject;
				return `[${Object.entries(key).map(([f, v]) => `${f}=${JSON.stringify(v)}`).join(',')}]`;
			}
			return element;
		})
		.join('');
}

export const isItemPath = (path: string): boolean => elementsOf(path).at(-1)!.startsWith('k:');

/** A flat field set → FieldsV1 (items carry "."). */
export function toFieldsV1(set: FieldSet): JsonObject {
	const root: JsonObject = {};
	for (const path of [...set].sort()) {
		let node = root;
		for (const element of elementsOf(path)) node = (node[element] ??= {}) as JsonObject;
		if (isItemPath(path)) node['.'] = {};
	}
	return root;
}

/** FieldsV1 → a flat field set (leaves, and nodes marked "."). */
export function fromFieldsV1(fields: JsonObject, prefix: string[] = [], into: FieldSet = new Set()): FieldSet {
	for (const [element, child] of Object.entries(fields)) {
		if (element === '.') {
			into.add(prefix.join(SEP));
			continue;
		}
		const path = [...prefix, element];
		if (isObject(child) && Object.keys(child).length > 0) fromFieldsV1(child, path, into);
		else into.add(path.join(SEP));
	}
	return into;
}

/** Does `owner` (a set) own `path` or something under or above it? */
export function overlaps(owned: FieldSet, path: string): boolean {
	if (owned.has(path)) return true;
	for (const other of owned) if (other.startsWith(path + SEP) || (path.startsWith(other + SEP) && !isItemPath(other))) return true;
	return false;
}

export function entriesOf(object: KubeObject | undefined): ManagedFieldsEntry[] {
	const raw = (object?.metadata as {managedFields?: unknown} | undefined)?.managedFields;
	return Array.isArray(raw) ? (raw.filter(isObject) as unknown as ManagedFieldsEntry[]) : [];
}

export function sameManager(a: ManagedFieldsEntry, b: {manager: string; operation: string; subresource?: string}): boolean {
	return a.manager === b.manager && a.operation === b.operation && (a.subresource ?? '') === (b.subresource ?? '');
}

/** An entry for a field set, or undefined when the set is empty (the server drops those). */
export function entry(manager: string, operation: 'Apply' | 'Update', apiVersion: string, set: FieldSet, time: string, subresource?: string): ManagedFieldsEntry | undefined {
	if (set.size === 0) return undefined;
	return {manager, operation, apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(set), ...(subresource ? {subresource} : {})};
}

/** How a conflict names its manager: `"kubectl"`, or `"kubectl" with subresource "scale" using apps/v1` for an Update. */
export function describeManager(e: ManagedFieldsEntry): string {
	let text = JSON.stringify(e.manager);
	if (e.subresource) text += ` with subresource ${JSON.stringify(e.subresource)}`;
	if (e.operation === 'Update') text += ` using ${e.apiVersion}`;
	return text;
}

/**
 * Ownership after a non-apply write (create, update, patch) by `manager`: the fields it changed
 * become its own (Update operations take ownership without conflicts), fields it removed leave
 * every manager.
 */
export function recordUpdate(before: KubeObject | undefined, after: KubeObject, manager: string, apiVersion: string, time: string, subresource?: string, withStatus = false): ManagedFieldsEntry[] {
	const oldFields = before ? ownable(before, withStatus) : {};
	const newFields = ownable(after, withStatus);
	const oldSet = fieldSetOf(oldFields);
	const newSet = fieldSetOf(newFields);
	const changed = new Set([...newSet].filter(p => !oldSet.has(p) || (!isItemPath(p) && JSON.stringify(valueAt(oldFields, p)) !== JSON.stringify(valueAt(newFields, p)))));
	const removed = new Set([...oldSet].filter(p => !newSet.has(p)));
	const result: ManagedFieldsEntry[] = [];
	let mine = new Set<string>();
	for (const e of entriesOf(before)) {
		const owned = fromFieldsV1(e.fieldsV1);
		for (const p of [...changed, ...removed]) owned.delete(p);
		if (sameManager(e, {manager, operation: 'Update', subresource})) {
			mine = owned;
			continue;
		}
		const kept = owned.size === fromFieldsV1(e.fieldsV1).size ? e : entry(e.manager, e.operation, e.apiVersion, owned, e.time ?? time, e.subresource);
		if (kept) result.push(kept);
	}
	const own = entry(manager, 'Update', apiVersion, new Set([...mine, ...changed]), time, subresource);
	return own ? [...result, own] : result;
}
