// source/kube/watchStatus.ts: the pure rules the watch engine decides by.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {defaultTuning, isOlderVersion, stallAfterMs, watchTimeoutSeconds} from '../../source/kube/watchStatus.js';

test('isOlderVersion compares decimal resourceVersions only, by value', () => {
	const cases: Array<[next: string | undefined, held: string | undefined, older: boolean]> = [
		['5', '600', true],
		['599', '600', true],
		['600', '600', false],
		['601', '600', false],
		['1000', '999', false],
		['99', '100', true],
		['12345678901234567890', '12345678901234567891', true],
		[undefined, '5', false],
		['5', undefined, false],
		['abc', '600', false],
		['5', 'opaque-v2', false],
		['007', '600', false],
	];
	for (const [next, held, older] of cases) assert.equal(isOlderVersion(next, held), older, `${next} vs ${held}`);
});

test('the default tuning notices a stall within 15 s, and a healthy watch always speaks before that', () => {
	assert.ok(stallAfterMs(defaultTuning) <= 15_000 - 2_000, 'noticed with time to draw it');
	// The longest a healthy stream is silent: its own (jittered) timeout, when the server ends it.
	assert.ok(watchTimeoutSeconds(defaultTuning, () => 1) * 1000 < stallAfterMs(defaultTuning));
	assert.equal(watchTimeoutSeconds(defaultTuning, () => 0), 5);
	assert.equal(watchTimeoutSeconds({bookmarkIntervalMs: 100}, () => 0.5), 1, 'never below one second');
});
