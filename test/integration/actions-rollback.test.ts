// Rollout history, undo and set image through the gate, against the simulator (and the real
// API server under test:real), with kubectl as the judge where it is installed.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import type {KubeObject} from '../../source/model/types.js';
import {performAction} from '../../source/actions/gate.js';
import {readHistory, JSON_PATCH} from '../../source/actions/rollback.js';
import {planUndo} from '../../source/model/rolloutHistory.js';
import {deploymentBody, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';

const run = promisify(execFile);
let fx: ActionsFixture;
let kubectl = false;

before(async () => {
	kubectl = await run('kubectl', ['version', '--client'], {timeout: 30_000}).then(() => true, () => false);
	fx = await startActionsFixture();
});
after(async () => {
	await fx?.stop();
});

const path = (name: string) => `/apis/apps/v1/namespaces/${fx.namespace}/deployments/${name}`;
const imageOf = (d: KubeObject) => (d.spec as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0]!.image;

async function revisionCount(name: string, n: number): Promise<void> {
	await waitFor(`${n} revisions of ${name}`, async () => (await readHistory(fx.client, fx.namespace, name)).revisions.length === n);
}

/** A deployment with three revisions: images 1.0, 2.0, 3.0. */
async function threeRevisions(prefix: string): Promise<string> {
	const name = uniqueName(prefix);
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, 1)});
	await revisionCount(name, 1);
	for (const [i, tag] of ['2.0', '3.0'].entries()) {
		const result = await performAction(fx.ctx(), {verb: 'setImage', kind: 'Deployment', namespace: fx.namespace, name, container: 'main', image: `registry.example/app:${tag}`, confirmed: true});
		assert.equal(result.ok, true, result.message);
		await revisionCount(name, i + 2);
	}
	return name;
}

async function kubectlRevisions(name: string): Promise<number[]> {
	const {stdout} = await run('kubectl', ['--kubeconfig', fx.cluster.kubeconfigPath, '-n', fx.namespace, 'rollout', 'history', `deployment/${name}`], {timeout: 60_000});
	return stdout.split('\n').map((line) => /^(\d+)\s/.exec(line)?.[1]).filter((n): n is string => n !== undefined).map(Number);
}

test('set image makes a revision per image, and the history reads as kubectl rollout history', async () => {
	const name = await threeRevisions('hist');
	const {revisions} = await readHistory(fx.client, fx.namespace, name);
	assert.deepEqual(revisions.map((r) => [r.revision, r.images]), [[1, ['registry.example/app:1.0']], [2, ['registry.example/app:2.0']], [3, ['registry.example/app:3.0']]]);
	assert.ok(revisions.every((r) => !('pod-template-hash' in ((r.template as {metadata?: {labels?: object}}).metadata?.labels ?? {}))), 'the hash label is not part of a revision');
	if (kubectl) assert.deepEqual(await kubectlRevisions(name), [1, 2, 3]);
});

test('undo to a revision restores its template; the old revision comes back as the newest, as kubectl shows', async () => {
	const name = await threeRevisions('undo');
	const before = fx.audit.records.length;
	const result = await performAction(fx.ctx(), {verb: 'undo', kind: 'Deployment', namespace: fx.namespace, name, toRevision: 1, confirmed: true});
	assert.deepEqual({ok: result.ok, message: result.message}, {ok: true, message: `deployment.apps/${name} rolled back`});
	assert.equal(imageOf(await fx.client.request<KubeObject>({path: path(name)})), 'registry.example/app:1.0');
	await waitFor('revision 1 reused as revision 4', async () => {
		const {revisions} = await readHistory(fx.client, fx.namespace, name);
		return revisions.map((r) => r.revision).join(',') === '2,3,4' && revisions.at(-1)!.images[0] === 'registry.example/app:1.0';
	});
	if (kubectl) assert.deepEqual(await kubectlRevisions(name), [2, 3, 4]);
	const line = fx.audit.records.at(-1)!;
	assert.equal(fx.audit.records.length, before + 1);
	assert.deepEqual({verb: line.verb, args: line.args, ok: line.result.ok}, {verb: 'undo', args: {toRevision: 1}, ok: true});
	// Undo again to the same template: nothing to do, said as kubectl says it.
	const again = await performAction(fx.ctx(), {verb: 'undo', kind: 'Deployment', namespace: fx.namespace, name, toRevision: 4, confirmed: true});
	assert.equal(again.message, `deployment.apps/${name} skipped rollback (current template already matches revision 4)`);
});

test('undo is refused unconfirmed, in read-only mode and to a revision that is not there, without a change', async () => {
	const name = await threeRevisions('refuse');
	const generation = async () => (await fx.client.request<KubeObject>({path: path(name)})).metadata.generation;
	const was = await generation();
	const unconfirmed = await performAction(fx.ctx(), {verb: 'undo', kind: 'Deployment', namespace: fx.namespace, name, toRevision: 1});
	assert.equal(unconfirmed.ok === false && unconfirmed.reason, 'NotConfirmed');
	const readonly = await performAction(fx.ctx({readonly: true}), {verb: 'undo', kind: 'Deployment', namespace: fx.namespace, name, toRevision: 1, confirmed: true});
	assert.equal(readonly.ok === false && readonly.reason, 'ReadOnly');
	const missing = await performAction(fx.ctx(), {verb: 'undo', kind: 'Deployment', namespace: fx.namespace, name, toRevision: 9, confirmed: true});
	assert.equal(missing.ok === false && missing.message, `unable to find specified revision 9 in history`);
	assert.equal(await generation(), was);
});

