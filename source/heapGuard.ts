// Running out of memory must end like any other way out: the terminal given back and a message
// saying what happened. When V8 reaches its heap limit it aborts the process, and no JavaScript
// (so no screen restore) runs after that; so kubedeck watches its heap against the limit V8
// reports (the default for the machine, or the user's --max-old-space-size) and stops cleanly
// first. Polling costs one getHeapStatistics() call (~4 µs measured on the 2-core test
// machine) per interval; a leak, the failure seen in practice (about 2 MB/s under churn), is
// caught long before the abort. A single allocation larger than the headroom left above the
// threshold would still abort: no in-process check can catch that.
import {getHeapStatistics} from 'node:v8';

export interface HeapSample {
	used: number;
	limit: number;
}

export interface HeapGuardOptions {
	/** Fraction of the limit that counts as "about to run out" (default 0.9). */
	threshold?: number;
	/** Consecutive samples over the threshold before stopping: one could be garbage a GC is about to free. */
	confirmations?: number;
}

/**
 * Decides from the samples so far (oldest first) whether to stop: the last `confirmations`
 * samples are all over the threshold. Pure, so the rule is tested without filling a heap.
 */
export function heapExhausted(samples: readonly HeapSample[], options: HeapGuardOptions = {}): boolean {
	const threshold = options.threshold ?? 0.9;
	const confirmations = options.confirmations ?? 2;
	if (samples.length < confirmations) return false;
	return samples.slice(-confirmations).every((s) => s.used >= s.limit * threshold);
}

const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;

/** What the operator reads after the screen is back. */
export function heapMessage(sample: HeapSample): string {
	return (
		`kubedeck stopped: its memory (JavaScript heap) reached ${mb(sample.used)} of its ${mb(sample.limit)} limit, ` +
		`so it quit before Node.js would abort. To allow more, run it with NODE_OPTIONS=--max-old-space-size=<MB>.`
	);
}

export interface HeapWatch {
	stop(): void;
}

/**
 * Samples the heap every `intervalMs` and calls `onExhausted` once when heapExhausted says so.
 * The timer is unref'd: watching memory is never a reason to stay alive.
 */
export function watchHeap(onExhausted: (sample: HeapSample) => void, options: HeapGuardOptions & {intervalMs?: number; read?: () => HeapSample} = {}): HeapWatch {
	const read = options.read ?? (() => {
		const stats = getHeapStatistics();
		return {used: stats.used_heap_size, limit: stats.heap_size_limit};
	});
	const confirmations = options.confirmations ?? 2;
	const samples: HeapSample[] = [];
	const timer = setInterval(() => {
		samples.push(read());
		if (samples.length > confirmations) samples.shift();
		if (!heapExhausted(samples, options)) return;
		clearInterval(timer);
		onExhausted(samples[samples.length - 1]!);
	}, options.intervalMs ?? 250);
	timer.unref();
	return {stop: () => clearInterval(timer)};
}
