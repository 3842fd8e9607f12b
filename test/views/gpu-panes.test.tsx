// The GPU panes inside the real App shell, fed by a fake session's stores: what an SRE sees
// on :gpu and :gpupending, live updates, and Enter into a node's holders.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../views/App.js';
import {createGpuPanes, pendingSummaryText} from '../../source/ui/panes/gpuPanes.js';
import {projectNode, type NodeRow} from '../../source/model/nodes.js';
import type {PodRow} from '../../source/model/pods.js';
import type {KubeObject} from '../../source/model/types.js';
import {allocationByNode} from '../../source/store/derived.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import {gpuNodeRows} from '../../source/model/gpu.js';
import {gpuPendingRows} from '../../source/model/gpu-triage.js';
import {gpuSummary} from '../../source/model/gpu-summary.js';
import {FakeSession, NOW, defaultKeymap, driven, keys, renderProbe} from './fakes.js';
import {gpuPod, h100Labels} from '../unit/gpu-fixtures.js';

const keymap = defaultKeymap();
// The registry the App builds for itself: the core panes, the GPU ones, and the pods pane's h toggle.
const panes = defaultPanes();

function nodeObject(name: string, labels: Record<string, string>, resources: Record<string, string>, extra: {unschedulable?: boolean; taints?: Array<{key: string; effect: string; value?: string}>} = {}): KubeObject {
	const base = {cpu: '96', memory: '1Ti', pods: '110'};
	const spec: Record<string, unknown> = {};
	if (extra.unschedulable) spec.unschedulable = true;
	if (extra.taints) spec.taints = extra.taints;
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {name, uid: `node-${name}`, labels, creationTimestamp: new Date(NOW - 86_400_000).toISOString()},
		spec,
		status: {
			capacity: {...base, ...resources},
			allocatable: {...base, ...resources},
			conditions: [{type: 'Ready', status: 'True'}],
		},
	};
}

const nodeObjects = [
	nodeObject('gpu-h100-1', h100Labels, {'nvidia.com/gpu': '8'}, {taints: [{key: 'nvidia.com/gpu', effect: 'NoSchedule'}]}),
	nodeObject('gpu-a100-mig', {'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/mig.strategy': 'mixed'}, {'nvidia.com/mig-1g.10gb': '7', 'nvidia.com/mig-3g.40gb': '2'}),
	nodeObject('gpu-t4-shared', {'nvidia.com/gpu.product': 'Tesla-T4-SHARED', 'nvidia.com/gpu.sharing-strategy': 'time-slicing', 'nvidia.com/gpu.replicas': '4', 'nvidia.com/gpu.count': '2'}, {'nvidia.com/gpu': '8'}),
	nodeObject('gpu-mi300', {'amd.com/gpu.product-name': 'AMD_Instinct_MI300X', 'amd.com/gpu.vram': '192G'}, {'amd.com/gpu': '8'}, {unschedulable: true}),
	nodeObject('gpu-h100-broken', h100Labels, {}),
	nodeObject('cpu-1', {}, {}),
];

/** What the data layer's nodes ⋈ pods join delivers. */
function joinedNodes(pods: readonly PodRow[]): NodeRow[] {
	const allocation = allocationByNode(pods);
	return nodeObjects.map((object) => {
		const node = projectNode(object);
		const joined = allocation.get(node.name);
		return {...node, gpuAllocated: joined?.allocated ?? {}, gpuPods: joined?.pods ?? 0};
	});
}

const pendingMessage = '0/6 nodes are available: 1 Insufficient nvidia.com/gpu, 5 node(s) didn\'t match Pod\'s node affinity/selector.';

function cluster(): {session: FakeSession; pods: PodRow[]} {
	const pods = [
		gpuPod('llm-0', 'gpu-h100-1', 4, 'nvidia.com/gpu', {namespace: 'inference', createdAt: NOW - 3_600_000}),
		gpuPod('llm-1', 'gpu-h100-1', 2, 'nvidia.com/gpu', {namespace: 'inference'}),
		gpuPod('notebook', 'gpu-a100-mig', 1, 'nvidia.com/mig-1g.10gb', {namespace: 'research'}),
		gpuPod('batch', 'gpu-t4-shared', 3, 'nvidia.com/gpu', {namespace: 'batch'}),
		gpuPod('train-big', undefined, 8, 'nvidia.com/gpu', {namespace: 'training', unschedulable: {message: pendingMessage, since: NOW - 720_000}}),
	];
	const session = new FakeSession(undefined);
	session.setRows('pods', pods);
	session.setRows('nodes', joinedNodes(pods));
	return {session, pods};
}

