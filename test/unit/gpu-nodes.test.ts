// GPU node rows: allocation join, status, sharing, MIG, cells.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {gpuNodeRow, gpuNodeRowFromAllocation, gpuNodeRows, type GpuNodeRow} from '../../source/model/gpu.js';
import {gpuNodeColumns, usageBar} from '../../source/model/gpu-columns.js';
import {gpuPod, h100Labels, node, podRow, T0} from './gpu-fixtures.js';

function cells(row: GpuNodeRow): Record<string, string> {
	return Object.fromEntries(gpuNodeColumns.map(column => [column.title, column.cell(row, T0)]));
}

function only<T>(rows: T[]): T {
	assert.equal(rows.length, 1);
	return rows[0]!;
}

const h100 = node('gpu-h100-1', {labels: h100Labels, resources: {'nvidia.com/gpu': 8}, taints: ['nvidia.com/gpu:NoSchedule']});

describe('GPU node rows: allocation', () => {
	const cases: Array<{name: string; pods: ReturnType<typeof gpuPod>[]; allocated: number; pods_: number}> = [
		{name: 'no pods', pods: [], allocated: 0, pods_: 0},
		{name: 'running pods add up', pods: [gpuPod('a', 'gpu-h100-1', 2), gpuPod('b', 'gpu-h100-1', 1)], allocated: 3, pods_: 2},
		{name: 'Succeeded pods hold nothing', pods: [gpuPod('a', 'gpu-h100-1', 2, 'nvidia.com/gpu', {phase: 'Succeeded'})], allocated: 0, pods_: 0},
		{name: 'Failed pods hold nothing', pods: [gpuPod('a', 'gpu-h100-1', 2, 'nvidia.com/gpu', {phase: 'Failed'})], allocated: 0, pods_: 0},
		{name: 'a deleting pod still holds its devices', pods: [gpuPod('a', 'gpu-h100-1', 4, 'nvidia.com/gpu', {deleting: true})], allocated: 4, pods_: 1},
		{name: 'pods on other nodes do not count', pods: [gpuPod('a', 'gpu-h100-2', 4)], allocated: 0, pods_: 0},
		{name: 'pending pods do not count', pods: [gpuPod('a', undefined, 4)], allocated: 0, pods_: 0},
		{
			name: 'pods without accelerators do not count as holders',
			pods: [podRow({name: 'cpu-only', node: 'gpu-h100-1', containers: [{requests: {cpu: '2'}}]})],
			allocated: 0,
			pods_: 0,
		},
		{
			name: 'init peak and sidecar follow the effective-request rule',
			pods: [
				podRow({
					name: 'trainer',
					node: 'gpu-h100-1',
					initContainers: [{restartPolicy: 'Always', limits: {'nvidia.com/gpu': 1}}, {limits: {'nvidia.com/gpu': 4}}],
					containers: [{limits: {'nvidia.com/gpu': 2}}],
				}),
			],
			allocated: 5,
			pods_: 1,
		},
	];
	for (const c of cases) {
		it(c.name, () => {
			const row = only(gpuNodeRows([h100], c.pods));
			assert.equal(row.allocated, c.allocated);
			assert.equal(row.free, 8 - c.allocated);
			assert.equal(row.pods, c.pods_);
		});
	}

	it('never shows negative free when pods outnumber allocatable', () => {
		const shrunk = node('gpu-h100-1', {labels: h100Labels, capacity: {'nvidia.com/gpu': 8}, allocatable: {'nvidia.com/gpu': 2}});
		const row = only(gpuNodeRows([shrunk], [gpuPod('a', 'gpu-h100-1', 4)]));
		assert.equal(row.allocated, 4);
		assert.equal(row.free, 0);
	});

	it('honours user-configured accelerator resources', () => {
		const fpga = node('fpga-1', {resources: {'example.com/fpga': 2}});
		assert.equal(gpuNodeRows([fpga], []).length, 0, 'unknown resource is not an accelerator by default');
		const pod = podRow({name: 'f', node: 'fpga-1', containers: [{limits: {'example.com/fpga': 1}}]});
		const row = only(gpuNodeRows([fpga], [pod], {extraResources: ['example.com/fpga']}));
		assert.equal(row.allocatable, 2);
		assert.equal(row.allocated, 1);
		assert.equal(row.accelerator, 'example.com/fpga');
	});

	it('CPU-only nodes get no row', () => {
		assert.deepEqual(gpuNodeRows([node('cpu-1')], [gpuPod('a', 'cpu-1', 1)]), []);
	});
});

