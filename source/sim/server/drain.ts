// Backpressure for the simulator's long responses (paged lists, watch streams): a writer waits for
// the socket to drain instead of buffering a 50k-object list in memory, and a client that hangs up
// releases the wait.
import type {ServerResponse} from 'node:http';

/** Resolves once the response can take more (or is gone), after letting other work run. */
export function drained(res: ServerResponse): Promise<void> {
	return new Promise(resolve => {
		if (res.destroyed || !res.writableNeedDrain) return setImmediate(resolve);
		const done = (): void => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/** Writes one chunk; waits for the drain only when the socket's buffer is full. */
export async function writeAll(res: ServerResponse, chunk: string): Promise<void> {
	if (res.destroyed) return;
	if (!res.write(chunk)) await drained(res);
}
