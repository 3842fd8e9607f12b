// Conformance: the installed kubectl, unmodified, port-forwards through the simulator. kubectl
// (≥ 1.31) speaks SPDY/3.1 tunnelled in a WebSocket (`SPDY/3.1+portforward.k8s.io`) and falls
// back to a plain `Upgrade: SPDY/3.1` when the server refuses; the simulator serves both
// (source/sim/server/spdyPortForward.ts). HTTP through the local port reaches the pod's echo
// responder, which names the pod that answered; a deployment target reaches one of its pods; an
// undeclared port brings back the kubelet's words and kubectl gives up, as against a real cluster.
import {after, before, describe, it, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import {spawn, spawnSync} from 'node:child_process';
import {AppsV1Api, CoreV1Api} from '@kubernetes/client-node';
import {startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {createNamespace, waitFor} from './sim-helpers.js';
import {httpGet} from './actions-helpers.js';

const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const noKubectl = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;
// The echo responder is the simulator's; test/real/portforward-real.test.ts runs kubectl there.
const realCluster = process.env.KUBEDECK_TEST_KUBECONFIG ? 'simulator only: the real cluster has no echo responder (see test/real/portforward-real.test.ts)' : undefined;

const get = (port: number, path = '/') => httpGet(port, path, 15_000);

interface KubectlForward {
	port: number;
	stderr: () => string;
	exited: Promise<number | null>;
}

describe('kubectl port-forward against the simulator', {skip: noKubectl ?? realCluster}, () => {
	let cluster: TestCluster;
	let namespace: string;

	/** Starts `kubectl port-forward TARGET 0:PORT` and waits until it listens. */
	async function forward(t: TestContext, target: string, port: number, env: Record<string, string> = {}): Promise<KubectlForward> {
		// -v=4 shows client-go's "fallback to secondary dialer" when the WebSocket tunnel is refused.
		const child = spawn('kubectl', ['--kubeconfig', cluster.kubeconfigPath, '-n', namespace, '-v=4', 'port-forward', target, `0:${port}`], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, ...env}});
		const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
		t.after(() => child.kill());
		let out = '';
		let err = '';
		child.stdout.on('data', chunk => (out += String(chunk)));
		child.stderr.on('data', chunk => (err += String(chunk)));
		const local = await waitFor(`kubectl port-forward ${target} to listen`, () => {
			const match = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out);
			if (!match && child.exitCode !== null) throw new Error(`kubectl exited ${child.exitCode}: ${err}`);
			return match ? Number(match[1]) : undefined;
		});
		return {port: local, stderr: () => err, exited};
	}

	before(async () => {
		cluster = await startTestCluster();
		namespace = uniqueName('kpf');
		await createNamespace(cluster.kubeConfig, namespace);
		const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		const apps = cluster.kubeConfig.makeApiClient(AppsV1Api);
		const ports = [{name: 'http', containerPort: 8080}];
		await core.createNamespacedPod({namespace, body: {metadata: {name: 'web'}, spec: {containers: [{name: 'web', image: 'registry.example/web:1.0', ports}]}}});
		await apps.createNamespacedDeployment({
			namespace,
			body: {
				metadata: {name: 'api'},
				spec: {replicas: 1, selector: {matchLabels: {app: 'api'}}, template: {metadata: {labels: {app: 'api'}}, spec: {containers: [{name: 'api', image: 'registry.example/api:2.0', ports}]}}},
			},
		});
		await waitFor('the pods run', async () => {
			const list = await core.listNamespacedPod({namespace});
			const running = list.items.filter(p => p.status?.phase === 'Running' && p.status.conditions?.some(c => c.type === 'Ready' && c.status === 'True'));
			return running.length === 2 || undefined;
		});
	});
	after(async () => cluster?.stop());

	it('pod/web: HTTP through the WebSocket-tunnelled SPDY forward reaches the pod, request after request', async t => {
		const pf = await forward(t, 'pod/web', 8080);
		for (const path of ['/one', '/two', '/three']) {
			const answer = await get(pf.port, path);
			assert.deepEqual(answer, {status: 200, body: `pod ${namespace}/web port 8080\nrequest GET ${path} HTTP/1.1\n`});
		}
		assert.doesNotMatch(pf.stderr(), /fallback to secondary dialer/, 'the WebSocket tunnel was accepted');
	});

	it('deployment/api: the forward reaches the deployment\'s pod', async t => {
		const pf = await forward(t, 'deployment/api', 8080);
		const answer = await get(pf.port, '/');
		assert.equal(answer.status, 200);
		assert.match(answer.body, new RegExp(`^pod ${namespace}/api-[a-z0-9]+-[a-z0-9]+ port 8080\\n`));
	});

	it('plain SPDY (KUBECTL_PORT_FORWARD_WEBSOCKETS=false) works too', async t => {
		const pf = await forward(t, 'pod/web', 8080, {KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false'});
		assert.deepEqual(await get(pf.port, '/plain'), {status: 200, body: `pod ${namespace}/web port 8080\nrequest GET /plain HTTP/1.1\n`});
	});

	it('a plain SPDY upgrade that does not offer portforward.k8s.io is refused with a Status', async () => {
		const url = new URL(cluster.server);
		const token = cluster.kubeConfig.getCurrentUser()?.token;
		const answer = await new Promise<string>((resolve, reject) => {
			const socket = net.connect(Number(url.port), url.hostname, () =>
				socket.write(
					`POST /api/v1/namespaces/${namespace}/pods/web/portforward HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n` +
						'Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: channel.k8s.io\r\nContent-Length: 0\r\n\r\n',
				),
			);
			let text = '';
			socket.on('data', chunk => (text += String(chunk)));
			socket.on('end', () => resolve(text));
			socket.on('error', reject);
		});
		assert.match(answer, /^HTTP\/1\.1 400 /);
		assert.match(answer, /X-Stream-Protocol-Version portforward\.k8s\.io required \(offered: channel\.k8s\.io\)/);
	});

	it('an undeclared port: the kubelet\'s words reach kubectl, which gives up', async t => {
		const pf = await forward(t, 'pod/web', 9999);
		await assert.rejects(get(pf.port, '/'));
		assert.equal(await pf.exited, 1);
		assert.match(pf.stderr(), /error forwarding port 9999 to pod .*connect: connection refused/);
		assert.match(pf.stderr(), /lost connection to pod/);
	});
});
