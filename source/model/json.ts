// Narrowing helpers for raw API JSON. Objects come off the wire unvalidated (and from
// whatever version of Kubernetes the cluster runs), so every read tolerates absence and
// wrong types instead of throwing in the middle of a projection of 50,000 pods.
import type {OwnerRef} from './types.js';

export type Json = Record<string, unknown>;

export function rec(value: unknown): Json | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function arr(value: unknown): Json[] {
	if (!Array.isArray(value)) return [];
	return value.filter((item): item is Json => typeof item === 'object' && item !== null && !Array.isArray(item));
}

export function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function str(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function bool(value: unknown): boolean | undefined {
	return typeof value === 'boolean' ? value : undefined;
}

/** A string map (labels, selectors, nodeSelector); non-string values are dropped. */
export function stringMap(value: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	const r = rec(value);
	if (!r) return out;
	for (const [k, v] of Object.entries(r)) if (typeof v === 'string') out[k] = v;
	return out;
}

export function ownerRefs(value: unknown): OwnerRef[] {
	return arr(value).flatMap((o) => {
		const kind = str(o.kind);
		const name = str(o.name);
		const uid = str(o.uid);
		if (!kind || !name || !uid) return [];
		const ref: OwnerRef = {kind, name, uid};
		if (o.controller === true) ref.controller = true;
		return [ref];
	});
}

/** The condition of a type in status.conditions, if any. */
export function condition(status: Json | undefined, type: string): Json | undefined {
	return arr(status?.conditions).find((c) => c.type === type);
}
