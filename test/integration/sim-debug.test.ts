// D (debug containers) against the simulated cluster: the gate adds an ephemeral container
// through pods/ephemeralcontainers (read-only refuses and sends nothing), the flow waits for it
// to run, then attaches; an image that cannot be pulled comes back as the reason.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {CoreV1Api} from '@kubernetes/client-node';
import {createActionLayer, type ActionLayer} from '../../source/actions/actionLayer.js';
import {runDebug} from '../../source/actions/execDebugFlow.js';
import {openExec} from '../../source/actions/execSession.js';
import {startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {createNamespace, waitFor} from './sim-helpers.js';

describe('debug containers against the simulator', {skip: process.env.KUBEDECK_TEST_KUBECONFIG ? 'the simulated kubelet only' : undefined}, () => {
	let cluster: TestCluster;
	let layer: ActionLayer;
	let readonlyLayer: ActionLayer;
	let core: CoreV1Api;
	let namespace: string;

	before(async () => {
		cluster = await startTestCluster();
		layer = createActionLayer({kubeConfig: cluster.kubeConfig, readonly: false, scaleCeiling: 100});
		readonlyLayer = createActionLayer({kubeConfig: cluster.kubeConfig, readonly: true, scaleCeiling: 100});
		namespace = uniqueName('dbg');
		await createNamespace(cluster.kubeConfig, namespace);
		core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		await core.createNamespacedPod({namespace, body: {metadata: {name: 'web'}, spec: {containers: [{name: 'app', image: 'registry.k8s.io/pause:3.10'}]}}});
		await waitFor('web runs', async () => ((await core.readNamespacedPod({namespace, name: 'web'})).status?.containerStatuses?.[0]?.state?.running ? true : undefined));
	});
	after(async () => {
		layer?.close();
		readonlyLayer?.close();
		await cluster?.stop();
	});

	it('read-only refuses the debug intent and the pod keeps no ephemeral container', async () => {
		const result = await readonlyLayer.perform({verb: 'debug', kind: 'Pod', namespace, name: 'web', container: 'debugger-x', image: 'busybox:1.36', target: 'app'});
		assert.deepEqual(result, {ok: false, reason: 'ReadOnly', code: 0, message: 'read-only mode: debug is disabled (started with --readonly)'});
		const pod = await core.readNamespacedPod({namespace, name: 'web'});
		assert.equal(pod.spec?.ephemeralContainers, undefined);
	});

	it('adds the container targeting the selected one, waits until it runs, then attaches to its shell', async () => {
		const progress: string[] = [];
		let attached: string | undefined;
		const outcome = await runDebug({
			perform: (intent) => layer.perform(intent),
			readPod: async () => (await core.readNamespacedPod({namespace, name: 'web'})) as never,
			attach: async (container) => {
				attached = container;
				let screen = '';
				const session = await openExec(layer.webSockets!, {namespace, pod: 'web', container, tty: true, stdin: true}, {stdout: (b) => (screen += b.toString()), stderr: () => {}});
				await waitFor('the prompt', () => screen.includes('/ # ') || undefined);
				session.write('exit 0\r');
				await session.end;
				return {ok: true, text: 'attached'};
			},
			progress: (text) => progress.push(text),
			signal: new AbortController().signal,
		}, {namespace, pod: 'web', container: 'app'}, 'busybox:1.36');
		assert.deepEqual(outcome, {ok: true, text: 'attached'});
		const pod = await core.readNamespacedPod({namespace, name: 'web'});
		const added = pod.spec?.ephemeralContainers?.[0];
		assert.equal(added?.name, attached);
		assert.match(attached ?? '', /^debugger-[a-z0-9]{5}$/);
		assert.deepEqual([added?.image, added?.targetContainerName, added?.tty, added?.stdin], ['busybox:1.36', 'app', true, true]);
	});

	it('an image that cannot be pulled is the reason, not a hang', async () => {
		const outcome = await runDebug({
			perform: (intent) => layer.perform(intent),
			readPod: async () => (await core.readNamespacedPod({namespace, name: 'web'})) as never,
			attach: async () => assert.fail('nothing to attach to'),
			progress: () => {},
			signal: new AbortController().signal,
		}, {namespace, pod: 'web', container: 'app'}, 'registry.example.com/does-not-exist:1');
		assert.equal(outcome.ok, false);
		assert.match(outcome.text, /cannot start: ErrImagePull/);
	});
});
