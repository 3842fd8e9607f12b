// During an outage the watch asks again with capped exponential backoff and jitter — never a
// tight loop — and the header counts down to the next attempt. The port is held by a listener
// that accepts and resets every connection, so each attempt is counted with its time.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import {convergesToServer, waitFor, withFaultySim} from './fault-watch-harness.js';

test('an outage gets paced attempts (backoff with jitter, no hammering), then the store equals a fresh list', async () => {
	await withFaultySim({pods: ['a', 'b']}, async (h) => {
		await h.sim.stopServer();
		const attempts: number[] = [];
		const resetter = net.createServer((socket) => {
			attempts.push(Date.now());
			socket.resetAndDestroy();
		});
		await new Promise<void>((resolve) => resetter.listen(h.sim.port, '127.0.0.1', resolve));
		try {
			// backoffInitialMs 100, cap 800: steps 100, 200, 400, 800, 800… each drawn from [50%, 100%].
			await waitFor('eight attempts', () => attempts.length >= 8, 15_000);
			const status = h.session.status('pods');
			assert.equal(status.state, 'reconnecting');
			assert.ok(status.retryAt !== undefined && status.retryAt > Date.now() - 1000);
		} finally {
			await new Promise<void>((resolve) => resetter.close(() => resolve()));
		}
		const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
		const steps = gaps.map((_, i) => Math.min(800, 100 * 2 ** (i + 1)));
		gaps.forEach((gap, i) => assert.ok(gap >= steps[i]! * 0.5 - 15, `attempt ${i + 2} came ${gap} ms after the one before (step ${steps[i]} ms): ${gaps.join(', ')}`));
		const span = attempts.at(-1)! - attempts[0]!;
		assert.ok(span >= 50 + 100 + 200 + 400 * 4, `8 attempts over ${span} ms`);
		const capped = gaps.slice(3);
		assert.ok(Math.max(...capped) - Math.min(...capped) > 5, `jittered, not a fixed period: ${capped.join(', ')}`);

		h.sim.store.remove('pods', 'shop', 'a');
		h.pod('c');
		await h.sim.startServer();
		await convergesToServer(h);
		await waitFor('live', () => h.session.status('pods').state === 'live');
	});
});
