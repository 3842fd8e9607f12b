// What the benches measure with: the heap after full collections, and a condition awaited with a deadline.

/** Heap in MB after two collections (meaningful only with --expose-gc). */
export function heapMb(): number {
	(globalThis as {gc?: () => void}).gc?.();
	(globalThis as {gc?: () => void}).gc?.();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Resolves when `check` holds, polling every 2 ms; rejects after `timeoutMs`. */
export function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const deadline = Date.now() + timeoutMs;
		const tick = () => {
			if (check()) return resolve();
			if (Date.now() > deadline) return reject(new Error('timed out'));
			setTimeout(tick, 2);
		};
		tick();
	});
}
