import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {performAction} from '../../source/actions/gate.js';
import {followRollout, rolloutStatus} from '../../source/actions/rollout.js';
import {parseReplicas, RESTARTED_AT} from '../../source/actions/mutations.js';
import {deploymentBody, podsOf, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';

let fx: ActionsFixture;
before(async () => {
	fx = await startActionsFixture();
});
after(async () => {
	await fx?.stop();
});

async function createDeployment(name: string, replicas: number): Promise<void> {
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, replicas)});
}

const deploymentPath = (name: string): string => `/apis/apps/v1/namespaces/${fx.namespace}/deployments/${name}`;

test('parseReplicas: whole numbers 0…ceiling only', () => {
	const cases: Array<[string, number | string]> = [
		['3', 3], ['0', 0], [' 12 ', 12], ['50', 50],
		['', 'enter a replica count'], ['-1', 'cannot be negative'], ['abc', 'not a whole number'], ['2.5', 'not a whole number'], ['1e3', 'not a whole number'], ['51', 'above the scale ceiling of 50'],
	];
	for (const [input, expected] of cases) {
		const result = parseReplicas(input, 50);
		if (typeof expected === 'number') assert.deepEqual(result, {ok: true, value: expected}, input);
		else {
			assert.equal(result.ok, false, input);
			if (!result.ok) assert.ok(result.message.includes(expected), `${input}: ${result.message}`);
		}
	}
});

test('scale patches the scale subresource, reports from→to, pods converge, and is audited', async () => {
	const name = uniqueName('web');
	await createDeployment(name, 1);
	const before = fx.audit.records.length;
	const result = await performAction(fx.ctx(), {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas: '3'});
	assert.deepEqual(result, {ok: true, message: `deployment.apps/${name} scaled from 1 to 3`, details: {from: 1, replicas: 3}});
	const deployment = await fx.client.request<KubeObject>({path: deploymentPath(name)});
	assert.equal((deployment.spec as {replicas: number}).replicas, 3);
	if (fx.cluster.kind === 'sim') {
		await waitFor('3 running pods', async () => (await podsOf(fx.client, fx.namespace, name)).filter((p) => !p.metadata.deletionTimestamp).length === 3);
	}
	const line = fx.audit.records.at(-1)!;
	assert.equal(fx.audit.records.length, before + 1);
	assert.deepEqual({verb: line.verb, kind: line.kind, namespace: line.namespace, name: line.name, args: line.args, ok: line.result.ok}, {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, args: {replicas: 3}, ok: true});
	assert.equal(line.user, 'demo-user');
});

test('scale rejects bad input and unconfirmed risky counts without touching the server', async () => {
	const name = uniqueName('guard');
	await createDeployment(name, 2);
	// generation moves only when the spec changes; status updates by controllers do not count.
	const specState = async () => {
		const d = await fx.client.request<KubeObject>({path: deploymentPath(name)});
		return {generation: d.metadata.generation, replicas: (d.spec as {replicas: number}).replicas};
	};
	const before = await specState();
	const auditBefore = fx.audit.records.length;
	const cases: Array<[number | string, boolean | undefined, string, string]> = [
		['-2', undefined, 'Invalid', 'replicas cannot be negative'],
		['x', undefined, 'Invalid', '"x" is not a whole number'],
		['', undefined, 'Invalid', 'enter a replica count (a whole number)'],
		[51, undefined, 'Invalid', '51 is above the scale ceiling of 50 (setting scaleCeiling)'],
		[0, undefined, 'NotConfirmed', `scaling deployment ${fx.namespace}/${name} to 0 stops all its pods and needs confirmation`],
		[25, undefined, 'NotConfirmed', `scaling deployment ${fx.namespace}/${name} from 2 to 25 (more than 10×) needs confirmation`],
	];
	for (const [replicas, confirmed, reason, message] of cases) {
		const result = await performAction(fx.ctx(), {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas, ...(confirmed ? {confirmed} : {})});
		assert.deepEqual(result, {ok: false, reason, code: 0, message}, String(replicas));
	}
	assert.deepEqual(await specState(), before, 'nothing written');
	assert.equal(fx.audit.records.length, auditBefore, 'refusals are not mutations');
	const zero = await performAction(fx.ctx(), {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas: 0, confirmed: true});
	assert.equal(zero.ok, true);
	assert.equal(((await fx.client.request<KubeObject>({path: deploymentPath(name)})).spec as {replicas: number}).replicas, 0);
});

