// GPU health in :problems: the telemetry's findings join the node's one row, and the store sees a
// new telemetry snapshot even when no pod, node or event changed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BaseRow} from '../../source/model/types.js';
import type {GpuProblem} from '../../source/model/dcgm.js';
import type {NodeRow} from '../../source/model/nodes.js';
import {gpuProblemsByNode, nodeProblemWithGpu, physicalGpus, type GpuHealthInput} from '../../source/model/problems-gpu.js';
import type {NodeProblemInput} from '../../source/model/problems-nodes.js';
import {collectProblems} from '../../source/model/problems-collect.js';
import {ProblemsStore} from '../../source/store/problemsStore.js';
import {nextVersion, snapshotOf, type RowStore, type Snapshot} from '../../source/store/rowStore.js';

function node(extra: Partial<NodeProblemInput>): NodeProblemInput {
	return {uid: 'uid-n', name: 'gpu-1', status: 'Ready', ready: true, unschedulable: false, pressures: [], allocatable: {}, capacity: {}, ...extra};
}

test('physical GPUs: the GFD count label, else capacity over time-slicing replicas', () => {
	const cases: Array<[Partial<NodeRow>, number]> = [
		[{labels: {'nvidia.com/gpu.count': '8'}, capacity: {'nvidia.com/gpu': 0}}, 8],
		[{labels: {}, capacity: {'nvidia.com/gpu': 4}}, 4],
		[{labels: {'nvidia.com/gpu.replicas': '4'}, capacity: {'nvidia.com/gpu': 16}}, 4],
		[{labels: {'nvidia.com/gpu.count': 'x'}, capacity: {'nvidia.com/gpu': 2}}, 2],
		[{labels: {}, capacity: {'amd.com/gpu': 8}}, 0],
		[{capacity: {}}, 0],
	];
	for (const [row, count] of cases) assert.equal(physicalGpus({labels: row.labels ?? {}, capacity: row.capacity ?? {}} as Pick<NodeRow, 'labels' | 'capacity'>), count, JSON.stringify(row));
});

const xid: GpuProblem = {node: 'gpu-1', gpu: '3', severity: 'error', reason: 'XID 79 (fallen off the bus)'};
const remap: GpuProblem = {node: 'gpu-1', gpu: '3', severity: 'warn', reason: 'row remap pending (reset the GPU)'};
const hot: GpuProblem = {node: 'gpu-2', gpu: '0', severity: 'warn', reason: 'throttled: hw-thermal'};

test('GPU findings by node, and GPUs missing from the exporter only while some exporter reports', () => {
	const nodes: Array<Pick<NodeRow, 'name' | 'labels' | 'capacity' | 'createdAt'>> = [
		{name: 'gpu-1', labels: {'nvidia.com/gpu.count': '8'}, capacity: {'nvidia.com/gpu': 8}},
		{name: 'gpu-2', labels: {}, capacity: {'nvidia.com/gpu': 4}},
		{name: 'gpu-3', labels: {}, capacity: {'nvidia.com/gpu': 2}},
		{name: 'cpu-1', labels: {}, capacity: {cpu: 16}},
	];
	const health: GpuHealthInput = {problems: [xid, remap, hot], gpusByNode: new Map([['gpu-1', 8], ['gpu-2', 3]])};
	const byNode = gpuProblemsByNode(nodes, health);
	assert.deepEqual(byNode.get('gpu-1'), [xid, remap]);
	assert.deepEqual(byNode.get('gpu-2')?.map((p) => p.reason), ['throttled: hw-thermal', '1 of 4 GPUs missing from the exporter']);
	assert.deepEqual(byNode.get('gpu-3')?.map((p) => p.reason), ['no GPU telemetry: 2 GPUs allocatable, exporter reports none']);
	assert.equal(byNode.has('cpu-1'), false);
	const noExporters = gpuProblemsByNode(nodes, {problems: [], gpusByNode: new Map()});
	assert.equal(noExporters.size, 0, 'no exporter anywhere: the header says so once, no node is flagged');
	const fresh = gpuProblemsByNode([{name: 'new', labels: {}, capacity: {'nvidia.com/gpu': 1}, createdAt: 1_000_000}], {problems: [], gpusByNode: new Map([['gpu-1', 8]])}, 1_000_000 + 60_000);
	assert.equal(fresh.size, 0, 'a node a minute old: its exporter is still starting');
	const settled = gpuProblemsByNode([{name: 'new', labels: {}, capacity: {'nvidia.com/gpu': 1}, createdAt: 1_000_000}], {problems: [], gpusByNode: new Map([['gpu-1', 8]])}, 1_000_000 + 11 * 60_000);
	assert.deepEqual(settled.get('new')?.map((p) => p.reason), ['no GPU telemetry: 1 GPU allocatable, exporter reports none']);
});

