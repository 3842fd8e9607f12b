// A unified diff between two revisions' pod templates, as `kubectl rollout history
// --revision=N` would show each of them: the template as YAML without the pod-template-hash
// label (it differs between every two revisions and says nothing). Lines start with ' ', '-'
// or '+' (and '@@' for a hunk), so the diff reads the same with or without colour.
import {structuredPatch} from 'diff';
import {objectToYaml} from './yaml.js';
import type {KubeObject} from './types.js';

export interface Revision {
	revision: number;
	/** The ReplicaSet's spec.template. */
	template: unknown;
}

/** Beyond this many changed lines the diff is not worked out (its cost grows with the changes). */
export const MAX_EDIT_LENGTH = 5000;
const HASH_LABEL = 'pod-template-hash';

function rec(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The template as YAML, minus the hash label; the input is left untouched. */
export function templateYaml(template: unknown): string {
	const t = rec(template) ?? {};
	const metadata = rec(t['metadata']);
	const labels = rec(metadata?.['labels']);
	let shown: Record<string, unknown> = t;
	if (labels && HASH_LABEL in labels) {
		const rest = Object.fromEntries(Object.entries(labels).filter(([key]) => key !== HASH_LABEL));
		const meta: Record<string, unknown> = {...metadata, labels: rest};
		if (Object.keys(rest).length === 0) delete meta['labels'];
		shown = {...t, metadata: meta};
	}
	return objectToYaml(shown as KubeObject);
}

/** From the older revision to the newer one (whichever order they are given in). */
export function templateDiff(a: Revision, b: Revision, context = 3): string[] {
	const [from, to] = a.revision <= b.revision ? [a, b] : [b, a];
	const oldText = templateYaml(from.template);
	const newText = templateYaml(to.template);
	const header = [`--- revision ${from.revision}`, `+++ revision ${to.revision}`];
	if (oldText === newText) return [...header, `(the pod templates of revisions ${from.revision} and ${to.revision} are the same)`];
	const patch = structuredPatch(`revision ${from.revision}`, `revision ${to.revision}`, oldText, newText, undefined, undefined, {context, maxEditLength: MAX_EDIT_LENGTH});
	if (!patch) return [...header, `(the templates differ in more than ${MAX_EDIT_LENGTH} lines; compare them with y on each revision)`];
	const out = header;
	for (const hunk of patch.hunks) {
		out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
		for (const line of hunk.lines) if (!line.startsWith('\\')) out.push(line);
	}
	return out;
}
