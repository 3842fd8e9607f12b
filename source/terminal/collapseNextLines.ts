// Ink's incremental renderer walks the cursor over every unchanged line with one "cursor next
// line" (ESC [ E) per line: on a 50-row screen an idle frame that changes one word is ~45 bytes of
// text and ~150 bytes of ESC [ E. A run of n of them is the same move as one ESC [ n E (CNL moves
// down n lines to column 1 and stops at the bottom either way), so the run is written as one.
// Applied at the stdout boundary, per write: a run split across two writes is left as it is.

const RUN = /(?:\x1b\[E){2,}/g;

/** `text` with each run of two or more ESC [ E written as one ESC [ n E. */
export function collapseNextLines(text: string): string {
	if (!text.includes('\x1b[E\x1b[E')) return text;
	return text.replace(RUN, (run) => `\x1b[${run.length / 3}E`);
}

interface Writable {
	write: (chunk: never, ...rest: never[]) => boolean;
}

/**
 * Makes `stream.write` collapse runs in the strings it is given (buffers pass unchanged);
 * returns the function that puts the original back.
 */
export function installCollapsedNextLines(stream: Writable): () => void {
	const original = stream.write;
	const write = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
		return (original as (...args: unknown[]) => boolean).call(this, typeof chunk === 'string' ? collapseNextLines(chunk) : chunk, ...rest);
	};
	stream.write = write as Writable['write'];
	return () => {
		if (stream.write === (write as Writable['write'])) stream.write = original;
	};
}