function start(session: FakeSession, initialView: 'gpu' | 'gpupending' | 'pods', columns = 260) {
	const probe = renderProbe();
	const instance = render(
		<App
			session={session}
			keymap={keymap}
			settings={{}}
			readonly={false}
			panes={panes}
			initialView={initialView}
			size={{columns, rows: 24}}
			clock={() => NOW}
			onExit={() => {}}
			onSwitchContext={() => {}}
			probe={probe}
		/>,
	);
	const app = driven(instance, probe);
	const line = (needle: string) => app.frame().split('\n').find((l) => l.includes(needle)) ?? '';
	return {...app, line};
}

test(':gpu lists only accelerator nodes, with the columns an SRE needs', async (t) => {
	const {session} = cluster();
	const app = start(session, 'gpu');
	t.after(() => app.unmount());
	await app.settle();
	const frame = app.frame();
	assert.match(frame, /gpu\[5\]/, 'five GPU nodes, the CPU node left out');
	assert.doesNotMatch(frame, /cpu-1/);
	const header = app.line('NODE');
	for (const title of ['NODE', 'STATUS', 'HEALTH', 'ACCELERATOR', 'MEM', 'ALLOCATABLE', 'ALLOCATED', 'FREE', 'USAGE', 'PODS', 'SHARING', 'MIG']) {
		assert.match(header, new RegExp(`\\b${title}\\b`), title);
	}
	for (const title of ['CAPACITY', 'DRIVER/CUDA', 'TAINTS']) assert.ok(!header.includes(title), `${title} waits for wide mode`);
	// HEALTH reads '-' while no DCGM exporter reports on the node (this session has no telemetry).
	assert.match(app.line('gpu-h100-1 '), /Ready\s+-\s+NVIDIA H100-80GB-HBM3\s+80Gi\s+8\s+6\s+2\s+75% ██████░░/);
	assert.match(app.line('gpu-a100-mig'), /1g\.10gb 1\/7, 3g\.40gb 0\/2/);
	assert.match(app.line('gpu-t4-shared'), /NVIDIA Tesla-T4 .*time-slicing×4 \(2 phys\)/);
	assert.match(app.line('gpu-mi300'), /Ready,SchedulingDisabled\s+-\s+AMD Instinct MI300X\s+192Gi/);
	assert.match(app.line('gpu-h100-broken'), /GPU-UNAVAILABLE,Ready/);
	await app.press(keys.ctrl('w'));
	await app.until(() => app.line('NODE').includes('TAINTS'));
	assert.match(app.line('NODE'), /CAPACITY\s+ALLOCATABLE.*DRIVER\/CUDA\s+TAINTS/);
	assert.match(app.line('gpu-h100-1 '), /80Gi\s+8\s+8\s+6\s+2\s/);
	assert.match(app.line('gpu-h100-1 '), /550\.54\.15\/12\.4\s+nvidia\.com\/gpu:NoSchedule/);
});

test(':gpu shows the summary line above the table', async (t) => {
	const {session} = cluster();
	const app = start(session, 'gpu');
	t.after(() => app.unmount());
	await app.settle();
	assert.match(app.frame(), /26\+ devices: 10\/33 units allocated · 15 free \(\+8 on unusable nodes\)/);
	assert.match(app.frame(), /\(\+8 on unusable nodes\) │ 1 node GPU-UNAVAILABLE │ 1 node cordoned │ 1 pod pending for 8 accelerators │ AMD Instinct MI300X 0 free of 8/);
});

test(':gpu PODS counts the holder pods per node from the join', async (t) => {
	const {session} = cluster();
	const app = start(session, 'gpu');
	t.after(() => app.unmount());
	await app.settle();
	const header = app.line('NODE');
	const podsAt = header.indexOf('PODS') + 'PODS'.length;
	const podsCell = (name: string) => app.line(`${name} `).slice(0, podsAt).trim().split(/\s+/).at(-1);
	assert.equal(podsCell('gpu-h100-1'), '2');
	assert.equal(podsCell('gpu-a100-mig'), '1');
	assert.equal(podsCell('gpu-mi300'), '0');
});

