import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type {KubeObject} from '../../source/model/types.js';
import {fileAuditLog} from '../../source/actions/audit.js';
import type {Transport} from '../../source/kube/transport.js';
import {performAction, type Intent} from '../../source/actions/gate.js';
import {resolvePaths} from '../../source/config/settings.js';
import {deploymentBody, podBody, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';

let fx: ActionsFixture;
before(async () => {
	fx = await startActionsFixture();
});
after(() => fx?.stop());

/** Wraps the transport so the test can prove read-only mode makes no API call at all. */
function countingClient(inner: Transport): Transport & {calls: string[]} {
	const calls: string[] = [];
	return {
		server: inner.server,
		calls,
		request(r) {
			calls.push(`${r.method ?? 'GET'} ${r.path}`);
			return inner.request(r);
		},
		stream(r) {
			calls.push(`STREAM ${r.path}`);
			return inner.stream(r);
		},
		close: () => inner.close(),
	};
}

/**
 * What any of the actions would change: which objects exist, their spec generation, replicas,
 * restart annotation, deletion marks and the node's unschedulable flag. (Not resourceVersion:
 * controllers update status on their own, which is not the action's doing.)
 */
async function serverState(node: string): Promise<Record<string, unknown>> {
	const state: Record<string, unknown> = {};
	for (const p of [`/apis/apps/v1/namespaces/${fx.namespace}/deployments`, `/api/v1/namespaces/${fx.namespace}/pods`]) {
		const list = await fx.client.request<{items: KubeObject[]}>({path: p});
		for (const item of list.items) {
			const spec = (item.spec ?? {}) as {replicas?: number; template?: {metadata?: {annotations?: Record<string, string>}}};
			state[`${p}/${item.metadata.name}`] = {
				uid: item.metadata.uid,
				generation: item.metadata.generation,
				deleting: Boolean(item.metadata.deletionTimestamp),
				replicas: spec.replicas,
				restartedAt: spec.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'],
			};
		}
	}
	const n = await fx.client.request<KubeObject>({path: `/api/v1/nodes/${node}`});
	state[`node/${node}`] = {uid: n.metadata.uid, unschedulable: (n.spec as {unschedulable?: boolean} | undefined)?.unschedulable};
	return state;
}

test('read-only mode refuses every mutation before any API call, and the server is unchanged', async () => {
	const deployment = uniqueName('ro-web');
	const pod = uniqueName('ro-pod');
	const node = uniqueName('ro-node');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(deployment, 2)});
	await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/pods`, body: podBody(pod)});
	await fx.client.request({method: 'POST', path: '/api/v1/nodes', body: {apiVersion: 'v1', kind: 'Node', metadata: {name: node}, spec: {unschedulable: true}}});
	try {
		{
			// Let the controllers settle (on either cluster) so the before/after comparison is not disturbed by them.
			await waitFor('deployment settled', async () => {
				const d = await fx.client.request<KubeObject>({path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments/${deployment}`});
				const status = d.status as {availableReplicas?: number; updatedReplicas?: number; replicas?: number; observedGeneration?: number} | undefined;
				return status?.observedGeneration === d.metadata.generation && status?.availableReplicas === 2 && status.updatedReplicas === 2 && status.replicas === 2;
			});
			// Its pods are the ones serverState reads: two, none on its way out, plus the bare pod.
			await waitFor('pods settled', async () => {
				const list = await fx.client.request<{items: KubeObject[]}>({path: `/api/v1/namespaces/${fx.namespace}/pods`});
				const mine = list.items.filter((p) => p.metadata.name === pod || p.metadata.name.startsWith(`${deployment}-`));
				return mine.length === 3 && mine.every((p) => !p.metadata.deletionTimestamp);
			});
		}
		const intents: Intent[] = [
			{verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name: deployment, replicas: 5, confirmed: true},
			{verb: 'restart', kind: 'Deployment', namespace: fx.namespace, name: deployment, confirmed: true},
			{verb: 'delete', kind: 'Deployment', namespace: fx.namespace, name: deployment, confirmed: true},
			{verb: 'delete', kind: 'Pod', namespace: fx.namespace, name: pod, force: true, confirmed: true},
			{verb: 'kill', kind: 'Pod', namespace: fx.namespace, name: pod, confirmed: true},
			{verb: 'cordon', kind: 'Node', name: node, confirmed: true},
			{verb: 'uncordon', kind: 'Node', name: node, confirmed: true},
			{verb: 'drain', kind: 'Node', name: node, confirmed: true, options: {ignoreDaemonSets: true, deleteEmptyDirData: true, force: true}},
		];
		const before = await serverState(node);
		const auditBefore = fx.audit.records.length;
		for (const intent of intents) {
			const client = countingClient(fx.client);
			const result = await performAction(fx.ctx({readonly: true, client}), intent);
			assert.deepEqual(result, {ok: false, reason: 'ReadOnly', code: 0, message: `read-only mode: ${intent.verb} is disabled (started with --readonly)`}, intent.verb);
			assert.deepEqual(client.calls, [], `${intent.verb}: no API call`);
		}
		assert.deepEqual(await serverState(node), before, 'no object changed');
		assert.equal(fx.audit.records.length, auditBefore);
		// The same intents do act when read-only is off (so the test above is not vacuous).
		const scaled = await performAction(fx.ctx(), intents[0]!);
		assert.equal(scaled.ok, true);
		assert.notDeepEqual(await serverState(node), before);
	} finally {
		await fx.client.request({method: 'DELETE', path: `/api/v1/nodes/${node}`}).catch(() => undefined);
	}
});

