// A resourceVersion newer than the server's: a client that saw a server further ahead (another
// API server behind a load balancer, or one before a restart onto a lagging cache) resumes from
// it. kube-apiserver waits about 3 s for its cache to catch up, then answers 504 "Too large
// resource version" (a watch: 200 and one ERROR event; a list: the HTTP error with Retry-After).
// The simulator answers the same, and the watch engine relists after the asked pause.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeConfig} from '@kubernetes/client-node';
import {startSim, type Sim} from '../../source/sim/index.js';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import {Watcher, defaultTuning, type WatchState} from '../../source/kube/watch.js';
import {StreamingListSupport} from '../../source/kube/watchList.js';
import {createRowStore} from '../../source/store/rowStore.js';
import {projectPod} from '../../source/model/pods.js';
import type {PodRow} from '../../source/model/pods.js';
import {NS, podObject} from './fault-watch-harness.js';
import {waitFor} from './sim-helpers.js';

async function withSim(run: (sim: Sim) => Promise<void>): Promise<void> {
	const sim = await startSim({scenario: 'empty', speed: 100, seed: 1, bookmarkIntervalMs: 60_000});
	try {
		sim.store.create('namespaces', {metadata: {name: NS, uid: ''}});
		for (const name of ['a', 'b', 'c']) sim.store.create('pods', podObject(name));
		await run(sim);
	} finally {
		await sim.close();
	}
}

function podsUrl(sim: Sim, query: string): string {
	return `${sim.url}/api/v1/namespaces/${NS}/pods?${query}`;
}

test('sim: a watch from a version the server has not reached waits, then ends with the 504 ERROR event', async () => {
	await withSim(async (sim) => {
		const ahead = sim.store.resourceVersion + 1000;
		const started = Date.now();
		const res = await fetch(podsUrl(sim, `watch=1&resourceVersion=${ahead}`), {signal: AbortSignal.timeout(15_000)});
		const body = await res.text();
		const waited = Date.now() - started;
		assert.equal(res.status, 200);
		const lines = body.trim().split('\n');
		assert.equal(lines.length, 1, body);
		const event = JSON.parse(lines[0]!) as {type: string; object: {code: number; reason: string; message: string; details: {causes: {reason: string}[]; retryAfterSeconds: number}}};
		assert.equal(event.type, 'ERROR');
		assert.equal(event.object.code, 504);
		assert.equal(event.object.reason, 'Timeout');
		assert.equal(event.object.message, `Timeout: Too large resource version: ${ahead}, current: ${sim.store.resourceVersion}`);
		assert.deepEqual(event.object.details.causes.map((c) => c.reason), ['ResourceVersionTooLarge']);
		assert.equal(event.object.details.retryAfterSeconds, 1);
		assert.ok(waited >= 2500, `answered after ${waited} ms: the server waits for its history first`);
	});
});

test('sim: a watch from a version reached while it waits is served normally', async () => {
	await withSim(async (sim) => {
		const next = sim.store.resourceVersion + 1;
		const controller = new AbortController();
		const response = fetch(podsUrl(sim, `watch=1&resourceVersion=${next}`), {signal: controller.signal});
		// The version the watch asked for comes into being during the wait: the watch starts, no error.
		setTimeout(() => sim.store.create('pods', podObject('during-wait')), 200);
		setTimeout(() => sim.store.create('pods', podObject('after-start')), 400);
		const res = await response;
		assert.equal(res.status, 200);
		const reader = res.body!.getReader();
		let text = '';
		const deadline = Date.now() + 10_000;
		while (!text.includes('after-start') && Date.now() < deadline) {
			const chunk = await reader.read();
			if (chunk.done) break;
			text += Buffer.from(chunk.value).toString();
		}
		controller.abort();
		assert.doesNotMatch(text, /ERROR/);
		assert.match(text, /"ADDED".*after-start/);
	});
});

