// `kubectl describe secret`: metadata, type and each key with its size. It masks the object
// itself (masking is idempotent), so even a caller that forgot to cannot print a value.
import type {KubeObject} from './types.js';
import {rec, str} from './json.js';
import {DescribeWriter, describeEvents, describeMeta} from './describe-format.js';
import {redactSecret} from './secret-mask.js';

export function describeSecret(object: KubeObject, events: readonly KubeObject[], now: number): string[] {
	const masked = redactSecret(object);
	const w = new DescribeWriter();
	describeMeta(w, masked);
	w.line(0, '');
	w.kv(0, 'Type', str(masked.type) || 'Opaque');
	w.line(0, '');
	w.line(0, 'Data');
	w.line(0, '====');
	const entries = [...Object.entries(rec(masked.data) ?? {}), ...Object.entries(rec(masked.stringData) ?? {})].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	for (const [key, value] of entries) w.kv(0, key, value);
	describeEvents(w, events, now);
	return w.lines();
}
