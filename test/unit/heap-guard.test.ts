// The out-of-memory guard: stop cleanly when the heap stays near V8's limit, never on one
// sample that a collection may be about to free.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {defaultHeapLimitMb, heapExhausted, heapLimitFlag, heapMessage, startFlags, watchHeap, type HeapSample} from '../../source/heapGuard.js';

const MB = 1048576;
const at = (used: number, limit = 100): HeapSample => ({used: used * MB, limit: limit * MB});

/**
 * The guard's timer is unref'd (memory is never a reason to stay alive), so while a test waits on
 * it nothing else may keep the event loop running: Node 22's test runner then ends the file with
 * the promise pending. A ref'd timer held for the wait keeps the loop alive.
 */
async function keptAlive<T>(promise: Promise<T>): Promise<T> {
	const alive = setInterval(() => {}, 1000);
	try {
		return await promise;
	} finally {
		clearInterval(alive);
	}
}

test('heapExhausted: the last samples must all be over the threshold', () => {
	const cases: Array<[HeapSample[], boolean, string]> = [
		[[], false, 'no samples yet'],
		[[at(95)], false, 'one sample is not enough (garbage a GC may free)'],
		[[at(50), at(95)], false, 'only the last is over'],
		[[at(95), at(50)], false, 'a collection brought it down'],
		[[at(90), at(91)], true, 'two in a row at or over 90 %'],
		[[at(10), at(92), at(99)], true, 'only the last two count'],
		[[at(89), at(89)], false, 'just under'],
	];
	for (const [samples, expected, why] of cases) assert.equal(heapExhausted(samples), expected, why);
	assert.equal(heapExhausted([at(80), at(81)], {threshold: 0.8}), true, 'threshold is an option');
	assert.equal(heapExhausted([at(95)], {confirmations: 1}), true, 'so is the number of confirmations');
});

test('the message says how much, of what limit, and how to allow more', () => {
	assert.equal(
		heapMessage(at(230, 256)),
		'kubedeck stopped: its memory (JavaScript heap) reached 230 MB of its 256 MB limit, so it quit before Node.js would abort. To allow more, run it with NODE_OPTIONS=--max-old-space-size=<MB>.',
	);
});

test('watchHeap calls back once, with the sample that decided it, then stops sampling', async () => {
	const readings = [at(10), at(95), at(96), at(97), at(98)];
	let reads = 0;
	const calls: HeapSample[] = [];
	await keptAlive(new Promise<void>((resolve) => {
		watchHeap(100, (sample) => {
			calls.push(sample);
			resolve();
		}, {intervalMs: 1, read: () => readings[Math.min(reads++, readings.length - 1)]!});
	}));
	const readsAtCall = reads;
	await new Promise((resolve) => setTimeout(resolve, 30)); // a window in which a sampler that kept going would read again
	assert.deepEqual(calls, [at(96)]);
	assert.equal(reads, readsAtCall, 'no sampling after the verdict');
});

test('by default it reads this process: its old generation in use, against the limit it was given', async () => {
	const sample = await keptAlive(new Promise<HeapSample>((resolve) => {
		watchHeap(100_000, resolve, {intervalMs: 1, threshold: 0, confirmations: 1});
	}));
	assert.equal(sample.limit, 100_000 * MB);
	assert.ok(sample.used > 0 && sample.used < sample.limit, JSON.stringify(sample));
});

test('the limit: the user\'s flag (node flags after NODE_OPTIONS, the last wins), else half the machine within 256 MB–4 GB', () => {
	const flags: Array<[string[], string | undefined, number | undefined]> = [
		[[], undefined, undefined],
		[['--import', 'tsx'], '--enable-source-maps', undefined],
		[['--max-old-space-size=256'], undefined, 256],
		[[], '--max_old_space_size=512', 512],
		[['--max-old-space-size=300'], '--max-old-space-size=512', 300],
		[['--max-old-space-size=1', '--max-old-space-size=2'], undefined, 2],
		[['--max-old-space-size'], undefined, undefined],
	];
	for (const [argv, options, expected] of flags) assert.equal(heapLimitFlag(argv, options), expected, `${argv.join(' ')} | ${options}`);
	assert.equal(defaultHeapLimitMb(16 * 1024 * MB), 4096);
	assert.equal(defaultHeapLimitMb(2 * 1024 * MB), 1024);
	assert.equal(defaultHeapLimitMb(256 * MB), 256);
});

test('startFlags: without a limit of the user\'s, the limit and 8 MB semi-spaces (unless the user sized the young generation); with one, no restart', () => {
	const machine = 16 * 1024 * MB;
	const cases: Array<[string[], string | undefined, string[]]> = [
		[[], undefined, ['--max-old-space-size=4096', '--max-semi-space-size=8']],
		[['--import', 'tsx'], '--enable-source-maps', ['--max-old-space-size=4096', '--max-semi-space-size=8']],
		[[], '--max-semi-space-size=32', ['--max-old-space-size=4096']],
		[['--min_semi_space_size=4'], undefined, ['--max-old-space-size=4096']],
		[['--max-old-space-size=512'], undefined, []],
		[[], '--max-old-space-size=512 --max-semi-space-size=2', []],
	];
	for (const [argv, options, expected] of cases) assert.deepEqual(startFlags(argv, options, machine), expected, `${argv.join(' ')} | ${options}`);
});