test('p on :gpu opens the pending pods; Esc comes back to :gpu', async (t) => {
	const {session} = cluster();
	const app = start(session, 'gpu');
	t.after(() => app.unmount());
	await app.settle();
	await app.press('p');
	await app.until(() => /gpupending\(all\)\[1\]/.test(app.frame()));
	assert.match(app.line('train-big'), /training\s+train-big\s+8/);
	await app.press(keys.esc);
	await app.until(() => /gpu\[5\]/.test(app.frame()));
});

test('h on :gpu toggles to the nodes with accelerators allocated, and back', async (t) => {
	const {session} = cluster();
	const app = start(session, 'gpu');
	t.after(() => app.unmount());
	await app.settle();
	await app.press('h');
	await app.until(() => /gpu\[3\] <allocated only>/.test(app.frame()));
	assert.doesNotMatch(app.frame(), /gpu-mi300|gpu-h100-broken/);
	assert.match(app.frame(), /gpu-t4-shared/);
	await app.press('h');
	await app.until(() => /gpu\[5\]/.test(app.frame()));
	assert.match(app.frame(), /gpu-mi300/);
});

test('h in the pods pane shows only pods holding accelerators', async (t) => {
	const {session, pods} = cluster();
	session.setRows('pods', [...pods, gpuPod('web', 'cpu-1', 0, 'nvidia.com/gpu', {namespace: 'shop'})]);
	const app = start(session, 'pods');
	t.after(() => app.unmount());
	await app.settle();
	await app.press('0');
	await app.until(() => /pods\(all\)\[6\]/.test(app.frame()));
	await app.press('h');
	await app.until(() => /pods\(all\)\[4\] <GPU holders only>/.test(app.frame()));
	assert.doesNotMatch(app.frame(), /train-big|\bweb\b/, 'neither the pending pod nor the CPU pod holds any');
	for (const name of ['llm-0', 'llm-1', 'notebook', 'batch']) assert.match(app.frame(), new RegExp(name));
});

test(':gpu follows the stores live: a new holder lowers FREE without any polling', async (t) => {
	const {session, pods} = cluster();
	const app = start(session, 'gpu');
	t.after(() => app.unmount());
	await app.settle();
	assert.match(app.line('gpu-h100-1 '), /80Gi\s+8\s+6\s+2\s/);
	const more = [...pods, gpuPod('llm-2', 'gpu-h100-1', 2, 'nvidia.com/gpu', {namespace: 'inference'})];
	session.setRows('pods', more);
	session.setRows('nodes', joinedNodes(more));
	await app.until(() => /80Gi\s+8\s+8\s+0\s/.test(app.line('gpu-h100-1 ')));
	assert.match(app.line('gpu-h100-1 '), /80Gi\s+8\s+8\s+0\s+100% ████████/);
});

test('Enter on a GPU node opens every pod on it, cluster-wide, the holders marked in GPU (issues 5, 14)', async (t) => {
	const {session, pods} = cluster();
	// On the node but holding no accelerator: listed too (a failing daemon there matters), no GPU count.
	session.setRows('pods', [...pods, gpuPod('log-agent', 'gpu-h100-1', 0, 'nvidia.com/gpu', {namespace: 'kube-system'})]);
	const app = start(session, 'gpu');
	t.after(() => app.unmount());
	await app.settle();
	// Rows sort by name: gpu-a100-mig, gpu-h100-1, ... — move to gpu-h100-1, then open it.
	await app.press('j');
	await app.until(() => /^> gpu-h100-1 /m.test(app.frame()));
	// Let the App commit the new selection before Enter (its key handler is re-bound after each render).
	await app.settle();
	await app.press(keys.enter);
	await app.until(() => /node\/gpu-h100-1/.test(app.frame()));
	const frame = app.frame();
	assert.match(frame, /pods\(all\)\[3\] <node\/gpu-h100-1>/);
	assert.match(app.line('NAMESPACE'), /NAMESPACE\s+NAME\s+.*\bGPU\b/);
	assert.match(app.line('llm-0'), /inference\s+llm-0\s.*gpu-h100-1\s+4\b/);
	assert.match(app.line('llm-1'), /inference\s+llm-1\s.*gpu-h100-1\s+2\b/);
	assert.match(app.line('log-agent'), /kube-system\s+log-agent\s.*gpu-h100-1\s*$/);
	assert.doesNotMatch(frame, /notebook/);
	await app.press(keys.esc);
	await app.until(() => /gpu\[5\]/.test(app.frame()));
});

