// exec and attach end to end on the real API server, with KWOK as the kubelet: the harness
// (scripts/cluster-up.sh) gives KWOK a ClusterExec — commands run on the harness machine in its
// own working dir (a `greeting` file, KUBEDECK_EXEC=kwok in the environment) — and a
// ClusterAttach that follows the container log the harness keeps writing ("tick N" each second).
// kubedeck speaks v5.channel.k8s.io over WebSocket; the API server translates that to SPDY for
// the kubelet, so this covers the server's translation too. `kubectl exec` runs the same commands
// for comparison.
//
// KWOK v0.8.0 does not pass the end of stdin on to the process: `cat` with stdin closed (v5's close
// signal, or kubectl's EOF) runs on; the stdin test reads one line instead.
//
// KWOK v0.8.0 reports a non-zero exit as an error ("cmd wait: ...: exit status 3"), not as the
// kubelet's NonZeroExitCode Status with an ExitCode cause, so the API server answers
// InternalError: kubedeck shows the failure with those words, kubectl exits 1 with them. A real
// kubelet gives the code (covered against the simulator in test/integration/sim-exec.test.ts).
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {CoreV1Api, KubeConfig} from '@kubernetes/client-node';
import {createWebSocketOpener, type WebSocketOpener} from '../../source/kube/websocket.js';
import {openExec, openShell, runCommand} from '../../source/actions/execSession.js';
import {waitFor} from '../integration/sim-helpers.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skip = kubeconfigPath ? undefined : 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)';
const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const noKubectl = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;

function kubectl(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		execFile('kubectl', ['--kubeconfig', kubeconfigPath!, ...args], {timeout: 60_000}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr});
		});
	});
}

describe('exec and attach end to end on the real API server (KWOK kubelet)', {skip}, () => {
	const kc = new KubeConfig();
	let core: CoreV1Api;
	let opener: WebSocketOpener;
	const namespace = `exec-kwok-${Date.now().toString(36)}`;
	const target = () => ({namespace, pod: 'web', container: 'app'});

	before(async () => {
		kc.loadFromFile(kubeconfigPath!);
		core = kc.makeApiClient(CoreV1Api);
		opener = createWebSocketOpener(kc);
		await core.createNamespace({body: {metadata: {name: namespace}}});
		const nodes = await core.listNode();
		const fake = nodes.items.find(n => n.metadata?.annotations?.['kwok.x-k8s.io/node'] === 'fake' && !n.spec?.taints?.some(t => t.key === 'node.kubernetes.io/unreachable'));
		assert.ok(fake?.metadata?.name, 'a node KWOK plays the kubelet of');
		await core.createNamespacedPod({
			namespace,
			body: {metadata: {name: 'web'}, spec: {nodeName: fake.metadata.name, tolerations: [{operator: 'Exists'}], containers: [{name: 'app', image: 'busybox:1.36'}]}},
		});
		await waitFor('the pod to run', async () => ((await core.readNamespacedPod({namespace, name: 'web'})).status?.phase === 'Running' ? true : undefined));
	});
	after(async () => {
		await core?.deleteNamespace({name: namespace}).catch(() => {});
	});

	it('runs a command without a TTY: stdout, stderr and a clean end', async () => {
		const result = await runCommand(opener, target(), ['sh', '-c', 'cat greeting; echo "$KUBEDECK_EXEC"; echo oops >&2']);
		assert.deepEqual(result, {stdout: 'kwok exec root\nkwok\n', stderr: 'oops\n', end: {kind: 'exited', code: 0}});
	});

	it('a non-zero exit reaches kubedeck as a failure in KWOK\'s words (no exit code from KWOK)', async () => {
		const result = await runCommand(opener, target(), ['sh', '-c', 'echo before; exit 3']);
		assert.equal(result.stdout, 'before\n');
		assert.equal(result.end.kind, 'failed');
		assert.match(result.end.kind === 'failed' ? result.end.message : '', /exit status 3/);
	});

	it('stdin reaches the command', async () => {
		let out = '';
		const session = await openExec(opener, {...target(), command: ['sh', '-c', 'read line; echo "got $line"'], tty: false, stdin: true}, {stdout: b => (out += b.toString()), stderr: () => {}});
		assert.equal(session.protocol, 'v5.channel.k8s.io');
		session.write('through the API server\n');
		// KWOK does not pass the end of stdin on to the process (`echo hi | kubectl exec -i pod -- cat`
		// never ends there either), so the command ends by itself after one line.
		assert.deepEqual(await session.end, {kind: 'exited', code: 0});
		assert.equal(out, 'got through the API server\n');
	});

	it('a TTY shell: a missing shell is skipped, the window size passes, exit ends it', async () => {
		let screen = '';
		// The server opens a TTY session with an empty stdout frame; it is not the shell's output.
		const {session, shell} = await openShell(opener, target(), ['no-such-shell', 'sh'], {stdout: b => (screen += b.toString()), stderr: b => (screen += b.toString())}, {columns: 100, rows: 30});
		assert.equal(shell, 'sh');
		await waitFor('the prompt', () => (screen.includes('# ') || screen.includes('$ ') ? true : undefined));
		session.write('stty size\r');
		await waitFor('the size', () => (screen.includes('30 100\r\n') ? true : undefined));
		session.resize(132, 43);
		// The resize travels on its own channel, not in order with stdin: ask again until the shell sees it.
		let asked = 0;
		await waitFor('the new size', () => {
			if (screen.includes('43 132\r\n')) return true;
			if (Date.now() - asked > 500) {
				asked = Date.now();
				session.write('stty size\r');
			}
			return undefined;
		});
		session.write('exit\r');
		assert.deepEqual(await session.end, {kind: 'exited', code: 0});
	});

	it('attach follows the container\'s output', async () => {
		let out = '';
		const session = await openExec(opener, {...target(), tty: false, stdin: false}, {stdout: b => (out += b.toString()), stderr: () => {}});
		await waitFor('two ticks', () => ((out.match(/tick \d+\n/g) ?? []).length >= 2 ? true : undefined));
		session.close();
		await session.end;
	});

	it('kubectl exec gives the same output and, for exit 3, exit 1 with KWOK\'s words', {skip: noKubectl}, async () => {
		const ok = await kubectl(['-n', namespace, 'exec', 'web', '-c', 'app', '--', 'sh', '-c', 'cat greeting; echo "$KUBEDECK_EXEC"; echo oops >&2']);
		assert.deepEqual(ok, {code: 0, stdout: 'kwok exec root\nkwok\n', stderr: 'oops\n'});
		const failed = await kubectl(['-n', namespace, 'exec', 'web', '-c', 'app', '--', 'sh', '-c', 'exit 3']);
		assert.equal(failed.code, 1);
		assert.match(failed.stderr, /exit status 3/);
	});
});
