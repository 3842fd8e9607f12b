// Reading a watch response: newline-delimited JSON events arriving in arbitrary chunks.
import type {IncomingMessage} from 'node:http';
import {KubeApiError} from './connection.js';

/** Calls onLine for each complete line of the body; resolves at the end of the stream. */
export function readLines(res: IncomingMessage, signal: AbortSignal, onLine: (line: string) => void): Promise<void> {
	return new Promise((resolve, reject) => {
		// The unfinished last line, in pieces: joined once when its newline arrives, since searching
		// or slicing a string grown chunk by chunk copies it whole each time (quadratic for a large object).
		let pending: string[] = [];
		let failed = false;
		const fail = (error: unknown) => {
			if (failed) return;
			failed = true;
			res.destroy();
			reject(error);
		};
		/** Hands one line on; false (and the promise rejected) when onLine threw. */
		const emit = (line: string): boolean => {
			if (!line) return true;
			try {
				onLine(line);
				return true;
			} catch (error) {
				fail(error);
				return false;
			}
		};
		res.setEncoding('utf8');
		res.on('data', (chunk: string) => {
			if (failed) return;
			let start = 0;
			let newline = chunk.indexOf('\n');
			while (newline >= 0) {
				let line = chunk.slice(start, newline);
				if (pending.length > 0) {
					pending.push(line);
					line = pending.join('');
					pending = [];
				}
				if (!emit(line.trim())) return;
				start = newline + 1;
				newline = chunk.indexOf('\n', start);
			}
			if (start < chunk.length) pending.push(chunk.slice(start));
		});
		res.on('end', () => {
			if (failed) return;
			if (emit(pending.join('').trim())) resolve();
		});
		res.on('error', (error) => fail(signal.aborted ? error : new KubeApiError(0, 'ConnectionLost', `the watch connection broke: ${error.message}`)));
		res.on('aborted', () => fail(new KubeApiError(0, 'ConnectionLost', 'the server closed the watch connection mid-stream')));
		signal.addEventListener('abort', () => fail(Object.assign(new Error('aborted'), {name: 'AbortError'})), {once: true});
	});
}
