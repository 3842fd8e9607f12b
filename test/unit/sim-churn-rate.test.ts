// The churn generator's rate, with its clock and ticks driven by the test: modifications per
// wall-clock second as asked, whether the ticks come on time, late, or after a long stall.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {PodCache} from '../../source/sim/world/cache.js';
import {CATCH_UP_MS, startChurn} from '../../source/sim/world/churn.js';
import {seededRandom, type Runtime} from '../../source/sim/world/runtime.js';

/** A runtime whose clock the test sets and whose one periodic timer the test fires. */
function drivenChurn(perSecond: number, pods = 50) {
	let clock = 1_000_000;
	let tick: (() => void) | undefined;
	let mutations = 0;
	const rt = {
		speed: 1,
		now: () => clock,
		random: seededRandom(5),
		every(_ms: number, fn: () => void) {
			tick = fn;
			return () => {};
		},
		tryMutate(_key: string, _namespace: string, name: string, fn: (pod: KubeObject) => void) {
			mutations++;
			const pod: KubeObject = {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: 'scale-0', uid: name}, status: {containerStatuses: [{ready: true, restartCount: 0}], conditions: []}};
			fn(pod);
			return pod;
		},
	} as unknown as Runtime;
	const cache = new PodCache();
	for (let i = 0; i < pods; i++) cache.apply('ADDED', {apiVersion: 'v1', kind: 'Pod', metadata: {name: `p${i}`, namespace: 'scale-0', uid: `u${i}`}, spec: {nodeName: 'n'}, status: {phase: 'Running'}});
	startChurn(rt, cache, perSecond);
	assert.ok(tick, 'churn runs on a periodic timer');
	return {
		/** Lets `ms` of wall-clock time pass, then fires the timer once; returns the modifications it made. */
		tickAfter(ms: number): number {
			clock += ms;
			const before = mutations;
			tick!();
			return mutations - before;
		},
	};
}

const cases: Array<{what: string; perSecond: number; gaps: number[]; expected: number}> = [
	{what: 'ticks on time: a tenth of the rate each', perSecond: 400, gaps: [100, 100, 100, 100, 100], expected: 200},
	{what: 'late ticks make up for the time that passed', perSecond: 400, gaps: [250, 250], expected: 200},
	{what: 'early ticks do no more than their share', perSecond: 400, gaps: [20, 20, 20, 20, 20], expected: 40},
	{what: 'a fraction per tick carries over', perSecond: 15, gaps: Array<number>(20).fill(100), expected: 30},
	{what: 'a long stall is made up for at most a second', perSecond: 400, gaps: [60_000], expected: (400 * CATCH_UP_MS) / 1000},
];

for (const c of cases) {
	test(`churn at ${c.perSecond}/s: ${c.what}`, () => {
		const churn = drivenChurn(c.perSecond);
		const made = c.gaps.reduce((sum, gap) => sum + churn.tickAfter(gap), 0);
		assert.equal(made, c.expected);
	});
}

test('no churn asked, no timer and no modifications', () => {
	assert.throws(() => drivenChurn(0), /churn runs on a periodic timer/);
});
