// A watch stream that stays open and sends nothing — no events, no bookmarks, not even its timed
// end — is shown as `stalled since HH:MM:SS` within two bookmark intervals, then recovers.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {clockTime} from '../../views/Header.js';
import {convergesToServer, headerLine, rowsOf, waitFor, withFaultySim} from './fault-watch-harness.js';

test('a stalled stream is shown as stalled within 2 × the bookmark interval, relisted, and live again once streams talk', async () => {
	await withFaultySim({pods: ['a', 'b']}, async (h) => {
		const stallsBefore = h.stats().stalls;
		const stalledAt = Date.now();
		h.faults.stall();
		h.pod('c');
		await waitFor('stalled', () => h.session.status('pods').state === 'stalled', 6000);
		const elapsed = Date.now() - stalledAt;
		// 2 s after the last sign of life, which came at most one bookmark (250 ms) before the stall.
		assert.ok(elapsed < 2000 + 1500, `stalled noticed after ${elapsed} ms`);
		const status = h.session.status('pods');
		assert.ok(status.since <= stalledAt + 50, 'since = the last sign of life, not the moment of noticing');
		assert.ok(headerLine(h.session).startsWith(`watch pods stalled since ${clockTime(status.since)} (data `), headerLine(h.session));
		assert.match(status.message ?? '', /no event or bookmark for \d+s/);
		assert.equal(h.stats().stalls, stallsBefore + 1);
		// The relist after the stall brings what the silent stream withheld; the state stays stalled
		// while every new stream is silent too.
		await waitFor('the relist shows c', () => rowsOf(h.session).some((r) => r.startsWith('c ')));
		await waitFor('the next stream stalls too', () => h.stats().stalls >= stallsBefore + 2, 8000);
		assert.equal(h.session.status('pods').state, 'stalled');
		assert.equal(h.session.status('pods').since, status.since, 'a repeated stall keeps its first moment');

		h.faults.clear();
		await waitFor('live again', () => h.session.status('pods').state === 'live', 8000);
		h.pod('d');
		await convergesToServer(h);
		assert.equal(h.states.at(-1), 'live', h.states.join(' → '));
	});
});

test('a quiet but healthy stream (bookmarks only) is never called stalled', async () => {
	await withFaultySim({pods: ['a']}, async (h) => {
		const watches = h.stats().watches;
		// Several watches end on time with only bookmarks in them: well past the 2 s stall window.
		await waitFor('four more timed watches', () => h.stats().watches >= watches + 4, 15_000);
		assert.equal(h.stats().stalls, 0);
		assert.ok(!h.states.includes('stalled'), h.states.join(' → '));
		assert.equal(h.session.status('pods').state, 'live');
	});
});

test('with the default tuning and the simulator\'s default bookmarks, a stall is on screen within 15 s', async () => {
	await withFaultySim({pods: ['a'], simBookmarkMs: 5000, tuning: {}}, async (h) => {
		const stalledAt = Date.now();
		h.faults.stall();
		await waitFor('stalled', () => h.session.status('pods').state === 'stalled', 15_000);
		assert.ok(Date.now() - stalledAt <= 15_000);
	});
});
