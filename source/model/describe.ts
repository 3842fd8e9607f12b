// describeObject: a kubectl-describe-like summary of any object as lines (no raw newlines; the
// views sanitise control sequences). The kind's own describer when it has one
// (KindSpec.describe), a generic field dump for everything else.
import type {KubeObject} from './types.js';
import {rec} from './json.js';
import {DescribeWriter, describeEvents, describeMeta, flat} from './describe-format.js';
// The kinds registry holds each kind's describer and the words that name it; it imports the
// describers and only this file's DescribeContext type, so at run time the dependency runs one way.
import {kindByWord} from '../kinds/index.js';

/** Objects the caller may have at hand that sharpen a description; all optional. */
export interface DescribeContext {
	/** For a Deployment: replica sets in its namespace (OldReplicaSets/NewReplicaSet). */
	replicaSets?: readonly KubeObject[];
	/** For a Node: pods bound to it (Non-terminated Pods, Allocated resources). For a Service: pods in its namespace (Endpoints). */
	pods?: readonly KubeObject[];
}

const MAX_GENERIC_LINES = 400;

/**
 * Nested fields as indented lines, walked with an explicit stack: a deeply nested object cannot
 * overflow the call stack, and the budget bounds the lines whatever the object's size.
 */
function dump(w: DescribeWriter, level: number, value: unknown, budget: {left: number}): void {
	const stack: Array<{entries: Array<[string | undefined, unknown]>; index: number; level: number}> = [];
	const push = (v: unknown, at: number): void => {
		const r = rec(v);
		if (r) stack.push({entries: Object.entries(r), index: 0, level: at});
		else if (Array.isArray(v)) stack.push({entries: v.map((item) => [undefined, item]), index: 0, level: at});
	};
	push(value, level);
	while (stack.length > 0) {
		const frame = stack[stack.length - 1]!;
		if (frame.index >= frame.entries.length || budget.left <= 0) {
			stack.pop();
			continue;
		}
		const [k, v] = frame.entries[frame.index++]!;
		budget.left--;
		const nested = typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
		if (k === undefined) {
			if (typeof v === 'object' && v !== null) {
				w.line(frame.level, '-');
				push(v, frame.level + 1);
			} else {
				w.line(frame.level, `- ${flat(v)}`);
			}
		} else if (nested) {
			w.line(frame.level, `${flat(k)}:`);
			push(v, frame.level + 1);
		} else {
			w.kv(frame.level, flat(k), Array.isArray(v) ? '[]' : typeof v === 'object' && v !== null ? '{}' : v);
		}
	}
}

/** Metadata, then spec and status as indented fields (kubectl's generic describer does the same), then events. */
function describeGeneric(object: KubeObject, events: readonly KubeObject[], now: number): string[] {
	const w = new DescribeWriter();
	describeMeta(w, object, {created: true});
	if (object.apiVersion) w.kv(0, 'API Version', object.apiVersion);
	if (object.kind) w.kv(0, 'Kind', object.kind);
	const budget = {left: MAX_GENERIC_LINES};
	for (const [key, value] of Object.entries(object)) {
		if (key === 'metadata' || key === 'apiVersion' || key === 'kind') continue;
		if (typeof value === 'object' && value !== null) {
			w.line(0, `${key.charAt(0).toUpperCase()}${key.slice(1)}:`);
			dump(w, 1, value, budget);
		} else {
			w.kv(0, key, value);
		}
	}
	if (budget.left <= 0) w.line(0, '… (truncated; see the YAML view)');
	describeEvents(w, events, now);
	return w.lines();
}

/** Accepts API kinds ('Pod'), resource names ('pods') and every other word for a kind ('po', 'deploy'). */
export function describeObject(kind: string, object: KubeObject, events: readonly KubeObject[], now: number, context: DescribeContext = {}): string[] {
	const describer = kindByWord(kind)?.describe;
	return describer ? describer(object, events, now, context) : describeGeneric(object, events, now);
}
