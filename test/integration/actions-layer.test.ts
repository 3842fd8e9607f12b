import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {createActionLayer} from '../../source/actions/actionLayer.js';
import {deploymentBody, startActionsFixture, uniqueName, type ActionsFixture} from './actions-helpers.js';

let fx: ActionsFixture;
before(async () => {
	fx = await startActionsFixture();
});
after(() => fx?.stop());

test('the action layer wires the gate, audit file, prompts and log saving for one context', async () => {
	const auditFile = path.join(fx.dir, 'state', 'audit.log');
	const layer = createActionLayer({kubeConfig: fx.cluster.kubeConfig, readonly: false, scaleCeiling: 10, auditFile, savedLogsDir: path.join(fx.dir, 'logs')});
	const name = uniqueName('layer');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, 2)});
	assert.deepEqual(await layer.currentReplicas('Deployment', fx.namespace, name), {ok: true, replicas: 2});
	const missing = await layer.currentReplicas('Deployment', fx.namespace, 'nope');
	assert.equal(missing.ok, false);
	assert.deepEqual(layer.validateReplicas('11'), {ok: false, message: '11 is above the scale ceiling of 10 (setting scaleCeiling)'});
	const result = await layer.perform({verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas: 4});
	assert.equal(result.ok, true, result.message);
	const line = JSON.parse(fs.readFileSync(auditFile, 'utf8').trim()) as {context: string; user: string; verb: string};
	const context = fx.cluster.kubeConfig.getCurrentContext();
	assert.deepEqual({context: line.context, user: line.user, verb: line.verb}, {context, user: fx.cluster.kubeConfig.getContextObject(context)!.user, verb: 'scale'});
	const saved = layer.saveLogs({namespace: fx.namespace, name}, ['a']);
	assert.ok(saved.ok && fs.existsSync(saved.path));

	const readonlyLayer = createActionLayer({kubeConfig: fx.cluster.kubeConfig, readonly: true, scaleCeiling: 10, auditFile});
	const refused = await readonlyLayer.perform({verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas: 1});
	assert.equal(refused.ok, false);
	assert.deepEqual(await layer.currentReplicas('Deployment', fx.namespace, name), {ok: true, replicas: 4});
	assert.equal(fs.readFileSync(auditFile, 'utf8').trim().split('\n').length, 1);
});
