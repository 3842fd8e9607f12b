// The watch engine against a real kube-apiserver that restarts (issue 12's fault suite on the real
// server): the harness stops kube-apiserver with its embedded etcd and starts it again on the same
// data (scripts/cluster-restart-apiserver.sh). kubedeck's pods watch must say it is reconnecting
// while the server is away, then relist and be live again, its store equal to a fresh list.
// It disrupts every client of the cluster, so it runs only when asked (KUBEDECK_REAL_FAULTS=1:
// scripts/cluster-test.sh runs the fault tests alone, after the others).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';
import {KubeConfig} from '@kubernetes/client-node';
import {openSession, streamingListRefusal, watchStats, type WatchState} from '../../source/kube/session.js';
import {apiJson} from './real-api.js';
import {waitFor} from '../integration/sim-helpers.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = !kubeconfigPath
	? (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)')
	: process.env.KUBEDECK_REAL_FAULTS === '1'
		? undefined
		: 'restarts kube-apiserver: runs only with KUBEDECK_REAL_FAULTS=1 (npm run test:real runs it after the other tests)';

const restartScript = path.resolve(import.meta.dirname, '../../scripts/cluster-restart-apiserver.sh');

const pod = (name: string) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name}, spec: {containers: [{name: 'app', image: 'registry.example/app:1'}]}});

test('kube-apiserver (and etcd) restart: reconnecting while it is down, then relisted, live, and equal to a fresh list', {skip: skipReason, timeout: 300_000}, async (t) => {
	const kc = new KubeConfig();
	kc.loadFromFile(kubeconfigPath!);
	const ns = `fault-restart-${Date.now().toString(36)}`;
	await apiJson(kc, 'POST', '/api/v1/namespaces', {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns}}});
	t.after(() => apiJson(kc, 'DELETE', `/api/v1/namespaces/${ns}`, {allow: [404]}));
	for (const name of ['a', 'b']) await apiJson(kc, 'POST', `/api/v1/namespaces/${ns}/pods`, {body: pod(name)});

	const session = await openSession(kc, {namespace: ns, frameMs: 5, tuning: {bookmarkIntervalMs: 6000, backoffInitialMs: 250, backoffMaxMs: 2000}});
	t.after(() => session.close());
	const states: WatchState[] = [];
	session.onStatus(() => {
		const state = session.status('pods').state;
		if (states.at(-1) !== state) states.push(state);
	});
	const pods = session.store('pods');
	await waitFor('live with both pods', () => (session.status('pods').state === 'live' && pods.snapshot().rows.length === 2) || undefined);
	const listsBefore = watchStats(session, 'pods')!.lists;
	states.length = 0;

	const restartedAt = Date.now();
	const {stdout} = await promisify(execFile)('bash', [restartScript, '2']);
	const serverBack = Date.now();
	// Written after the restart: only a relist or a new watch brings it.
	await waitFor('the restarted server takes a write', async () => {
		const answer = await apiJson(kc, 'POST', `/api/v1/namespaces/${ns}/pods`, {body: pod('c'), allow: [409, 500, 503]}).catch(() => undefined);
		return answer ? true : undefined;
	});
	await waitFor('live again with the new pod', () => (session.status('pods').state === 'live' && pods.snapshot().rows.some((r) => r.name === 'c')) || undefined, 120_000);
	const liveAt = Date.now();
	const fresh = await apiJson<{items: Array<{metadata: {uid: string}}>}>(kc, 'GET', `/api/v1/namespaces/${ns}/pods`);
	assert.deepEqual(pods.snapshot().rows.map((r) => r.uid).sort(), fresh.items.map((o) => o.metadata.uid).sort(), 'the store equals a fresh list');
	assert.ok(states.includes('reconnecting'), `said reconnecting while the server was away: ${states.join(' → ')}`);
	assert.ok(watchStats(session, 'pods')!.lists > listsBefore, 'relisted after the restart');
	t.diagnostic(`restart script: ${stdout.trim()} (ms); states ${states.join(' → ')}; lists streamed ${watchStats(session, 'pods')!.streamingLists}/${watchStats(session, 'pods')!.lists} (${streamingListRefusal(session) ?? 'not refused'}); live ${liveAt - serverBack} ms after the server was ready, ${liveAt - restartedAt} ms after the restart began`);
});
