// Port-forward against a real kube-apiserver with KWOK as the kubelet: the API server accepts
// kubedeck's v4.channel.k8s.io WebSocket upgrade on pods/portforward and relays the kubelet's
// channels (port prefix, then the error channel's words). The harness's KWOK has no
// ClusterPortForward, so the kubelet answers "no forward found" rather than moving bytes; what
// this checks is the handshake and that the failure reaches the forward in the kubelet's words.
// A missing pod fails before the upgrade with the server's 404.
import {after, before, describe, it, test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {KubeConfig} from '@kubernetes/client-node';
import {memoryAuditLog} from '../../source/actions/audit.js';
import {PortForwards} from '../../source/actions/portForward.js';
import {tunnelOpener} from '../../source/actions/portForwardSocket.js';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import type {KubeObject} from '../../source/model/types.js';
import {waitFor} from '../integration/sim-helpers.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = kubeconfigPath ? undefined : (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)');

const attempt = (port: number): Promise<void> =>
	new Promise(resolve => {
		const req = http.get({host: '127.0.0.1', port, agent: false}, res => res.resume().on('end', resolve));
		req.on('error', () => resolve());
		req.setTimeout(15_000, () => req.destroy());
	});

if (skipReason) {
	console.error(`\n*** ${skipReason} ***\n`);
	test('port-forward against a real apiserver', {skip: skipReason}, () => {});
} else describe('port-forward against a real apiserver (KWOK kubelet)', () => {
	const kc = new KubeConfig();
	let client: Transport;
	let forwards: PortForwards;
	const audit = memoryAuditLog();
	const namespace = `kd-pf-${Date.now().toString(36)}`;

	before(async () => {
		kc.loadFromFile(kubeconfigPath!);
		client = createTransport(kc);
		forwards = new PortForwards({client, openTunnel: tunnelOpener(kc), audit, identity: {context: 'real', user: 'admin'}});
		await client.request({method: 'POST', path: '/api/v1/namespaces', body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}}});
		const nodes = await client.request<{items: KubeObject[]}>({path: '/api/v1/nodes', query: {labelSelector: 'type=kwok'}});
		const fake = (await client.request<{items: KubeObject[]}>({path: '/api/v1/nodes'})).items.find(n => n.metadata.annotations?.['kwok.x-k8s.io/node'] === 'fake') ?? nodes.items[0];
		assert.ok(fake, 'a KWOK node');
		await client.request({
			method: 'POST',
			path: `/api/v1/namespaces/${namespace}/pods`,
			body: {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web'}, spec: {nodeName: fake.metadata.name, tolerations: [{operator: 'Exists'}], containers: [{name: 'web', image: 'registry.example/web:1.0', ports: [{name: 'http', containerPort: 8080}]}]}},
		});
		await waitFor('the pod to run', async () => {
			const pod = await client.request<KubeObject>({path: `/api/v1/namespaces/${namespace}/pods/web`});
			return (pod.status as {phase?: string}).phase === 'Running' ? true : undefined;
		});
	});
	after(async () => {
		forwards?.stopAll();
		await client?.request({method: 'DELETE', path: `/api/v1/namespaces/${namespace}`}).catch(() => undefined);
		client?.close();
	});

	it('upgrades with v4.channel.k8s.io and reports the kubelet\'s error channel', async () => {
		const forward = await forwards.start({target: {kind: 'Pod', namespace, name: 'web', port: 'http'}, localPort: 0});
		await attempt(forward.localPort);
		const info = await waitFor('the failure', () => forwards.list().find(f => f.id === forward.id && f.lastError));
		// KWOK without a ClusterPortForward: the upgrade worked, the kubelet found nothing to forward to.
		assert.match(info.lastError!, /no forward found for port 8080/);
		assert.equal(info.pod, 'web');
		assert.equal(info.podPort, 8080);
		const line = audit.records.find(r => r.verb === 'portforward');
		assert.deepEqual([line?.category, line?.name, line?.result.ok], ['connection', 'web', true]);
		forwards.stop(forward.id);
	});

	it('a missing pod is the server\'s 404 before any upgrade', async () => {
		const forward = await forwards.start({target: {kind: 'Pod', namespace, name: 'nope', port: 8080}, localPort: 0});
		await attempt(forward.localPort);
		const info = await waitFor('the failure', () => forwards.list().find(f => f.id === forward.id && f.lastError));
		assert.match(info.lastError!, /not found/);
		forwards.stop(forward.id);
	});
});
