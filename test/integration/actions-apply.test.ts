// :apply's writes through the gate against the simulator (and the real API server under
// test:real): a dry run shows what would change and stores nothing, the apply creates and
// configures with field manager kubedeck, a field another manager set conflicts with its name
// and manager, force takes it over; read-only and unconfirmed are refused; one audit line each.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import type {KubeObject} from '../../source/model/types.js';
import {performAction, type Intent} from '../../source/actions/gate.js';
import {getOrUndefined, kubectlMissing, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';

const run = promisify(execFile);
let fx: ActionsFixture;
let noKubectl: string | false = false;

before(async () => {
	noKubectl = await kubectlMissing();
	fx = await startActionsFixture();
});
after(async () => {
	await fx?.stop();
});

const deployment = (name: string, replicas: number): KubeObject => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name, uid: ''},
	spec: {replicas, selector: {matchLabels: {app: name}}, template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'main', image: 'registry.example/app:1.0'}]}}},
}) as KubeObject;

function applyIntent(object: KubeObject, extra: Partial<Extract<Intent, {verb: 'apply'}>> = {}): Extract<Intent, {verb: 'apply'}> {
	return {verb: 'apply', kind: 'Deployment', namespace: fx.namespace, name: object.metadata.name, object, resource: {group: 'apps', version: 'v1', plural: 'deployments', namespaced: true}, ...extra};
}

const path = (name: string) => `/apis/apps/v1/namespaces/${fx.namespace}/deployments/${name}`;
const managers = (o: KubeObject) => ((o.metadata as {managedFields?: Array<{manager: string; operation: string}>}).managedFields ?? []).map((m) => `${m.manager}/${m.operation}`);

test('dry run, then apply: created as field manager kubedeck; the dry run stored nothing; re-applying is unchanged', async () => {
	const name = uniqueName('ap');
	const dry = await performAction(fx.ctx(), applyIntent(deployment(name, 2), {dryRun: true}));
	assert.equal(dry.ok, true, dry.message);
	assert.equal(dry.details?.['verdict'], 'created');
	assert.ok((dry.details?.['diff'] as string[]).includes('+  replicas: 2'));
	assert.equal(await getOrUndefined(fx.client, path(name)), undefined, 'the dry run stored nothing');
	const done = await performAction(fx.ctx(), applyIntent(deployment(name, 2), {confirmed: true}));
	assert.equal(done.message, `deployment.apps/${name} created`);
	const live = (await getOrUndefined(fx.client, path(name)))!;
	assert.ok(managers(live).includes('kubedeck/Apply'), managers(live).join());
	// The deployment controller annotates the revision once it has seen the object; wait for that.
	await waitFor('the controller to observe the deployment', async () => {
		const o = await getOrUndefined(fx.client, path(name));
		return (o?.status as {observedGeneration?: number} | undefined)?.observedGeneration === o?.metadata.generation || undefined;
	});
	const again = await performAction(fx.ctx(), applyIntent(deployment(name, 2), {dryRun: true}));
	assert.equal(again.details?.['verdict'], 'unchanged');
	const lines = fx.audit.records.filter((r) => r.verb === 'apply' && r.name === name);
	assert.deepEqual(lines.map((r) => [r.args?.['dryRun'] ?? false, r.result.ok]), [[true, true], [false, true], [true, true]]);
});

test('a field kubectl scaled: the dry run names it and its manager and still shows the diff; apply without force is a 409; with force it is taken over', {skip: noKubectl}, async () => {
	const name = uniqueName('ap');
	assert.equal((await performAction(fx.ctx(), applyIntent(deployment(name, 2), {confirmed: true}))).ok, true);
	await run('kubectl', ['--kubeconfig', fx.cluster.kubeconfigPath, '-n', fx.namespace, 'scale', 'deployment', name, '--replicas=4'], {timeout: 60_000});
	const dry = await performAction(fx.ctx(), applyIntent(deployment(name, 2), {dryRun: true}));
	assert.equal(dry.ok, false);
	assert.equal(dry.details?.['verdict'], 'conflict');
	assert.deepEqual(dry.details?.['conflicts'], [{field: '.spec.replicas', manager: '"kubectl" with subresource "scale" using apps/v1'}]);
	assert.ok((dry.details?.['diff'] as string[]).includes('+  replicas: 2'), 'the forced dry run shows what would change');
	const refused = await performAction(fx.ctx(), applyIntent(deployment(name, 2), {confirmed: true}));
	assert.deepEqual([refused.ok, refused.ok ? 0 : refused.code], [false, 409]);
	assert.equal(((await getOrUndefined(fx.client, path(name)))!.spec as {replicas: number}).replicas, 4, 'nothing written');
	const forced = await performAction(fx.ctx(), applyIntent(deployment(name, 2), {confirmed: true, force: true}));
	assert.equal(forced.message, `deployment.apps/${name} configured (fields taken over by force)`);
	assert.equal(((await getOrUndefined(fx.client, path(name)))!.spec as {replicas: number}).replicas, 2);
});

test('apply: read-only and unconfirmed are refused before any request (a dry run too, in read-only); a cluster object needs no namespace', async () => {
	const name = uniqueName('ap');
	const reason = (r: Awaited<ReturnType<typeof performAction>>) => (r.ok ? 'ok' : r.reason);
	assert.equal(reason(await performAction(fx.ctx(), applyIntent(deployment(name, 1)))), 'NotConfirmed');
	assert.equal(reason(await performAction(fx.ctx({readonly: true}), applyIntent(deployment(name, 1), {confirmed: true}))), 'ReadOnly');
	assert.equal(reason(await performAction(fx.ctx({readonly: true}), applyIntent(deployment(name, 1), {dryRun: true}))), 'ReadOnly');
	assert.equal(await getOrUndefined(fx.client, path(name)), undefined);
	const ns = uniqueName('apns');
	const namespace: KubeObject = {apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns, uid: ''}};
	const created = await performAction(fx.ctx(), {verb: 'apply', kind: 'Namespace', name: ns, object: namespace, resource: {group: '', version: 'v1', plural: 'namespaces', namespaced: false}, confirmed: true});
	assert.equal(created.message, `namespace/${ns} created`);
	await fx.client.request({method: 'DELETE', path: `/api/v1/namespaces/${ns}`}).catch(() => undefined);
});
