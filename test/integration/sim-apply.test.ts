// Server-side apply, judged by kubectl: `kubectl apply --server-side` (and --force-conflicts,
// --dry-run=server) against the simulator, and the same file under test:real against
// kube-apiserver, so the two must agree on field ownership and on how a conflict reads.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import type {KubeObject} from '../../source/model/types.js';
import {kubectlMissing, startActionsFixture, type ActionsFixture} from './actions-helpers.js';
import {uniqueName} from './cluster.js';
import {load} from 'js-yaml';
import {KubeError} from '../../source/kube/kubeError.js';

const run = promisify(execFile);
let fx: ActionsFixture;
let kubectl: string | false = false;

before(async () => {
	kubectl = await kubectlMissing();
	fx = await startActionsFixture();
});
after(async () => {
	await fx?.stop();
});

interface Ran {
	code: number;
	stdout: string;
	stderr: string;
}

async function kc(args: string[], input?: string): Promise<Ran> {
	return new Promise(resolve => {
		const child = execFile('kubectl', ['--kubeconfig', fx.cluster.kubeconfigPath, '-n', fx.namespace, ...args], {timeout: 60_000}, (error, stdout, stderr) => {
			resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, stdout, stderr});
		});
		if (input !== undefined) child.stdin!.end(input);
	});
}

function manifest(name: string, o: {replicas?: number; image?: string; annotation?: string} = {}): string {
	return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
${o.annotation ? `  annotations: {note: "${o.annotation}"}\n` : ''}spec:
  replicas: ${o.replicas ?? 2}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: main
        image: ${o.image ?? 'registry.example/app:1.0'}
        ports: [{containerPort: 80}]
        args: ["--port", "80"]
`;
}

async function get(name: string): Promise<KubeObject> {
	const out = await kc(['get', 'deployment', name, '-o', 'json', '--show-managed-fields']);
	assert.equal(out.code, 0, out.stderr);
	return JSON.parse(out.stdout) as KubeObject;
}

type Entry = {manager: string; operation: string; subresource?: string; fieldsV1: unknown};
const entries = (o: KubeObject) => ((o.metadata as {managedFields?: Entry[]}).managedFields ?? []).filter(e => e.subresource !== 'status');
const summary = (o: KubeObject) => entries(o).map(e => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`).sort();

test('apply creates, records the Apply manager in the real FieldsV1 shape, and re-applying the same file changes nothing', {skip: kubectl}, async () => {
	const name = uniqueName('ssa');
	const first = await kc(['apply', '--server-side', '-f', '-'], manifest(name));
	assert.equal(first.code, 0, first.stderr);
	assert.match(first.stdout, new RegExp(`deployment.apps/${name} serverside-applied`));
	const live = await get(name);
	const mine = entries(live).find(e => e.manager === 'kubectl' && e.operation === 'Apply');
	assert.deepEqual(mine?.fieldsV1, {
		'f:metadata': {'f:labels': {'f:app': {}}},
		'f:spec': {
			'f:replicas': {},
			'f:selector': {},
			'f:template': {
				'f:metadata': {'f:labels': {'f:app': {}}},
				'f:spec': {'f:containers': {'k:{"name":"main"}': {'.': {}, 'f:args': {}, 'f:image': {}, 'f:name': {}, 'f:ports': {'k:{"containerPort":80,"protocol":"TCP"}': {'.': {}, 'f:containerPort': {}}}}}},
			},
		},
	});
	const again = await kc(['apply', '--server-side', '-f', '-'], manifest(name));
	assert.equal(again.code, 0, again.stderr);
	assert.equal((await get(name)).metadata.generation, live.metadata.generation, 'the same configuration changes nothing');
});

