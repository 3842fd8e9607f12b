// `kubectl rollout status` and kubedeck's rollout view must say the same thing.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import type {KubeObject} from '../../source/model/types.js';
import {performAction} from '../../source/actions/gate.js';
import {followRollout, rolloutStatus} from '../../source/actions/rollout.js';
import {deploymentBody, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';

const run = promisify(execFile);
let fx: ActionsFixture;
let kubectl: string | undefined;

before(async () => {
	try {
		await run('kubectl', ['version', '--client'], {timeout: 10_000});
		kubectl = 'kubectl';
	} catch {
		kubectl = undefined;
	}
	fx = await startActionsFixture();
});
after(async () => {
	await fx?.stop();
});

async function kubectlStatus(name: string): Promise<string> {
	const {stdout} = await run(kubectl!, ['--kubeconfig', fx.cluster.kubeconfigPath, '-n', fx.namespace, 'rollout', 'status', `deployment/${name}`, '--watch=false'], {timeout: 60_000});
	return stdout.trim();
}

async function ours(name: string): Promise<string> {
	return rolloutStatus(await fx.client.request<KubeObject>({path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments/${name}`})).message;
}

test('a stuck rollout reads the same in kubectl and kubedeck', async (t) => {
	if (!kubectl) return t.skip('kubectl is not installed');
	const name = uniqueName('stuck');
	const body = deploymentBody(name, 2, {nodeSelector: {'kubedeck-test/nowhere': 'true'}});
	// Stuck, not yet past its deadline: the default 600 s is 6 s of the simulator's time (speed 100),
	// less than kubectl can take to start on a loaded machine; a day keeps the state still while both look.
	(body.spec as {progressDeadlineSeconds?: number}).progressDeadlineSeconds = 86_400;
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body});
	await waitFor('status observed', async () => {
		const d = await fx.client.request<KubeObject>({path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments/${name}`});
		return (d.status as {updatedReplicas?: number} | undefined)?.updatedReplicas === 2;
	});
	const expected = await ours(name);
	assert.match(expected, /^Waiting for deployment ".*" rollout to finish: 0 of 2 updated replicas are available\.\.\.$/);
	assert.equal(await kubectlStatus(name), expected);
});

test('after a restart, both agree the rollout finished', async (t) => {
	if (!kubectl) return t.skip('kubectl is not installed');
	const name = uniqueName('rolled');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, 2)});
	const restarted = await performAction(fx.ctx(), {verb: 'restart', kind: 'Deployment', namespace: fx.namespace, name, confirmed: true});
	assert.equal(restarted.ok, true);
	const final = await followRollout(fx.client, fx.namespace, name, {intervalMs: 25, timeoutMs: 90_000});
	assert.equal(final.done, true, final.message);
	assert.equal(await kubectlStatus(name), final.message);
});
