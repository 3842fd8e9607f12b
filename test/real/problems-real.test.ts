// The :problems rules over a real kube-apiserver's objects: the same store kubedeck runs (the
// session's watches, the statefulset/job/PVC watches attached through discovery) over objects
// the real control plane made or wrote. What KWOK cannot produce is written as a kubelet would:
//
// - a crash-looping pod: KWOK's stock "fast" stages only take pods to Running (and a Job's pods
//   to Succeeded); there is no stage that restarts a container, and the harness's stage file is
//   shared. The pod is bound to a Node no kubelet manages and its status written through the
//   status subresource, as status-crosscheck.test.ts does.
// - a Pending pod, a StatefulSet short of ready and a failed Job come from the real scheduler,
//   StatefulSet and Job controllers: their pods ask for a node label no node has, so the scheduler
//   leaves them Pending (FailedScheduling), the set stays 0/1 and the job's activeDeadlineSeconds
//   ends it (DeadlineExceeded).
// - a cordoned node is a KWOK node of this test's own (spec.unschedulable, tainted NoSchedule so
//   no other test's pod goes there); the harness's worker-4 (no kubelet) is NotReady.
// - a Pending PVC: a claim on a storage class that no provisioner serves.
import {after, before, describe, it, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {KubeConfig} from '@kubernetes/client-node';
import {apiJson, rawRequest} from './real-api.js';
import {waitFor} from '../integration/sim-helpers.js';
import {openSession, type Session} from '../../source/kube/session.js';
import {createProblemsPane} from '../../source/ui/panes/problemsPane.js';
import type {ProblemRow} from '../../source/model/problems.js';
import type {RowStore} from '../../source/store/rowStore.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = kubeconfigPath ? undefined : (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)');

type Json = Record<string, unknown>;
const suffix = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
const namespace = `kd-problems-${suffix}`;
const idleNode = `kd-problems-idle-${suffix}`;
const cordonedNode = `kd-problems-cordoned-${suffix}`;
const nowhere = {'kubedeck.io/no-such-node': 'true'};
const container = {name: 'app', image: 'example/app:1'};

