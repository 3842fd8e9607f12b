// An object as the text a person edits (`e`, like kubectl edit) and that text read back. The
// editable form leaves out what the server owns (status, managedFields), and opens with comment
// lines naming the object and how to cancel; reading back refuses what would make the update
// about another object (kind, apiVersion, name, namespace), and an unchanged or empty text is a
// cancel. Pure: no files, no editor, no API here (source/actions/editSession.ts does those).
import {dump, load, YAMLException} from 'js-yaml';
import {isDeepStrictEqual} from 'node:util';
import type {KubeObject} from './types.js';
import {rec, str, type Json} from './json.js';

export const CANCEL_HINT = 'Save an empty file, or leave it unchanged, to cancel.';

/** The object without what the server keeps for itself: status and the field managers. */
export function editableObject(object: KubeObject): Json {
	const {status: _status, ...rest} = object as Json;
	const metadata = rec(rest['metadata']);
	if (!metadata) return rest;
	const {managedFields: _managed, ...meta} = metadata;
	return {...rest, metadata: meta};
}

/** 'deployment shop/web': what the header and the messages call the object. */
export function editSubject(object: KubeObject): string {
	const kind = (str((object as Json)['kind']) ?? 'object').toLowerCase();
	const {namespace, name} = object.metadata ?? {};
	return `${kind} ${namespace ? `${namespace}/` : ''}${name ?? '?'}`;
}

/** YAML without line folding (a folded long string would read back differently in some editors' hands). */
export function toYaml(value: unknown): string {
	return dump(value, {lineWidth: -1, noRefs: true, sortKeys: false});
}

/** Lines of text as YAML comments (one '# ' each; the text's own newlines kept as lines). */
export function asComments(text: string): string[] {
	return text.split(/\r?\n/).map((line) => (line ? `# ${line}` : '#'));
}

/**
 * The text the editor opens: the header, then any notes (the server's refusal of the last save,
 * a conflict), then the object. `notes` are plain lines; each becomes a comment.
 */
export function editableText(object: KubeObject, notes: readonly string[] = []): string {
	const rv = object.metadata?.resourceVersion;
	// Short lines: the editor may be 80 columns wide.
	const header = [
		`# Editing ${editSubject(object)}${rv ? ` (resourceVersion ${rv})` : ''}.`,
		`# ${CANCEL_HINT}`,
		"# Lines starting with '#' are ignored. On save, the server checks",
		'# the change (dry run) and kubedeck shows what would change first.',
	];
	const noted = notes.length > 0 ? ['#', ...notes.flatMap(asComments)] : [];
	return [...header, ...noted, '#', toYaml(editableObject(object))].join('\n');
}

