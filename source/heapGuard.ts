// Running out of memory must end like any other way out: the terminal given back and a message
// saying what happened. When V8's old generation reaches its limit V8 aborts the process, and
// no JavaScript (so no screen restore) runs after that; so kubedeck knows that limit (it sets
// --max-old-space-size at start-up unless the user did) and watches the old generation against
// it, stopping cleanly first. V8 reports no old-generation limit of its own: heap_size_limit
// also counts the young generation's reservation (448 MB for a 256 MB old space on Node 24).
// Polling costs one getHeapSpaceStatistics() call (~4 µs measured on the 2-core test machine)
// per 250 ms; a leak, the failure seen in practice (about 2 MB/s under churn), is caught long
// before the abort. A single allocation larger than the headroom left above the threshold
// would still abort: no in-process check can catch that.
import {getHeapSpaceStatistics} from 'node:v8';

/** kubedeck's own old-generation limit when the user sets none: ample for 50,000 pods, and never more than half the machine. */
export function defaultHeapLimitMb(totalMemoryBytes: number): number {
	return Math.max(256, Math.min(4096, Math.floor(totalMemoryBytes / 1048576 / 2)));
}

/** The old-generation limit (MB) in node's own flags or NODE_OPTIONS, the last one winning as in node. */
export function heapLimitFlag(execArgv: readonly string[], nodeOptions: string | undefined): number | undefined {
	let found: number | undefined;
	for (const arg of [...(nodeOptions ?? '').split(/\s+/), ...execArgv]) {
		const match = /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(arg);
		if (match) found = Number(match[1]);
	}
	return found;
}

/**
 * The V8 flags kubedeck starts itself again with, when the user set no old-generation limit: that
 * limit, and a young generation of 8 MB semi-spaces unless the user chose a size. V8's default lets
 * each semi-space grow to 64 MB, and the new space (two of them) stays committed once grown: at
 * 50,000 pods the list's burst of objects grew it to 128 MB, 30 MB of it in use. Measured at 50k
 * pods (bench/RESULTS.md): RSS after load 438–491 → 348–358 MB, and no more CPU to load the list.
 */
export function startFlags(execArgv: readonly string[], nodeOptions: string | undefined, totalMemoryBytes: number): string[] {
	if (heapLimitFlag(execArgv, nodeOptions) !== undefined) return [];
	const flags = [`--max-old-space-size=${defaultHeapLimitMb(totalMemoryBytes)}`];
	const youngChosen = [...(nodeOptions ?? '').split(/\s+/), ...execArgv].some((arg) => /^--(max|min)[-_]semi[-_]space[-_]size=/.test(arg));
	if (!youngChosen) flags.push('--max-semi-space-size=8');
	return flags;
}

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

/** What counts against --max-old-space-size: every space but the young generation's. */
function oldGenerationUsed(): number {
	let used = 0;
	for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('new_')) used += space.space_used_size;
	return used;
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
export function watchHeap(limitMb: number, onExhausted: (sample: HeapSample) => void, options: HeapGuardOptions & {intervalMs?: number; read?: () => HeapSample} = {}): HeapWatch {
	const read = options.read ?? (() => ({used: oldGenerationUsed(), limit: limitMb * 1048576}));
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
