// An API server restarted on the same port with a new store: fewer pods, lower resourceVersions.
// Resuming from the old resourceVersion would ask for a history that does not exist (the simulator,
// like a server behind a new etcd, waits and then answers "Too large resource version"); only a
// relist shows the truth.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {restartWithHistory} from '../../source/sim/server/watchFaults.js';
import {clockTime} from '../../views/Header.js';
import {NS, convergesToServer, headerLine, podObject, rowsOf, serverRows, waitFor, withFaultySim} from './fault-watch-harness.js';

test('restart with fewer pods and lower resourceVersions: the store equals a fresh list, and the header says so', async () => {
	const before = Array.from({length: 9}, (_, i) => `old-${i}`);
	await withFaultySim({pods: before}, async (h) => {
		// Push the old history well above where the new one will start.
		for (let i = 0; i < 200; i++) h.sim.store.create('configmaps', {metadata: {name: `cm-${i}`, namespace: NS, uid: ''}, data: {}});
		h.pod('old-9');
		await waitFor('the last old pod arrives', () => rowsOf(h.session).length === 10);
		const oldVersion = h.sim.store.resourceVersion;
		const listsBefore = h.stats().lists;

		await h.sim.stopServer();
		await waitFor('reconnecting', () => h.session.status('pods').state === 'reconnecting');
		const down = h.session.status('pods');
		assert.ok(down.retryAt !== undefined && down.dataAt !== undefined);
		assert.match(headerLine(h.session, down.dataAt + 3_000), /pods reconnecting in \d+s \(data 3s old\)/);

		await restartWithHistory(h.sim, 5, (store) => {
			store.create('namespaces', {metadata: {name: NS, uid: ''}});
			// One name survives with a new uid: the old row must not linger beside (or instead of) it.
			for (const name of ['old-3', 'fresh-a', 'fresh-b']) store.create('pods', podObject(name));
		});
		assert.ok(h.sim.store.resourceVersion < oldVersion, 'the new history starts lower');
		await convergesToServer(h);
		assert.equal(rowsOf(h.session).length, 3);
		await waitFor('live again', () => h.session.status('pods').state === 'live');
		assert.ok(h.stats().lists > listsBefore, 'relisted');
		assert.ok(h.stats().regressions >= 1, 'the list that went back was noticed');
		const live = h.session.status('pods');
		assert.match(headerLine(h.session, live.dataAt! + 1_000), /^watch pods live$/);

		// The new history is followed live from here on.
		h.pod('fresh-c');
		h.sim.store.remove('pods', NS, 'fresh-a');
		await convergesToServer(h);
		assert.deepEqual(serverRows(h.sim).map((r) => r.split(' ')[0]), ['fresh-b', 'fresh-c', 'old-3']);
		assert.ok(h.states.includes('reconnecting'), h.states.join(' → '));
		assert.equal(h.states.at(-1), 'live');
	});
});

test('clockTime prints the terminal clock as HH:MM:SS', () => {
	const at = new Date(2026, 11, 4, 9, 5, 7).getTime();
	assert.equal(clockTime(at), '09:05:07');
});