describe('GPU node rows: status', () => {
	const cases: Array<{name: string; input: Parameters<typeof node>[1]; status: string; severity: string; unavailable: boolean}> = [
		{name: 'healthy', input: {labels: h100Labels, resources: {'nvidia.com/gpu': 8}}, status: 'Ready', severity: 'ok', unavailable: false},
		{
			name: 'cordoned',
			input: {labels: h100Labels, resources: {'nvidia.com/gpu': 8}, status: 'Ready,SchedulingDisabled', unschedulable: true},
			status: 'Ready,SchedulingDisabled',
			severity: 'warn',
			unavailable: false,
		},
		{name: 'NotReady', input: {labels: h100Labels, resources: {'nvidia.com/gpu': 8}, status: 'NotReady'}, status: 'NotReady', severity: 'error', unavailable: false},
		{
			name: 'labels but no accelerator resource: device plugin down',
			input: {labels: h100Labels},
			status: 'GPU-UNAVAILABLE,Ready',
			severity: 'error',
			unavailable: true,
		},
		{
			name: 'capacity but allocatable 0: driver failing',
			input: {labels: h100Labels, capacity: {'nvidia.com/gpu': 8}, allocatable: {'nvidia.com/gpu': 0}},
			status: 'GPU-UNAVAILABLE,Ready',
			severity: 'error',
			unavailable: true,
		},
	];
	for (const c of cases) {
		it(c.name, () => {
			const row = gpuNodeRow(node('n', c.input), [])!;
			assert.equal(row.status, c.status);
			assert.equal(row.severity, c.severity);
			assert.equal(row.unavailable, c.unavailable);
			assert.equal(cells(row).STATUS, c.status);
		});
	}
});

