// SINCE in :problems over the simulator's demo agrees with the objects the API server serves: the
// NotReady node since its Ready condition changed, each stalled deployment since its Progressing
// condition went False, the statefulset since its oldest pod not ready, and a node cordoned now
// since the `node.kubernetes.io/unschedulable` taint the node controller stamps.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {demoOnly, startTestCluster, type TestCluster} from './cluster.js';
import {rawRequest, waitFor} from './sim-helpers.js';
import {openSession, type Session} from '../../source/kube/session.js';
import {createProblemsPane} from '../../source/ui/panes/problemsPane.js';
import type {ProblemRow} from '../../source/model/problems.js';
import type {KubeObject} from '../../source/model/types.js';
import type {RowStore} from '../../source/store/rowStore.js';

type Cond = {type: string; status: string; lastTransitionTime?: string};
const conditionTime = (object: KubeObject, type: string): number | undefined => {
	const found = ((object.status as {conditions?: Cond[]} | undefined)?.conditions ?? []).find(c => c.type === type);
	return found?.lastTransitionTime ? Date.parse(found.lastTransitionTime) : undefined;
};

describe(':problems SINCE agrees with the objects (simulator demo)', {skip: demoOnly}, () => {
	let cluster: TestCluster;
	let session: Session;
	let cacheDir: string;
	let store: RowStore<ProblemRow>;
	let off: () => void;

	before(async () => {
		cluster = await startTestCluster({scenario: 'demo'});
		cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-since-'));
		session = await openSession(cluster.kubeConfig, {allNamespaces: true, discovery: {cacheDir}});
		store = createProblemsPane({frameMs: 5}).store!(session, true) as RowStore<ProblemRow>;
		off = store.subscribe(() => {});
	});
	after(async () => {
		off?.();
		await session?.close();
		await cluster?.stop();
		fs.rmSync(cacheDir, {recursive: true, force: true});
	});

	const row = (kind: string, name: string) => (store.snapshot().rows as readonly ProblemRow[]).find(r => r.kind === kind && r.name === name);

	it('the NotReady node and the stalled deployments: the lastTransitionTime of the condition their reason names', async () => {
		const node = await waitFor('worker-4 NotReady in :problems', () => row('Node', 'worker-4'));
		assert.match(node.reason, /^node unreachable \(Ready Unknown\)/);
		assert.equal(node.since, conditionTime(await session.fetchObject('nodes', undefined, 'worker-4'), 'Ready'));
		assert.ok(node.since !== undefined && Date.now() - node.since >= 20 * 60_000, 'the demo opens with worker-4 down for 25 minutes, not since now');
		for (const [namespace, name] of [['production', 'recommendations'], ['staging', 'frontend-canary'], ['payments', 'fraud-scorer']] as const) {
			const found = await waitFor(`deploy/${name} in :problems`, () => row('Deployment', name));
			assert.match(found.reason, /^ProgressDeadlineExceeded/);
			const object = await session.fetchObject('deployments', namespace, name);
			assert.ok(found.since !== undefined, `deploy/${name} has a SINCE`);
			assert.equal(found.since, conditionTime(object, 'Progressing'), `deploy/${name}`);
		}
	});

	it('the statefulset: the SINCE of its oldest problem pod', async () => {
		const sts = await waitFor('sts/postgres with a SINCE', () => (row('StatefulSet', 'postgres')?.since !== undefined ? row('StatefulSet', 'postgres') : undefined));
		const pod = await waitFor('postgres-2 in :problems', () => row('Pod', 'postgres-2'));
		assert.equal(sts.since, pod.since);
		assert.equal(pod.since, conditionTime(await session.fetchObject('pods', 'payments', 'postgres-2'), 'Ready'));
	});

	it('a node cordoned now: since the unschedulable taint was added, and gone when uncordoned', async () => {
		const patch = (unschedulable: boolean | null) =>
			rawRequest(cluster.kubeConfig, '/api/v1/nodes/worker-1', {method: 'PATCH', body: JSON.stringify({spec: {unschedulable}}), headers: {'Content-Type': 'application/merge-patch+json'}});
		assert.equal((await patch(true)).status, 200);
		const cordoned = await waitFor('worker-1 cordoned with a SINCE', () => (row('Node', 'worker-1')?.since !== undefined ? row('Node', 'worker-1') : undefined));
		assert.equal(cordoned.reason, 'cordoned (SchedulingDisabled)');
		const taints = ((await session.fetchObject('nodes', undefined, 'worker-1')).spec as {taints?: Array<{key: string; timeAdded?: string}>}).taints ?? [];
		const taint = taints.find(t => t.key === 'node.kubernetes.io/unschedulable');
		assert.ok(taint?.timeAdded, 'the node controller stamped the taint');
		assert.equal(cordoned.since, Date.parse(taint.timeAdded));
		assert.equal((await patch(null)).status, 200);
		await waitFor('worker-1 healthy again', () => row('Node', 'worker-1') === undefined);
		const after = ((await session.fetchObject('nodes', undefined, 'worker-1')).spec as {taints?: Array<{key: string}>}).taints ?? [];
		assert.equal(after.some(t => t.key === 'node.kubernetes.io/unschedulable'), false, 'uncordoning removes the taint');
	});
});
