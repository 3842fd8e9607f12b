// A token revoked under a running kubedeck, on a real kube-apiserver: a ServiceAccount token bound
// to a Secret dies when the Secret is deleted. The kubeconfig logs in through an exec credential
// plugin that prints whatever token a file holds (a login tool refreshing it). After the revocation
// the file holds a fresh token; kubedeck's next request meets the 401, re-runs the plugin once,
// retries, and the pods pane follows the cluster again without a restart.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {dump} from 'js-yaml';
import {KubeConfig} from '@kubernetes/client-node';
import {loadKubeConfig} from '../../source/config/kubeconfig.js';
import {openSession, type WatchState} from '../../source/kube/session.js';
import {apiJson} from './real-api.js';
import {waitFor} from '../integration/sim-helpers.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = !kubeconfigPath
	? (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)')
	: process.env.KUBEDECK_REAL_FAULTS === '1'
		? undefined
		: 'revokes tokens: runs with the fault tests (KUBEDECK_REAL_FAULTS=1)';

const pod = (name: string) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name}, spec: {containers: [{name: 'app', image: 'registry.example/app:1'}]}});

test('a revoked ServiceAccount token: 401, the plugin runs again, the pane follows the cluster with the fresh token', {skip: skipReason, timeout: 180_000}, async (t) => {
	const admin = new KubeConfig();
	admin.loadFromFile(kubeconfigPath!);
	const ns = `fault-token-${Date.now().toString(36)}`;
	const sa = 'rotating';
	await apiJson(admin, 'POST', '/api/v1/namespaces', {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns}}});
	t.after(() => apiJson(admin, 'DELETE', `/api/v1/namespaces/${ns}`, {allow: [404]}));
	await apiJson(admin, 'POST', `/api/v1/namespaces/${ns}/serviceaccounts`, {body: {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: sa}}});
	await apiJson(admin, 'POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
		body: {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: {name: sa}, roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view'}, subjects: [{kind: 'ServiceAccount', name: sa, namespace: ns}]},
	});
	/** A token that lives as long as Secret `name` does. */
	const boundToken = async (name: string): Promise<string> => {
		const secret = await apiJson<{metadata: {uid: string}}>(admin, 'POST', `/api/v1/namespaces/${ns}/secrets`, {body: {apiVersion: 'v1', kind: 'Secret', metadata: {name}}});
		const request = await apiJson<{status: {token: string}}>(admin, 'POST', `/api/v1/namespaces/${ns}/serviceaccounts/${sa}/token`, {
			body: {apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {expirationSeconds: 3600, boundObjectRef: {apiVersion: 'v1', kind: 'Secret', name, uid: secret.metadata.uid}}},
		});
		return request.status.token;
	};

	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-real-token-'));
	t.after(() => fs.rmSync(dir, {recursive: true, force: true}));
	const tokenFile = path.join(dir, 'token');
	const runsFile = path.join(dir, 'runs');
	fs.writeFileSync(tokenFile, await boundToken('login-1'));
	fs.writeFileSync(runsFile, '');
	const plugin = path.join(dir, 'credential-plugin.sh');
	fs.writeFileSync(plugin, `#!/bin/sh\necho run >> "${runsFile}"\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat "${tokenFile}")"\n`, {mode: 0o755});
	const cluster = admin.getCurrentCluster()!;
	const kubeconfig = path.join(dir, 'kubeconfig');
	fs.writeFileSync(
		kubeconfig,
		dump({
			apiVersion: 'v1',
			kind: 'Config',
			clusters: [{name: 'real', cluster: {server: cluster.server, 'certificate-authority-data': cluster.caData}}],
			users: [{name: sa, user: {exec: {apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never'}}}],
			contexts: [{name: 'real', context: {cluster: 'real', user: sa, namespace: ns}}],
			'current-context': 'real',
		}),
		{mode: 0o600},
	);
	const runs = () => fs.readFileSync(runsFile, 'utf8').split('\n').filter(Boolean).length;
	const loaded = loadKubeConfig({kubeconfig});
	assert.ok(loaded.ok, loaded.ok ? '' : loaded.message);

	await apiJson(admin, 'POST', `/api/v1/namespaces/${ns}/pods`, {body: pod('before')});
	const session = await openSession(loaded.kubeConfig, {namespace: ns, frameMs: 5, tuning: {bookmarkIntervalMs: 3000, backoffInitialMs: 250, backoffMaxMs: 2000}});
	t.after(() => session.close());
	const states: WatchState[] = [];
	session.onStatus(() => {
		const state = session.status('pods').state;
		if (states.at(-1) !== state) states.push(state);
	});
	const pods = session.store('pods');
	await waitFor('live with the first pod', () => (session.status('pods').state === 'live' && pods.snapshot().rows.length === 1) || undefined);
	assert.equal(runs(), 1);

	const revokedAt = Date.now();
	fs.writeFileSync(tokenFile, await boundToken('login-2'));
	await apiJson(admin, 'DELETE', `/api/v1/namespaces/${ns}/secrets/login-1`);
	// The old token is refused once the server's authentication cache lets it go (up to ~10 s).
	await waitFor('the old token refused and the plugin run again', () => (runs() >= 2 ? true : undefined), 90_000);
	const rerunAt = Date.now();
	await apiJson(admin, 'POST', `/api/v1/namespaces/${ns}/pods`, {body: pod('after')});
	await waitFor('the pod written after the revocation, seen with the fresh token', () => (session.status('pods').state === 'live' && pods.snapshot().rows.some((r) => r.name === 'after')) || undefined, 60_000);
	const recoveredAt = Date.now();
	assert.ok(!states.includes('error'), `the 401 was mended inside the request, never shown as an error: ${states.join(' → ')}`);
	assert.ok(runs() <= 3, `the plugin ran ${runs()} times`);
	t.diagnostic(`plugin re-run ${rerunAt - revokedAt} ms after the revocation; new pod seen ${recoveredAt - rerunAt} ms after that; states ${states.join(' → ') || 'live throughout'}`);
});
