// Holders, pending-for-accelerators (with the FailedScheduling join) and the summary.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {condenseSchedulerMessage, gpuHolderColumns, gpuHolders, gpuPendingColumns, gpuPendingRows, ownerText, type GpuEventInput} from '../../source/model/gpu-triage.js';
import {gpuNodeRows} from '../../source/model/gpu.js';
import {formatGpuSummary, gpuSummary} from '../../source/model/gpu-summary.js';
import {gpuPod, h100Labels, node, podRow, T0} from './gpu-fixtures.js';

const rs = {kind: 'ReplicaSet', name: 'llm-7d9f', uid: 'rs-1', controller: true};
const minute = 60_000;

describe('gpuHolders', () => {
	const pods = [
		gpuPod('young', 'n1', 1, 'nvidia.com/gpu', {createdAt: T0 + 5 * minute, owner: rs}),
		gpuPod('old', 'n1', 2, 'nvidia.com/gpu', {createdAt: T0, namespace: 'research'}),
		gpuPod('elsewhere', 'n2', 4),
		gpuPod('done', 'n1', 4, 'nvidia.com/gpu', {phase: 'Succeeded'}),
		gpuPod('leaving', 'n1', 1, 'nvidia.com/gpu', {deleting: true, createdAt: T0 + minute}),
		podRow({name: 'cpu', node: 'n1', containers: [{requests: {cpu: '1'}}]}),
	];
	const rows = gpuHolders('n1', pods);

	it('lists only the pods holding accelerators on the node, oldest first', () => {
		assert.deepEqual(
			rows.map(r => r.name),
			['old', 'leaving', 'young'],
		);
	});

	it('renders namespace, pod, devices, age, status, owner', () => {
		const text = (i: number) => gpuHolderColumns.map(c => c.cell(rows[i]!, T0 + 10 * minute));
		assert.deepEqual(text(0), ['research', 'old', 'gpu:2', '10m', 'Running', '-']);
		assert.deepEqual(text(2), ['ml', 'young', 'gpu:1', '5m', 'Running', 'ReplicaSet/llm-7d9f']);
		assert.equal(rows[1]!.status, 'Terminating');
		assert.equal(rows[0]!.uid, 'uid-old', 'the uid is the pod uid, so Enter can find it in the pods pane');
	});

	it('prefers the controller owner', () => {
		assert.equal(ownerText([{kind: 'Node', name: 'x', uid: '1'}, rs]), 'ReplicaSet/llm-7d9f');
		assert.equal(ownerText([]), '-');
	});
});

