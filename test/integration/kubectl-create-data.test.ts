// The installed kubectl creating data objects against the simulator as against a real server:
// `create configmap` and `create secret` send protobuf bodies (kubectl's typed client does not
// fall back to JSON), `apply -f` sends JSON, first to create and then to patch, for built-in
// kinds and custom resources alike. Each object is read back through the API.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CoreV1Api, CustomObjectsApi} from '@kubernetes/client-node';
import {startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {createNamespace, waitFor} from './sim-helpers.js';

const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const missing = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;

describe('kubectl create and apply of ConfigMaps, Secrets and custom resources', {skip: missing}, () => {
	let cluster: TestCluster;
	let namespace: string;
	let core: CoreV1Api;
	let dir: string;

	const kubectl = (...args: string[]) => new Promise<string>((resolve, reject) => {
		execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, ...args], {timeout: 60_000}, (error, stdout, stderr) => (error ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout)));
	});
	const file = (name: string, content: string | Buffer) => {
		const path = join(dir, name);
		writeFileSync(path, content);
		return path;
	};

	before(async () => {
		cluster = await startTestCluster();
		namespace = uniqueName('kcd');
		await createNamespace(cluster.kubeConfig, namespace);
		core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		dir = mkdtempSync(join(tmpdir(), 'kd-create-'));
	});
	after(async () => {
		rmSync(dir, {recursive: true, force: true});
		await cluster?.stop();
	});

	it('create configmap --from-literal and --from-file (text and binary) stores data and binaryData', async () => {
		const binary = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f]);
		const out = await kubectl('create', 'configmap', 'settings', '-n', namespace, '--from-literal=a=b', '--from-literal=empty=', `--from-file=note.txt=${file('note.txt', 'hello\n')}`, `--from-file=blob=${file('blob', binary)}`);
		assert.match(out, /^configmap\/settings created$/m);
		const stored = await core.readNamespacedConfigMap({namespace, name: 'settings'});
		assert.deepEqual(stored.data, {a: 'b', empty: '', 'note.txt': 'hello\n'});
		assert.deepEqual(stored.binaryData, {blob: binary.toString('base64')});
		assert.equal(stored.metadata?.namespace, namespace);
		assert.match(await kubectl('get', 'cm', 'settings', '-n', namespace), /^settings\s+4\s+\d+s$/m);
	});

	it('a configmap kubectl created takes a label afterwards (the stored object is a whole one)', async () => {
		await kubectl('create', 'configmap', 'frozen', '-n', namespace, '--from-literal=k=v');
		await kubectl('label', 'configmap', 'frozen', '-n', namespace, 'team=payments');
		const stored = await core.readNamespacedConfigMap({namespace, name: 'frozen'});
		assert.equal(stored.metadata?.labels?.team, 'payments');
	});

	it('create secret generic stores the values base64-encoded, type Opaque; docker-registry its own type', async () => {
		assert.match(await kubectl('create', 'secret', 'generic', 'creds', '-n', namespace, '--from-literal=password=hunter2', '--from-literal=user=ops'), /^secret\/creds created$/m);
		const stored = await core.readNamespacedSecret({namespace, name: 'creds'});
		assert.equal(stored.type, 'Opaque');
		assert.deepEqual(stored.data, {password: Buffer.from('hunter2').toString('base64'), user: Buffer.from('ops').toString('base64')});
		await kubectl('create', 'secret', 'generic', 'typed', '-n', namespace, '--type=example.com/token', '--from-literal=token=t0k3n');
		assert.equal((await core.readNamespacedSecret({namespace, name: 'typed'})).type, 'example.com/token');
		await kubectl('create', 'secret', 'docker-registry', 'pull', '-n', namespace, '--docker-server=registry.example', '--docker-username=u', '--docker-password=p');
		const pull = await core.readNamespacedSecret({namespace, name: 'pull'});
		assert.equal(pull.type, 'kubernetes.io/dockerconfigjson');
		const config = JSON.parse(Buffer.from(pull.data?.['.dockerconfigjson'] ?? '', 'base64').toString('utf8')) as {auths: Record<string, {username: string}>};
		assert.equal(config.auths['registry.example']?.username, 'u');
		assert.match(await kubectl('get', 'secrets', '-n', namespace), /^creds\s+Opaque\s+2\s+\d+s$/m);
	});

	it('apply -f of a ConfigMap creates it, and applying a change configures it', async () => {
		const manifest = (value: string) => file('cm.json', JSON.stringify({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'applied', namespace}, data: {mode: value}}));
		assert.match(await kubectl('apply', '-f', manifest('one')), /configmap\/applied created/);
		assert.match(await kubectl('apply', '-f', manifest('two')), /configmap\/applied configured/);
		assert.equal((await core.readNamespacedConfigMap({namespace, name: 'applied'})).data?.mode, 'two');
	});

	it('apply -f of a custom resource creates it, and applying a change configures it', async () => {
		// The same CRDs the real harness installs; applying them again is a no-op there.
		await kubectl('apply', '-f', join(import.meta.dirname, '../real/crds'));
		const custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
		await waitFor('localqueues served', async () => (await custom.listNamespacedCustomObject({group: 'kueue.x-k8s.io', version: 'v1beta1', namespace, plural: 'localqueues'}).then(() => true, () => undefined)));
		const manifest = (queue: string) => file('lq.json', JSON.stringify({apiVersion: 'kueue.x-k8s.io/v1beta1', kind: 'LocalQueue', metadata: {name: 'team-a', namespace}, spec: {clusterQueue: queue}}));
		assert.match(await kubectl('apply', '-f', manifest('shared')), /localqueue.kueue.x-k8s.io\/team-a created/);
		assert.match(await kubectl('apply', '-f', manifest('gpu')), /localqueue.kueue.x-k8s.io\/team-a configured/);
		const stored = (await custom.getNamespacedCustomObject({group: 'kueue.x-k8s.io', version: 'v1beta1', namespace, plural: 'localqueues', name: 'team-a'})) as {spec: {clusterQueue: string}};
		assert.equal(stored.spec.clusterQueue, 'gpu');
	});
});
