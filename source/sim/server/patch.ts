// The three patch types kubectl and UIs send. Strategic merge is implemented for the
// fields that matter here: lists of named things merge by key; directives degrade safely.
import {ApiError} from '../contracts.js';
import {badRequest} from './status.js';

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};
type JsonObject = {[key: string]: Json};

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): Json {
	if (!isObject(patch)) return clone(patch as Json);
	const result: JsonObject = isObject(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = mergePatch(result[key], value);
	}
	return result;
}

// Field name → merge key for lists that Kubernetes declares patchStrategy=merge.
const mergeKeys: Record<string, string> = {
	containers: 'name',
	initContainers: 'name',
	ephemeralContainers: 'name',
	env: 'name',
	volumes: 'name',
	volumeMounts: 'mountPath',
	volumeDevices: 'devicePath',
	imagePullSecrets: 'name',
	conditions: 'type',
	ownerReferences: 'uid',
	taints: 'key',
	hostAliases: 'ip',
	topologySpreadConstraints: 'topologyKey',
	resourceClaims: 'name',
	addresses: 'type',
};

function mergeKeyFor(field: string, items: Json[]): string | undefined {
	if (field === 'ports') {
		// Container ports merge on containerPort, service ports on port.
		const sample = items.find(isObject);
		return sample && 'containerPort' in sample ? 'containerPort' : 'port';
	}
	return mergeKeys[field];
}

/** Strategic merge patch over plain JSON. */
export function strategicMergePatch(target: unknown, patch: unknown): Json {
	if (!isObject(patch)) return clone(patch as Json);
	if (patch.$patch === 'replace') {
		const {$patch: _, ...rest} = patch;
		return stripDirectives(rest);
	}
	if (patch.$patch === 'delete') return null;
	const result: JsonObject = isObject(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (key === '$patch' || key === '$retainKeys') continue;
		if (key.startsWith('$setElementOrder/')) continue;
		if (key.startsWith('$deleteFromPrimitiveList/')) {
			const field = key.slice('$deleteFromPrimitiveList/'.length);
			const current = result[field];
			if (Array.isArray(current) && Array.isArray(value)) result[field] = current.filter(v => !value.includes(v));
			continue;
		}
		if (value === null) {
			delete result[key];
			continue;
		}
		const current = result[key];
		if (Array.isArray(value)) {
			const mergeKey = mergeKeyFor(key, value);
			result[key] = mergeKey && Array.isArray(current) ? mergeList(current, value, mergeKey) : stripDirectives(value);
			continue;
		}
		const merged = strategicMergePatch(current, value);
		if (merged === null) delete result[key];
		else result[key] = merged;
	}
	return result;
}

function mergeList(current: Json[], patch: Json[], mergeKey: string): Json[] {
	if (patch.some(p => isObject(p) && p.$patch === 'replace')) return stripDirectives(patch.filter(p => !(isObject(p) && p.$patch === 'replace'))) as Json[];
	const result = [...current];
	for (const item of patch) {
		if (!isObject(item) || !(mergeKey in item)) {
			result.push(stripDirectives(item));
			continue;
		}
		const index = result.findIndex(c => isObject(c) && c[mergeKey] === item[mergeKey]);
		if (item.$patch === 'delete') {
			if (index >= 0) result.splice(index, 1);
		} else if (index >= 0) result[index] = strategicMergePatch(result[index], item);
		else result.push(stripDirectives(item));
	}
	return result;
}

function stripDirectives(value: Json): Json {
	if (Array.isArray(value)) return value.map(stripDirectives);
	if (!isObject(value)) return value;
	const result: JsonObject = {};
	for (const [key, v] of Object.entries(value)) if (!key.startsWith('$')) result[key] = stripDirectives(v);
	return result;
}

function clone<T extends Json>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

interface Operation {
	op: string;
	path: string;
	from?: string;
	value?: Json;
}

