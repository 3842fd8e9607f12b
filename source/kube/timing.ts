// Time between things: abortable sleeps, capped exponential backoff with jitter, and the frame
// interval at which bursts of changes reach the screen. One copy for watches, actions and logs.

/** About 30 repaints a second: the most a person can follow, and what a slow SSH link can carry. */
export const FRAME_MS = 33;

/** Resolves after ms, or at once when the signal aborts (never rejects: the caller checks the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done(): void {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, {once: true});
	});
}

/**
 * The pause before attempt `failures` + 1: initialMs doubled per failure, capped at maxMs, with
 * jitter in [50%, 100%] of the step so many clients failing together do not retry together.
 */
export function backoffDelay(failures: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
	const step = Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
	return Math.round(step * (0.5 + random() * 0.5));
}
