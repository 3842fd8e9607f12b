// Reading a watch response: newline-delimited JSON events arriving in arbitrary chunks.
import type {IncomingMessage} from 'node:http';
import {KubeApiError} from './connection.js';

/** Calls onLine for each complete line of the body; resolves at the end of the stream. */
export function readLines(res: IncomingMessage, signal: AbortSignal, onLine: (line: string) => void): Promise<void> {
	return new Promise((resolve, reject) => {
		let buffered = '';
		let failed = false;
		const fail = (error: unknown) => {
			if (failed) return;
			failed = true;
			res.destroy();
			reject(error);
		};
		res.setEncoding('utf8');
		res.on('data', (chunk: string) => {
			if (failed) return;
			buffered += chunk;
			let start = 0;
			let newline = buffered.indexOf('\n');
			while (newline >= 0) {
				const line = buffered.slice(start, newline).trim();
				start = newline + 1;
				if (line) {
					try {
						onLine(line);
					} catch (error) {
						fail(error);
						return;
					}
				}
				newline = buffered.indexOf('\n', start);
			}
			buffered = buffered.slice(start);
		});
		res.on('end', () => {
			if (failed) return;
			const rest = buffered.trim();
			if (rest) {
				try {
					onLine(rest);
				} catch (error) {
					fail(error);
					return;
				}
			}
			resolve();
		});
		res.on('error', (error) => fail(signal.aborted ? error : new KubeApiError(0, 'ConnectionLost', `the watch connection broke: ${error.message}`)));
		res.on('aborted', () => fail(new KubeApiError(0, 'ConnectionLost', 'the server closed the watch connection mid-stream')));
		signal.addEventListener('abort', () => fail(Object.assign(new Error('aborted'), {name: 'AbortError'})), {once: true});
	});
}