test('sim: a list not older than a version the server has not reached fails with 504 and Retry-After', async () => {
	await withSim(async (sim) => {
		const ahead = sim.store.resourceVersion + 1000;
		const res = await fetch(podsUrl(sim, `resourceVersion=${ahead}&resourceVersionMatch=NotOlderThan`), {signal: AbortSignal.timeout(15_000)});
		assert.equal(res.status, 504);
		assert.equal(res.headers.get('retry-after'), '1');
		const status = (await res.json()) as {reason: string; details: {causes: {reason: string}[]}};
		assert.equal(status.reason, 'Timeout');
		assert.deepEqual(status.details.causes.map((c) => c.reason), ['ResourceVersionTooLarge']);
		// A version it has: served at once.
		const ok = await fetch(podsUrl(sim, `resourceVersion=${sim.store.resourceVersion}`));
		assert.equal(ok.status, 200);
		assert.equal(((await ok.json()) as {items: unknown[]}).items.length, 3);
	});
});

/** The sim's transport, except that the first watch resumes from far ahead of the server. */
function aheadOnFirstWatch(inner: Transport, sim: Sim, requests: string[]): Transport {
	let first = true;
	return {
		server: inner.server,
		close: () => inner.close(),
		request: (r) => {
			requests.push(`list ${Date.now()}`);
			return inner.request(r);
		},
		stream: (r) => {
			requests.push(`watch ${Date.now()}`);
			if (first && r.query?.watch) {
				first = false;
				return inner.stream({...r, query: {...r.query, resourceVersion: String(sim.store.resourceVersion + 1000)}});
			}
			return inner.stream(r);
		},
	} as Transport;
}

test('watch engine: a too-new resourceVersion is answered by one relist after the asked pause, then live', async () => {
	await withSim(async (sim) => {
		const kubeConfig = new KubeConfig();
		kubeConfig.loadFromFile(sim.kubeconfigPath);
		const requests: string[] = [];
		const transport = aheadOnFirstWatch(createTransport(kubeConfig), sim, requests);
		const store = createRowStore<PodRow>({frameMs: 5});
		const states: WatchState[] = [];
		const watcher: Watcher<PodRow> = new Watcher(transport, {path: `/api/v1/namespaces/${NS}/pods`, describe: `pods in namespace ${NS}`, resource: 'pods', namespace: NS, project: projectPod}, store, {...defaultTuning, pageSize: 2, bookmarkIntervalMs: 30_000, backoffInitialMs: 100, backoffMaxMs: 800}, () => {
			if (states.at(-1) !== watcher.status.state) states.push(watcher.status.state);
		}, new StreamingListSupport(false));
		watcher.start();
		try {
			await waitFor('the error was answered', () => watcher.stats.relists >= 1 || undefined, 20_000);
			await waitFor('live after the relist', () => (watcher.status.state === 'live' && watcher.stats.watches >= 2) || undefined, 20_000);
			sim.store.create('pods', podObject('d'));
			await waitFor('the new history is followed', () => store.snapshot().rows.length === 4 || undefined, 10_000);
			assert.deepEqual(states.filter((s) => s !== 'live').slice(0, 2), ['listing', 'reconnecting'], states.join(' → '));
			// No hot loop: two lists of two pages each, two watches.
			assert.equal(watcher.stats.relists, 1);
			assert.equal(watcher.stats.lists, 2);
			assert.equal(watcher.stats.watches, 2);
			// The server asked for one second before the next try, and got it.
			const relistAt = Number(requests.filter((r) => r.startsWith('list'))[2]!.split(' ')[1]);
			const errorWatchAt = Number(requests.filter((r) => r.startsWith('watch'))[0]!.split(' ')[1]);
			assert.ok(relistAt - errorWatchAt >= 1000 + 2500, `relisted ${relistAt - errorWatchAt} ms after the watch that failed`);
		} finally {
			await watcher.stop();
			transport.close();
		}
	});
});
