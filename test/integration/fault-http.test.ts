// The fault-injection suite, request-level faults (issue 12): the App as the CLI wires it (a real
// session and action layer) against the simulator while its fault switches are on. For each
// fault: keys and quit keep working, the pane says what is happening, the client does not hammer
// a failing server (requests counted at the simulator), afterwards the store equals a fresh list,
// and a mutation issued during the fault is applied at most once. Watch-stream faults (stall,
// 410, lower resourceVersions, mid-event close) are in fault-watch*.test.ts.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render, cleanup} from 'ink-testing-library';
import {App} from '../../views/App.js';
import {loadKubeConfig} from '../../source/config/kubeconfig.js';
import {openSession, watchStats, type Session} from '../../source/kube/session.js';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import {KubeError} from '../../source/kube/kubeError.js';
import {createActionLayer, type ActionLayer} from '../../source/actions/actionLayer.js';
import {startSim, type Sim} from '../../source/sim/index.js';
import {SimFaults, hugeConfigMap, refuseConnections} from '../../source/sim/server/faults.js';
import {defaultKeymap, driven, keys, renderProbe} from '../views/fakes.js';
import {deploymentBody, waitFor} from './actions-helpers.js';

const keymap = defaultKeymap();

interface Rig {
	sim: Sim;
	faults: SimFaults;
	session: Session;
	actions: ActionLayer;
	/** A transport of the test's own, for fresh lists and direct requests. */
	api: Transport;
	app: ReturnType<typeof startApp>;
	exits: number[];
}

function startApp(session: Session, actions: ActionLayer, exits: number[]) {
	const probe = renderProbe();
	const instance = render(
		React.createElement(App, {
			session,
			keymap,
			settings: {},
			readonly: false,
			actions,
			size: {columns: 160, rows: 30},
			onExit: () => exits.push(1),
			onSwitchContext: () => {},
			probe,
		}),
	);
	return driven(instance, probe);
}

/** A simulator with fault switches, three pods and a deployment in default, and the App on pods. */
async function rig(t: {after(fn: () => unknown): void}, options: {pods?: number; scale?: boolean} = {}): Promise<Rig> {
	const faults = new SimFaults();
	const sim = await startSim(options.scale ? {scenario: 'scale', pods: options.pods ?? 0, nodes: 10, faults} : {scenario: 'empty', speed: 100, seed: 1, faults});
	t.after(() => sim.close());
	const loaded = loadKubeConfig({kubeconfig: sim.kubeconfigPath});
	assert.ok(loaded.ok);
	const api = createTransport(loaded.kubeConfig);
	t.after(() => api.close());
	if (!options.scale) {
		for (const name of ['a', 'b', 'c']) sim.store.create('pods', {metadata: {name, namespace: 'default', uid: ''}, spec: {containers: [{name: 'main', image: 'registry.example/app:1.0'}]}});
		await api.request({method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: {...deploymentBody('web', 0)}});
	}
	const session = await openSession(loaded.kubeConfig, {namespace: 'default', tuning: {backoffInitialMs: 200, backoffMaxMs: 2000}});
	t.after(() => session.close());
	const actions = createActionLayer({kubeConfig: loaded.kubeConfig, readonly: false, scaleCeiling: 50});
	t.after(() => actions.close());
	const exits: number[] = [];
	const app = startApp(session, actions, exits);
	t.after(() => cleanup());
	await app.settle();
	return {sim, faults, session, actions, api, app, exits};
}

const uids = (rows: readonly {uid: string}[]) => rows.map((r) => r.uid).sort();

/** The pods store holds exactly what a fresh list returns: no duplicate, missing or stale row. */
async function storeMatchesFreshList(r: Rig): Promise<void> {
	const pods = r.session.store('pods');
	await waitFor('the store to equal a fresh list', async () => {
		const fresh = await r.api.request<{items: Array<{metadata: {uid: string}}>}>({path: '/api/v1/namespaces/default/pods'});
		const expected = fresh.items.map((o) => o.metadata.uid).sort();
		return JSON.stringify(uids(pods.snapshot().rows)) === JSON.stringify(expected) || undefined;
	});
	const rows = pods.snapshot().rows;
	assert.equal(new Set(rows.map((row) => row.uid)).size, rows.length, 'no duplicate rows');
}