describe('GPU node rows: vendors, sharing, MIG and cells', () => {
	it('H100 node: every column', () => {
		const row = only(gpuNodeRows([h100], [gpuPod('a', 'gpu-h100-1', 2), gpuPod('b', 'gpu-h100-1', 2)]));
		assert.deepEqual(cells(row), {
			NODE: 'gpu-h100-1',
			STATUS: 'Ready',
			ACCELERATOR: 'NVIDIA H100-80GB-HBM3',
			MEM: '80Gi',
			CAPACITY: '8',
			ALLOCATABLE: '8',
			ALLOCATED: '4',
			FREE: '4',
			USAGE: ' 50% ████░░░░',
			PODS: '2',
			SHARING: '-',
			MIG: '-',
			'DRIVER/CUDA': '550.54.15/12.4',
			TAINTS: 'nvidia.com/gpu:NoSchedule',
		});
	});

	it('MIG mixed: per-profile allocated/allocatable, totals over slices', () => {
		const a100 = node('gpu-a100-mig', {
			labels: {'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/mig.strategy': 'mixed'},
			resources: {'nvidia.com/mig-1g.10gb': 7, 'nvidia.com/mig-3g.40gb': 2},
		});
		const pods = [
			gpuPod('small-1', 'gpu-a100-mig', 1, 'nvidia.com/mig-1g.10gb'),
			gpuPod('small-2', 'gpu-a100-mig', 1, 'nvidia.com/mig-1g.10gb'),
		];
		const row = only(gpuNodeRows([a100], pods));
		assert.equal(cells(row).MIG, '1g.10gb 2/7, 3g.40gb 0/2');
		assert.equal(row.migStrategy, 'mixed');
		assert.equal(row.allocatable, 9);
		assert.equal(row.allocated, 2);
		assert.equal(row.free, 7);
	});

	it('MIG single: the profile from the product label, counted on nvidia.com/gpu', () => {
		const a100 = node('gpu-a100-single', {
			labels: {'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB-MIG-1g.5gb', 'nvidia.com/mig.strategy': 'single'},
			resources: {'nvidia.com/gpu': 7},
		});
		const row = only(gpuNodeRows([a100], [gpuPod('x', 'gpu-a100-single', 3)]));
		assert.equal(cells(row).MIG, '1g.5gb 3/7');
		assert.equal(cells(row).ACCELERATOR, 'NVIDIA A100-SXM4-40GB');
		assert.equal(row.migStrategy, 'single');
	});

	it('time-slicing without renaming: replicas and physical GPUs', () => {
		const t4 = node('gpu-t4', {
			labels: {'nvidia.com/gpu.product': 'Tesla-T4-SHARED', 'nvidia.com/gpu.sharing-strategy': 'time-slicing', 'nvidia.com/gpu.replicas': '4', 'nvidia.com/gpu.count': '2'},
			resources: {'nvidia.com/gpu': 8},
		});
		const row = only(gpuNodeRows([t4], [gpuPod('a', 'gpu-t4', 1), gpuPod('b', 'gpu-t4', 1), gpuPod('c', 'gpu-t4', 1)]));
		assert.equal(cells(row).SHARING, 'time-slicing×4 (2 phys)');
		assert.equal(row.sharing?.renamed, false);
		assert.equal(cells(row).ACCELERATOR, 'NVIDIA Tesla-T4');
		assert.equal(cells(row).ALLOCATABLE, '8');
		assert.equal(cells(row).ALLOCATED, '3');
		assert.equal(cells(row).PODS, '3');
	});

	it('time-slicing with renaming: nvidia.com/gpu.shared, physical derived from capacity', () => {
		const t4 = node('gpu-t4-shared', {
			labels: {'nvidia.com/gpu.product': 'Tesla-T4', 'nvidia.com/gpu.sharing-strategy': 'time-slicing', 'nvidia.com/gpu.replicas': '4'},
			resources: {'nvidia.com/gpu.shared': 4},
		});
		const row = only(gpuNodeRows([t4], [gpuPod('a', 'gpu-t4-shared', 1, 'nvidia.com/gpu.shared'), gpuPod('b', 'gpu-t4-shared', 1)]));
		assert.equal(cells(row).SHARING, 'time-slicing×4 (1 phys)');
		assert.equal(row.sharing?.renamed, true);
		assert.equal(cells(row).ACCELERATOR, 'NVIDIA Tesla-T4');
		assert.equal(row.resources['nvidia.com/gpu.shared']?.allocated, 1);
		// A pod asking for nvidia.com/gpu on this node is counted under its own resource, not the shared one.
		assert.equal(row.resources['nvidia.com/gpu']?.allocated, 1);
		assert.equal(row.allocated, 2);
	});

	it('MPS sharing', () => {
		const a10 = node('gpu-a10', {
			labels: {'nvidia.com/gpu.product': 'NVIDIA-A10G', 'nvidia.com/gpu.sharing-strategy': 'mps', 'nvidia.com/gpu.replicas': '2'},
			resources: {'nvidia.com/gpu': 2},
		});
		assert.equal(cells(only(gpuNodeRows([a10], []))).SHARING, 'mps×2 (1 phys)');
	});

	it('AMD node', () => {
		const mi = node('gpu-mi300', {labels: {'amd.com/gpu.product-name': 'AMD_Instinct_MI300X', 'amd.com/gpu.vram': '192G'}, resources: {'amd.com/gpu': 8}});
		const row = only(gpuNodeRows([mi], [gpuPod('a', 'gpu-mi300', 8, 'amd.com/gpu')]));
		assert.equal(cells(row).ACCELERATOR, 'AMD Instinct MI300X');
		assert.equal(cells(row).MEM, '192Gi');
		assert.equal(cells(row).FREE, '0');
		assert.equal(cells(row).USAGE, '100% ████████');
		assert.equal(cells(row)['DRIVER/CUDA'], '-');
	});

	const unlabelled: Array<[string, string, string]> = [
		['habana.ai/gaudi', 'Habana Gaudi', 'Habana'],
		['aws.amazon.com/neuroncore', 'AWS NeuronCore', 'AWS'],
		['google.com/tpu', 'Google TPU', 'Google'],
		['gpu.intel.com/i915', 'Intel', 'Intel'],
		['nvidia.com/gpu', 'NVIDIA', 'NVIDIA'],
	];
	for (const [resource, accelerator, vendor] of unlabelled) {
		it(`unlabelled node with ${resource}`, () => {
			const row = only(gpuNodeRows([node('x', {resources: {[resource]: 4}})], [gpuPod('p', 'x', 1, resource)]));
			assert.equal(row.accelerator, accelerator);
			assert.equal(row.vendor, vendor);
			assert.equal(row.allocated, 1);
		});
	}

	it('usage bar: proportions, ASCII fallback, nothing for no capacity', () => {
		assert.equal(usageBar(0, 8), '░░░░░░░░');
		assert.equal(usageBar(1, 3, 6), '██░░░░');
		assert.equal(usageBar(9, 8), '████████');
		assert.equal(usageBar(2, 8, 4, true), '#...');
		assert.equal(usageBar(0, 0), '');
	});

	it('sorts numerically by FREE', () => {
		const column = gpuNodeColumns.find(c => c.id === 'free')!;
		const row = only(gpuNodeRows([h100], [gpuPod('a', 'gpu-h100-1', 3)]));
		assert.equal(column.sortValue?.(row, T0), 5);
	});
});

describe('GPU node rows from a summed allocation (the nodes ⋈ pods join)', () => {
	it('matches the pod-based row except for the holder count', () => {
		const pods = [gpuPod('a', 'gpu-h100-1', 2), gpuPod('b', 'gpu-h100-1', 1)];
		const fromPods = gpuNodeRow(h100, pods)!;
		const fromJoin = gpuNodeRowFromAllocation(h100, {'nvidia.com/gpu': 3}, undefined)!;
		assert.deepEqual({...fromJoin, pods: 2}, fromPods);
		assert.equal(cells(fromJoin).PODS, '-');
		assert.equal(cells(fromJoin).ALLOCATED, '3');
	});

	it('ignores non-accelerator resources and zero entries in the allocation', () => {
		const row = gpuNodeRowFromAllocation(h100, {cpu: 12, 'amd.com/gpu': 0}, 0)!;
		assert.deepEqual(Object.keys(row.resources), ['nvidia.com/gpu']);
		assert.equal(row.allocated, 0);
	});
});