test(':gpupending lists unschedulable accelerator pods with the scheduler message', async (t) => {
	const {session} = cluster();
	const app = start(session, 'gpupending');
	t.after(() => app.unmount());
	await app.settle();
	const frame = app.frame();
	assert.match(frame, /gpupending\(all\)\[1\]/);
	assert.match(frame, /1 pod pending for 8 accelerators · longest waiting 12m/);
	assert.match(app.line('train-big'), /training\s+train-big\s+8\s+gpu:8\s+12m\s+0\/6: 1 Insufficient nvidia\.com\/gpu, 5 node/);
	assert.doesNotMatch(frame, /llm-0/);
});

test('pending summary text', () => {
	assert.equal(pendingSummaryText([], NOW), 'no pods pending for accelerators');
});

test('label text cannot reach the terminal raw through the summary line', async (t) => {
	const session = new FakeSession(undefined);
	const hostile: NodeRow = {...projectNode(nodeObject('evil', {'nvidia.com/gpu.product': 'H100\u001b]0;pwned\u0007\u001b[2J'}, {'nvidia.com/gpu': '1'})), gpuAllocated: {}};
	session.setRows('pods', []);
	session.setRows('nodes', [hostile]);
	const app = start(session, 'gpu');
	t.after(() => app.unmount());
	await app.settle();
	const summaryLine = app.line('allocated');
	assert.match(summaryLine, /1 device: 0\/1 units allocated/);
	assert.doesNotMatch(summaryLine, /\u001b|\u0007/);
});

test('holder and allocation predicates and the holder columns over pod rows', () => {
	const gpu = createGpuPanes();
	const {pods} = cluster();
	const nodes = joinedNodes(pods);
	assert.deepEqual(
		nodes.filter(gpu.nodeHasAllocation).map((n) => n.name),
		['gpu-h100-1', 'gpu-a100-mig', 'gpu-t4-shared'],
	);
	assert.deepEqual(
		pods.filter(gpu.holdsAccelerators).map((p) => p.name),
		['llm-0', 'llm-1', 'notebook', 'batch'],
	);
	const llm0 = pods[0]!;
	assert.deepEqual(gpu.holderColumns.map((c) => c.cell(llm0, NOW)), ['inference', 'llm-0', 'gpu:4', '60m', 'Running', '-']);
	assert.equal(gpu.gpuRowOf(nodes[5]!), undefined, 'the CPU node has no GPU row');
	assert.equal(gpu.gpuRowOf(nodes[0]!), gpu.gpuRowOf(nodes[0]!), 'projected once per row object');
});

test('user-configured accelerator resources count in the panes', () => {
	const fpgaNode: NodeRow = {...projectNode(nodeObject('fpga-1', {}, {'example.com/fpga': '4'})), gpuAllocated: {'example.com/fpga': 1}};
	const waiting = gpuPod('synth', undefined, 2, 'example.com/fpga', {unschedulable: {message: '0/1 nodes are available: 1 Insufficient example.com/fpga.', since: NOW}});
	const plain = createGpuPanes();
	assert.equal(plain.gpuRowOf(fpgaNode), undefined, 'not an accelerator by default');
	const configured = createGpuPanes({extraResources: ['example.com/fpga']});
	const row = configured.gpuRowOf(fpgaNode)!;
	assert.equal(row.allocatable, 4);
	assert.equal(row.allocated, 1);
	const pending = configured.panes.find((p) => p.id === 'gpupending')!;
	assert.equal(pending.include!(waiting), true);
	assert.equal(plain.panes.find((p) => p.id === 'gpupending')!.include!(waiting), false);
	assert.equal(pending.columns.find((c) => c.id === 'devices')!.cell(waiting, NOW), 'fpga:2');
});