test('the audit log is JSON lines under XDG_STATE_HOME/kubedeck, mode 0600', async () => {
	const paths = resolvePaths({XDG_STATE_HOME: fx.dir}, fx.dir);
	const audit = fileAuditLog(paths.auditLog);
	const name = uniqueName('audited');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, 1)});
	const now = new Date('2026-05-06T07:08:09.000Z');
	const ok = await performAction(fx.ctx({audit, now: () => now}), {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas: 2});
	const failed = await performAction(fx.ctx({audit, now: () => now}), {verb: 'delete', kind: 'Pod', namespace: fx.namespace, name: 'not-there', confirmed: true});
	await performAction(fx.ctx({audit, readonly: true}), {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas: 3});
	assert.equal(ok.ok, true);
	assert.equal(failed.ok, false);
	assert.equal(paths.auditLog, path.join(fx.dir, 'kubedeck', 'audit.log'));
	assert.equal(fs.statSync(paths.auditLog).mode & 0o777, 0o600);
	const lines = fs.readFileSync(paths.auditLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
	assert.equal(lines.length, 2, 'one line per mutation that reached the API; the read-only refusal is not one');
	assert.deepEqual(lines[0], {
		time: '2026-05-06T07:08:09.000Z', context: 'test', user: 'demo-user', verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name,
		args: {replicas: 2}, result: {ok: true, message: `deployment.apps/${name} scaled from 1 to 2`},
	});
	assert.deepEqual((lines[1] as {result: unknown}).result, {ok: false, message: (failed as {message: string}).message, reason: 'NotFound', code: 404});
});

test('an unwritable audit log does not block the action; the problem is reported', async () => {
	const blocker = path.join(fx.dir, 'not-a-dir');
	fs.writeFileSync(blocker, '');
	const problems: string[] = [];
	const audit = fileAuditLog(path.join(blocker, 'kubedeck', 'audit.log'), (m) => problems.push(m));
	const name = uniqueName('noaudit');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, 1)});
	const result = await performAction(fx.ctx({audit}), {verb: 'scale', kind: 'Deployment', namespace: fx.namespace, name, replicas: 2});
	assert.equal(result.ok, true);
	assert.equal(problems.length, 1);
	assert.match(problems[0]!, /could not write the audit log .*not-a-dir/);
});
