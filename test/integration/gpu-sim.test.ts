// The GPU accounting end to end: the simulator's demo GPU nodes, watched through a real
// session (list + watch over HTTP), projected by the GPU model. Scaling a GPU deployment
// past capacity must show FREE reach 0 and the pods in the pending view; cordoning a GPU
// node must show in its STATUS — all from the watches, with no extra requests.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startTestCluster, type TestCluster} from './cluster.js';
import {openSession, type Session} from '../../source/kube/session.js';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import {MERGE_PATCH} from '../../source/actions/mutations.js';
import {gpuNodeRowFromAllocation, gpuNodeRows, type GpuNodeRow} from '../../source/model/gpu.js';
import {gpuNodeColumns} from '../../source/model/gpu-columns.js';
import {gpuPendingRows, type GpuPendingRow} from '../../source/model/gpu-triage.js';

let cluster: TestCluster;
let session: Session | undefined;
let client: Transport;

before(async () => {
	cluster = await startTestCluster({scenario: 'demo', speed: 50, seed: 7});
	if (cluster.kind !== 'sim') return;
	client = createTransport(cluster.kubeConfig);
	session = await openSession(cluster.kubeConfig, {allNamespaces: true, frameMs: 5});
});

after(async () => {
	await session?.close();
	await cluster?.stop();
});

function current(): {nodes: GpuNodeRow[]; pending: GpuPendingRow[]; joined: GpuNodeRow[]} {
	const nodeRows = session!.store('nodes', {allNamespaces: true}).snapshot().rows;
	const pods = session!.allPods().snapshot().rows;
	const events = session!.store('events', {allNamespaces: true}).snapshot().rows;
	const joined = nodeRows.map((node) => gpuNodeRowFromAllocation(node, node.gpuAllocated ?? {}, undefined)).filter((row): row is GpuNodeRow => row !== undefined);
	return {nodes: gpuNodeRows(nodeRows, pods), pending: gpuPendingRows(pods, events), joined};
}

function node(name: string): GpuNodeRow | undefined {
	return current().nodes.find((row) => row.name === name);
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (check()) return;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	assert.fail(`timed out waiting for ${what}`);
}

function cell(row: GpuNodeRow, id: string): string {
	return gpuNodeColumns.find((column) => column.id === id)!.cell(row, Date.now());
}

test('demo GPU nodes: H100, A100 MIG, time-sliced L4, AMD, and a failing device plugin', async (t) => {
	if (cluster.kind !== 'sim') return t.skip('needs the simulator: its demo GPU nodes');
	await waitFor('the demo GPU pods to be placed', () => (node('gpu-mi300x-1')?.allocated ?? 0) >= 2 && (node('gpu-a100-mig-1')?.allocated ?? 0) > 0);
	const h100 = node('gpu-h100-1')!;
	assert.equal(cell(h100, 'accelerator'), 'NVIDIA H100-80GB-HBM3');
	assert.equal(cell(h100, 'allocatable'), '8');
	assert.match(cell(h100, 'driver'), /^550\.\d+\.\d+\/12\.4$/);
	assert.equal(node('gpu-h100-2')!.status, 'GPU-UNAVAILABLE,Ready');
	assert.match(cell(node('gpu-a100-mig-1')!, 'mig'), /^1g\.10gb \d+\/14, 2g\.20gb \d+\/6, 3g\.40gb \d+\/4$/);
	assert.equal(cell(node('gpu-l4-shared-1')!, 'sharing'), 'time-slicing×4 (4 phys)');
	assert.equal(cell(node('gpu-mi300x-1')!, 'accelerator'), 'AMD Instinct MI300X');
	assert.equal(current().nodes.some((row) => row.name.startsWith('worker-')), false, 'CPU workers get no GPU row');
});

test('the data layer’s nodes ⋈ pods join agrees with the pod-level accounting', async (t) => {
	if (cluster.kind !== 'sim') return t.skip('needs the simulator: its demo GPU nodes');
	await waitFor('join and pods to agree', () => {
		const {nodes, joined} = current();
		return nodes.length > 0 && nodes.every((row) => joined.find((j) => j.uid === row.uid)?.allocated === row.allocated);
	});
});

test('scaling a GPU deployment past capacity: FREE reaches 0 and the pending view lists the rest', async (t) => {
	if (cluster.kind !== 'sim') return t.skip('needs the simulator: its demo GPU nodes');
	await client.request({method: 'PATCH', path: '/apis/apps/v1/namespaces/ml-serving/deployments/triton-mi300/scale', body: {spec: {replicas: 10}}, contentType: MERGE_PATCH});
	await waitFor('the MI300X node to fill up', () => node('gpu-mi300x-1')?.free === 0);
	const mi300 = node('gpu-mi300x-1')!;
	assert.equal(mi300.allocated, 8);
	assert.equal(cell(mi300, 'usage'), '100% ████████');
	await waitFor('two triton pods pending for amd.com/gpu', () => current().pending.filter((row) => row.name.startsWith('triton-mi300-')).length === 2);
	const waiting = current().pending.filter((row) => row.name.startsWith('triton-mi300-'));
	for (const row of waiting) {
		assert.equal(row.namespace, 'ml-serving');
		assert.deepEqual(row.devices, {'amd.com/gpu': 1});
		assert.match(row.message, /Insufficient amd\.com\/gpu/);
		assert.match(row.owner, /^ReplicaSet\/triton-mi300-/);
	}
});

test('cordoning a GPU node shows in its STATUS', async (t) => {
	if (cluster.kind !== 'sim') return t.skip('needs the simulator: its demo GPU nodes');
	await client.request({method: 'PATCH', path: '/api/v1/nodes/gpu-l4-shared-1', body: {spec: {unschedulable: true}}, contentType: MERGE_PATCH});
	await waitFor('the L4 node to show SchedulingDisabled', () => node('gpu-l4-shared-1')?.status === 'Ready,SchedulingDisabled');
	assert.equal(node('gpu-l4-shared-1')!.severity, 'warn');
	await client.request({method: 'PATCH', path: '/api/v1/nodes/gpu-l4-shared-1', body: {spec: {unschedulable: null}}, contentType: MERGE_PATCH});
	await waitFor('the L4 node to be schedulable again', () => node('gpu-l4-shared-1')?.status === 'Ready');
});
