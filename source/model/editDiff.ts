// What an edit changes, as a unified diff of two versions of one object (both without status and
// managedFields, the noise of every write): the live object → what the server's dry run would
// store, and after a conflict the version read → the one the server holds now. Lines start with
// ' ', '-', '+' or '@@', so the diff reads the same with or without colour.
//
// A Secret's values never reach a line: each data/stringData value becomes its mask
// ('•••• (N bytes)'); a value that differs between the two sides is marked '(old value)' on the
// left and '(new value)' on the right, so a changed key shows as a changed line with no content.
import {structuredPatch} from 'diff';
import {isDeepStrictEqual} from 'node:util';
import type {KubeObject} from './types.js';
import {rec, type Json} from './json.js';
import {editableObject, toYaml} from './editYaml.js';
import {maskedValue, redactSecret, secretKeys} from './secret-mask.js';

/** Beyond this many changed lines the diff is not worked out (its cost grows with the changes). */
export const MAX_EDIT_LENGTH = 5000;

/** Metadata every write moves by itself: left out so the diff shows only what was asked. */
const BOOKKEEPING = ['resourceVersion', 'generation'] as const;

function comparable(object: KubeObject): Json {
	const editable = editableObject(object);
	const metadata = rec(editable['metadata']);
	if (!metadata) return editable;
	const meta = Object.fromEntries(Object.entries(metadata).filter(([key]) => !(BOOKKEEPING as readonly string[]).includes(key)));
	return {...editable, metadata: meta};
}

function isSecret(object: KubeObject): boolean {
	return (object as unknown as Json)['kind'] === 'Secret';
}

/** Both sides of a Secret with every value masked; values that differ carry which side they are. */
export function maskSecretPair(before: Json, after: Json): [Json, Json] {
	const mask = (side: Json, other: Json, label: string): Json => {
		const out: Json = {...side};
		for (const field of ['data', 'stringData'] as const) {
			const map = rec(side[field]);
			if (!map) continue;
			const otherMap = rec(other[field]) ?? {};
			const sizes = new Map(secretKeys({[field]: map}).map((k) => [k.key, k.bytes]));
			out[field] = Object.fromEntries(
				Object.keys(map).map((key) => {
					const shown = maskedValue(sizes.get(key) ?? 0);
					const same = key in otherMap && isDeepStrictEqual(map[key], otherMap[key]);
					return [key, same || !(key in otherMap) ? shown : `${shown} (${label})`];
				}),
			);
		}
		// The applied-configuration annotation (values inside) is masked the way the YAML view masks it.
		if (rec(side['metadata'])) out['metadata'] = redactSecret(side as unknown as KubeObject).metadata;
		return out;
	};
	return [mask(before, after, 'old value'), mask(after, before, 'new value')];
}

/** Unified diff lines from `before` to `after`, with the two sides named in the header. */
export function objectDiff(before: KubeObject, after: KubeObject, names: {from: string; to: string}, context = 3): string[] {
	let left = comparable(before);
	let right = comparable(after);
	if (isSecret(before) || isSecret(after)) [left, right] = maskSecretPair(left, right);
	const header = [`--- ${names.from}`, `+++ ${names.to}`];
	const oldText = toYaml(left);
	const newText = toYaml(right);
	if (oldText === newText) return [...header, '(no difference)'];
	const patch = structuredPatch(names.from, names.to, oldText, newText, undefined, undefined, {context, maxEditLength: MAX_EDIT_LENGTH});
	if (!patch) return [...header, `(the two differ in more than ${MAX_EDIT_LENGTH} lines)`];
	const out = header;
	for (const hunk of patch.hunks) {
		out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
		for (const line of hunk.lines) if (!line.startsWith('\\')) out.push(line);
	}
	return out;
}

/** Whether a diff from objectDiff says nothing changed. */
export function diffIsEmpty(lines: readonly string[]): boolean {
	return lines.length === 3 && lines[2] === '(no difference)';
}
