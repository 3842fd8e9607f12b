// V8 keeps a slice (and a concatenation of slices) as a view into the original string: a short
// piece kept for long (a cell, a cache key) would keep a whole 1 MB log line alive with it.

/** A string with its own storage. Through bytes and back is exact for any UTF-16. */
export function detachedCopy(s: string): string {
	return Buffer.from(s, 'utf16le').toString('utf16le');
}
