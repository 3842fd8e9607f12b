// The session's pods and nodes stores against the simulator: rows carry the usage the metrics
// API serves (the same reading kubectl top agrees with, see metrics-top.test.ts), and the
// metrics badge reports the sample's age.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {CoreV1Api} from '@kubernetes/client-node';
import {demoOnly, startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {createNamespace, rawRequest, waitFor} from './sim-helpers.js';
import {openSession, type Session} from '../../source/kube/session.js';
import {nodeUsageTable, podUsageTable} from '../../source/model/metrics.js';
import type {KubeObject} from '../../source/model/types.js';

describe('CPU/MEM usage through the session', {skip: demoOnly}, () => {
	let cluster: TestCluster;
	let session: Session;
	let namespace: string;

	before(async () => {
		cluster = await startTestCluster();
		namespace = uniqueName('use');
		await createNamespace(cluster.kubeConfig, namespace);
		const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		for (const name of ['a', 'b']) {
			await core.createNamespacedPod({namespace, body: {metadata: {name}, spec: {containers: [{name: 'main', image: 'registry.example/app:1.0', resources: {requests: {cpu: '500m', memory: '128Mi'}, limits: {cpu: '1', memory: '256Mi'}}}]}}});
		}
		session = await openSession(cluster.kubeConfig, {namespace, frameMs: 5});
	});
	after(async () => {
		await session?.close();
		await cluster?.stop();
	});

	async function served(path: string): Promise<KubeObject[]> {
		return (JSON.parse((await rawRequest(cluster.kubeConfig, path)).text) as {items: KubeObject[]}).items;
	}

	it('pod rows get the served usage, and %CPU/R follows from it', async () => {
		const store = session.store('pods');
		const rows = await waitFor('both pods with usage', () => {
			const snapshot = store.snapshot();
			return snapshot.rows.length === 2 && snapshot.rows.every((r) => r.usage) ? snapshot.rows : undefined;
		});
		const table = podUsageTable(await served(`/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`));
		for (const row of rows) {
			const expected = table.byKey.get(`${namespace}/${row.name}`)!;
			// Same window unless the sample turned over in between: then the timestamps differ too.
			if (row.usage!.timestamp === expected.timestamp) assert.deepEqual(row.usage, expected);
			assert.ok(row.usage!.cpuMilli > 0 && row.usage!.cpuMilli <= 1000, 'within the limit');
			assert.equal(row.limits?.cpu, 1);
		}
		const status = session.metricsStatus?.('pods');
		assert.equal(status?.state, 'live');
		assert.ok(status?.dataAt !== undefined && Date.now() - status.dataAt < 60_000, 'the sample’s age is known');
	});

	it('node rows get usage; the GPU join is still there', async () => {
		const store = session.store('nodes');
		const rows = await waitFor('nodes with usage', () => {
			const snapshot = store.snapshot();
			return snapshot.rows.length > 0 && snapshot.rows.every((r) => r.usage && r.gpuAllocated) ? snapshot.rows : undefined;
		});
		const table = nodeUsageTable(await served('/apis/metrics.k8s.io/v1beta1/nodes'));
		assert.deepEqual(new Set(rows.map((r) => r.name)), new Set(table.byKey.keys()));
		assert.equal(session.metricsStatus?.('nodes')?.state, 'live');
		assert.equal(session.metricsStatus?.('services'), undefined);
	});
});

describe('GPU% in the pods pane through the session (demo)', {skip: demoOnly}, () => {
	let cluster: TestCluster;
	let session: Session;

	before(async () => {
		cluster = await startTestCluster({scenario: 'demo', speed: 50, seed: 7});
		session = await openSession(cluster.kubeConfig, {namespace: 'ml-training', frameMs: 5});
	});
	after(async () => {
		await session?.close();
		await cluster?.stop();
	});

	it('the busy trainer’s GPU% is high, the idle notebook’s near zero; CPU pods have none', async () => {
		const store = session.store('pods');
		const rows = await waitFor('GPU telemetry joined', () => {
			const snapshot = store.snapshot();
			const notebook = snapshot.rows.find((r) => r.name === 'mig-notebook-alice');
			return notebook?.gpuUse ? snapshot.rows : undefined;
		}, 60_000);
		const notebook = rows.find((r) => r.name === 'mig-notebook-alice')!;
		assert.ok(notebook.gpuUse!.util < 5, `idle: ${notebook.gpuUse!.util}`);
		const trainer = rows.find((r) => r.name === 'llama-finetune-worker-0' || r.name === 'llama-finetune-worker-1');
		const busy = rows.filter((r) => r.name.startsWith('llama-finetune-worker') && r.gpuUse);
		assert.ok(trainer && busy.length > 0, 'a trainer runs with telemetry');
		for (const row of busy) assert.ok(row.gpuUse!.util >= 50 && row.gpuUse!.devices === 8, `${row.name}: ${JSON.stringify(row.gpuUse)}`);
		for (const row of rows.filter((r) => Object.keys(r.accelerators).length === 0)) assert.equal(row.gpuUse, undefined, row.name);
	});
});
