// pods/exec against the real kube-apiserver: the WebSocket upgrade is answered with the server's
// own refusals (no such pod: 404; a container the pod lacks: 400 "container X is not valid for
// pod Y", the words the simulator uses too), read as KubeErrors by the client's opener. Commands
// end to end (KWOK's ClusterExec/ClusterAttach) are test/real/exec-kwok.test.ts; frames, resize
// and exit codes are covered against the simulator (test/integration/sim-exec.test.ts).
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {CoreV1Api, KubeConfig} from '@kubernetes/client-node';
import {createWebSocketOpener} from '../../source/kube/websocket.js';
import {runCommand} from '../../source/actions/execSession.js';
import {KubeError} from '../../source/kube/kubeError.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skip = kubeconfigPath ? undefined : 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)';

describe('pods/exec upgrade against the real API server', {skip}, () => {
	const kc = new KubeConfig();
	let core: CoreV1Api;
	const namespace = `exec-${Date.now().toString(36)}`;

	before(async () => {
		kc.loadFromFile(kubeconfigPath!);
		core = kc.makeApiClient(CoreV1Api);
		await core.createNamespace({body: {metadata: {name: namespace}}});
		await core.createNamespacedPod({namespace, body: {metadata: {name: 'web'}, spec: {containers: [{name: 'app', image: 'busybox:1.36'}]}}});
	});
	after(async () => {
		await core?.deleteNamespace({name: namespace}).catch(() => {});
	});

	it('no such pod: 404 from the upgrade, as a KubeError', async () => {
		const opener = createWebSocketOpener(kc);
		await assert.rejects(runCommand(opener, {namespace, pod: 'ghost', container: 'app'}, ['ls']), (error: unknown) => {
			assert.ok(error instanceof KubeError, String(error));
			assert.equal(error.status, 404);
			assert.match(error.message, /ghost/);
			return true;
		});
	});

	it('a container the pod lacks: 400 with the server\'s words', async () => {
		const opener = createWebSocketOpener(kc);
		await assert.rejects(runCommand(opener, {namespace, pod: 'web', container: 'nope'}, ['ls']), (error: unknown) => {
			assert.ok(error instanceof KubeError, String(error));
			assert.equal(error.status, 400);
			assert.match(error.message, /container nope is not valid for pod web/);
			return true;
		});
	});
});
