// Port-forward against the simulator: bytes through a local port reach the pod's echo responder,
// a deployment forward follows the replacement pod, a forward survives an API server outage,
// a port in use and an undeclared port fail in words, stop() closes the listener, and every
// connection leaves an audit line (forwards are allowed in read-only mode: they change nothing).
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type {KubeObject} from '../../source/model/types.js';
import {PortForwards} from '../../source/actions/portForward.js';
import {tunnelOpener} from '../../source/actions/portForwardSocket.js';
import {forwardCells} from '../../source/ui/portForwardTable.js';
import {httpGet, startActionsFixture, waitFor, type ActionsFixture} from './actions-helpers.js';

const get = (port: number, path = '/') => httpGet(port, path, 10_000);

function webDeployment(name: string): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, uid: ''},
		spec: {
			replicas: 1,
			selector: {matchLabels: {app: name}},
			template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'web', image: 'registry.example/web:1.0', ports: [{name: 'http', containerPort: 8080}]}]}},
		},
	};
}

interface PodList {
	items: KubeObject[];
}

// The echo responder and the outage switch are the simulator's; test/real/portforward-real.test.ts covers the real server.
const realCluster = process.env.KUBEDECK_TEST_KUBECONFIG ? 'simulator only: the real cluster has no echo responder (see test/real/portforward-real.test.ts)' : undefined;