const joinCases: Array<{name: string; node: NodeProblemInput; gpu: GpuProblem[]; expected?: {severity: string; reason: string}}> = [
	{name: 'healthy node, no findings', node: node({}), gpu: []},
	{name: 'a thermal throttle alone is a warning on the node', node: node({}), gpu: [{...hot, node: 'gpu-1'}], expected: {severity: 'warn', reason: 'GPU 0: throttled: hw-thermal'}},
	{
		name: 'the failing node: the XID leads, the device plugin and the remap follow',
		node: node({capacity: {'nvidia.com/gpu': 8}, allocatable: {'nvidia.com/gpu': 0}}),
		gpu: [xid, remap],
		expected: {severity: 'error', reason: 'GPU 3: XID 79 (fallen off the bus) · GPU device plugin failing: allocatable 0 of 8 NVIDIA · GPU 3: row remap pending (reset the GPU)'},
	},
	{name: 'NotReady still leads a GPU warning', node: node({status: 'NotReady', ready: false}), gpu: [remap], expected: {severity: 'error', reason: 'NotReady · GPU 3: row remap pending (reset the GPU)'}},
	{name: 'a node-wide finding names no GPU', node: node({}), gpu: [{node: 'gpu-1', severity: 'error', reason: '2 of 8 GPUs missing from the exporter'}], expected: {severity: 'error', reason: '2 of 8 GPUs missing from the exporter'}},
];

for (const c of joinCases) {
	test(`node with GPU findings: ${c.name}`, () => {
		const problem = nodeProblemWithGpu(c.node, c.gpu);
		if (!c.expected) return assert.equal(problem, undefined);
		assert.equal(problem?.kind, 'Node');
		assert.equal(problem?.uid, 'uid-n', 'the node’s uid: selection and Enter follow the node');
		assert.equal(problem?.severity, c.expected.severity);
		assert.equal(problem?.reason, c.expected.reason);
	});
}

test('collectProblems: one row per node, GPU findings included; without telemetry the node rule alone', () => {
	const nodes = [{...node({capacity: {'nvidia.com/gpu': 8}, allocatable: {'nvidia.com/gpu': 0}}), kind: 'Node', roles: [], version: '', taints: [], createdAt: 0} as unknown as NodeRow];
	const health: GpuHealthInput = {problems: [xid, remap], gpusByNode: new Map([['gpu-1', 8]])};
	const rows = collectProblems({pods: [], nodes, deployments: [], events: [], gpuHealth: health}, 0);
	assert.equal(rows.length, 1);
	assert.match(rows[0]!.reason, /^GPU 3: XID 79/);
	const plain = collectProblems({pods: [], nodes, deployments: [], events: []}, 0);
	assert.match(plain[0]!.reason, /^GPU device plugin failing/);
});

class Fixed<R extends BaseRow> implements RowStore<R> {
	constructor(private readonly snap: Snapshot<R> = snapshotOf([] as R[], nextVersion())) {}
	snapshot(): Snapshot<R> {
		return this.snap;
	}
	subscribe(): () => void {
		return () => {};
	}
}

test('the :problems store recomputes when only the GPU telemetry changed, and hears about it', () => {
	const nodeRow = {...node({}), kind: 'Node', roles: [], version: '', taints: [], createdAt: 0} as unknown as NodeRow;
	let current: GpuHealthInput & {version: number} = {version: 1, problems: [], gpusByNode: new Map([['gpu-1', 1]])};
	let subscribed = 0;
	const gpuHealth = {snapshot: () => current, subscribe: () => (subscribed++, () => {})};
	const store = new ProblemsStore({pods: new Fixed(), nodes: new Fixed(snapshotOf([nodeRow], nextVersion())), deployments: new Fixed(), events: new Fixed(), gpuHealth}, {clock: () => 0, frameMs: 1});
	try {
		assert.deepEqual(store.snapshot().rows, []);
		current = {version: 2, problems: [xid], gpusByNode: new Map([['gpu-1', 1]])};
		assert.deepEqual(store.snapshot().rows.map((r) => [r.kind, r.name, r.reason]), [['Node', 'gpu-1', 'GPU 3: XID 79 (fallen off the bus)']]);
		assert.equal(subscribed, 1, 'the store listens to the telemetry');
	} finally {
		store.close();
	}
});
