// Waiting between attempts: abortable sleeps and capped exponential backoff with jitter.

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
		signal.addEventListener('abort', done, {once: true});
	});
}

/** Capped exponential backoff with jitter in [50%, 100%] of the step. */
export function backoffDelay(failures: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
	const step = Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
	return Math.round(step * (0.5 + random() * 0.5));
}