/** Keys still act during the fault: another pane and back, then quit. */
async function keysAndQuitWork(r: Rig): Promise<void> {
	await r.app.press(':', 'deploy', keys.enter);
	assert.match(r.app.frame(), /deployments\(default\)/);
	await r.app.press(':', 'pods', keys.enter);
	assert.match(r.app.frame(), /pods\(default\)/);
	await r.app.press('q');
	assert.equal(r.exits.length, 1, 'q quits');
}

const podRequests = (r: Rig, since: number) => r.faults.seen({resource: 'pods', namespace: 'default'}, since);

const spoken = {
	503: /503 ServiceUnavailable; the server asks to wait 1s/,
	429: /too many requests .*; the server asks to wait 1s/,
	500: /500 InternalError — Internal error occurred/,
};

for (const status of [503, 429, 500] as const) {
	test(`${status} to everything${status === 500 ? '' : ' with Retry-After 1'}: the pane says so, paced retries, a scale is refused and later applied once, the store converges`, async (t) => {
		const r = await rig(t);
		await r.app.frameMatching(/pods\(default\)\[3\]/);
		r.faults.fail(status, status === 500 ? {} : {retryAfterSeconds: 1});
		// A restart drops the open watch, so the fault meets the reconnect.
		await refuseConnections(r.sim, 0);
		r.sim.store.create('pods', {metadata: {name: 'during-outage', namespace: 'default', uid: ''}, spec: {containers: [{name: 'main', image: 'registry.example/app:1.0'}]}});
		r.sim.store.remove('pods', 'default', 'a');
		// First the dropped stream, then the fault itself, named with what the server asked for.
		await r.app.frameMatching(spoken[status]);
		assert.match(r.app.frame(), /watch pods reconnecting/);

		const windowStart = Date.now();
		const scaled = await r.actions.perform({verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 2});
		assert.equal(scaled.ok, false, 'the scale meets the fault');
		assert.match(scaled.message, new RegExp(`cannot scale deployment default/web: .*${status}|too many requests`));
		await new Promise<void>((resolve) => setTimeout(resolve, 3000));
		const sent = podRequests(r, windowStart).length;
		// Retry-After 1 s (or backoff from 200 ms doubling to 2 s, jittered): a handful, never a storm.
		assert.ok(sent <= 6, `${sent} pod requests in 3 s of outage`);
		assert.ok(sent >= 1, 'it does keep trying');
		assert.equal(r.faults.applied({resource: 'deployments', verbs: ['patch']}).length, 0, 'nothing applied during the outage');

		r.faults.clear();
		await r.app.frameMatching(/during-outage/, 60_000);
		await storeMatchesFreshList(r);
		await r.app.until(() => !/reconnecting/.test(r.app.frame()));
		const again = await r.actions.perform({verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 2});
		assert.equal(again.ok, true, again.message);
		assert.equal(r.faults.applied({resource: 'deployments', verbs: ['patch']}).length, 1, 'the scale applied exactly once');
		await keysAndQuitWork(r);
	});
}

test('connections refused for 1.5 s: reconnecting while keys work, then live with a store equal to a fresh list', async (t) => {
	const r = await rig(t);
	await r.app.frameMatching(/pods\(default\)\[3\]/);
	const refusing = refuseConnections(r.sim, 1500);
	// Listening again before the simulator is closed, whatever happens here.
	t.after(() => refusing);
	await r.app.frameMatching(/cannot reach http:\/\/127\.0\.0\.1:\d+: nothing is listening there/);
	assert.match(r.app.frame(), /watch pods reconnecting/);
	await r.app.press(':', 'deploy', keys.enter);
	assert.match(r.app.frame(), /deployments\(default\)/);
	await r.app.press(':', 'pods', keys.enter);
	r.sim.store.create('pods', {metadata: {name: 'while-down', namespace: 'default', uid: ''}, spec: {containers: [{name: 'main', image: 'registry.example/app:1.0'}]}});
	r.sim.store.remove('pods', 'default', 'b');
	await refusing;
	await r.app.frameMatching(/while-down/, 60_000);
	await storeMatchesFreshList(r);
	assert.doesNotMatch(r.app.frame(), /\bb\s/);
	await r.app.press('q');
	assert.equal(r.exits.length, 1);
});

