// The watch engine's protocol behaviour against a small fake API server (see watch-fake.ts):
// paging, live events, 410 relists, 403, 5xx backoff, stalls, re-scoping and clean shutdown.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {openSession, type Session} from '../../source/kube/session.js';
import type {RowStore} from '../../source/store/rowStore.js';
import type {BaseRow} from '../../source/model/types.js';
import {startFakeApi, type FakeApi} from './watch-fake.js';

const tuning = {pageSize: 3, bookmarkIntervalMs: 30_000, backoffInitialMs: 20, backoffMaxMs: 200, deniedRetryMs: 200};

async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
		await sleep(10);
	}
}

const names = (store: RowStore<BaseRow>) =>
	store
		.snapshot()
		.rows.map((r) => `${r.namespace}/${r.name}`)
		.sort();

async function withSession(run: (api: FakeApi, open: (o?: Parameters<typeof openSession>[1]) => Promise<Session>) => Promise<void>): Promise<void> {
	const api = await startFakeApi();
	const sessions: Session[] = [];
	try {
		await run(api, async (options) => {
			const session = await openSession(api.kubeConfig, {frameMs: 5, tuning, ...options});
			sessions.push(session);
			return session;
		});
	} finally {
		for (const s of sessions) await s.close();
		await api.close();
	}
}

test('lists in pages, then follows ADDED/MODIFIED/DELETED live', async () => {
	await withSession(async (api, open) => {
		for (let i = 0; i < 7; i++) api.add('shop', `web-${i}`);
		api.add('other', 'db-0');
		const session = await open();
		assert.equal(session.info.serverVersion, 'v1.31.0-fake');
		assert.equal(session.info.context, 'fake');
		assert.equal(session.namespace, 'shop', 'the context namespace is the default scope');
		const pods = session.store('pods');
		await waitFor('pods live', () => session.status('pods').state === 'live');
		assert.equal(pods.snapshot().rows.length, 7);
		const lists = api.requests.filter((r) => r.includes('/namespaces/shop/pods') && !r.includes('watch=1'));
		assert.equal(lists.length, 3, 'seven pods in pages of three');
		assert.ok(lists[1]!.includes('continue=3') && lists[2]!.includes('continue=6'));
		// This server refuses streaming lists (422), so the engine paged instead, then watched from the list.
		assert.match(api.requests.find((r) => r.includes('watch=1'))!, /sendInitialEvents=true&resourceVersionMatch=NotOlderThan/);
		const watch = api.requests.find((r) => r.includes('watch=1') && !r.includes('sendInitialEvents'))!;
		assert.match(watch, /allowWatchBookmarks=true/);
		assert.match(watch, /resourceVersion=\d+/);

		api.add('shop', 'api-0', 'Pending');
		await waitFor('new pod appears', () => pods.snapshot().rows.some((r) => r.name === 'api-0'));
		const uid = pods.snapshot().rows.find((r) => r.name === 'api-0')!.uid;
		api.modify('shop', 'api-0', 'Running');
		await waitFor('pod changes', () => (pods.snapshot().byUid.get(uid) as unknown as {phase: string}).phase === 'Running');
		api.remove('shop', 'web-3');
		await waitFor('pod disappears', () => !pods.snapshot().rows.some((r) => r.name === 'web-3'));
		assert.equal(pods.snapshot().rows.length, 7);
	});
});

test('410 Gone mid-watch: relists and swaps in the server state, no stale or duplicate rows', async () => {
	await withSession(async (api, open) => {
		for (const n of ['a', 'b', 'c']) api.add('shop', n);
		const session = await open();
		const pods = session.store('pods');
		await waitFor('live', () => session.status('pods').state === 'live' && pods.snapshot().rows.length === 3);
		const listsBefore = api.requests.filter((r) => !r.includes('watch=1') && r.includes('pods')).length;
		// Changes the client never hears about, then the history it would resume from is gone.
		api.silent = true;
		api.remove('shop', 'b');
		api.add('shop', 'd');
		api.modify('shop', 'a', 'Failed');
		api.silent = false;
		api.compact();
		api.expireWatches();
		await waitFor('relisted', () => names(pods).join() === 'shop/a,shop/c,shop/d');
		const listsAfter = api.requests.filter((r) => !r.includes('watch=1') && r.includes('pods')).length;
		assert.ok(listsAfter > listsBefore, 'a relist happened');
		const a = pods.snapshot().rows.find((r) => r.name === 'a') as unknown as {phase: string};
		assert.equal(a.phase, 'Failed');
		assert.equal(new Set(pods.snapshot().rows.map((r) => r.uid)).size, 3);
		await waitFor('live again', () => session.status('pods').state === 'live');
	});
});