function pointer(path: string): string[] {
	if (path === '') return [];
	if (!path.startsWith('/')) throw badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer "${path}"`);
	return path.slice(1).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function unprocessable(message: string): ApiError {
	return new ApiError(422, 'Invalid', message);
}

function parentOf(doc: Json, tokens: string[], path: string): {parent: JsonObject | Json[]; key: string} {
	let cursor: Json = doc;
	for (const token of tokens.slice(0, -1)) {
		if (Array.isArray(cursor)) cursor = cursor[Number(token)] as Json;
		else if (isObject(cursor)) cursor = cursor[token] as Json;
		else cursor = undefined as unknown as Json;
		if (cursor === undefined || cursor === null || typeof cursor !== 'object') throw unprocessable(`jsonpatch: path ${path} does not exist`);
	}
	return {parent: cursor as JsonObject | Json[], key: tokens[tokens.length - 1]!};
}

function read(doc: Json, path: string): Json {
	const tokens = pointer(path);
	if (tokens.length === 0) return doc;
	const {parent, key} = parentOf(doc, tokens, path);
	const value = Array.isArray(parent) ? parent[Number(key)] : parent[key];
	if (value === undefined) throw unprocessable(`jsonpatch: path ${path} does not exist`);
	return value;
}

function arrayIndex(parent: Json[], key: string, path: string, allowEnd: boolean): number {
	if (key === '-' && allowEnd) return parent.length;
	const index = Number(key);
	if (!/^\d+$/.test(key) || index > parent.length || (!allowEnd && index === parent.length)) throw unprocessable(`jsonpatch: index out of range in ${path}`);
	return index;
}

function add(doc: Json, path: string, value: Json): Json {
	const tokens = pointer(path);
	if (tokens.length === 0) return value;
	const {parent, key} = parentOf(doc, tokens, path);
	if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, path, true), 0, value);
	else parent[key] = value;
	return doc;
}

function remove(doc: Json, path: string): Json {
	const tokens = pointer(path);
	const {parent, key} = parentOf(doc, tokens, path);
	if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, path, false), 1);
	else {
		if (!(key in parent)) throw unprocessable(`jsonpatch remove operation does not apply: doc is missing path: ${path}`);
		delete parent[key];
	}
	return doc;
}

/** RFC 6902 JSON patch. */
export function jsonPatch(target: unknown, operations: unknown): Json {
	if (!Array.isArray(operations)) throw badRequest('the server rejected our request due to an error in our request: json patch must be an array of operations');
	let doc = clone(target as Json);
	for (const raw of operations as Operation[]) {
		if (!isObject(raw as unknown) || typeof raw.path !== 'string') throw badRequest('the server rejected our request due to an error in our request: invalid json patch operation');
		switch (raw.op) {
			case 'add': doc = add(doc, raw.path, clone(raw.value as Json)); break;
			case 'remove': doc = remove(doc, raw.path); break;
			case 'replace': read(doc, raw.path); doc = add(remove(doc, raw.path), raw.path, clone(raw.value as Json)); break;
			case 'test':
				if (JSON.stringify(read(doc, raw.path)) !== JSON.stringify(raw.value)) throw unprocessable(`the server rejected our request due to an error in our request: testing value ${raw.path} failed`);
				break;
			case 'move': {
				const value = read(doc, raw.from ?? '');
				doc = add(remove(doc, raw.from ?? ''), raw.path, value);
				break;
			}
			case 'copy': doc = add(doc, raw.path, clone(read(doc, raw.from ?? ''))); break;
			default: throw badRequest(`the server rejected our request due to an error in our request: unexpected json patch operation "${raw.op}"`);
		}
	}
	return doc;
}

export type PatchType = 'merge' | 'strategic' | 'json';

export function patchTypeOf(contentType: string | undefined): PatchType {
	const type = (contentType ?? '').split(';')[0]!.trim();
	if (type === 'application/merge-patch+json') return 'merge';
	if (type === 'application/strategic-merge-patch+json') return 'strategic';
	if (type === 'application/json-patch+json') return 'json';
	if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+cbor') {
		throw new ApiError(415, 'UnsupportedMediaType', `the simulated API server does not implement server-side apply (${type}); use client-side apply or a merge patch`);
	}
	throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`);
}

export function applyPatch(type: PatchType, target: unknown, patch: unknown): Json {
	if (type === 'json') return jsonPatch(target, patch);
	if (!isObject(patch)) throw badRequest('the server rejected our request due to an error in our request: patch must be a JSON object');
	return type === 'merge' ? mergePatch(target, patch) : strategicMergePatch(target, patch);
}