test('scale of a missing deployment reports NotFound in words', async () => {
	const result = await performAction(fx.ctx(), {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name: 'no-such-thing', replicas: 2});
	assert.equal(result.ok, false);
	if (!result.ok) {
		assert.equal(result.reason, 'NotFound');
		assert.equal(result.code, 404);
		assert.match(result.message, new RegExp(`^cannot scale deployment ${fx.namespace}/no-such-thing: not found \\(deleted meanwhile\\?\\) — `));
	}
	assert.equal(fx.audit.records.at(-1)?.result.reason, 'NotFound', 'failed calls are audited too');
});

test('restart sets kubectl.kubernetes.io/restartedAt (RFC 3339) and the rollout completes', async () => {
	const name = uniqueName('api');
	await createDeployment(name, 2);
	if (fx.cluster.kind === 'sim') await waitFor('initial rollout', async () => rolloutStatus(await fx.client.request<KubeObject>({path: deploymentPath(name)})).done);
	const unconfirmed = await performAction(fx.ctx(), {verb: 'restart', kind: 'Deployment', namespace: fx.namespace, name});
	assert.equal(unconfirmed.ok, false);
	const now = new Date('2026-03-04T05:06:07.890Z');
	const result = await performAction(fx.ctx({now: () => now}), {verb: 'restart', kind: 'Deployment', namespace: fx.namespace, name, confirmed: true});
	assert.deepEqual(result, {ok: true, message: `deployment.apps/${name} restarted`, details: {restartedAt: '2026-03-04T05:06:07Z'}});
	const deployment = await fx.client.request<KubeObject>({path: deploymentPath(name)});
	const annotations = (deployment.spec as {template: {metadata: {annotations?: Record<string, string>}}}).template.metadata.annotations;
	assert.equal(annotations?.[RESTARTED_AT], '2026-03-04T05:06:07Z');
	if (fx.cluster.kind === 'sim') {
		const seen: string[] = [];
		const final = await followRollout(fx.client, fx.namespace, name, {intervalMs: 20, timeoutMs: 90_000, onStatus: (s) => seen.push(s.message)});
		assert.equal(final.done, true, final.message);
		assert.equal(final.message, `deployment "${name}" successfully rolled out`);
		assert.equal(seen.at(-1), final.message);
		const pods = await podsOf(fx.client, fx.namespace, name);
		const live = pods.filter((p) => !p.metadata.deletionTimestamp);
		assert.equal(live.length, 2);
	}
});

test('restart of a paused deployment is refused like kubectl does', async () => {
	const name = uniqueName('paused');
	const body = deploymentBody(name, 1);
	(body.spec as Record<string, unknown>)['paused'] = true;
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body});
	const result = await performAction(fx.ctx(), {verb: 'restart', kind: 'Deployment', namespace: fx.namespace, name, confirmed: true});
	assert.deepEqual(result, {ok: false, reason: 'Paused', code: 0, message: `can't restart paused deployment "${name}" (run kubectl rollout resume first)`});
});

test('rolloutStatus words each stage exactly like kubectl rollout status', () => {
	const d = (spec: number | undefined, status: Record<string, unknown>, generation = 2): KubeObject => ({
		metadata: {name: 'web', uid: 'u', generation},
		spec: spec === undefined ? {} : {replicas: spec},
		status: {observedGeneration: 2, ...status},
	});
	const cases: Array<[string, KubeObject, {done: boolean; stalled: boolean; message: string}]> = [
		['spec not observed', d(3, {}, 3), {done: false, stalled: false, message: 'Waiting for deployment spec update to be observed...'}],
		['deadline exceeded', d(3, {conditions: [{type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded'}]}), {done: false, stalled: true, message: 'deployment "web" exceeded its progress deadline'}],
		['updating', d(3, {replicas: 3, updatedReplicas: 1}), {done: false, stalled: false, message: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...'}],
		['old pending termination', d(3, {replicas: 4, updatedReplicas: 3, availableReplicas: 3}), {done: false, stalled: false, message: 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...'}],
		['not yet available', d(3, {replicas: 3, updatedReplicas: 3, availableReplicas: 1}), {done: false, stalled: false, message: 'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...'}],
		['done', d(3, {replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3}), {done: true, stalled: false, message: 'deployment "web" successfully rolled out'}],
		['scaled to zero is done', d(0, {}), {done: true, stalled: false, message: 'deployment "web" successfully rolled out'}],
	];
	for (const [name, deployment, expected] of cases) {
		const status = rolloutStatus(deployment);
		assert.deepEqual({done: status.done, stalled: status.stalled, message: status.message}, expected, name);
	}
	assert.equal(rolloutStatus(d(3, {replicas: 5, updatedReplicas: 3, availableReplicas: 2})).oldReplicas, 2);
});
