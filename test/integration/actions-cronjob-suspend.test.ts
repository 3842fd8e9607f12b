// Suspend and resume a CronJob through the gate, with kubectl as the judge: its SUSPEND column
// and spec.suspend must say what was asked. Against the simulator, and the real API server
// under test:real.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {performAction} from '../../source/actions/gate.js';
import {kubectlMissing, startActionsFixture, uniqueName, type ActionsFixture} from './actions-helpers.js';

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

async function createCronJob(name: string): Promise<void> {
	await fx.client.request({
		method: 'POST',
		path: `/apis/batch/v1/namespaces/${fx.namespace}/cronjobs`,
		body: {apiVersion: 'batch/v1', kind: 'CronJob', metadata: {name}, spec: {schedule: '0 3 * * *', jobTemplate: {spec: {template: {spec: {restartPolicy: 'Never', containers: [{name: 'main', image: 'registry.example/report:1.0'}]}}}}}},
	});
}

async function kubectlSays(name: string): Promise<{column: string; field: string}> {
	const kc = (args: string[]) => run('kubectl', ['--kubeconfig', fx.cluster.kubeconfigPath, '-n', fx.namespace, ...args], {timeout: 60_000}).then((r) => r.stdout.trim());
	const table = await kc(['get', 'cronjob', name]);
	const [header, line] = table.split('\n');
	const at = header!.split(/\s{2,}/).indexOf('SUSPEND');
	return {column: line!.split(/\s{2,}/)[at]!, field: await kc(['get', 'cronjob', name, '-o', 'jsonpath={.spec.suspend}'])};
}

test('suspend, then resume: kubectl shows SUSPEND True, then False; each write is one audit line', {skip: noKubectl}, async () => {
	const name = uniqueName('cj');
	await createCronJob(name);
	const suspended = await performAction(fx.ctx(), {verb: 'suspend', kind: 'CronJob', namespace: fx.namespace, name, suspend: true, confirmed: true});
	assert.equal(suspended.ok, true, suspended.message);
	assert.equal(suspended.message, `cronjob.batch/${name} suspended`);
	assert.deepEqual(await kubectlSays(name), {column: 'True', field: 'true'});
	const resumed = await performAction(fx.ctx(), {verb: 'suspend', kind: 'CronJob', namespace: fx.namespace, name, suspend: false, confirmed: true});
	assert.equal(resumed.message, `cronjob.batch/${name} resumed`);
	assert.deepEqual(await kubectlSays(name), {column: 'False', field: 'false'});
	const lines = fx.audit.records.filter((r) => r.verb === 'suspend' && r.name === name);
	assert.deepEqual(lines.map((r) => [r.args, r.result.ok]), [[{suspend: true}, true], [{suspend: false}, true]]);
});

test('suspend: unconfirmed and read-only are refused before any request; another kind is unsupported; a missing CronJob is a 404', async () => {
	const name = uniqueName('cj');
	await createCronJob(name);
	const intent = {verb: 'suspend', kind: 'CronJob', namespace: fx.namespace, name, suspend: true} as const;
	const reason = (r: Awaited<ReturnType<typeof performAction>>) => (r.ok ? 'ok' : r.reason);
	assert.equal(reason(await performAction(fx.ctx(), intent)), 'NotConfirmed');
	assert.equal(reason(await performAction(fx.ctx({readonly: true}), {...intent, confirmed: true})), 'ReadOnly');
	assert.equal(reason(await performAction(fx.ctx(), {...intent, kind: 'Deployment' as never, confirmed: true})), 'Unsupported');
	const missing = await performAction(fx.ctx(), {...intent, name: 'no-such-cronjob', confirmed: true});
	assert.deepEqual([missing.ok, missing.ok ? 0 : missing.code], [false, 404]);
	const spec = await fx.client.request<{spec: {suspend?: boolean}}>({path: `/apis/batch/v1/namespaces/${fx.namespace}/cronjobs/${name}`});
	assert.notEqual(spec.spec.suspend, true, 'nothing was written');
});
