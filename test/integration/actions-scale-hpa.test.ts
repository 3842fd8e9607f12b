// Scaling a workload an HPA owns (issue 14): the gate refuses an unconfirmed scale with the
// HPA's range and says the change will be undone; the dialog's read learns the same owner;
// a confirmed scale goes through. Runs on the simulator (and the real server when configured).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {performAction} from '../../source/actions/gate.js';
import {readHpaOwner} from '../../source/actions/hpaOwner.js';
import {hpaOwning, hpaWarning} from '../../source/actions/scaleRule.js';
import {deploymentBody, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';

let fx: ActionsFixture;
before(async () => {
	fx = await startActionsFixture();
});
after(async () => {
	await fx?.stop();
});

function hpaBody(name: string, target: string, min: number, max: number): KubeObject {
	return {
		apiVersion: 'autoscaling/v2',
		kind: 'HorizontalPodAutoscaler',
		metadata: {name, uid: ''},
		spec: {scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: target}, minReplicas: min, maxReplicas: max, metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 70}}}]},
	};
}

test('hpaOwning finds the HPA by its scale target; the warning names its range', () => {
	const hpas = [hpaBody('other', 'api', 1, 3), hpaBody('web-hpa', 'web', 2, 10)];
	assert.deepEqual(hpaOwning(hpas, 'Deployment', 'web'), {name: 'web-hpa', min: 2, max: 10});
	assert.equal(hpaOwning(hpas, 'Deployment', 'db'), undefined);
	assert.equal(hpaOwning(hpas, 'StatefulSet', 'web'), undefined);
	assert.equal(hpaWarning({name: 'web-hpa', min: 2, max: 10}), 'HPA web-hpa owns replicas 2–10; your change will be undone');
});

test('an unconfirmed scale of an HPA-owned deployment is refused with the HPA named; confirmed, it goes through', async () => {
	const name = uniqueName('scaled');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, 2)});
	const plain = await performAction(fx.ctx(), {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas: '3'});
	assert.equal(plain.ok, true, 'without an HPA the scale is routine');
	await fx.client.request({method: 'POST', path: `/apis/autoscaling/v2/namespaces/${fx.namespace}/horizontalpodautoscalers`, body: hpaBody(`${name}-hpa`, name, 2, 10)});
	assert.deepEqual(await readHpaOwner(fx.client, 'Deployment', fx.namespace, name), {name: `${name}-hpa`, min: 2, max: 10});
	const refused = await performAction(fx.ctx(), {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas: '4'});
	assert.equal(refused.ok, false);
	if (!refused.ok) {
		assert.equal(refused.reason, 'NotConfirmed');
		assert.match(refused.message, new RegExp(`HPA ${name}-hpa owns replicas 2–10; your change will be undone`));
	}
	const confirmed = await performAction(fx.ctx(), {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas: '4', confirmed: true});
	assert.equal(confirmed.ok, true);
});

test('an edit that changes the replicas of an HPA-owned deployment: the dry run names the HPA; a yes that did not name it is refused; one that did is stored', async () => {
	const name = uniqueName('edited');
	const path = `/apis/apps/v1/namespaces/${fx.namespace}/deployments/${name}`;
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, 2)});
	// min = max = the count it has: the HPA controllers (simulated and real) then leave its replicas
	// alone, so the version read below stays the one the edit is sent on.
	await fx.client.request({method: 'POST', path: `/apis/autoscaling/v2/namespaces/${fx.namespace}/horizontalpodautoscalers`, body: hpaBody(`${name}-hpa`, name, 2, 2)});
	// On the real server the deployment controller writes the revision annotation a moment after the create: read after it.
	const readAt = await waitFor('the deployment controller to have seen it', async () => {
		const d = await fx.client.request<KubeObject>({path});
		return d.metadata.annotations?.['deployment.kubernetes.io/revision'] && (d.status as {observedGeneration?: number} | undefined)?.observedGeneration === d.metadata.generation ? d : undefined;
	});
	const withReplicas = (replicas: number) => ({...readAt, spec: {...(readAt.spec as object), replicas}}) as KubeObject;
	const intent = {verb: 'edit' as const, kind: 'Deployment', namespace: fx.namespace, name, readAt, object: withReplicas(3)};
	const dry = await performAction(fx.ctx(), {...intent, dryRun: true});
	assert.equal(dry.ok, true, dry.message);
	assert.deepEqual(dry.details?.['hpa'], {name: `${name}-hpa`, min: 2, max: 2});
	const refused = await performAction(fx.ctx(), {...intent, confirmed: true});
	assert.equal(refused.ok, false);
	if (!refused.ok) {
		assert.equal(refused.reason, 'NotConfirmed');
		assert.match(refused.message, new RegExp(`^editing the replicas of deployment ${fx.namespace}/${name} needs confirmation: HPA ${name}-hpa owns replicas 2–2`));
	}
	const wrongName = await performAction(fx.ctx(), {...intent, confirmed: true, hpa: 'some-other-hpa'});
	assert.equal(wrongName.ok, false, 'a yes about another HPA is no yes about this one');
	// An edit that leaves replicas alone is an ordinary edit: no HPA in its answer.
	const labelsOnly = await performAction(fx.ctx(), {...intent, object: {...readAt, metadata: {...readAt.metadata, labels: {...readAt.metadata.labels, edited: 'yes'}}}, dryRun: true});
	assert.equal(labelsOnly.ok, true, labelsOnly.message);
	assert.equal(labelsOnly.details?.['hpa'], undefined);
	const stored = await performAction(fx.ctx(), {...intent, confirmed: true, hpa: `${name}-hpa`});
	assert.equal(stored.ok, true, stored.message);
});
