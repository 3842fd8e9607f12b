// What a server-side apply would change, as a unified diff of YAML: the live object against the
// server's dry-run answer, without the bookkeeping that changes on every write (managedFields,
// resourceVersion, generation, and the uid and creation time of a new object), so only the fields the file changes show. A new object is all
// '+' lines; a Secret's values are masked. Lines start with ' ', '-', '+' or '@@', so the diff reads the same without colour.
import {structuredPatch} from 'diff';
import {objectToYaml} from '../model/yaml.js';
import type {KubeObject} from '../model/types.js';
import {redactSecret} from '../model/secret-mask.js';

/** Beyond this many changed lines the diff is not worked out. */
const MAX_EDIT_LENGTH = 5000;
const BOOKKEEPING = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp'];

/**
 * The object as compared: its metadata without the fields every write changes, and without
 * status, which an apply never writes (the server keeps its own) but controllers rewrite all the
 * time: left in, a status update between the read and the dry run would show as a change.
 */
export function comparable(object: KubeObject): KubeObject {
	const metadata = Object.fromEntries(Object.entries(object.metadata ?? {}).filter(([key]) => !BOOKKEEPING.includes(key)));
	const {status: _status, ...rest} = object as KubeObject & {status?: unknown};
	return {...rest, metadata: metadata as unknown as KubeObject['metadata']} as KubeObject;
}

export function sameObject(a: KubeObject, b: KubeObject): boolean {
	return objectToYaml(comparable(a)) === objectToYaml(comparable(b));
}

/**
 * A Secret's values never reach the screen: both sides are masked ('•••• (N bytes)'), and a
 * value that changed says so, since two masks of the same size would otherwise hide the change.
 */
function masked(live: KubeObject | undefined, next: KubeObject): [KubeObject | undefined, KubeObject] {
	if (next.kind !== 'Secret') return [live, next];
	const shownNext = redactSecret(next) as KubeObject & {data?: Record<string, string>};
	const liveData = (live as {data?: Record<string, string>} | undefined)?.data ?? {};
	const nextData = (next as {data?: Record<string, string>}).data ?? {};
	if (live && shownNext.data) {
		shownNext.data = Object.fromEntries(Object.entries(shownNext.data).map(([key, value]) => [key, key in liveData && liveData[key] !== nextData[key] ? `${value} changed` : value]));
	}
	return [live ? redactSecret(live) : undefined, shownNext];
}

/** The diff from `live` (undefined: the object does not exist yet) to `next`, labelled with `name`. */
export function applyDiff(name: string, liveObject: KubeObject | undefined, nextObject: KubeObject, context = 3): string[] {
	const [live, next] = masked(liveObject, nextObject);
	const before = live ? objectToYaml(comparable(live)) : '';
	const after = objectToYaml(comparable(next));
	const header = [`--- ${live ? `live ${name}` : '(absent)'}`, `+++ ${name} as applied`];
	if (before === after) return [...header, '(no change)'];
	const patch = structuredPatch('live', 'applied', before, after, undefined, undefined, {context, maxEditLength: MAX_EDIT_LENGTH});
	if (!patch) return [...header, `(more than ${MAX_EDIT_LENGTH} lines differ; compare with y on the object)`];
	const out = header;
	for (const hunk of patch.hunks) {
		out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
		for (const line of hunk.lines) if (!line.startsWith('\\')) out.push(line);
	}
	return out;
}