test('403 on services shows an actionable message while pods stay live', async () => {
	await withSession(async (api, open) => {
		api.add('shop', 'web-0');
		api.forbidden.add('services');
		const session = await open();
		const pods = session.store('pods');
		session.store('services');
		await waitFor('services forbidden', () => session.status('services').state === 'forbidden');
		assert.equal(session.status('services').message, 'forbidden: cannot list services in namespace shop (RBAC) — switch namespace with :ns');
		await waitFor('pods live', () => session.status('pods').state === 'live');
		api.add('shop', 'web-1');
		await waitFor('pods still update', () => pods.snapshot().rows.length === 2);
		api.forbidden.delete('services');
		await waitFor('services recover once RBAC allows', () => session.status('services').state === 'live');
	});
});

test('connection loss and 5xx: reconnecting with backoff, then exactly the server rows', async () => {
	await withSession(async (api, open) => {
		for (const n of ['a', 'b', 'c']) api.add('shop', n);
		const session = await open();
		const pods = session.store('pods');
		await waitFor('live', () => session.status('pods').state === 'live' && pods.snapshot().rows.length === 3);
		const states: string[] = [];
		session.onStatus(() => states.push(session.status('pods').state));
		api.silent = true;
		api.remove('shop', 'a');
		api.add('shop', 'e');
		api.silent = false;
		api.compact();
		api.failLists = 503;
		api.dropConnections();
		await waitFor('reconnecting on the 503 of the relist', () => session.status('pods').state === 'reconnecting' && /503 ServiceUnavailable — etcd is sad/.test(session.status('pods').message ?? ''));
		const failedLists = api.requests.filter((r) => !r.includes('watch=1')).length;
		await waitFor('another refused attempt', () => api.requests.filter((r) => !r.includes('watch=1')).length > failedLists);
		assert.equal(names(pods).join(), 'shop/a,shop/b,shop/c', 'rows are kept (not blanked) while the server is away');
		api.failLists = undefined;
		await waitFor('live again', () => session.status('pods').state === 'live');
		assert.equal(names(pods).join(), 'shop/b,shop/c,shop/e');
		assert.ok(states.includes('reconnecting') && states.at(-1) === 'live');
	});
});

test('a 503 with Retry-After: the watch waits as long as the server asks, beyond its own backoff', async () => {
	await withSession(async (api, open) => {
		api.add('shop', 'a');
		api.failLists = 503;
		api.retryAfter = '1';
		const session = await open();
		session.store('pods');
		await waitFor('reconnecting', () => session.status('pods').state === 'reconnecting');
		// The tuning caps backoff at 200 ms; the server's 1 s wins.
		assert.equal(session.status('pods').message, 'pods in namespace shop: 503 ServiceUnavailable; the server asks to wait 1s — etcd is sad — retrying in 1.0s');
		api.failLists = undefined;
		await waitFor('live after the wait', () => session.status('pods').state === 'live', 5000);
		const lists = api.requestTimes.filter((_, i) => !api.requests[i]!.includes('watch=1') && api.requests[i]!.includes('/pods'));
		assert.ok(lists.length >= 2);
		assert.ok(lists.at(-1)! - lists.at(-2)! >= 950, `the next list came ${lists.at(-1)! - lists.at(-2)!} ms after the 503`);
	});
});

test('a watch silent past its timeout is restarted (stall detection)', async () => {
	await withSession(async (api, open) => {
		api.add('shop', 'a');
		api.silent = true;
		const session = await open({tuning: {...tuning, bookmarkIntervalMs: 300}});
		const pods = session.store('pods');
		await waitFor('live', () => session.status('pods').state === 'live' && pods.snapshot().rows.length === 1);
		api.add('shop', 'b');
		const watchCount = () => api.requests.filter((r) => r.includes('watch=1')).length;
		await waitFor('watch restarted after the stall', () => watchCount() >= 2, 4000);
		api.silent = false;
		api.dropConnections();
		await waitFor('the missed pod arrives after resuming', () => pods.snapshot().rows.length === 2);
	});
});

