// A watch announces its status as it starts ('listing'), synchronously, and the session's status
// listeners may ask for a watch in return (:problems attaches the statefulset/job/PVC watches on
// every status change). SessionWatches must have recorded the watch before it starts it, so
// that such a request, arriving from inside the start, finds it rather than starting another.
// Before the fix each re-entrant request started a new watch, which announced itself again:
// on the real-cluster :problems test this recursed until the stack overflowed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {SessionWatches} from '../../source/kube/sessionWatches.js';
import {defaultTuning} from '../../source/kube/watchStatus.js';
import type {Transport} from '../../source/kube/transport.js';
import type {RowStore} from '../../source/store/rowStore.js';
import type {BaseRow} from '../../source/model/types.js';
import {kindOf} from '../../source/kinds/index.js';

/** A server that never answers: every watch stays at its first request. Counts the requests. */
function silentTransport(): Transport & {opened: string[]; stop(): void} {
	const pending: Array<() => void> = [];
	const never = (path: string, signal?: AbortSignal): Promise<never> =>
		new Promise((_, reject) => {
			opened.push(path);
			const end = () => reject(new Error('aborted'));
			signal?.addEventListener('abort', end, {once: true});
			pending.push(end);
		});
	const opened: string[] = [];
	return {
		server: 'https://silent.invalid',
		opened,
		request: (r) => never(r.path, r.signal),
		stream: (r) => never(r.path, r.signal),
		close: () => {},
		stop: () => pending.forEach((end) => end()),
	};
}

/** Wiring whose status listener asks for a watch again, as :problems does, at most `depth` deep. */
function reentrantWatches(ask: (watches: SessionWatches) => unknown, depth = 5) {
	const transport = silentTransport();
	let inside = 0;
	const asked: unknown[] = [];
	const watches: SessionWatches = new SessionWatches({
		transport,
		frameMs: 1,
		tuning: defaultTuning,
		emitStatus: () => {
			if (inside >= depth) return;
			inside++;
			try {
				asked.push(ask(watches));
			} finally {
				inside--;
			}
		},
		facts: (kind) => (kind === 'jobs.batch' ? {group: 'batch', version: 'v1', plural: 'jobs', scope: 'Namespaced'} : kindOf(kind as 'pods')),
		scopeOf: () => ({namespace: undefined, selector: undefined}),
	});
	return {watches, transport, asked};
}

test('watchProjected asked again while its watch starts: the same watch, started once', async () => {
	const project = (object: {metadata?: {uid?: string; name?: string}}): BaseRow => ({uid: object.metadata?.uid ?? '', name: object.metadata?.name ?? '', severity: 'ok'});
	const {watches, transport, asked} = reentrantWatches((w) => w.watchProjected('jobs.batch', 'problems', project));
	const store = watches.watchProjected('jobs.batch', 'problems', project);
	assert.equal(transport.opened.length, 1, `one request, not ${transport.opened.length}`);
	for (const other of asked) assert.equal(other as RowStore<BaseRow>, store);
	transport.stop();
	await watches.close();
});

test('handle asked again while its watch starts: one handle, one watch', async () => {
	const {watches, transport, asked} = reentrantWatches((w) => w.handle('pods', true));
	const handle = watches.handle('pods', true);
	assert.equal(transport.opened.length, 1, `one request, not ${transport.opened.length}`);
	for (const other of asked) assert.equal(other, handle);
	transport.stop();
	await watches.close();
});
