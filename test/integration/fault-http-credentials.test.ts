// Credentials that expire under a running kubedeck (issue 12, problem 8). The simulator rotates
// its token (401 to the old one); kubedeck must read the kubeconfig again and re-run its exec
// plugin once, retry, and only then say "unauthorized" — and read them again on a later 401, so
// a login fixed meanwhile needs no restart.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {openSession} from '../../source/kube/session.js';
import {createTransport} from '../../source/kube/transport.js';
import {KubeError} from '../../source/kube/kubeError.js';
import {createActionLayer} from '../../source/actions/actionLayer.js';
import type {SimFaults} from '../../source/sim/server/faults.js';
import {deploymentBody, waitFor} from './actions-helpers.js';
import {loaded, login} from './fault-login.js';

const unauthorised = (since: number, faults: SimFaults) => faults.seen({}, since).filter((r) => r.status === 401).length;

test('a rotated exec-plugin token: the plugin runs again, the request is retried once, the pane stays live', async (t) => {
	const env = await login('exec');
	try {
		const session = await openSession(loaded(env.kubeconfig), {tuning: {backoffInitialMs: 50, backoffMaxMs: 200}});
		t.after(() => session.close());
		const pods = session.store('pods');
		await waitFor('live', () => session.status('pods').state === 'live');
		assert.equal(env.pluginRuns(), 1, 'the plugin ran once and its token was cached');

		const rotatedAt = Date.now();
		env.setPluginToken(env.faults.rotateToken());
		// The server restarts (streams drop), so the next list and watch carry the cached, now refused, token.
		await env.sim.stopServer();
		await env.sim.startServer();
		env.sim.store.create('pods', {metadata: {name: 'after-rotation', namespace: 'default', uid: ''}, spec: {containers: [{name: 'main', image: 'registry.example/app:1.0'}]}});
		await waitFor('the new pod through the fresh token', () => pods.snapshot().rows.some((r) => r.name === 'after-rotation'));
		// The relist brings the rows; the pane says live again once the new watch stream speaks.
		await waitFor('live again', () => session.status('pods').state === 'live');
		assert.equal(env.pluginRuns(), 2, 'one re-run of the plugin, shared by every request that met the 401');
		assert.ok(unauthorised(rotatedAt, env.faults) >= 1, 'the server did refuse the old token');
		assert.ok(unauthorised(rotatedAt, env.faults) <= 3, `a 401 is retried once, not hammered (${unauthorised(rotatedAt, env.faults)} refusals)`);
	} finally {
		await env.stop();
	}
});

test('a token rewritten in the kubeconfig is read again; a scale refused with 401 is applied exactly once', async (t) => {
	const env = await login('token');
	try {
		const kubeConfig = loaded(env.kubeconfig);
		const actions = createActionLayer({kubeConfig, readonly: false, scaleCeiling: 50});
		t.after(() => actions.close());
		const created = await actions.client.request<{metadata: {name: string}}>({method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deploymentBody('web', 1)});
		assert.equal(created.metadata.name, 'web');

		env.setFileToken(env.faults.rotateToken());
		const since = Date.now();
		const result = await actions.perform({verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 3});
		assert.equal(result.ok, true, result.message);
		assert.equal(unauthorised(since, env.faults), 1, 'the first request met the 401; everything after used the re-read token');
		const patches = env.faults.applied({resource: 'deployments', verbs: ['patch']});
		assert.equal(patches.length, 1, 'the scale was applied once');
		assert.equal(env.sim.store.get('deployments.apps', 'default', 'web')?.spec?.['replicas'], 3);
	} finally {
		await env.stop();
	}
});

test('a login that stays dead: one re-read and one retry, then "unauthorized" with what to do; fixed later, it works without a restart', async () => {
	const env = await login('exec');
	try {
		const transport = createTransport(loaded(env.kubeconfig), {rereadIntervalMs: 0});
		await transport.request({path: '/api/v1/namespaces'});
		env.faults.rotateToken(); // the plugin still prints the old token
		const since = Date.now();
		const error = await transport.request({path: '/api/v1/namespaces'}).then(
			() => assert.fail('expected a 401'),
			(e: unknown) => e,
		);
		assert.ok(error instanceof KubeError);
		assert.equal(error.status, 401);
		assert.match(error.message, /^unauthorized: the server still rejects the credentials for user "rotating" after kubedeck read the kubeconfig again and re-ran its credential plugin .*log in again or refresh the token — kubedeck reads them again on its next request$/);
		// Counted by their answer: the request before the rotation can share its millisecond with `since`.
		const seen = env.faults.seen({}, since);
		assert.equal(seen.filter((r) => r.status === 401).length, 2, `the request and one retry, no more: ${JSON.stringify(seen.map((r) => [r.at - since, r.status]))}`);
		assert.equal(env.pluginRuns(), 2);

		env.setPluginToken(env.faults.rotateToken());
		const list = await transport.request<{items: unknown[]}>({path: '/api/v1/namespaces'});
		assert.ok(list.items.length > 0, 'the fixed login is picked up by the next request');
		assert.equal(env.pluginRuns(), 3);
		transport.close();
	} finally {
		await env.stop();
	}
});

test('a kubeconfig that can no longer be read is named in the 401', async () => {
	const env = await login('token');
	try {
		const transport = createTransport(loaded(env.kubeconfig));
		env.faults.rotateToken();
		fs.writeFileSync(env.kubeconfig, 'clusters: [');
		await assert.rejects(transport.request({path: '/api/v1/namespaces'}), (error: unknown) => {
			assert.ok(error instanceof KubeError);
			assert.equal(error.status, 401);
			assert.match(error.message, /^unauthorized: .* and reading the kubeconfig again failed: kubeconfig .*kubeconfig:\d+: YAML error/);
			assert.doesNotMatch(error.message, /--demo/, 'no start-up hint in the middle of a session');
			return true;
		});
		transport.close();
	} finally {
		await env.stop();
	}
});

test('many requests meeting the same 401 share one re-read', async () => {
	const env = await login('exec');
	try {
		const transport = createTransport(loaded(env.kubeconfig));
		await transport.request({path: '/api/v1/namespaces'});
		env.setPluginToken(env.faults.rotateToken());
		const results = await Promise.all(Array.from({length: 8}, () => transport.request<{items: unknown[]}>({path: '/api/v1/namespaces'})));
		assert.equal(results.length, 8);
		assert.equal(env.pluginRuns(), 2, 'eight 401s, one plugin run');
		transport.close();
	} finally {
		await env.stop();
	}
});
