// How the simulated store keys and orders its records: one string per (namespace, name), sorted so
// that a namespace's records are one contiguous run, found by binary search.

/** The record's key in its table; cluster-scoped records are keyed by name alone. */
export function recordKey(namespace: string | undefined, name: string): string {
	// NUL sorts below every name character, so namespaces order before their longer siblings.
	return namespace === undefined ? name : `${namespace}\u0000${name}`;
}

/** The half-open range [start, end) of sorted keys that belong to one namespace. */
export function namespaceRange(keys: readonly string[], namespace: string): {start: number; end: number} {
	return {start: lowerBound(keys, `${namespace}\u0000`), end: lowerBound(keys, `${namespace}\u0001`)};
}

/** The first index whose key is not below `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
	let lo = 0;
	let hi = keys.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (keys[mid]! < key) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The first index whose key is above `key` (where a list continues after that record). */
export function upperBound(keys: readonly string[], key: string): number {
	let lo = 0;
	let hi = keys.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (keys[mid]! <= key) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
