// WatchList (streaming lists) against the simulator: the first list of a watch is the watch itself
// (sendInitialEvents=true), rows reach the store while it streams, and the watch goes on from its
// end bookmark with no paged list at all; a server that refuses it gets paged lists, and the
// refusal is remembered for the session (one 422, not one per pane).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeConfig} from '@kubernetes/client-node';
import {openSession, streamingListRefusal, watchStats} from '../../source/kube/session.js';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import {Watcher, defaultTuning} from '../../source/kube/watch.js';
import {INITIAL_EVENTS_END} from '../../source/kube/watchList.js';
import {projectPod, type PodRow} from '../../source/model/pods.js';
import {createRowStore} from '../../source/store/rowStore.js';
import {startSim, type Sim} from '../../source/sim/index.js';
import {SimFaults} from '../../source/sim/server/faults.js';
import {watchFaultsOf} from '../../source/sim/server/watchFaults.js';
import {NS, podObject} from './fault-watch-harness.js';
import {waitFor} from './sim-helpers.js';

async function withSim(pods: number, run: (sim: Sim, faults: SimFaults) => Promise<void>): Promise<void> {
	const faults = new SimFaults();
	const sim = await startSim({scenario: 'empty', speed: 100, seed: 1, bookmarkIntervalMs: 500, faults});
	try {
		sim.store.create('namespaces', {metadata: {name: NS, uid: ''}});
		for (let i = 0; i < pods; i++) sim.store.create('pods', podObject(`pod-${i}`));
		await run(sim, faults);
	} finally {
		await sim.close();
	}
}

function kubeConfigOf(sim: Sim): KubeConfig {
	const kubeConfig = new KubeConfig();
	kubeConfig.loadFromFile(sim.kubeconfigPath);
	return kubeConfig;
}

const tuning = {pageSize: 10, bookmarkIntervalMs: 2000, backoffInitialMs: 100, backoffMaxMs: 800};

test('the first list is streamed on the watch: rows arrive before its end bookmark, no paged list, then live', async () => {
	await withSim(200, async (sim, faults) => {
		const inner = createTransport(kubeConfigOf(sim));
		const store = createRowStore<PodRow>({frameMs: 5});
		let rowsAtEnd: number | undefined;
		// Notes how many rows the store holds when the end bookmark arrives, before the engine reads it.
		const transport: Transport = {
			...inner,
			request: (r) => inner.request(r),
			stream: (r) =>
				inner.stream({
					...r,
					onLine: (line, ...rest) => {
						if (line.includes(INITIAL_EVENTS_END)) rowsAtEnd ??= store.size;
						r.onLine(line, ...rest);
					},
				}),
		};
		const watcher = new Watcher(transport, {path: `/api/v1/namespaces/${NS}/pods`, describe: 'pods', resource: 'pods', namespace: NS, project: projectPod}, store, {...defaultTuning, ...tuning}, () => {});
		const since = Date.now();
		watcher.start();
		try {
			await waitFor('live with every pod', () => watcher.status.state === 'live' && store.size === 200);
			assert.equal(rowsAtEnd, 200, 'every row was in the store while the list was still streaming');
			assert.equal(watcher.stats.streamingLists, 1);
			assert.equal(watcher.stats.pages, 0, 'no paged list');
			const pods = faults.seen({resource: 'pods'}, since);
			assert.deepEqual(pods.map((r) => r.verb), ['watch'], 'one request: the streaming list that goes on as the watch');
			sim.store.create('pods', podObject('later'));
			await waitFor('an event after the end bookmark', () => store.snapshot().rows.some((r) => r.name === 'later'));
			assert.equal(watcher.stats.watches, 1, 'the same stream');
		} finally {
			await watcher.stop();
			inner.close();
		}
	});
});

test('a relist streamed into a full store swaps the rows in at its end: the store equals the server', async () => {
	await withSim(20, async (sim) => {
		const session = await openSession(kubeConfigOf(sim), {namespace: NS, frameMs: 5, tuning});
		try {
			const pods = session.store('pods');
			await waitFor('live', () => session.status('pods').state === 'live' && pods.snapshot().rows.length === 20);
			const lists = watchStats(session, 'pods')!.streamingLists;
			// Cut the stream mid-event while the server changes: the engine relists (streamed again).
			sim.store.remove('pods', NS, 'pod-3');
			watchFaultsOf(sim.store).closeMidEvent();
			sim.store.create('pods', podObject('new-1'));
			await waitFor('relisted by streaming', () => watchStats(session, 'pods')!.streamingLists > lists);
			const server = () => sim.store.list('pods', NS).map((p) => p.metadata.name).sort().join();
			await waitFor('the store equals the server', () => pods.snapshot().rows.map((r) => r.name).sort().join() === server() && session.status('pods').state === 'live');
			const uids = pods.snapshot().rows.map((r) => r.uid);
			assert.equal(new Set(uids).size, uids.length, 'no duplicate rows');
			assert.equal(streamingListRefusal(session), undefined);
		} finally {
			await session.close();
		}
	});
});

test('a server that refuses streaming lists (422) gets paged lists, and the session remembers it', async () => {
	await withSim(25, async (sim, faults) => {
		watchFaultsOf(sim.store).refuseWatchList();
		const session = await openSession(kubeConfigOf(sim), {namespace: NS, frameMs: 5, tuning});
		try {
			const pods = session.store('pods');
			await waitFor('pods live, paged', () => session.status('pods').state === 'live' && pods.snapshot().rows.length === 25);
			assert.match(streamingListRefusal(session) ?? '', /WatchList feature gate/);
			assert.equal(watchStats(session, 'pods')!.pages, 3, '25 pods in pages of 10');
			const since = Date.now();
			session.store('deployments');
			await waitFor('deployments live', () => session.status('deployments').state === 'live');
			const refused = faults.seen({}, 0).filter((r) => r.status === 422);
			assert.equal(refused.length, 1, 'one refusal for the whole session');
			assert.deepEqual(faults.seen({resource: 'deployments'}, since).map((r) => r.verb), ['list', 'watch'], 'the next pane pages at once');
		} finally {
			await session.close();
		}
	});
});

test('the simulator checks a streaming list as kube-apiserver does', async () => {
	await withSim(0, async (sim) => {
		const transport = createTransport(kubeConfigOf(sim));
		const refused = async (query: Record<string, string>) =>
			transport.stream({path: `/api/v1/namespaces/${NS}/pods`, query: {watch: '1', timeoutSeconds: '1', ...query}, onLine: () => {}}).then(
				() => 'served',
				(error: {status?: number; message?: string}) => `${error.status} ${error.message}`,
			);
		try {
			assert.match(await refused({sendInitialEvents: 'true', allowWatchBookmarks: 'true'}), /^422 .*sendInitialEvents requires setting resourceVersionMatch to NotOlderThan/);
			assert.match(await refused({sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan'}), /^422 .*requires setting allowWatchBookmarks to true/);
			assert.match(await refused({resourceVersionMatch: 'NotOlderThan'}), /^422 .*resourceVersionMatch is forbidden for watch/);
			assert.equal(await refused({sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: 'true'}), 'served');
		} finally {
			transport.close();
		}
	});
});