if (skipReason) {
	console.error(`\n*** ${skipReason} ***\n`);
	test(':problems rules against a real apiserver', {skip: skipReason}, () => {});
} else describe(':problems over a real apiserver\'s objects', () => {
	const kc = new KubeConfig();
	let session: Session;
	let store: RowStore<ProblemRow>;
	let off: () => void = () => {};
	let cacheDir: string;

	before(async () => {
		kc.loadFromFile(kubeconfigPath!);
		await apiJson(kc, 'POST', '/api/v1/namespaces', {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}}});
		await apiJson(kc, 'POST', '/api/v1/nodes', {body: {apiVersion: 'v1', kind: 'Node', metadata: {name: idleNode}, spec: {taints: [{key: 'kubedeck.io/test', value: 'problems', effect: 'NoSchedule'}]}}});
		await apiJson(kc, 'POST', '/api/v1/nodes', {body: {apiVersion: 'v1', kind: 'Node', metadata: {name: cordonedNode, annotations: {'kwok.x-k8s.io/node': 'fake'}}, spec: {unschedulable: true, taints: [{key: 'kubedeck.io/test', value: 'problems', effect: 'NoSchedule'}]}}});

		const pods = `/api/v1/namespaces/${namespace}/pods`;
		const crash = await apiJson<Json>(kc, 'POST', pods, {body: {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'crashloop'}, spec: {nodeName: idleNode, containers: [container]}}});
		const started = new Date(Date.now() - 30 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
		const finished = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
		await apiJson(kc, 'PUT', `${pods}/crashloop/status`, {body: {...crash, status: {
			phase: 'Running',
			conditions: [{type: 'PodScheduled', status: 'True', lastTransitionTime: started}, {type: 'Ready', status: 'False', lastTransitionTime: started}],
			containerStatuses: [{name: 'app', image: 'example/app:1', imageID: '', ready: false, started: false, restartCount: 6,
				state: {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container'}},
				lastState: {terminated: {exitCode: 1, reason: 'Error', startedAt: started, finishedAt: finished}}}],
		}}});
		await apiJson(kc, 'POST', pods, {body: {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'pending'}, spec: {nodeSelector: nowhere, containers: [container]}}});
		const template = {metadata: {labels: {app: 'db'}}, spec: {nodeSelector: nowhere, containers: [container]}};
		await apiJson(kc, 'POST', `/apis/apps/v1/namespaces/${namespace}/statefulsets`, {body: {apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: {name: 'db'}, spec: {replicas: 1, serviceName: 'db', selector: {matchLabels: {app: 'db'}}, template}}});
		await apiJson(kc, 'POST', `/apis/batch/v1/namespaces/${namespace}/jobs`, {body: {apiVersion: 'batch/v1', kind: 'Job', metadata: {name: 'deadline'}, spec: {activeDeadlineSeconds: 2, backoffLimit: 0, template: {spec: {...template.spec, restartPolicy: 'Never'}}}}});
		await apiJson(kc, 'POST', `/api/v1/namespaces/${namespace}/persistentvolumeclaims`, {body: {apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'scratch'}, spec: {storageClassName: 'kubedeck-no-provisioner', accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}}});

		cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-problems-real-'));
		session = await openSession(kc, {allNamespaces: true, discovery: {cacheDir}});
		// Pending counts at once here (the default threshold is minutes).
		store = createProblemsPane({frameMs: 5, pendingAfterMs: 0, notReadyAfterMs: 0}).store!(session, true) as RowStore<ProblemRow>;
		off = store.subscribe(() => {});
	});

	after(async () => {
		off();
		await session?.close();
		if (cacheDir) fs.rmSync(cacheDir, {recursive: true, force: true});
		await rawRequest(kc, 'DELETE', `/api/v1/namespaces/${namespace}/pods/crashloop`, {body: {apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0}}).catch(() => undefined);
		await rawRequest(kc, 'DELETE', `/api/v1/namespaces/${namespace}`).catch(() => undefined);
		for (const node of [idleNode, cordonedNode]) await rawRequest(kc, 'DELETE', `/api/v1/nodes/${node}`).catch(() => undefined);
	});

	const row = (kind: string, name: string, where: string | undefined = namespace) => (store.snapshot().rows as readonly ProblemRow[]).find((r) => r.kind === kind && r.name === name && r.namespace === (kind === 'Node' ? undefined : where));

	it('a crash-looping pod: error, with its last exit and restarts', async () => {
		const found = await waitFor('crashloop in :problems', () => row('Pod', 'crashloop'));
		assert.equal(found.severity, 'error');
		assert.equal(found.reason, 'CrashLoopBackOff · last Error (exit 1) · 6 restarts');
	});

	it('a pod the scheduler cannot place: Pending, with the scheduler\'s reason', async () => {
		const found = await waitFor('pending pod with the scheduler\'s message', () => {
			const r = row('Pod', 'pending');
			return r && /node affinity|selector/i.test(r.reason) ? r : undefined;
		});
		assert.equal(found.severity, 'warn');
		assert.match(found.reason, /^Pending · /);
		assert.match(found.detail ?? '', /^0\/\d+ nodes are available/);
	});

	it('a cordoned node, and the harness\'s node without a kubelet', async () => {
		const cordoned = await waitFor('the cordoned node', () => row('Node', cordonedNode));
		assert.match(cordoned.reason, /cordoned \(SchedulingDisabled\)/);
		const down = await waitFor('worker-4 not ready', () => {
			const r = row('Node', 'worker-4');
			return r && r.severity === 'error' ? r : undefined;
		}, 120_000);
		assert.match(down.reason, /^(NotReady|node unreachable \(Ready Unknown\))/);
	});

	it('a statefulset whose pod cannot be scheduled: 1 of 1 not ready', async () => {
		const found = await waitFor('statefulset db', () => row('StatefulSet', 'db'));
		assert.equal(found.reason, '1 of 1 not ready');
		assert.equal(found.severity, 'error');
	});

	it('a job past its deadline: failed, DeadlineExceeded', async () => {
		const found = await waitFor('job deadline failed', () => row('Job', 'deadline'));
		assert.match(found.reason, /^failed: DeadlineExceeded: /);
		assert.equal(found.severity, 'error');
		assert.ok(found.since !== undefined, 'since the Failed condition');
	});

	it('a claim no provisioner serves: Pending, since its creation', async () => {
		const found = await waitFor('pvc scratch', () => row('PersistentVolumeClaim', 'scratch'));
		assert.equal(found.reason, 'Pending (storage class kubedeck-no-provisioner)');
		assert.ok(found.since !== undefined && found.since <= Date.now());
	});
});