test('403 on pods only: the pods pane says forbidden with what to do, deployments still load, keys and quit work', async (t) => {
	const r = await rig(t);
	await r.app.frameMatching(/pods\(default\)\[3\]/);
	r.faults.forbid({resource: 'pods'});
	await refuseConnections(r.sim, 0);
	await r.app.frameMatching(/forbidden: cannot list pods in namespace default \(RBAC\) — switch namespace with :ns/);
	const since = Date.now();
	await r.app.press(':', 'deploy', keys.enter);
	await r.app.frameMatching(/deployments\(default\)\[1\]/);
	assert.match(r.app.frame(), /web/);
	await new Promise<void>((resolve) => setTimeout(resolve, 1000));
	assert.ok(podRequests(r, since).filter((q) => q.status === 403).length <= 1, 'a 403 is not retried fast');
	await r.app.press('q');
	assert.equal(r.exits.length, 1);
});

test('slow answers: keys work while the list is held; a slow scale is applied once; a client that gave up waiting sends nothing twice', async (t) => {
	const r = await rig(t);
	await r.app.frameMatching(/pods\(default\)\[3\]/);
	r.faults.slow(1500, {resource: 'pods', verbs: ['list']});
	await refuseConnections(r.sim, 0);
	// Keys are answered while the relist is held at the server.
	await r.app.press(':', 'deploy', keys.enter);
	assert.match(r.app.frame(), /deployments\(default\)/);
	await r.app.press(':', 'pods', keys.enter);
	r.faults.clear();

	r.faults.slow(800, {resource: 'deployments', verbs: ['patch']});
	const scaled = await r.actions.perform({verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 4});
	assert.equal(scaled.ok, true, scaled.message);
	assert.equal(r.faults.applied({resource: 'deployments', verbs: ['patch']}).length, 1);

	// A client deadline shorter than the server's delay: the caller hears "no answer" and nothing
	// sends the change a second time (a retry here could apply it twice on a real server).
	const timedOut = await r.api
		.request({method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web/scale', body: {spec: {replicas: 5}}, contentType: 'application/merge-patch+json', timeoutMs: 200})
		.then(() => undefined, (error: unknown) => error);
	assert.ok(timedOut instanceof KubeError && timedOut.reason === 'Timeout', String(timedOut));
	await new Promise<void>((resolve) => setTimeout(resolve, 1500));
	assert.equal(r.faults.seen({resource: 'deployments', verbs: ['patch']}).length, 2, 'one request per change: no retry after the timeout');
	assert.ok(r.faults.applied({resource: 'deployments', verbs: ['patch']}).length <= 2, 'never applied twice');
	await storeMatchesFreshList(r);
	await keysAndQuitWork(r);
});

test('a 5 MB object: listed, watched and fetched whole; the pane stays live and keys work', async (t) => {
	const r = await rig(t);
	await r.app.press(':', 'cm', keys.enter);
	await r.app.frameMatching(/configmaps\(default\)/);
	const bytes = 5 * 1024 * 1024;
	await r.api.request({method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: hugeConfigMap('huge', bytes)});
	await r.app.frameMatching(/huge/, 60_000);
	assert.doesNotMatch(r.app.frame(), /reconnecting|error/);
	const fetched = await r.session.fetchObject('configmaps', 'default', 'huge');
	assert.equal((fetched as {data?: {blob?: string}}).data?.blob?.length, bytes);
	await r.app.press(':', 'pods', keys.enter);
	await r.app.frameMatching(/pods\(default\)\[3\]/);
	await r.app.press('q');
	assert.equal(r.exits.length, 1);
});

test('50,000 pods: streamed (or paged where refused), shown complete, keys answered while they arrive', async (t) => {
	const r = await rig(t, {scale: true, pods: 50_000});
	const since = Date.now();
	await r.app.press(':', 'pods', keys.enter);
	await r.app.press('0'); // all namespaces
	await r.app.frameMatching(/pods\(all\)\[50000\]/, 120_000);
	// Streamed on one watch (WatchList, which the simulator serves), or paged where a server refuses it.
	const pages = r.faults.seen({resource: 'pods', verbs: ['list']}, since).filter((q) => q.status === 200);
	const streamed = watchStats(r.session, 'pods')?.streamingLists ?? 0;
	assert.ok(streamed >= 1 || pages.length >= 100, `streamed (${streamed}) or paged: ${pages.length} list pages of at most 500`);
	assert.equal(r.session.store('pods').snapshot().rows.length, 50_000);
	await r.app.press('j', 'j', 'G', 'g');
	await r.app.press('q');
	assert.equal(r.exits.length, 1);
});