test('a field another manager changed conflicts, naming field and manager as kube-apiserver does; --force-conflicts takes it over', {skip: kubectl}, async () => {
	const name = uniqueName('ssa');
	assert.equal((await kc(['apply', '--server-side', '-f', '-'], manifest(name))).code, 0);
	const scaled = await kc(['scale', 'deployment', name, '--replicas=3']);
	assert.equal(scaled.code, 0, scaled.stderr);
	assert.deepEqual(summary(await get(name)), ['kubectl/Apply', 'kubectl/Update/scale']);

	const refused = await kc(['apply', '--server-side', '-f', '-'], manifest(name));
	assert.notEqual(refused.code, 0);
	assert.match(refused.stderr, /Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps\/v1: \.spec\.replicas/);
	assert.equal((await get(name)).spec?.replicas, 3, 'nothing written');

	// Another manager changing the image meets both owners, grouped by manager as the real message is.
	const other = await kc(['apply', '--server-side', '--field-manager=ci', '-f', '-'], manifest(name, {image: 'registry.example/app:2.0'}));
	assert.match(other.stderr, /Apply failed with 2 conflicts: conflicts with "kubectl":\n- \.spec\.template\.spec\.containers\[name="main"\]\.image\nconflicts with "kubectl" with subresource "scale" using apps\/v1:\n- \.spec\.replicas/);

	// The wire form: 409 Conflict with one cause per field.
	const wire = await applyRaw(name, manifest(name, {replicas: 3, image: 'registry.example/app:2.0'}), 'ci');
	assert.deepEqual([wire.status, wire.reason], [409, 'Conflict']);
	assert.deepEqual(wire.details?.['causes'], [{reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.template.spec.containers[name="main"].image'}]);

	const forced = await kc(['apply', '--server-side', '--force-conflicts', '-f', '-'], manifest(name));
	assert.equal(forced.code, 0, forced.stderr);
	const live = await get(name);
	assert.equal(live.spec?.replicas, 2);
	assert.deepEqual(summary(live), ['kubectl/Apply'], 'the scale manager owned only replicas, so it is gone');
});

test('the same value is shared, not a conflict; a field dropped from the configuration is removed; a server dry run writes nothing', {skip: kubectl}, async () => {
	const name = uniqueName('ssa');
	assert.equal((await kc(['apply', '--server-side', '-f', '-'], manifest(name, {annotation: 'first'}))).code, 0);
	const shared = await kc(['apply', '--server-side', '--field-manager=ci', '-f', '-'], manifest(name, {annotation: 'first'}));
	assert.equal(shared.code, 0, shared.stderr);
	assert.deepEqual(summary(await get(name)), ['ci/Apply', 'kubectl/Apply']);

	const dry = await kc(['apply', '--server-side', '--force-conflicts', '--dry-run=server', '-o', 'json', '-f', '-'], manifest(name, {image: 'registry.example/app:3.0', annotation: 'first'}));
	assert.equal(dry.code, 0, dry.stderr);
	assert.equal((JSON.parse(dry.stdout) as {spec: {template: {spec: {containers: Array<{image: string}>}}}}).spec.template.spec.containers[0]!.image, 'registry.example/app:3.0');
	assert.equal(((await get(name)).spec as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0]!.image, 'registry.example/app:1.0', 'the dry run stored nothing');

	// kubectl drops the annotation; ci still applies it, so it stays; once ci drops it too, it goes.
	assert.equal((await kc(['apply', '--server-side', '-f', '-'], manifest(name))).code, 0);
	assert.equal((await get(name)).metadata.annotations?.['note'], 'first');
	assert.equal((await kc(['apply', '--server-side', '--field-manager=ci', '-f', '-'], manifest(name))).code, 0);
	assert.equal((await get(name)).metadata.annotations?.['note'], undefined);
});

test('apply without a fieldManager is invalid; a body of another type or name is refused', async () => {
	const name = uniqueName('ssa');
	const missing = await applyRaw(name, manifest(name), '');
	assert.equal(missing.status, 422);
	assert.match(missing.message, /fieldManager: Required value: is required for apply patch/);
	const wrongType = await applyRaw(name, manifest(name).replace('apps/v1', 'v1'), 't');
	assert.equal(wrongType.status, 400);
	assert.match(wrongType.message, /invalid object type: \/v1, Kind=Deployment/);
	const wrongName = await applyRaw(name, manifest(name).replace(`name: ${name}`, 'name: other'), 't');
	assert.equal(wrongName.status, 400);
	assert.match(wrongName.message, /does not match the name on the URL/);
});

/** One apply PATCH through the project's transport; the KubeError it fails with. */
async function applyRaw(name: string, yaml: string, manager: string): Promise<KubeError> {
	try {
		await fx.client.request({method: 'PATCH', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments/${name}`, query: manager ? {fieldManager: manager} : {}, body: load(yaml), contentType: 'application/apply-patch+yaml'});
	} catch (error) {
		if (error instanceof KubeError) return error;
		throw error;
	}
	throw new Error('expected the apply to fail');
}
