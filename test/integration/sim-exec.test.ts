// pods/exec and pods/attach against the simulated cluster, through the client's own session
// (WebSocket opener + channel protocol) and through the installed kubectl, unmodified.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {CoreV1Api} from '@kubernetes/client-node';
import {createWebSocketOpener, type WebSocketOpener} from '../../source/kube/websocket.js';
import {openExec, openShell, runCommand} from '../../source/actions/execSession.js';
import {KubeError} from '../../source/kube/kubeError.js';
import {PROCESS_START_MS} from '../../source/sim/server/exec.js';
import {startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {createNamespace, waitFor} from './sim-helpers.js';

const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const noKubectl = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;

describe('exec and attach against the simulator', {skip: process.env.KUBEDECK_TEST_KUBECONFIG ? 'the simulated shell only' : undefined}, () => {
	let cluster: TestCluster;
	let opener: WebSocketOpener;
	let namespace: string;

	before(async () => {
		cluster = await startTestCluster();
		opener = createWebSocketOpener(cluster.kubeConfig);
		namespace = uniqueName('ex');
		await createNamespace(cluster.kubeConfig, namespace);
		const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		// web: bash and sh; tiny: sh only; bare: no shell at all (distroless); two: two containers.
		const pods: Array<[string, Array<{name: string; image: string; env?: Array<{name: string; value: string}>; tty?: boolean; stdin?: boolean}>]> = [
			['web', [{name: 'app', image: 'nginx:1.27.3', env: [{name: 'MODE', value: 'blue'}]}]],
			['tiny', [{name: 'app', image: 'busybox:1.36'}]],
			['bare', [{name: 'app', image: 'registry.k8s.io/pause:3.10'}]],
			['two', [{name: 'app', image: 'nginx:1.27.3'}, {name: 'side', image: 'busybox:1.36'}]],
			['term', [{name: 'app', image: 'busybox:1.36', tty: true, stdin: true}]],
		];
		for (const [name, containers] of pods) await core.createNamespacedPod({namespace, body: {metadata: {name}, spec: {containers}}});
		await waitFor('the pods run', async () => {
			const list = await core.listNamespacedPod({namespace});
			return list.items.filter(p => p.status?.containerStatuses?.every(c => c.state?.running)).length === pods.length || undefined;
		});
	});
	after(async () => cluster?.stop());

	it('runs a command: stdout, stderr and the exit status from the error channel (v5 negotiated)', async () => {
		const ok = await runCommand(opener, {namespace, pod: 'web', container: 'app'}, ['sh', '-c', 'echo $MODE; cat /etc/hostname']);
		assert.deepEqual(ok, {stdout: 'blue\nweb\n', stderr: '', end: {kind: 'exited', code: 0}});
		const failed = await runCommand(opener, {namespace, pod: 'web', container: 'app'}, ['sh', '-c', 'nope; exit 7']);
		assert.deepEqual(failed, {stdout: '', stderr: 'sh: nope: command not found\n', end: {kind: 'exited', code: 7}});
		const missing = await runCommand(opener, {namespace, pod: 'bare', container: 'app'}, ['ls']);
		assert.equal(missing.end.kind, 'failed');
	});

	it('the process starts a runtime\'s start time after the upgrade, and input sent before that reaches it', async () => {
		// kubectl ≤ 1.33 drops a frame that arrives before it has registered its streams (client-go's
		// WebSocket executor): the simulator, like a real runtime, answers no sooner than PROCESS_START_MS.
		const asked = performance.now();
		let firstAt: number | undefined;
		let out = '';
		const session = await openExec(opener, {namespace, pod: 'tiny', container: 'app', command: ['sh'], tty: false, stdin: true}, {
			stdout: (b) => {
				firstAt ??= performance.now();
				out += b.toString();
			},
			stderr: (b) => assert.fail(`stderr: ${b.toString()}`),
		});
		// Sent at once, before the process can have started: held, then read by the shell in order.
		session.write('echo early\n');
		session.write('echo $HOSTNAME\n');
		await waitFor('the shell\'s answers', () => (out === 'early\ntiny\n' ? true : undefined), 30_000);
		assert.ok(firstAt! - asked >= PROCESS_START_MS, `first byte ${Math.round(firstAt! - asked)} ms after the request`);
		session.write('exit 0\n');
	});

	it('a TTY shell: prompt, echo, resize on channel 4, exit status', async () => {
		let screen = '';
		const session = await openExec(opener, {namespace, pod: 'web', container: 'app', command: ['bash'], tty: true, stdin: true}, {stdout: b => (screen += b.toString()), stderr: () => assert.fail('a TTY has one stream')});
		assert.equal(session.protocol, 'v5.channel.k8s.io');
		await waitFor('the prompt', () => screen.includes('root@web:/# ') || undefined);
		session.resize(132, 43);
		session.write('stty size\r');
		await waitFor('the size', () => screen.includes('43 132\r\n') || undefined);
		assert.match(screen, /stty size\r\n43 132\r\n/, 'typed text is echoed, output lines end in CRLF');
		session.write('exit 5\r');
		assert.deepEqual(await session.end, {kind: 'exited', code: 5});
	});

	it('v5 close signal ends stdin of a non-TTY shell', async () => {
		let out = '';
		const session = await openExec(opener, {namespace, pod: 'web', container: 'app', command: ['sh'], tty: false, stdin: true}, {stdout: b => (out += b.toString()), stderr: () => {}});
		session.write('echo one\nfalse\n');
		session.closeStdin();
		assert.deepEqual(await session.end, {kind: 'exited', code: 1});
		assert.equal(out, 'one\n');
	});

	it('openShell falls back from bash to sh, and says so in one line when there is none', async () => {
		let screen = '';
		const {session, shell} = await openShell(opener, {namespace, pod: 'tiny', container: 'app'}, ['bash', 'sh'], {stdout: b => (screen += b.toString()), stderr: () => {}}, {columns: 80, rows: 24});
		assert.equal(shell, 'sh');
		assert.equal(screen, '/ # ');
		session.write('exit\r');
		assert.deepEqual(await session.end, {kind: 'exited', code: 0});
		await assert.rejects(openShell(opener, {namespace, pod: 'bare', container: 'app'}, ['bash', 'sh'], {stdout: () => {}, stderr: () => {}}, {columns: 80, rows: 24}), (error: unknown) => {
			assert.ok(error instanceof KubeError);
			assert.equal(error.message, 'exec: no shell found in container app (tried bash, sh)');
			return true;
		});
	});

	it('attach joins a TTY container\'s own shell (pods/attach, no command)', async () => {
		let screen = '';
		const session = await openExec(opener, {namespace, pod: 'term', container: 'app', tty: true, stdin: true}, {stdout: b => (screen += b.toString()), stderr: () => {}});
		await waitFor('the prompt', () => screen.includes('/ # ') || undefined);
		session.write('hostname\r');
		await waitFor('the answer', () => screen.includes('\r\nterm\r\n') || undefined);
		session.close();
		await session.end; // leaving ends the session
	});

	it('refusals are the server\'s words: no such pod, a container to choose, not an upgrade', async () => {
		await assert.rejects(runCommand(opener, {namespace, pod: 'ghost', container: 'app'}, ['ls']), (error: unknown) => error instanceof KubeError && error.status === 404);
		await assert.rejects(runCommand(opener, {namespace, pod: 'two', container: 'nope'}, ['ls']), (error: unknown) => error instanceof KubeError && error.status === 400 && /container nope is not valid for pod two/.test(error.message));
		const plain = await fetch(`${cluster.server}/api/v1/namespaces/${namespace}/pods/web/exec?command=ls&stdout=true`, {headers: {Authorization: `Bearer ${cluster.kubeConfig.getCurrentUser()?.token}`}});
		assert.equal(plain.status, 400);
		assert.match(await plain.text(), /Upgrade request required/);
	});

	it('kubectl exec (WebSocket v5) runs commands, passes stdin and returns the exit code', {skip: noKubectl}, async () => {
		const run = (args: string[], input?: string): Promise<{code: number; stdout: string; stderr: string}> => new Promise(resolve => {
			const child = execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, '-n', namespace, ...args], {timeout: 60_000}, (error, stdout, stderr) => {
				resolve({code: error ? ((error as {code?: number}).code ?? -1) : 0, stdout, stderr});
			});
			if (input !== undefined) child.stdin!.end(input);
		});
		assert.deepEqual(await run(['exec', 'web', '--', 'echo', 'hi']), {code: 0, stdout: 'hi\n', stderr: ''});
		const exit3 = await run(['exec', 'web', '--', 'sh', '-c', 'exit 3']);
		assert.equal(exit3.code, 3);
		assert.match(exit3.stderr, /command terminated with exit code 3/);
		const piped = await run(['exec', '-i', 'tiny', '--', 'sh'], 'echo $HOSTNAME\nexit 4\n');
		assert.deepEqual([piped.code, piped.stdout], [4, 'tiny\n']);
		const noShell = await run(['exec', 'bare', '--', 'sh']);
		assert.notEqual(noShell.code, 0);
		assert.match(noShell.stderr, /executable file not found/);
		const side = await run(['exec', 'two', '-c', 'side', '--', 'hostname']);
		assert.deepEqual([side.code, side.stdout], [0, 'two\n']);
	});
});
