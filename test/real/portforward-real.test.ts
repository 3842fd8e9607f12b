// Port-forward against a real kube-apiserver with KWOK as the kubelet: the API server accepts
// kubedeck's v4.channel.k8s.io WebSocket upgrade on pods/portforward and relays the kubelet's
// channels (port prefix, data, then the error channel's words). The harness gives KWOK a
// ClusterPortForward (scripts/cluster-up.sh): port 8080 of every pod reaches a TCP echo server
// on the harness machine, so bytes go through end to end — through kubedeck's forward and through
// `kubectl port-forward` (SPDY tunnelled in a WebSocket) alike. Any other port has no forward, and
// the kubelet's "no forward found" reaches the forward in its words. A missing pod fails before
// the upgrade with the server's 404.
import {after, before, describe, it, test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import {spawn, spawnSync} from 'node:child_process';
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

const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const noKubectl = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;

/** Sends a line through a local port and reads it back from the echo server behind the pod. */
const echoThrough = (port: number, line: string): Promise<string> =>
	new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1', () => socket.write(line));
		let got = '';
		socket.on('data', chunk => {
			got += String(chunk);
			if (got.length >= line.length) {
				socket.destroy();
				resolve(got);
			}
		});
		socket.on('error', reject);
		socket.setTimeout(15_000, () => socket.destroy(new Error(`no echo after 15 s (got ${JSON.stringify(got)})`)));
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
			body: {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web'}, spec: {nodeName: fake.metadata.name, tolerations: [{operator: 'Exists'}], containers: [{name: 'web', image: 'registry.example/web:1.0', ports: [{name: 'http', containerPort: 8080}, {name: 'metrics', containerPort: 9090}]}]}},
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

	it('moves bytes through to the echo server behind the KWOK kubelet', async () => {
		const forward = await forwards.start({target: {kind: 'Pod', namespace, name: 'web', port: 'http'}, localPort: 0});
		assert.equal(await echoThrough(forward.localPort, 'bytes through kubedeck\n'), 'bytes through kubedeck\n');
		const info = await waitFor('the counters', () => forwards.list().find(f => f.id === forward.id && f.bytesIn > 0 && f.bytesOut > 0));
		assert.deepEqual([info.pod, info.podPort, info.lastError], ['web', 8080, undefined]);
		const line = audit.records.find(r => r.verb === 'portforward');
		assert.deepEqual([line?.category, line?.name, line?.result.ok], ['connection', 'web', true]);
		forwards.stop(forward.id);
	});

	it('upgrades with v4.channel.k8s.io and reports the kubelet\'s error channel', async () => {
		const forward = await forwards.start({target: {kind: 'Pod', namespace, name: 'web', port: 'metrics'}, localPort: 0});
		await attempt(forward.localPort);
		const info = await waitFor('the failure', () => forwards.list().find(f => f.id === forward.id && f.lastError));
		// The upgrade worked; the kubelet has nothing to forward port 9090 to.
		assert.match(info.lastError!, /no forward found for port 9090/);
		assert.equal(info.pod, 'web');
		assert.equal(info.podPort, 9090);
		forwards.stop(forward.id);
	});

	it('kubectl port-forward moves the same bytes', {skip: noKubectl}, async t => {
		const child = spawn('kubectl', ['--kubeconfig', kubeconfigPath!, '-n', namespace, 'port-forward', 'pod/web', '0:8080'], {stdio: ['ignore', 'pipe', 'pipe']});
		t.after(() => child.kill());
		let out = '';
		child.stdout.on('data', chunk => (out += String(chunk)));
		const port = await waitFor('kubectl to listen', () => Number(/Forwarding from 127\.0\.0\.1:(\d+)/.exec(out)?.[1]) || undefined);
		assert.equal(await echoThrough(port, 'bytes through kubectl\n'), 'bytes through kubectl\n');
	});

	it('a missing pod is the server\'s 404 before any upgrade', async () => {
		const forward = await forwards.start({target: {kind: 'Pod', namespace, name: 'nope', port: 8080}, localPort: 0});
		await attempt(forward.localPort);
		const info = await waitFor('the failure', () => forwards.list().find(f => f.id === forward.id && f.lastError));
		assert.match(info.lastError!, /not found/);
		forwards.stop(forward.id);
	});
});
