// WatchList on a real kube-apiserver (v1.36 serves it): the pods pane's first list is streamed on
// its watch — ADDED events, then the bookmark annotated k8s.io/initial-events-end — with no paged
// list, and events after it arrive on the same stream. Checks the engine's query is one the real
// server accepts (a 400/422 would have sent the session to paged lists, said by its refusal).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeConfig} from '@kubernetes/client-node';
import {openSession, streamingListRefusal, watchStats} from '../../source/kube/session.js';
import {apiJson} from './real-api.js';
import {waitFor} from '../integration/sim-helpers.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = kubeconfigPath ? undefined : (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)');

const pod = (name: string) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name}, spec: {containers: [{name: 'app', image: 'registry.example/app:1'}]}});

test('the first list is streamed (WatchList) on the real server, then the same stream carries events', {skip: skipReason}, async (t) => {
	const kc = new KubeConfig();
	kc.loadFromFile(kubeconfigPath!);
	const ns = `watch-list-${Date.now().toString(36)}`;
	await apiJson(kc, 'POST', '/api/v1/namespaces', {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns}}});
	t.after(() => apiJson(kc, 'DELETE', `/api/v1/namespaces/${ns}`, {allow: [404]}));
	for (let i = 0; i < 12; i++) await apiJson(kc, 'POST', `/api/v1/namespaces/${ns}/pods`, {body: pod(`p-${i}`)});

	const session = await openSession(kc, {namespace: ns, frameMs: 5, tuning: {pageSize: 5, bookmarkIntervalMs: 20_000}});
	t.after(() => session.close());
	const pods = session.store('pods');
	await waitFor('live with 12 pods', () => (session.status('pods').state === 'live' && pods.snapshot().rows.length === 12) || undefined);
	assert.equal(streamingListRefusal(session), undefined, 'the server accepted the streaming list');
	const stats = watchStats(session, 'pods')!;
	assert.equal(stats.streamingLists, 1);
	assert.equal(stats.pages, 0, 'no paged list');
	await apiJson(kc, 'POST', `/api/v1/namespaces/${ns}/pods`, {body: pod('later')});
	await waitFor('the event after the end bookmark', () => pods.snapshot().rows.some((r) => r.name === 'later') || undefined);
	assert.equal(watchStats(session, 'pods')!.watches, 1, 'on the same stream');
});
