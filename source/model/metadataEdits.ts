// Label and annotation edits as the user types them (kubectl's own words: `tier=web`, `old-`,
// `note="two words"`), checked by Kubernetes' validation rules before anything is sent, and
// planned against the object's current metadata so the question can say exactly what changes.
// Pure: the action layer plans again against the object it reads from the server.
import {splitWords} from './words.js';

export type MetadataField = 'labels' | 'annotations';

export interface MetadataEdits {
	field: MetadataField;
	/** Keys to add or change, with their new values, in the order typed. */
	set: Array<[string, string]>;
	/** Keys to remove. */
	remove: string[];
}

export interface MetadataChange {
	key: string;
	/** Absent when the key is new. */
	from?: string;
	/** Absent when the key is removed. */
	to?: string;
}

export type Parsed<T> = {ok: true; value: T} | {ok: false; message: string};

// DNS-1123 subdomain (the optional prefix) and the name part of a qualified name, as
// k8s.io/apimachinery/pkg/util/validation defines them.
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** The API server's limit on all annotations of one object together (TotalAnnotationSizeLimitB). */
export const ANNOTATIONS_LIMIT_BYTES = 256 * 1024;

/** Why a key is not a valid qualified name ('prefix/name'), or undefined when it is. */
export function keyProblem(key: string): string | undefined {
	const slash = key.indexOf('/');
	const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
	const name = slash >= 0 ? key.slice(slash + 1) : key;
	if (prefix !== undefined) {
		if (prefix.length === 0) return `key "${key}": the prefix before "/" is empty`;
		if (prefix.length > 253) return `key "${key}": the prefix is longer than 253 characters`;
		if (!SUBDOMAIN.test(prefix)) return `key "${key}": the prefix must be a DNS subdomain (lower case letters, digits, "-" and "." between them)`;
	}
	if (name.length === 0) return `key "${key}": the name is empty`;
	if (name.length > 63) return `key "${key}": the name is longer than 63 characters`;
	if (!NAME_PART.test(name)) return `key "${key}": the name must start and end with a letter or digit, with only letters, digits, "-", "_" and "." between`;
	return undefined;
}

/** Why a label value is invalid, or undefined. Annotation values may be any text. */
export function labelValueProblem(key: string, value: string): string | undefined {
	if (value.length > 63) return `label "${key}": the value is longer than 63 characters`;
	if (!LABEL_VALUE.test(value)) return `label "${key}": the value must be empty or start and end with a letter or digit, with only letters, digits, "-", "_" and "." between`;
	return undefined;
}

/** `a=1 b- c="x y"` → the edits, or the first rule broken. */
export function parseMetadataEdits(field: MetadataField, text: string): Parsed<MetadataEdits> {
	const words = splitWords(text);
	if (!words) return {ok: false, message: 'a quoted value is not closed (missing ")'};
	const split = {value: words};
	if (split.value.length === 0) return {ok: false, message: `no ${field} given: type key=value to set, key- to remove`};
	const set = new Map<string, string>();
	const remove = new Set<string>();
	const what = field === 'labels' ? 'label' : 'annotation';
	for (const token of split.value) {
		const eq = token.indexOf('=');
		const key = eq >= 0 ? token.slice(0, eq) : token.endsWith('-') ? token.slice(0, -1) : token;
		if (eq < 0 && !token.endsWith('-')) return {ok: false, message: `"${token}": write ${token}=VALUE to set the ${what}, or ${token}- to remove it`};
		const problem = keyProblem(key);
		if (problem) return {ok: false, message: problem};
		if (set.has(key) || remove.has(key)) return {ok: false, message: `${what} "${key}" is named twice`};
		if (eq < 0) {
			remove.add(key);
			continue;
		}
		const value = token.slice(eq + 1);
		if (field === 'labels') {
			const bad = labelValueProblem(key, value);
			if (bad) return {ok: false, message: bad};
		}
		set.set(key, value);
	}
	return {ok: true, value: {field, set: [...set], remove: [...remove]}};
}

/**
 * What the edits change on metadata that holds `current`: keys set to the value they already
 * have are left out; removing a key the object does not have is an error (a typo, most often).
 */
export function planMetadataEdits(current: Readonly<Record<string, string>> | undefined, edits: MetadataEdits): Parsed<MetadataChange[]> {
	const now = current ?? {};
	const what = edits.field === 'labels' ? 'label' : 'annotation';
	const changes: MetadataChange[] = [];
	for (const key of edits.remove) {
		if (!Object.hasOwn(now, key)) return {ok: false, message: `there is no ${what} "${key}" to remove`};
		changes.push({key, from: now[key]!});
	}
	for (const [key, value] of edits.set) {
		if (now[key] === value) continue;
		changes.push(Object.hasOwn(now, key) ? {key, from: now[key]!, to: value} : {key, to: value});
	}
	if (edits.field === 'annotations') {
		const after = {...now};
		for (const change of changes) {
			if (change.to === undefined) delete after[change.key];
			else after[change.key] = change.to;
		}
		const size = Object.entries(after).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
		if (size > ANNOTATIONS_LIMIT_BYTES) return {ok: false, message: `annotations would total ${size} bytes; the API server allows ${ANNOTATIONS_LIMIT_BYTES}`};
	}
	return {ok: true, value: changes};
}

/** A JSON merge patch for the changes, conditional on the resourceVersion when one is given. */
export function metadataPatch(field: MetadataField, changes: readonly MetadataChange[], resourceVersion?: string): Record<string, unknown> {
	const values: Record<string, string | null> = {};
	for (const change of changes) values[change.key] = change.to ?? null;
	// A merge patch that names metadata.resourceVersion is refused with 409 when the object has
	// moved on since it was read: the user confirmed changes against that version, not a later one.
	return {metadata: {[field]: values, ...(resourceVersion ? {resourceVersion} : {})}};
}

/** One line for a question or a result: `+tier=web ~app: a→b -old`. */
export function describeChanges(changes: readonly MetadataChange[]): string {
	return changes
		.map((c) => (c.to === undefined ? `-${c.key}` : c.from === undefined ? `+${c.key}=${c.to}` : `~${c.key}: ${c.from}→${c.to}`))
		.join(' ');
}
