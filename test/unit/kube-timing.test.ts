// source/kube/timing.ts: the pauses every retry loop (watches, drain, rollouts, log follows) shares.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {backoffDelay, sleep} from '../../source/kube/timing.js';

test('backoffDelay doubles from the initial step, caps, and jitters within [50%, 100%]', () => {
	const cases: Array<[failures: number, random: number, want: number]> = [
		[1, 1, 500],
		[1, 0, 250],
		[2, 1, 1000],
		[3, 1, 2000],
		[7, 1, 30_000],
		[20, 1, 30_000],
		[20, 0, 15_000],
		[0, 1, 500],
	];
	for (const [failures, random, want] of cases) {
		assert.equal(backoffDelay(failures, 500, 30_000, () => random), want, `failures=${failures} random=${random}`);
	}
});

test('sleep waits its time; an abort ends it at once, before or during the wait', async () => {
	let started = performance.now();
	await sleep(40);
	assert.ok(performance.now() - started >= 35, 'waited');

	const already = new AbortController();
	already.abort();
	started = performance.now();
	await sleep(60_000, already.signal);
	assert.ok(performance.now() - started < 1000, 'an aborted signal does not wait at all');

	const later = new AbortController();
	const waiting = sleep(60_000, later.signal);
	setImmediate(() => later.abort());
	started = performance.now();
	await waiting;
	assert.ok(performance.now() - started < 1000, 'an abort mid-wait ends it');
});
