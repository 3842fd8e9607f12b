// The one place a Secret's values are dealt with. Every object of a sensitive kind is masked
// here right after it is fetched, before any text (describe, YAML, an error) is built from it:
// values become '•••• (N bytes)', so no later code path can print one by accident. The only
// way to a value is SecretValue, which hides it from every printer but its own reveal().
import type {KubeObject} from './types.js';
import {rec} from './json.js';

export const MASK = '••••';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** '•••• (12 bytes)': what a masked value reads as. */
export function maskedValue(bytes: number): string {
	return `${MASK} (${bytes} byte${bytes === 1 ? '' : 's'})`;
}

const MASKED = /^•••• \(\d+ bytes?\)$/;

/** Whether a text is already a mask (masking twice must not change it: '•••• (14 bytes)' is not a value). */
export function isMasked(value: unknown): boolean {
	return typeof value === 'string' && MASKED.test(value);
}

/** Decoded size of a base64 text, computed from its length: the bytes themselves are never made. */
export function base64Bytes(text: string): number {
	const clean = text.replace(/[^A-Za-z0-9+/=_-]/g, '');
	const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
	return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

export interface SecretKey {
	key: string;
	/** Decoded length in bytes. */
	bytes: number;
	/** data holds base64; stringData (only ever in a manifest, never from the server) plain text. */
	from: 'data' | 'stringData';
}

/** The keys of a Secret with their sizes, sorted by key; no value leaves this function. */
export function secretKeys(object: Readonly<Record<string, unknown>>): SecretKey[] {
	const keys: SecretKey[] = [];
	for (const [key, value] of Object.entries(rec(object.data) ?? {})) keys.push({key, bytes: typeof value === 'string' ? base64Bytes(value) : 0, from: 'data'});
	for (const [key, value] of Object.entries(rec(object.stringData) ?? {})) keys.push({key, bytes: typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0, from: 'stringData'});
	return keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Every scalar leaf of a tree masked, the keys kept: the shape of Helm values, not their contents. */
export function maskLeaves(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(maskLeaves);
	const r = rec(value);
	if (r) return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, maskLeaves(v)]));
	if (value === null || value === undefined || isMasked(value)) return value;
	return maskedValue(Buffer.byteLength(String(value), 'utf8'));
}

/** A Secret-shaped object (from the server or a manifest) with data and stringData masked. */
function maskSecretFields<T extends Record<string, unknown>>(object: T): T {
	const out: Record<string, unknown> = {...object};
	for (const field of ['data', 'stringData'] as const) {
		const map = rec(object[field]);
		if (!map) {
			// A value where a map belongs is still a value: mask it whole.
			if (object[field] !== undefined) out[field] = MASK;
			continue;
		}
		const sizes = new Map(secretKeys({[field]: map}).map((k) => [k.key, k.bytes]));
		out[field] = Object.fromEntries(Object.entries(map).map(([key, value]) => [key, isMasked(value) ? value : maskedValue(sizes.get(key) ?? 0)]));
	}
	return out as T;
}

/**
 * kubectl apply keeps the whole object it applied in an annotation, values included. Masked
 * as a Secret when it parses as one; otherwise it is not shown at all (it could be anything).
 */
function maskLastApplied(text: string): string {
	if (isMasked(text)) return text;
	try {
		const parsed = rec(JSON.parse(text));
		if (parsed) return JSON.stringify(maskSecretFields(parsed));
	} catch {
		// not JSON: falls through to the whole-value mask
	}
	return maskedValue(Buffer.byteLength(text, 'utf8'));
}

/** A Secret as the views may see it: values masked, the applied-configuration copy masked too. */
export function redactSecret(object: KubeObject): KubeObject {
	const masked = maskSecretFields(object);
	const annotations = object.metadata?.annotations;
	if (annotations && typeof annotations[LAST_APPLIED] === 'string') {
		masked.metadata = {...object.metadata, annotations: {...annotations, [LAST_APPLIED]: maskLastApplied(annotations[LAST_APPLIED])}};
	}
	return masked;
}

/** Masks every Secret document of a list of manifests (a Helm release's rendered manifest). */
export function redactManifestSecrets(documents: readonly unknown[]): unknown[] {
	return documents.map((doc) => {
		const r = rec(doc);
		if (!r || r.kind !== 'Secret') return doc;
		const masked = maskSecretFields(r);
		const meta = rec(r.metadata);
		const annotations = rec(meta?.annotations);
		const applied = annotations?.[LAST_APPLIED];
		if (meta && annotations && typeof applied === 'string') masked.metadata = {...meta, annotations: {...annotations, [LAST_APPLIED]: maskLastApplied(applied)}};
		return masked;
	});
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * One revealed value. It prints as its mask everywhere (String(), JSON, template strings,
 * console and util.inspect, an error message that interpolates it): only text() gives the
 * value, and only the reveal pager calls it.
 */
export class SecretValue {
	readonly #bytes: Uint8Array;

	constructor(bytes: Uint8Array) {
		this.#bytes = bytes;
	}

	get bytes(): number {
		return this.#bytes.length;
	}

	/** The value as lines: UTF-8 text as is; anything else as base64, 76 characters a line. */
	text(): {binary: boolean; lines: string[]} {
		try {
			const text = new TextDecoder('utf-8', {fatal: true}).decode(this.#bytes);
			// NUL and friends are not text a person can read or copy; show those as base64.
			if (!/[\u0000-\u0008\u000e-\u001f]/.test(text)) return {binary: false, lines: text.replace(/\n$/, '').split('\n')};
		} catch {
			// not UTF-8
		}
		const base64 = Buffer.from(this.#bytes).toString('base64');
		return {binary: true, lines: base64.match(/.{1,76}/g) ?? ['']};
	}

	toString(): string {
		return maskedValue(this.bytes);
	}

	toJSON(): string {
		return this.toString();
	}

	[inspectCustom](): string {
		return this.toString();
	}
}

/** The value of one key of a raw Secret, or undefined when it has no such key. */
export function secretValue(object: Readonly<Record<string, unknown>>, key: string): SecretValue | undefined {
	const data = rec(object.data)?.[key];
	if (typeof data === 'string') return new SecretValue(Buffer.from(data, 'base64'));
	const plain = rec(object.stringData)?.[key];
	if (typeof plain === 'string') return new SecretValue(Buffer.from(plain, 'utf8'));
	return undefined;
}
