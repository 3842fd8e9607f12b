// The simulated API server's edges: discovery, health, authentication, `forbid`,
// stop/start of the listener, wire-level errors, and the `npm run sim` entry point.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {CoreV1Api, Watch} from '@kubernetes/client-node';
import {parseSimFlags} from '../../source/sim/main.js';
import {startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {apiError, createNamespace, rawRequest, waitFor} from './sim-helpers.js';
import {limitedUser} from './rbac.js';

describe('simulated API server: discovery, auth and errors', () => {
	let cluster: TestCluster;
	let namespace: string;

	before(async () => {
		cluster = await startTestCluster();
		namespace = uniqueName('srv');
		await createNamespace(cluster.kubeConfig, namespace);
	});
	after(() => cluster.stop());

	it('serves /version, health endpoints and discovery documents', async () => {
		const version = JSON.parse((await rawRequest(cluster.kubeConfig, '/version')).text) as {major: string; gitVersion: string};
		assert.equal(version.major, '1');
		assert.match(version.gitVersion, /^v1\.\d+\.\d+/);
		for (const path of ['/healthz', '/readyz', '/livez']) assert.equal((await rawRequest(cluster.kubeConfig, path)).text, 'ok');
		const core = JSON.parse((await rawRequest(cluster.kubeConfig, '/api/v1')).text) as {resources: Array<{name: string; namespaced: boolean; verbs: string[]; shortNames?: string[]}>};
		const pods = core.resources.find(r => r.name === 'pods')!;
		assert.equal(pods.namespaced, true);
		assert.deepEqual(pods.shortNames, ['po']);
		assert.ok(pods.verbs.includes('watch'));
		for (const sub of ['pods/log', 'pods/status', 'pods/eviction']) assert.ok(core.resources.some(r => r.name === sub), sub);
		const groups = JSON.parse((await rawRequest(cluster.kubeConfig, '/apis')).text) as {groups: Array<{name: string}>};
		const groupNames = groups.groups.map(g => g.name).sort();
		const served = ['apiextensions.k8s.io', 'apps', 'authorization.k8s.io', 'autoscaling', 'batch', 'discovery.k8s.io', 'networking.k8s.io', 'policy'];
		// The simulator serves exactly the groups kubedeck reads (the self-reviews k9s asks, and
		// metrics-server's, computed); a real server serves those among many more.
		if (cluster.kind === 'sim') assert.deepEqual(groupNames, [...served, 'metrics.k8s.io'].sort());
		else for (const name of served) assert.ok(groupNames.includes(name), `the real server serves ${name}`);
		const apps = JSON.parse((await rawRequest(cluster.kubeConfig, '/apis/apps/v1')).text) as {resources: Array<{name: string; group?: string; kind: string}>};
		const scale = apps.resources.find(r => r.name === 'deployments/scale')!;
		assert.deepEqual([scale.group, scale.kind], ['autoscaling', 'Scale']);
		assert.equal((await rawRequest(cluster.kubeConfig, '/apis/nope/v1')).status, 404);
	});

	// Any API server refuses a bearer token it cannot authenticate, whatever the kubeconfig's own credentials.
	it('refuses a wrong bearer token with 401', async () => {
		const response = await rawRequest(cluster.kubeConfig, '/api/v1/namespaces', {headers: {Authorization: 'Bearer wrong'}});
		assert.equal(response.status, 401);
		assert.equal((JSON.parse(response.text) as {reason: string}).reason, 'Unauthorized');
	});

	it('answers bad requests with real Status errors', async () => {
		const notFoundType = await rawRequest(cluster.kubeConfig, `/api/v1/namespaces/${namespace}/widgets`);
		assert.equal(notFoundType.status, 404);
		const noNamespace = await rawRequest(cluster.kubeConfig, '/api/v1/namespaces/does-not-exist-here/pods', {method: 'POST', body: JSON.stringify({metadata: {name: 'x'}, spec: {containers: [{name: 'a', image: 'a'}]}}), headers: {'Content-Type': 'application/json'}});
		assert.equal(noNamespace.status, 404);
		assert.equal((JSON.parse(noNamespace.text) as {message: string}).message, 'namespaces "does-not-exist-here" not found');
		const badJson = await rawRequest(cluster.kubeConfig, `/api/v1/namespaces/${namespace}/pods`, {method: 'POST', body: '{nope', headers: {'Content-Type': 'application/json'}});
		assert.equal(badJson.status, 400);
		const badPatchType = await rawRequest(cluster.kubeConfig, `/api/v1/namespaces/${namespace}`, {method: 'PATCH', body: '{}', headers: {'Content-Type': 'text/plain'}});
		assert.equal(badPatchType.status, 415);
		const putCollection = await rawRequest(cluster.kubeConfig, `/api/v1/namespaces/${namespace}/pods`, {method: 'PUT', body: '{}', headers: {'Content-Type': 'application/json'}});
		assert.equal(putCollection.status, 405);
		const badSelector = await rawRequest(cluster.kubeConfig, `/api/v1/pods?labelSelector=${encodeURIComponent('a in (b')}`);
		assert.equal(badSelector.status, 400);
		const status = JSON.parse(badSelector.text) as {kind: string; apiVersion: string; status: string; code: number};
		assert.deepEqual([status.kind, status.apiVersion, status.status, status.code], ['Status', 'v1', 'Failure', 400]);
	});

	it('deleting a namespace removes what is in it', async () => {
		const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		const doomed = uniqueName('doomed');
		await createNamespace(cluster.kubeConfig, doomed);
		await core.createNamespacedService({namespace: doomed, body: {metadata: {name: 's'}, spec: {ports: [{port: 80}]}}});
		const answer = await core.deleteNamespace({name: doomed});
		assert.ok(answer);
		await waitFor('the namespace to go', async () => ((await apiError(() => core.readNamespace({name: doomed})).catch(() => undefined))?.code === 404 ? true : undefined));
		assert.equal((await core.listNamespacedService({namespace: doomed})).items.length, 0);
	});
});

describe('simulated API server: forbid and restart', () => {
	let cluster: TestCluster;

	before(async () => {
		cluster = await startTestCluster({forbid: [{resource: 'services', namespace: 'payments'}, {resource: 'nodes', verbs: ['patch']}]});
	});
	after(() => cluster.stop());

	it('forbids per rule with the real RBAC message', async () => {
		await createNamespace(cluster.kubeConfig, 'payments').catch((error: {code?: number}) => {
			if (error.code !== 409) throw error; // a real cluster may have it from an earlier run
		});
		// On a real cluster the same rules are RBAC grants to an impersonated demo-user: exactly
		// what the simulator's forbid leaves, so the real authorizer's messages are the reference.
		const limited = cluster.kind === 'real'
			? await limitedUser(cluster.kubeConfig, 'demo-user', {
				cluster: [{apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list']}],
				namespaced: {default: [{apiGroups: [''], resources: ['services'], verbs: ['list']}]},
			}, kubeConfig => kubeConfig.makeApiClient(CoreV1Api).listNamespacedService({namespace: 'default'}))
			: undefined;
		try {
			await forbiddenAsDemoUser((limited?.kubeConfig ?? cluster.kubeConfig).makeApiClient(CoreV1Api));
		} finally {
			await limited?.remove();
		}
	});

	async function forbiddenAsDemoUser(core: CoreV1Api): Promise<void> {
		const denied = await apiError(() => core.listNamespacedService({namespace: 'payments'}));
		assert.equal(denied.code, 403);
		assert.equal(denied.reason, 'Forbidden');
		assert.equal(denied.message, 'services is forbidden: User "demo-user" cannot list resource "services" in API group "" in the namespace "payments"');
		const clusterWide = await apiError(() => core.listServiceForAllNamespaces());
		assert.equal(clusterWide.message, 'services is forbidden: User "demo-user" cannot list resource "services" in API group "" at the cluster scope');
		assert.equal((await core.listNamespacedService({namespace: 'default'})).kind, 'ServiceList', 'other namespaces are allowed');
		const node = (await core.listNode()).items[0]!.metadata!.name!;
		const patch = await apiError(() => core.patchNode({name: node, body: [{op: 'add', path: '/metadata/labels/x', value: 'y'}]}));
		assert.equal(patch.message, `nodes "${node}" is forbidden: User "demo-user" cannot patch resource "nodes" in API group "" at the cluster scope`);
	}

	it('stopServer severs open watches and keeps state; startServer listens on the same port', async t => {
		if (cluster.kind === 'real' || !cluster.sim) return t.skip('needs the simulator: stopServer/startServer');
		const sim = cluster.sim;
		const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		await core.createNamespacedService({namespace: 'default', body: {metadata: {name: 'kept'}, spec: {ports: [{port: 80}]}}});
		let ended: unknown = 'open';
		// watch() resolves once the server has answered with the stream's headers: the watch is open.
		await new Watch(cluster.kubeConfig).watch('/api/v1/namespaces/default/services', {}, () => {}, error => (ended = error));
		await sim.stopServer();
		await waitFor('the watch to end', () => (ended !== 'open' ? true : undefined));
		const refused = await rawRequest(cluster.kubeConfig, '/healthz').catch((error: Error) => error);
		assert.ok(refused instanceof Error, 'nothing listens while stopped');
		sim.store.create('services', {metadata: {name: 'made-while-down', namespace: 'default', uid: ''}, spec: {ports: [{port: 80}]}});
		await sim.startServer();
		const names = (await core.listNamespacedService({namespace: 'default'})).items.map(s => s.metadata?.name);
		assert.ok(names.includes('kept') && names.includes('made-while-down'));
		assert.equal(new URL(cluster.server).port, String(sim.port));
	});
});

describe('npm run sim (source/sim/main.ts)', () => {
	it('parses flags and rejects bad ones with a clear message', () => {
		assert.deepEqual(parseSimFlags(['--port', '0', '--pods', '100', '--nodes', '5', '--churn', '10', '--scenario', 'scale']), {scenario: 'scale', port: 0, pods: 100, nodes: 5, churnPerSecond: 10});
		assert.deepEqual(parseSimFlags([]), {scenario: 'demo'});
		assert.throws(() => parseSimFlags(['--scenario', 'huge']), /--scenario must be demo, scale or empty, got "huge"/);
		assert.throws(() => parseSimFlags(['--pods', 'many']), /--pods must be a whole number/);
		assert.throws(() => parseSimFlags(['--bogus']), /Unknown option '--bogus'/);
	});

	it('prints the kubeconfig path and url, then ready, and exits cleanly on SIGTERM', async () => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'source/sim/main.ts', '--scenario', 'empty', '--port', '0'], {stdio: ['ignore', 'pipe', 'pipe']});
		try {
			let out = '';
			child.stdout.on('data', chunk => (out += String(chunk)));
			await waitFor('ready', () => (out.includes('ready\n') ? true : undefined), 60_000);
			assert.match(out, /^kubeconfig: .+\nurl: http:\/\/127\.0\.0\.1:\d+\n/);
			const code = new Promise(resolve => child.on('exit', resolve));
			child.kill('SIGTERM');
			assert.equal(await code, 0);
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	});
});
