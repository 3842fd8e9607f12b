// Reading a streamed response line by line: watch events (one JSON object a line) and followed
// logs (one timestamped line a line), arriving in chunks cut anywhere, even inside a character.
import type {Readable} from 'node:stream';
import {detachedCopy} from '../terminal/sanitize.js';
import {abortedError, KubeError} from './kubeError.js';

export interface LineOptions {
	/** Longer lines are cut here and flagged (logs: a runaway writer must not eat memory); default none. */
	maxLineLength?: number;
	/** Named in the error when the connection breaks mid-stream. */
	source?: string;
}

/** A line as read: without its newline (or CR LF); `truncated` when it was cut at maxLineLength. */
export type LineHandler = (line: string, truncated: boolean) => void;

/**
 * Calls onLine for each non-empty line; resolves at the end of the body. Rejects with a KubeError
 * when the connection breaks (ConnectionLost) or the signal aborts (Aborted), or with whatever
 * onLine threw, and then stops reading.
 */
export function readLines(body: Readable, signal: AbortSignal, onLine: LineHandler, options: LineOptions = {}): Promise<void> {
	const max = options.maxLineLength ?? Infinity;
	return new Promise((resolve, reject) => {
		// The unfinished last line, in pieces: joined once when its newline arrives, since searching
		// or slicing a string grown chunk by chunk copies it whole each time (quadratic for a large object).
		let pending: string[] = [];
		let pendingLength = 0;
		/** The rest of a line already delivered cut at max: dropped up to its newline. */
		let discarding = false;
		let settled = false;
		const fail = (error: unknown) => {
			if (settled) return;
			settled = true;
			signal.removeEventListener('abort', onAbort);
			body.destroy();
			reject(error);
		};
		const onAbort = () => fail(abortedError());
		const lost = () => fail(signal.aborted ? abortedError() : new KubeError(0, 'ConnectionLost', `the connection${options.source ? ` to ${options.source}` : ''} broke mid-stream`));
		/** Hands one line on; false (and the promise rejected) when onLine threw. */
		const emit = (line: string, truncated: boolean): boolean => {
			// Blank lines carry nothing in either protocol: events are JSON, log lines start with a timestamp.
			if (!line) return true;
			try {
				onLine(line, truncated);
				return true;
			} catch (error) {
				fail(error);
				return false;
			}
		};
		/** The pending pieces plus `tail` as one line, cut at max (a copy, so the cut does not pin the whole). */
		const finishLine = (tail: string): boolean => {
			const joined = pending.length > 0 ? (pending.push(tail), pending.join('')) : tail;
			const whole = joined.endsWith('\r') ? joined.slice(0, -1) : joined;
			pending = [];
			pendingLength = 0;
			if (discarding) {
				discarding = false;
				return true;
			}
			return whole.length > max ? emit(detachedCopy(whole.slice(0, max)), true) : emit(whole, false);
		};
		body.setEncoding('utf8');
		body.on('data', (chunk: string) => {
			if (settled) return;
			let start = 0;
			let newline = chunk.indexOf('\n');
			while (newline >= 0) {
				if (!finishLine(chunk.slice(start, newline))) return;
				start = newline + 1;
				newline = chunk.indexOf('\n', start);
			}
			if (start >= chunk.length || discarding) return;
			pending.push(chunk.slice(start));
			pendingLength += chunk.length - start;
			if (pendingLength > max) {
				// Deliver the cut now: the rest of this line may be arbitrarily long, or never end.
				const cut = pending.join('').slice(0, max);
				pending = [];
				pendingLength = 0;
				discarding = true;
				emit(detachedCopy(cut), true);
			}
		});
		body.on('end', () => {
			if (settled) return;
			if (pendingLength > 0 && !finishLine('')) return;
			settled = true;
			signal.removeEventListener('abort', onAbort);
			resolve();
		});
		body.on('error', lost);
		body.on('aborted', lost);
		// A socket closed without 'end' (nor an error on some Node versions) is a broken stream too.
		body.on('close', lost);
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, {once: true});
	});
}
