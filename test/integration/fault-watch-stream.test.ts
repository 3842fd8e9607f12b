// Streams that end badly: cut in the middle of an event, and answered 410 Gone on a resume.
// Either way the next round starts from a fresh list, and the store equals the server's.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {convergesToServer, rowsOf, waitFor, withFaultySim} from './fault-watch-harness.js';

test('a stream closed mid-event: relist, no half-applied or missing row', async () => {
	await withFaultySim({pods: ['a', 'b']}, async (h) => {
		const relists = h.stats().relists;
		const lists = h.stats().lists;
		h.faults.closeMidEvent();
		h.pod('c');
		await waitFor('the stream was cut', () => h.faults.counts.cut >= 1);
		await waitFor('relisted', () => h.stats().lists > lists);
		assert.ok(h.stats().relists > relists);
		await convergesToServer(h);
		assert.ok(rowsOf(h.session).some((r) => r.startsWith('c ')));
		await waitFor('live again', () => h.session.status('pods').state === 'live');
		assert.ok(!h.states.includes('error'), h.states.join(' → '));
	});
});

test('410 Gone on a resume: relist, then live with exactly the server rows', async () => {
	await withFaultySim({pods: ['a']}, async (h) => {
		const lists = h.stats().lists;
		h.faults.goneOnResume(1);
		// The watch ends on time (about 1 s) and resumes: that resume is the one refused.
		await waitFor('a resume refused with 410', () => h.faults.counts.gone === 1);
		await waitFor('relisted', () => h.stats().lists === lists + 1);
		h.pod('b');
		await convergesToServer(h);
		await waitFor('live', () => h.session.status('pods').state === 'live');
		assert.ok(!h.states.some((s) => s === 'error' || s === 'reconnecting'), h.states.join(' → '));
	});
});