describe('port-forward against the simulator', {skip: realCluster}, () => {
	let fx: ActionsFixture;
	let forwards: PortForwards;
	const name = 'web';

	const readyPods = async (): Promise<string[]> => {
		const list = await fx.client.request<PodList>({path: `/api/v1/namespaces/${fx.namespace}/pods`, query: {labelSelector: `app=${name}`}});
		return list.items
			.filter(p => !p.metadata.deletionTimestamp && (p.status as {conditions?: Array<{type: string; status: string}>}).conditions?.some(c => c.type === 'Ready' && c.status === 'True'))
			.map(p => p.metadata.name);
	};

	before(async () => {
		fx = await startActionsFixture();
		await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: webDeployment(name)});
		await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/services`, body: {apiVersion: 'v1', kind: 'Service', metadata: {name}, spec: {selector: {app: name}, ports: [{name: 'http', port: 80, targetPort: 'http'}]}}});
		await waitFor('a ready web pod', async () => ((await readyPods()).length === 1 ? true : undefined));
		forwards = new PortForwards({client: fx.client, openTunnel: tunnelOpener(fx.cluster.kubeConfig), audit: fx.audit, identity: {context: 'test', user: 'demo-user'}});
	});
	after(async () => {
		forwards?.stopAll();
		await fx?.stop();
	});

	it('moves an HTTP request through a deployment forward and follows the replacement pod', async () => {
		const forward = await forwards.start({target: {kind: 'Deployment', namespace: fx.namespace, name, port: 8080}, localPort: 0});
		assert.equal(forward.bindAddress, '127.0.0.1');
		const [first] = await readyPods();
		const answer = await get(forward.localPort, '/hello');
		assert.equal(answer.status, 200);
		assert.match(answer.body, new RegExp(`pod ${fx.namespace}/${first} port 8080`));
		assert.match(answer.body, /request GET \/hello HTTP\/1\.1/);

		await fx.client.request({method: 'DELETE', path: `/api/v1/namespaces/${fx.namespace}/pods/${first}`, query: {gracePeriodSeconds: 0}});
		const replacement = await waitFor('the replacement pod to be ready', async () => (await readyPods()).find(p => p !== first));
		const again = await get(forward.localPort, '/again');
		assert.match(again.body, new RegExp(`pod ${fx.namespace}/${replacement} port 8080`));

		const info = forwards.list().find(f => f.id === forward.id)!;
		assert.equal(info.connections, 2);
		assert.equal(info.pod, replacement);
		assert.ok(info.bytesIn > 0 && info.bytesOut > 0, `bytes counted: ${info.bytesIn} in, ${info.bytesOut} out`);
		const lines = fx.audit.records.filter(r => r.verb === 'portforward');
		assert.deepEqual(lines.map(r => [r.category, r.name, r.result.ok]), [['connection', first, true], ['connection', replacement, true]]);
		forwards.stop(forward.id);
	});

	it('a connection made while the only pod is replaced waits for the replacement instead of failing', async () => {
		const forward = await forwards.start({target: {kind: 'Deployment', namespace: fx.namespace, name, port: 8080}, localPort: 0});
		const [first] = await waitFor('a ready web pod', async () => ((await readyPods()).length === 1 ? readyPods() : undefined));
		await fx.client.request({method: 'DELETE', path: `/api/v1/namespaces/${fx.namespace}/pods/${first}`, query: {gracePeriodSeconds: 0}});
		// At once: no pod of the deployment is ready now; the connection waits, and the replacement answers.
		const answer = await get(forward.localPort, '/during');
		assert.equal(answer.status, 200);
		const [replacement] = await readyPods();
		assert.ok(replacement && replacement !== first);
		assert.match(answer.body, new RegExp(`pod ${fx.namespace}/${replacement} port 8080`));
		forwards.stop(forward.id);
	});

	it('resolves a service port through its named targetPort', async () => {
		const forward = await forwards.start({target: {kind: 'Service', namespace: fx.namespace, name, port: 80}, localPort: 0});
		const answer = await get(forward.localPort);
		assert.match(answer.body, / port 8080\n/);
		forwards.stop(forward.id);
	});

	it('reconnects after an API server interruption', async () => {
		const forward = await forwards.start({target: {kind: 'Deployment', namespace: fx.namespace, name, port: 'http'}, localPort: 0});
		await fx.cluster.sim!.stopServer();
		await assert.rejects(get(forward.localPort));
		await waitFor('the failure recorded', () => forwards.list().find(f => f.id === forward.id && f.lastError));
		await fx.cluster.sim!.startServer();
		const answer = await get(forward.localPort);
		assert.match(answer.body, / port 8080\n/);
		// Reaching a pod again clears the failure: :pf shows the forward idle, not failing.
		const info = await waitFor('the connection closed', () => forwards.list().find(f => f.id === forward.id && f.active === 0));
		assert.equal(info.lastError, undefined);
		assert.equal(forwardCells(info, info.since)[4], 'idle');
		forwards.stop(forward.id);
	});

	it('says so when the local port is in use, and stop() frees the port', async () => {
		const forward = await forwards.start({target: {kind: 'Deployment', namespace: fx.namespace, name, port: 8080}, localPort: 0});
		await assert.rejects(forwards.start({target: {kind: 'Deployment', namespace: fx.namespace, name, port: 8080}, localPort: forward.localPort}), /local port 127\.0\.0\.1:\d+ is already in use/);
		assert.equal(forwards.stop(forward.id), true);
		assert.equal(forwards.list().some(f => f.id === forward.id), false);
		await assert.rejects(get(forward.localPort), /ECONNREFUSED/);
	});

	it('reports the kubelet\'s refusal for a port the pod does not declare', async () => {
		const forward = await forwards.start({target: {kind: 'Deployment', namespace: fx.namespace, name, port: 9999}, localPort: 0});
		await assert.rejects(get(forward.localPort));
		const info = await waitFor('the failure recorded', () => forwards.list().find(f => f.id === forward.id && f.lastError));
		assert.match(info.lastError!, /failed to connect to localhost:9999 .*connection refused/);
		forwards.stop(forward.id);
	});

	it('refuses an unknown pod with the server\'s 404 (before any upgrade)', async () => {
		const forward = await forwards.start({target: {kind: 'Pod', namespace: fx.namespace, name: 'nope', port: 80}, localPort: 0});
		const socket = net.connect(forward.localPort, '127.0.0.1');
		await new Promise(resolve => socket.on('close', resolve));
		const info = await waitFor('the failure recorded', () => forwards.list().find(f => f.id === forward.id && f.lastError));
		assert.match(info.lastError!, /not found/);
		forwards.stop(forward.id);
	});
});

describe('pods/portforward without an upgrade (simulator)', {skip: realCluster}, () => {
	it('answers 400 "Upgrade request required", as the real server does', async () => {
		const fx = await startActionsFixture();
		try {
			await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/pods`, body: {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'}, spec: {containers: [{name: 'c', image: 'i'}]}}});
			for (const method of ['GET', 'POST'] as const) {
				await assert.rejects(fx.client.request({method, path: `/api/v1/namespaces/${fx.namespace}/pods/p/portforward`, query: {ports: 80}}), (error: Error & {status?: number}) => error.status === 400 && /Upgrade request required/.test(error.message));
			}
		} finally {
			await fx.stop();
		}
	});
});