/** The text without its comment-only lines: what the user actually wrote. */
function body(text: string): string {
	return text
		.split(/\r?\n/)
		.filter((line) => !/^\s*#/.test(line))
		.join('\n')
		.trim();
}

/** Fresh text for the editor after a refusal: the user's text kept, the old notes replaced by the new ones. */
export function reopenText(original: KubeObject, edited: string, notes: readonly string[]): string {
	const lines = edited.split(/\r?\n/);
	let start = 0;
	while (start < lines.length && /^\s*#/.test(lines[start]!)) start++;
	const rest = lines.slice(start).join('\n');
	const fresh = editableText(original, notes).split('\n');
	// The header and the notes of a fresh text, then what the user had written (not the object again).
	const headerEnd = fresh.lastIndexOf('#');
	return [...fresh.slice(0, headerEnd + 1), rest].join('\n');
}

export type EditedText =
	| {type: 'cancelled'; message: string}
	/** Not something to send: why, in words that go back into the editor as comments. */
	| {type: 'invalid'; message: string}
	/** The object to send: the user's text plus what the update needs (the read resourceVersion, status). */
	| {type: 'object'; object: KubeObject};

const IDENTITY = ['apiVersion', 'kind'] as const;

/**
 * Reads the saved text. `original` is the object as read (its resourceVersion is the one the
 * update carries, whatever the text says), `opened` the text the editor was opened with.
 */
export function readEdited(text: string, original: KubeObject, opened: string): EditedText {
	const subject = editSubject(original);
	if (body(text) === '') return {type: 'cancelled', message: `edit of ${subject} cancelled: the file was empty; nothing was sent`};
	if (body(text) === body(opened)) return {type: 'cancelled', message: `edit of ${subject} cancelled: nothing was changed; nothing was sent`};
	let parsed: unknown;
	try {
		parsed = load(text);
	} catch (error) {
		const why = error instanceof YAMLException ? error.message : String(error);
		return {type: 'invalid', message: `The YAML could not be read: ${why}`};
	}
	const object = rec(parsed);
	if (!object) return {type: 'invalid', message: 'The text must be one YAML mapping: the object being edited.'};
	const metadata = rec(object['metadata']);
	if (!metadata) return {type: 'invalid', message: 'metadata is missing: the object needs its metadata (name, namespace).'};
	const was = original as unknown as Json;
	for (const field of IDENTITY) {
		if (object[field] !== was[field]) return {type: 'invalid', message: `${field} changed from ${String(was[field])} to ${String(object[field])}: an edit cannot change what the object is (make a new one instead).`};
	}
	if (metadata['name'] !== original.metadata.name) return {type: 'invalid', message: `metadata.name changed from ${original.metadata.name} to ${String(metadata['name'])}: an edit cannot rename an object.`};
	if ((metadata['namespace'] ?? undefined) !== (original.metadata.namespace ?? undefined)) {
		return {type: 'invalid', message: `metadata.namespace changed from ${original.metadata.namespace ?? '(none)'} to ${String(metadata['namespace'] ?? '(none)')}: an edit cannot move an object.`};
	}
	if (isDeepStrictEqual(object, editableObject(original))) return {type: 'cancelled', message: `edit of ${subject} cancelled: nothing was changed; nothing was sent`};
	// The update is made against the version that was read: a change meanwhile answers 409.
	const sent: Json = {...object, metadata: {...metadata, resourceVersion: original.metadata.resourceVersion}};
	if (was['status'] !== undefined) sent['status'] = was['status'];
	return {type: 'object', object: sent as unknown as KubeObject};
}

/**
 * Keys come from cluster objects, so `__proto__` and `constructor` are ordinary keys here:
 * read and write own properties only (a plain `out[key] = v` would set the prototype instead).
 */
function own(object: Json, key: string): unknown {
	return Object.hasOwn(object, key) ? object[key] : undefined;
}

function put(object: Json, key: string, value: unknown): void {
	Object.defineProperty(object, key, {value, enumerable: true, writable: true, configurable: true});
}

/** RFC 7386 merge patch taking `from` to `to` (null removes a key; arrays are replaced whole). */
export function mergePatch(from: unknown, to: unknown): unknown {
	const a = rec(from);
	const b = rec(to);
	if (!a || !b) return to;
	const patch: Json = {};
	for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) put(patch, key, null);
	for (const [key, value] of Object.entries(b)) {
		const before = own(a, key);
		if (Object.hasOwn(a, key) && isDeepStrictEqual(before, value)) continue;
		put(patch, key, Object.hasOwn(a, key) && rec(before) && rec(value) ? mergePatch(before, value) : value);
	}
	return patch;
}

/** RFC 7386: the patch applied to the target (a new value; the inputs stay untouched). */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
	const p = rec(patch);
	if (!p) return patch;
	const out: Json = {...(rec(target) ?? {})};
	for (const [key, value] of Object.entries(p)) {
		if (value === null) delete out[key];
		else put(out, key, applyMergePatch(own(out, key), value));
	}
	return out;
}

/**
 * After a conflict: the user's changes (from the object they read to what they saved) made again
 * on the object the server holds now. What they both changed takes the user's value; the text
 * goes back to the editor, so it is looked at before anything is sent.
 */
export function reapplyEdits(readAt: KubeObject, saved: KubeObject, current: KubeObject): KubeObject {
	const patch = mergePatch(editableObject(readAt), editableObject(saved));
	const merged = applyMergePatch(editableObject(current), patch) as Json;
	const metadata = {...(rec(merged['metadata']) ?? {}), resourceVersion: current.metadata.resourceVersion};
	const result: Json = {...merged, metadata};
	if ((current as unknown as Json)['status'] !== undefined) result['status'] = (current as unknown as Json)['status'];
	return result as unknown as KubeObject;
}