test('namespace switch and label selector re-scope the same store object', async () => {
	await withSession(async (api, open) => {
		api.add('shop', 'web-0');
		api.add('shop', 'api-0');
		api.add('other', 'db-0');
		const session = await open();
		const pods = session.store('pods');
		await waitFor('shop pods', () => names(pods).join() === 'shop/api-0,shop/web-0');
		let notified = 0;
		pods.subscribe(() => notified++);
		session.setNamespace('other');
		assert.equal(session.store('pods'), pods, 'views keep their store object');
		await waitFor('other pods', () => names(pods).join() === 'other/db-0');
		assert.ok(notified > 0);
		session.setNamespace(undefined);
		await waitFor('all pods', () => pods.snapshot().rows.length === 3);
		session.setLabelSelector('pods', 'app=web');
		await waitFor('selector sent', () => api.requests.some((r) => r.includes('labelSelector=app%3Dweb')));
		assert.equal(session.labelSelector('pods'), 'app=web');
		// The fake ignores selectors; what matters is the new watch replaced the old one.
		await waitFor('old watches stopped', () => api.openWatches() === 1);
	});
});

test('close() stops every watch and leaves no connection open', async () => {
	await withSession(async (api, open) => {
		api.add('shop', 'a');
		const session = await open();
		session.store('pods');
		session.store('services');
		session.allPods();
		await waitFor('watches open', () => api.openWatches() === 3);
		await session.close();
		await waitFor('server sees them closed', () => api.openWatches() === 0, 2000);
		const before = api.requests.length;
		await sleep(300);
		assert.equal(api.requests.length, before, 'nothing keeps polling after close');
	});
});

test('watches cut at once do not become a tight request loop', async () => {
	await withSession(async (api, open) => {
		api.add('shop', 'a');
		api.cutWatches = true;
		const session = await open({tuning: {...tuning, backoffInitialMs: 100, backoffMaxMs: 1000}});
		session.store('pods');
		await waitFor('first watch', () => api.requests.some((r) => r.includes('watch=1')));
		await sleep(1500);
		const watches = api.requests.filter((r) => r.includes('watch=1')).length;
		// Backoff 50–100, 100–200, 200–400, 400–800 ms: a handful, not hundreds.
		assert.ok(watches >= 2 && watches <= 8, `${watches} watch requests in 1.5 s`);
	});
});

test('410 as an HTTP status relists; 401 is an error with advice, not a fast retry', async () => {
	await withSession(async (api, open) => {
		api.add('shop', 'a');
		const session = await open();
		const pods = session.store('pods');
		await waitFor('live', () => session.status('pods').state === 'live');
		api.silent = true;
		api.add('shop', 'b');
		api.silent = false;
		api.failWatches = 410;
		api.dropConnections();
		await waitFor('relist brings b', () => names(pods).join() === 'shop/a,shop/b');
		const lists = () => api.requests.filter((r) => !r.includes('watch=1') && r.includes('pods')).length;
		const listsBefore = lists();
		await sleep(500);
		assert.ok(lists() - listsBefore <= 10, `a server that always says 410 gets paced relists (${lists() - listsBefore} in 0.5 s)`);
		api.failWatches = 401;
		api.dropConnections();
		await waitFor('unauthorized', () => session.status('pods').state === 'error');
		assert.match(session.status('pods').message ?? '', /^unauthorized: .*log in again/);
		// The pods watch's own requests: other kinds' watches meet their first 401 at their own pace.
		const podRequests = () => api.requests.filter((r) => r.includes('pods')).length;
		const count = podRequests();
		await sleep(100);
		assert.ok(podRequests() - count <= 1, `no retry storm on 401 (${podRequests() - count} pod requests in 0.1 s)`);
		api.failWatches = undefined;
		await waitFor('recovers when credentials work again', () => session.status('pods').state === 'live');
	});
});

test('fetchObject reports a deleted object in words', async () => {
	await withSession(async (_api, open) => {
		const session = await open();
		await assert.rejects(session.fetchObject('pods', 'shop', 'nope'), /pods shop\/nope is gone/);
	});
});
