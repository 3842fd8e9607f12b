// LIST paging and WATCH semantics of the simulated API server, through @kubernetes/client-node.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {CoreV1Api, Watch, type V1Pod} from '@kubernetes/client-node';
import {startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {apiError, createNamespace, mergePatch, podBody, rawRequest, waitFor} from './sim-helpers.js';

interface Seen {
	type: string;
	name?: string;
	rv?: string;
	object?: {code?: number; reason?: string; message?: string};
}

/** Starts a watch and records its events until stopped. */
async function record(cluster: TestCluster, path: string, query: Record<string, string | number | boolean | undefined>): Promise<{events: Seen[]; done: Promise<unknown>; stop(): void}> {
	const events: Seen[] = [];
	let finish!: (error: unknown) => void;
	const done = new Promise(resolve => (finish = resolve));
	const controller = await new Watch(cluster.kubeConfig).watch(path, query, (type, object: {metadata?: {name?: string; resourceVersion?: string}; code?: number; reason?: string; message?: string}) => {
		events.push({type, name: object?.metadata?.name, rv: object?.metadata?.resourceVersion, object});
	}, error => finish(error));
	return {events, done, stop: () => controller.abort()};
}

describe('simulated API server: list and watch', () => {
	let cluster: TestCluster;
	let core: CoreV1Api;
	let namespace: string;

	before(async () => {
		cluster = await startTestCluster({historySize: 200, bookmarkIntervalMs: 50});
		core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		namespace = uniqueName('lw');
		await createNamespace(cluster.kubeConfig, namespace);
	});
	after(() => cluster.stop());

	it('pages a list with limit/continue: every object exactly once, one resourceVersion', async () => {
		const names = Array.from({length: 23}, (_, i) => `svc-${String(i).padStart(2, '0')}`);
		for (const name of names) await core.createNamespacedService({namespace, body: {metadata: {name}, spec: {ports: [{port: 80}]}}});
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		let firstRv: string | undefined;
		do {
			const page = await core.listNamespacedService({namespace, limit: 5, _continue: token});
			pages++;
			firstRv ??= page.metadata?.resourceVersion;
			assert.equal(page.metadata?.resourceVersion, firstRv, 'later pages keep the first page’s resourceVersion');
			for (const item of page.items) seen.push(item.metadata!.name!);
			token = page.metadata?._continue;
			if (token) assert.equal(page.metadata?.remainingItemCount, names.length - seen.length);
		} while (token);
		assert.equal(pages, 5);
		assert.deepEqual(seen, names);
	});

	it('rejects a continue token that was not issued by the server', async () => {
		const status = await apiError(() => core.listNamespacedService({namespace, limit: 5, _continue: 'not-a-token'}));
		assert.equal(status.code, 400);
	});

	it('answers a continue token older than the retained history with 410 Expired', async t => {
		if (cluster.kind === 'real') return t.skip('needs the simulator: a small watch history (historySize)');
		const first = await core.listNamespacedService({namespace, limit: 5});
		assert.ok(first.metadata?._continue);
		for (let i = 0; i < 210; i++) await core.patchNamespacedService({namespace, name: 'svc-00', body: [{op: 'add', path: '/metadata/labels', value: {n: String(i)}}]});
		const expired = await apiError(() => core.listNamespacedService({namespace, limit: 5, _continue: first.metadata!._continue}));
		assert.equal(expired.code, 410);
		assert.equal(expired.reason, 'Expired');
		assert.match(expired.message ?? '', /^The provided continue parameter is too old/);
	});

	it('filters lists by label and field selectors', async () => {
		await core.createNamespacedPod({namespace, body: podBody('sel-a', {tier: 'web', track: 'stable'})});
		await core.createNamespacedPod({namespace, body: podBody('sel-b', {tier: 'web'})});
		await core.createNamespacedPod({namespace, body: podBody('sel-c', {tier: 'db'})});
		const names = async (query: {labelSelector?: string; fieldSelector?: string}): Promise<string[]> =>
			(await core.listNamespacedPod({namespace, ...query})).items.map(p => p.metadata!.name!).filter(n => n.startsWith('sel-'));
		assert.deepEqual(await names({labelSelector: 'tier=web'}), ['sel-a', 'sel-b']);
		assert.deepEqual(await names({labelSelector: 'tier in (db, cache)'}), ['sel-c']);
		assert.deepEqual(await names({labelSelector: 'tier,!track'}), ['sel-b', 'sel-c']);
		assert.deepEqual(await names({labelSelector: 'tier!=web'}), ['sel-c']);
		assert.deepEqual(await names({fieldSelector: 'metadata.name=sel-b'}), ['sel-b']);
		assert.deepEqual(await names({labelSelector: 'tier=web', fieldSelector: 'metadata.name!=sel-a'}), ['sel-b']);
		const bad = await apiError(() => core.listNamespacedPod({namespace, fieldSelector: 'spec.bogus=1'}));
		assert.equal(bad.code, 400);
		assert.match(bad.message ?? '', /field label not supported: spec\.bogus/);
	});

	it('watches from a resourceVersion: only later changes, in order', async () => {
		await core.createNamespacedService({namespace, body: {metadata: {name: 'w-before'}, spec: {ports: [{port: 80}]}}});
		const rv = (await core.listNamespacedService({namespace})).metadata!.resourceVersion!;
		await core.createNamespacedService({namespace, body: {metadata: {name: 'w-after'}, spec: {ports: [{port: 80}]}}});
		await core.patchNamespacedService({namespace, name: 'w-before', body: [{op: 'add', path: '/metadata/labels', value: {touched: 'yes'}}]});
		await core.deleteNamespacedService({namespace, name: 'w-after'});
		const watch = await record(cluster, `/api/v1/namespaces/${namespace}/services`, {resourceVersion: rv});
		try {
			// A marker made after the three changes is a barrier: the stream is ordered, so once its
			// ADDED arrives every event before it is in, and nothing else may stand between them.
			await core.createNamespacedService({namespace, body: {metadata: {name: 'w-marker'}, spec: {ports: [{port: 80}]}}});
			await waitFor('the marker', () => watch.events.some(e => e.name === 'w-marker') || undefined);
			assert.deepEqual(watch.events.map(e => `${e.type} ${e.name}`), ['ADDED w-after', 'MODIFIED w-before', 'DELETED w-after', 'ADDED w-marker']);
			const rvs = watch.events.map(e => Number(e.rv));
			assert.ok(rvs.every((v, i) => v > Number(rv) && (i === 0 || v > rvs[i - 1]!)), `resourceVersions increase past ${rv}: ${rvs.join(',')}`);
		} finally {
			watch.stop();
		}
	});

	it('without a resourceVersion, a watch starts with the current state as ADDED then goes live', async () => {
		const watch = await record(cluster, `/api/v1/namespaces/${namespace}/services`, {fieldSelector: 'metadata.name=w-before'});
		try {
			await waitFor('the synthetic ADDED', () => watch.events.length >= 1 || undefined);
			await core.patchNamespacedService({namespace, name: 'w-before', body: {metadata: {labels: {touched: 'again'}}}}, mergePatch);
			await waitFor('the live MODIFIED', () => watch.events.length >= 2 || undefined);
			assert.deepEqual(watch.events.map(e => `${e.type} ${e.name}`), ['ADDED w-before', 'MODIFIED w-before']);
		} finally {
			watch.stop();
		}
	});

	it('answers a too-old resourceVersion with one ERROR event carrying 410 Expired, then closes', async t => {
		if (cluster.kind === 'real') return t.skip('needs the simulator: a small watch history (historySize)');
		const rv = (await core.listNamespacedService({namespace})).metadata!.resourceVersion!;
		// The history holds 200 events: overflow it.
		for (let i = 0; i < 110; i++) await core.patchNamespacedService({namespace, name: 'w-before', body: [{op: 'replace', path: '/metadata/labels/touched', value: `n${i}`}]}).then(() => core.patchNamespacedService({namespace, name: 'w-before', body: [{op: 'replace', path: '/metadata/labels/touched', value: `m${i}`}]}));
		const watch = await record(cluster, `/api/v1/namespaces/${namespace}/services`, {resourceVersion: rv});
		const error = await watch.done;
		assert.equal(error ?? null, null, 'the server closes the stream normally after the ERROR');
		assert.equal(watch.events.length, 1);
		assert.equal(watch.events[0]!.type, 'ERROR');
		assert.equal(watch.events[0]!.object?.code, 410);
		assert.equal(watch.events[0]!.object?.reason, 'Expired');
		assert.match(watch.events[0]!.object?.message ?? '', new RegExp(`^too old resource version: ${rv} \\(\\d+\\)$`));
	});

	it('sends BOOKMARK events with the current resourceVersion when asked', async t => {
		if (cluster.kind === 'real') return t.skip('needs the simulator: a short bookmark interval (real servers send one a minute)');
		const rv = Number((await core.listNamespacedService({namespace})).metadata!.resourceVersion!);
		// The plain watch opens first; the one that asked for bookmarks is the clock: after it has had
		// two (each one bookmark interval apart, both while the plain watch was open), the plain one
		// would have had its own by then if the server sent them unasked.
		const plain = await record(cluster, `/api/v1/namespaces/${namespace}/services`, {resourceVersion: String(rv)});
		const watch = await record(cluster, `/api/v1/namespaces/${namespace}/services`, {resourceVersion: String(rv), allowWatchBookmarks: true});
		try {
			await waitFor('two bookmarks', () => watch.events.filter(e => e.type === 'BOOKMARK').length >= 2 || undefined, 3000);
			const bookmark = watch.events.find(e => e.type === 'BOOKMARK')!;
			assert.ok(Number(bookmark.rv) >= rv);
			assert.ok(!plain.events.some(e => e.type === 'BOOKMARK'), 'no bookmarks unless allowWatchBookmarks');
		} finally {
			watch.stop();
			plain.stop();
		}
	});

	it('sendInitialEvents=true streams the current state, then a bookmark marking its end', async () => {
		const response = await rawRequest(cluster.kubeConfig, `/api/v1/namespaces/${namespace}/pods?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1&labelSelector=tier`);
		const events = response.text.trim().split('\n').map(l => JSON.parse(l) as {type: string; object: {metadata: {name?: string; annotations?: Record<string, string>}}});
		assert.deepEqual(events.slice(0, 3).map(e => `${e.type} ${e.object.metadata.name}`), ['ADDED sel-a', 'ADDED sel-b', 'ADDED sel-c']);
		assert.equal(events[3]!.type, 'BOOKMARK');
		assert.equal(events[3]!.object.metadata.annotations?.['k8s.io/initial-events-end'], 'true');
	});

	it('applies label selectors to watch events: entering is ADDED, leaving is DELETED', async () => {
		const watch = await record(cluster, `/api/v1/namespaces/${namespace}/pods`, {labelSelector: 'watched=yes', resourceVersion: (await core.listNamespacedPod({namespace})).metadata!.resourceVersion});
		try {
			await core.createNamespacedPod({namespace, body: podBody('moving', {watched: 'yes'})});
			await core.createNamespacedPod({namespace, body: podBody('ignored', {watched: 'no'})});
			await core.patchNamespacedPod({namespace, name: 'moving', body: {metadata: {labels: {watched: 'no'}}}}, mergePatch);
			await core.patchNamespacedPod({namespace, name: 'moving', body: {metadata: {labels: {watched: 'yes'}}}}, mergePatch);
			await waitFor('enter, leave, enter', () => watch.events.filter(e => e.type !== 'MODIFIED').length >= 3 || undefined);
			const lifecycle = watch.events.filter(e => e.type !== 'MODIFIED').map(e => `${e.type} ${e.name}`);
			assert.deepEqual(lifecycle.slice(0, 3), ['ADDED moving', 'DELETED moving', 'ADDED moving']);
			assert.ok(!watch.events.some(e => e.name === 'ignored'));
		} finally {
			watch.stop();
		}
	});

	it('lists every namespace at /api/v1/pods and ends a watch after timeoutSeconds', async () => {
		const all = await core.listPodForAllNamespaces();
		assert.ok(all.items.some(p => p.metadata?.namespace === namespace && p.metadata?.name === 'sel-a'));
		const started = Date.now();
		const response = await rawRequest(cluster.kubeConfig, `/api/v1/namespaces/${namespace}/pods?watch=1&timeoutSeconds=1&fieldSelector=metadata.name%3Dsel-a`);
		assert.equal(response.status, 200);
		const lines = response.text.trim().split('\n').map(l => JSON.parse(l) as {type: string; object: V1Pod});
		assert.equal(lines[0]!.type, 'ADDED');
		assert.equal(lines[0]!.object.metadata?.name, 'sel-a');
		assert.ok(Date.now() - started >= 900, 'held open for about a second');
	});
});