describe('gpuPendingRows', () => {
	const waiting = (name: string, since: number, resource = 'nvidia.com/gpu', count = 2, uid?: string) =>
		gpuPod(name, undefined, count, resource, {
			unschedulable: {message: '0/5 nodes are available: 5 Insufficient nvidia.com/gpu.', since},
			...(uid ? {uid} : {}),
		});
	const pods = [
		waiting('llm-b', T0 + 2 * minute),
		waiting('llm-a', T0, 'nvidia.com/mig-1g.10gb', 1),
		podRow({name: 'cpu-wait', containers: [{requests: {cpu: '64'}}], unschedulable: {message: 'Insufficient cpu', since: T0}}),
		gpuPod('running', 'n1', 1),
		gpuPod('just-created', undefined, 1), // no PodScheduled condition yet: not rejected
	];
	const events: GpuEventInput[] = [
		{reason: 'FailedScheduling', message: 'older message', involved: {kind: 'Pod', namespace: 'ml', name: 'llm-b', uid: 'uid-llm-b'}, lastSeen: T0 + 3 * minute},
		{reason: 'FailedScheduling', message: '0/5 nodes: 3 Insufficient nvidia.com/gpu, 2 node(s) had untolerated taint', involved: {kind: 'Pod', namespace: 'ml', name: 'llm-b', uid: 'uid-llm-b'}, lastSeen: T0 + 4 * minute},
		{reason: 'Scheduled', message: 'not this one', involved: {kind: 'Pod', namespace: 'ml', name: 'llm-a', uid: 'uid-llm-a'}, lastSeen: T0 + 9 * minute},
		// Same name, a previous incarnation of the pod: must not be shown for the new one.
		{reason: 'FailedScheduling', message: 'stale', involved: {kind: 'Pod', namespace: 'ml', name: 'llm-a', uid: 'old-uid'}, lastSeen: T0 + 9 * minute},
	];
	const rows = gpuPendingRows(pods, events);

	it('keeps only unschedulable pods that ask for accelerators, longest waiting first', () => {
		assert.deepEqual(
			rows.map(r => r.name),
			['llm-a', 'llm-b'],
		);
	});

	it('joins the newest FailedScheduling message by uid', () => {
		assert.equal(rows[1]!.message, '0/5 nodes: 3 Insufficient nvidia.com/gpu, 2 node(s) had untolerated taint');
	});

	it('falls back to the PodScheduled message, ignoring events of another uid', () => {
		assert.equal(rows[0]!.message, '0/5 nodes are available: 5 Insufficient nvidia.com/gpu.');
	});

	it('joins by name when the event carries no uid', () => {
		const [row] = gpuPendingRows([waiting('x', T0)], [{reason: 'FailedScheduling', message: 'by name', involved: {namespace: 'ml', name: 'x'}, lastSeen: T0}]);
		assert.equal(row!.message, 'by name');
	});

	it('renders count, resource, waiting time and message', () => {
		const text = gpuPendingColumns.filter(c => !c.wide).map(c => c.cell(rows[0]!, T0 + 90 * minute));
		assert.deepEqual(text, ['ml', 'llm-a', '1', 'mig-1g.10gb:1', '90m', '0/5: 5 Insufficient nvidia.com/gpu']);
	});

	it('flattens multi-line scheduler messages', () => {
		const [row] = gpuPendingRows([waiting('y', T0)], [{reason: 'FailedScheduling', message: 'line one\nline two', involved: {name: 'y', namespace: 'ml'}}]);
		assert.equal(gpuPendingColumns.find(c => c.id === 'message')!.cell(row!, T0), 'line one line two');
	});
});

describe('condenseSchedulerMessage', () => {
	const table: Array<[string, string, string]> = [
		[
			'accelerator shortage first, then by node count, no preemption postscript',
			"0/10 nodes are available: 1 node(s) had untolerated taint {amd.com/gpu: }, 2 Insufficient nvidia.com/gpu, 5 node(s) didn't match Pod's node affinity/selector. preemption: 0/10 nodes are available: 2 No preemption victims found for incoming pod, 8 Preemption is not helpful for scheduling.",
			"0/10: 2 Insufficient nvidia.com/gpu, 5 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {amd.com/gpu: }",
		],
		[
			'accelerators ahead of cpu and memory shortages',
			'0/4 nodes are available: 3 Insufficient cpu, 1 Insufficient nvidia.com/mig-1g.10gb, 2 Insufficient memory.',
			'0/4: 1 Insufficient nvidia.com/mig-1g.10gb, 3 Insufficient cpu, 2 Insufficient memory',
		],
		['other shapes pass through, flattened', 'running PreBind plugin "VolumeBinding":\n  binding volumes: timed out', 'running PreBind plugin "VolumeBinding": binding volumes: timed out'],
		['empty stays empty', '', ''],
	];
	for (const [name, input, want] of table) it(name, () => assert.equal(condenseSchedulerMessage(input), want));
});

