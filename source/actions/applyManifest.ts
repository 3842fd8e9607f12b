// A manifest file for :apply, read and understood before anything is sent: multi-document
// YAML (and kind: List), each object with apiVersion, kind and name, each kind resolved to
// where the server serves it (discovery's catalog). Every problem is one line a person can act
// on: which file, which document, what is missing.
import {readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {loadAll, YAMLException} from 'js-yaml';
import type {KubeObject} from '../model/types.js';
import type {CatalogEntry} from '../kinds/generic-resolve.js';
import type {ApplyResource} from './applyObject.js';

export type Parsed<T> = {ok: true; value: T} | {ok: false; message: string};

/** Manifests larger than this are refused: kubectl apply is the tool for bulk loads. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** `~` and `~/x` are the home directory; anything relative is from the working directory. */
export function resolveManifestPath(file: string, cwd: string, home: string): string {
	const expanded = file === '~' ? home : file.startsWith('~/') ? path.join(home, file.slice(2)) : file;
	return path.resolve(cwd, expanded);
}

export async function readManifestFile(file: string, cwd = process.cwd(), home = os.homedir()): Promise<Parsed<string>> {
	const where = resolveManifestPath(file, cwd, home);
	try {
		const text = await readFile(where, 'utf8');
		if (Buffer.byteLength(text) > MAX_MANIFEST_BYTES) return {ok: false, message: `${file}: larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MB; use kubectl apply for bulk loads`};
		return {ok: true, value: text};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory (name one file)' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
		return {ok: false, message: `cannot read ${file}: ${why}`};
	}
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The objects of a multi-document YAML text, in order; a List's items count as documents. */
export function parseManifest(file: string, text: string): Parsed<KubeObject[]> {
	let docs: unknown[];
	try {
		docs = loadAll(text);
	} catch (error) {
		const reason = error instanceof YAMLException ? `${error.reason} (line ${(error.mark?.line ?? 0) + 1})` : (error as Error).message;
		return {ok: false, message: `${file}: not valid YAML: ${reason}`};
	}
	const objects: KubeObject[] = [];
	let index = 0;
	for (const doc of docs) {
		index++;
		if (doc === null || doc === undefined) continue;
		const items = isObject(doc) && doc['kind'] === 'List' && Array.isArray(doc['items']) ? doc['items'] : [doc];
		for (const item of items) {
			const where = `${file}: document ${index}`;
			if (!isObject(item)) return {ok: false, message: `${where} is not an object`};
			if (typeof item['apiVersion'] !== 'string' || item['apiVersion'] === '') return {ok: false, message: `${where} has no apiVersion`};
			if (typeof item['kind'] !== 'string' || item['kind'] === '') return {ok: false, message: `${where} has no kind`};
			const name = isObject(item['metadata']) ? item['metadata']['name'] : undefined;
			if (typeof name !== 'string' || name === '') return {ok: false, message: `${where} (${item['kind']}) has no metadata.name (generateName cannot be applied)`};
			objects.push(item as unknown as KubeObject);
		}
	}
	if (objects.length === 0) return {ok: false, message: `${file}: no objects in it`};
	return {ok: true, value: objects};
}

export interface ApplyItem {
	kind: string;
	namespace?: string;
	name: string;
	object: KubeObject;
	resource: ApplyResource;
}

/**
 * Where each object goes: its kind as discovery serves it (the object's own version), in its
 * own namespace or else the session's (as kubectl uses the context's), none for cluster kinds.
 */
export function resolveManifest(file: string, objects: readonly KubeObject[], catalog: readonly CatalogEntry[], defaultNamespace: string): Parsed<ApplyItem[]> {
	const items: ApplyItem[] = [];
	for (const object of objects) {
		const apiVersion = object.apiVersion ?? '';
		const kind = object.kind ?? '';
		const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/', 2) as [string, string]) : ['', apiVersion];
		const entry = catalog.find((e) => e.group === group && e.kind === kind);
		const served = entry?.discovered ?? (entry?.builtIn && !entry.builtIn.source ? {plural: entry.builtIn.plural, scope: entry.builtIn.scope} : undefined);
		if (!served) return {ok: false, message: `${file}: the server serves no kind ${kind} in ${group ? `group ${group}` : 'the core group'} (${object.metadata.name})`};
		const namespaced = served.scope === 'Namespaced';
		const namespace = namespaced ? (object.metadata.namespace || defaultNamespace) : undefined;
		items.push({kind, ...(namespace ? {namespace} : {}), name: object.metadata.name, object, resource: {group, version, plural: served.plural, namespaced}});
	}
	return {ok: true, value: items};
}