test('a template changed after the history was read is not rolled back over; a metadata or status write is no obstacle', async () => {
	const name = await threeRevisions('race');
	const {deployment, revisions} = await readHistory(fx.client, fx.namespace, name);
	const plan = planUndo(deployment, revisions, 1);
	assert.equal(plan.type, 'patch');
	const patch = plan.type === 'patch' ? plan.patch : [];
	// Someone else sets an image in between: the undo's test of the template fails, nothing is rolled over it.
	const theirs = structuredClone((deployment.spec as {template: {spec: {containers: Array<{image: string}>}}}).template);
	theirs.spec.containers[0]!.image = 'registry.example/app:4.0';
	await fx.client.request({method: 'PATCH', path: path(name), body: [{op: 'replace', path: '/spec/template', value: theirs}], contentType: JSON_PATCH});
	await assert.rejects(fx.client.request({method: 'PATCH', path: path(name), body: patch, contentType: JSON_PATCH}));
	assert.equal(imageOf(await fx.client.request<KubeObject>({path: path(name)})), 'registry.example/app:4.0');
	// A label (like the controller's status writes on a real cluster) changes the resourceVersion, not the template: undo goes ahead.
	const again = await readHistory(fx.client, fx.namespace, name);
	const next = planUndo(again.deployment, again.revisions, 1);
	assert.equal(next.type, 'patch');
	await fx.client.request({method: 'PATCH', path: path(name), body: {metadata: {labels: {touched: 'yes'}}}, contentType: 'application/merge-patch+json'});
	await fx.client.request({method: 'PATCH', path: path(name), body: next.type === 'patch' ? next.patch : [], contentType: JSON_PATCH});
	assert.equal(imageOf(await fx.client.request<KubeObject>({path: path(name)})), 'registry.example/app:1.0');
});

test('set image: a dry run changes nothing; a bad image or container is refused with the reason', async () => {
	const name = uniqueName('img');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, 1)});
	const dry = await performAction(fx.ctx(), {verb: 'setImage', kind: 'Deployment', namespace: fx.namespace, name, container: 'main', image: 'registry.example/app:9.9', dryRun: true});
	assert.equal(dry.ok, true, dry.message);
	assert.match(dry.message, /\(server dry run\)$/);
	assert.equal(imageOf(await fx.client.request<KubeObject>({path: path(name)})), 'registry.example/app:1.0');
	const bad = await performAction(fx.ctx(), {verb: 'setImage', kind: 'Deployment', namespace: fx.namespace, name, container: 'main', image: 'Registry Example', confirmed: true});
	assert.equal(bad.ok === false && bad.reason, 'Invalid');
	const noContainer = await performAction(fx.ctx(), {verb: 'setImage', kind: 'Deployment', namespace: fx.namespace, name, container: 'nope', image: 'nginx:1.27.3', confirmed: true});
	assert.equal(noContainer.ok === false && noContainer.message, `unable to find container named "nope"`);
	const readonly = await performAction(fx.ctx({readonly: true}), {verb: 'setImage', kind: 'Deployment', namespace: fx.namespace, name, container: 'main', image: 'nginx:1.27.3', confirmed: true});
	assert.equal(readonly.ok === false && readonly.reason, 'ReadOnly');
	assert.equal(imageOf(await fx.client.request<KubeObject>({path: path(name)})), 'registry.example/app:1.0');
});

test('set image with the image the question showed: refused with nothing sent when the container was changed meanwhile', async () => {
	const name = uniqueName('stale');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, 1)});
	await revisionCount(name, 1);
	const intent = {verb: 'setImage', kind: 'Deployment', namespace: fx.namespace, name, container: 'main', image: 'registry.example/app:2.0', confirmed: true} as const;
	// Someone else sets 1.5 after kubedeck showed 1.0.
	const other = await performAction(fx.ctx(), {...intent, image: 'registry.example/app:1.5'});
	assert.equal(other.ok, true, other.message);
	const stale = await performAction(fx.ctx(), {...intent, from: 'registry.example/app:1.0'});
	assert.deepEqual([stale.ok, stale.ok ? '' : stale.reason], [false, 'Conflict']);
	assert.match(stale.message, /now runs registry\.example\/app:1\.5, not registry\.example\/app:1\.0 as shown/);
	assert.equal(imageOf(await fx.client.request<KubeObject>({path: path(name)})), 'registry.example/app:1.5', 'the other change stands');
	const fresh = await performAction(fx.ctx(), {...intent, from: 'registry.example/app:1.5'});
	assert.equal(fresh.ok, true, fresh.message);
	assert.equal(imageOf(await fx.client.request<KubeObject>({path: path(name)})), 'registry.example/app:2.0');
});