describe('gpuSummary', () => {
	const nodes = [
		node('h1', {labels: h100Labels, resources: {'nvidia.com/gpu': 8}}),
		node('h2', {labels: h100Labels, resources: {'nvidia.com/gpu': 8}, status: 'Ready,SchedulingDisabled', unschedulable: true}),
		node('h3', {labels: h100Labels}),
		node('mig', {labels: {'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/mig.strategy': 'mixed'}, resources: {'nvidia.com/mig-1g.10gb': 7, 'nvidia.com/mig-3g.40gb': 2}}),
		node('t4', {labels: {'nvidia.com/gpu.product': 'Tesla-T4', 'nvidia.com/gpu.sharing-strategy': 'time-slicing', 'nvidia.com/gpu.replicas': '4'}, resources: {'nvidia.com/gpu': 4}}),
		node('cpu'),
	];
	const pods = [gpuPod('a', 'h1', 6), gpuPod('b', 'h2', 2), gpuPod('c', 'mig', 1, 'nvidia.com/mig-3g.40gb'), gpuPod('d', 't4', 3)];
	const pending = gpuPendingRows(
		[gpuPod('w', undefined, 4, 'nvidia.com/gpu', {unschedulable: {message: 'Insufficient nvidia.com/gpu', since: T0}})],
		[],
	);
	const summary = gpuSummary(gpuNodeRows(nodes, pods), pending);

	it('totals allocated and free, free only where pods can land', () => {
		assert.equal(summary.allocatable, 8 + 8 + 9 + 4);
		assert.equal(summary.allocated, 6 + 2 + 1 + 3);
		assert.equal(summary.free, 2 + 8 + 1);
		assert.equal(summary.unusable, 6, 'the cordoned node’s free GPUs are not offered as free');
	});

	it('breaks totals down by model and unit', () => {
		assert.deepEqual(
			summary.byModel.map(m => [m.model, m.allocated, m.allocatable, m.free, m.nodes]),
			[
				['NVIDIA A100-SXM4-80GB mig-1g.10gb', 0, 7, 7, 1],
				['NVIDIA A100-SXM4-80GB mig-3g.40gb', 1, 2, 1, 1],
				['NVIDIA H100-80GB-HBM3', 8, 16, 2, 2],
				['NVIDIA Tesla-T4 (shared)', 3, 4, 1, 1],
			],
		);
	});

	it('counts problem nodes and pending pods', () => {
		assert.equal(summary.nodes, 5);
		assert.equal(summary.nodesUnavailable, 1);
		assert.equal(summary.nodesCordoned, 1);
		assert.equal(summary.nodesNotReady, 0);
		assert.equal(summary.pendingPods, 1);
		assert.equal(summary.pendingDevices, 4);
	});

	it('counts physical devices apart from schedulable units', () => {
		// H100s: count label 8 each; T4: 4 replicas of 1 GPU; the MIG node has no count label.
		assert.equal(summary.devices, 8 + 8 + 8 + 1);
		assert.equal(summary.devicesUnknown, 1);
	});

	it('formats one line that reads without colour', () => {
		const line = formatGpuSummary(summary);
		assert.match(line, /^25\+ devices: 12\/29 units allocated · 11 free \(\+6 on unusable nodes\) │ 1 node GPU-UNAVAILABLE │ 1 node cordoned │ 1 pod pending for 4 accelerators │ /);
		assert.match(line, /NVIDIA H100-80GB-HBM3 2 free of 16 · NVIDIA Tesla-T4 \(shared\) 1 free of 4$/);
	});

	it('MIG single and NotReady nodes: per-profile totals, free not offered', () => {
		const single = node('a100-single', {
			labels: {'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB-MIG-1g.5gb', 'nvidia.com/mig.strategy': 'single'},
			resources: {'nvidia.com/gpu': 7},
		});
		const down = node('h-down', {labels: h100Labels, resources: {'nvidia.com/gpu': 8}, status: 'NotReady'});
		const s = gpuSummary(gpuNodeRows([single, down], [gpuPod('x', 'a100-single', 2), gpuPod('y', 'h-down', 1)]), []);
		assert.deepEqual(
			s.byModel.map(m => [m.model, m.allocated, m.allocatable, m.free]),
			[
				['NVIDIA A100-SXM4-40GB mig-1g.5gb', 2, 7, 5],
				['NVIDIA H100-80GB-HBM3', 1, 8, 0],
			],
		);
		assert.equal(s.unusable, 7);
		assert.equal(s.nodesNotReady, 1);
		assert.match(formatGpuSummary(s), /1 node NotReady/);
	});

	it('an empty cluster says so plainly', () => {
		assert.equal(formatGpuSummary(gpuSummary([], [])), '0 devices: 0/0 units allocated · 0 free');
	});
});
