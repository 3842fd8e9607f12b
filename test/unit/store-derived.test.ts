import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createRowStore} from '../../source/store/rowStore.js';
import {NodesWithAllocation, StoreHandle, acceleratorsByNode, allocationByNode} from '../../source/store/derived.js';
import {forbiddenMessage} from '../../source/kube/watchStatus.js';
import type {PodRow} from '../../source/model/pods.js';
import type {NodeRow} from '../../source/model/nodes.js';
import type {BaseRow} from '../../source/model/types.js';

function pod(uid: string, node: string | undefined, accelerators: Record<string, number>, phase = 'Running'): PodRow {
	return {
		kind: 'Pod',
		uid,
		name: uid,
		namespace: 'ml',
		severity: 'ok',
		phase,
		ready: '1/1',
		status: phase,
		restarts: 0,
		node,
		qos: 'Guaranteed',
		requests: {...accelerators},
		accelerators,
		owners: [],
		containers: ['main'],
		deleting: false,
	};
}

function node(name: string): NodeRow {
	return {
		kind: 'Node',
		uid: `uid-${name}`,
		name,
		severity: 'ok',
		status: 'Ready',
		ready: true,
		unschedulable: false,
		roles: [],
		version: 'v1.31.0',
		allocatable: {'nvidia.com/gpu': 8},
		capacity: {'nvidia.com/gpu': 8},
		taints: [],
		pressures: [],
	};
}

const allocationCases: Array<{name: string; pods: PodRow[]; want: Record<string, Record<string, number>>}> = [
	{name: 'no pods', pods: [], want: {}},
	{name: 'sums per node and resource', pods: [pod('a', 'n1', {'nvidia.com/gpu': 2}), pod('b', 'n1', {'nvidia.com/gpu': 1}), pod('c', 'n2', {'amd.com/gpu': 4})], want: {n1: {'nvidia.com/gpu': 3}, n2: {'amd.com/gpu': 4}}},
	{name: 'MIG profiles kept apart', pods: [pod('a', 'n1', {'nvidia.com/mig-1g.10gb': 2}), pod('b', 'n1', {'nvidia.com/mig-3g.40gb': 1})], want: {n1: {'nvidia.com/mig-1g.10gb': 2, 'nvidia.com/mig-3g.40gb': 1}}},
	{name: 'finished pods release their GPUs', pods: [pod('a', 'n1', {'nvidia.com/gpu': 2}, 'Succeeded'), pod('b', 'n1', {'nvidia.com/gpu': 1}, 'Failed')], want: {}},
	{name: 'pending unscheduled pods hold nothing', pods: [pod('a', undefined, {'nvidia.com/gpu': 2}, 'Pending')], want: {}},
	{name: 'pending pods bound to a node hold their GPUs', pods: [pod('a', 'n1', {'nvidia.com/gpu': 2}, 'Pending')], want: {n1: {'nvidia.com/gpu': 2}}},
	{name: 'pods without accelerators add nothing', pods: [pod('a', 'n1', {})], want: {}},
];

for (const c of allocationCases) {
	test(`acceleratorsByNode: ${c.name}`, () => {
		assert.deepEqual(Object.fromEntries(acceleratorsByNode(c.pods)), c.want);
	});
}

const holderCases: Array<{name: string; pods: PodRow[]; extra?: string[]; want: Record<string, {allocated: Record<string, number>; pods: number}>}> = [
	{name: 'counts each holder once', pods: [pod('a', 'n1', {'nvidia.com/gpu': 2}), pod('b', 'n1', {'nvidia.com/mig-1g.10gb': 1, 'nvidia.com/gpu': 1}), pod('c', 'n1', {})], want: {n1: {allocated: {'nvidia.com/gpu': 3, 'nvidia.com/mig-1g.10gb': 1}, pods: 2}}},
	{name: 'terminal pods are not holders', pods: [pod('a', 'n1', {'nvidia.com/gpu': 2}, 'Succeeded'), pod('b', 'n2', {'nvidia.com/gpu': 1})], want: {n2: {allocated: {'nvidia.com/gpu': 1}, pods: 1}}},
	{
		name: 'extra accelerator names come from the requests',
		pods: [{...pod('a', 'n1', {}), requests: {'example.com/fpga': 2, cpu: 1}}],
		extra: ['example.com/fpga'],
		want: {n1: {allocated: {'example.com/fpga': 2}, pods: 1}},
	},
	{name: 'without the setting an unknown resource is no accelerator', pods: [{...pod('a', 'n1', {}), requests: {'example.com/fpga': 2}}], want: {}},
];

for (const c of holderCases) {
	test(`allocationByNode: ${c.name}`, () => {
		assert.deepEqual(Object.fromEntries(allocationByNode(c.pods, {extraResources: c.extra})), c.want);
	});
}

test('NodesWithAllocation fills gpuPods and uses the extra accelerator names', () => {
	const nodes = createRowStore<NodeRow>({frameMs: 5});
	const pods = createRowStore<PodRow>({frameMs: 5});
	nodes.upsert(node('n1'));
	pods.upsert(pod('a', 'n1', {'nvidia.com/gpu': 1}));
	pods.upsert({...pod('b', 'n1', {}), requests: {'example.com/fpga': 1}});
	const joined = new NodesWithAllocation(nodes, pods, 5, {extraResources: ['example.com/fpga']});
	const row = joined.snapshot().byUid.get('uid-n1');
	assert.equal(row?.gpuPods, 2);
	assert.deepEqual(row?.gpuAllocated, {'nvidia.com/gpu': 1, 'example.com/fpga': 1});
	pods.remove('a');
	assert.equal(joined.snapshot().byUid.get('uid-n1')?.gpuPods, 1, 'removing a holder updates the count');
	joined.close();
});

test('NodesWithAllocation joins live and keeps unchanged rows identical', (t) => {
	// Frames on a mocked clock: notification counts are facts, not races with a loaded machine.
	t.mock.timers.enable({apis: ['setTimeout']});
	const nodes = createRowStore<NodeRow>({frameMs: 5});
	const pods = createRowStore<PodRow>({frameMs: 5});
	nodes.upsert(node('n1'));
	nodes.upsert(node('n2'));
	const joined = new NodesWithAllocation(nodes, pods, 5);
	let notified = 0;
	joined.subscribe(() => notified++);
	const first = joined.snapshot();
	assert.deepEqual(first.rows.map((r) => r.gpuAllocated), [{}, {}]);
	assert.equal(joined.snapshot(), first, 'cached while neither source changed');

	pods.upsert(pod('a', 'n1', {'nvidia.com/gpu': 2}));
	t.mock.timers.tick(5); // the pods store's frame
	t.mock.timers.tick(5); // then the join's own
	assert.ok(notified >= 1, 'a pod change notifies the joined store');
	const second = joined.snapshot();
	assert.deepEqual(second.byUid.get('uid-n1')?.gpuAllocated, {'nvidia.com/gpu': 2});
	assert.equal(second.byUid.get('uid-n2'), first.byUid.get('uid-n2'), 'n2 did not change: same object');
	assert.ok(second.version > first.version);

	pods.remove('a');
	assert.deepEqual(joined.snapshot().byUid.get('uid-n1')?.gpuAllocated, {});
	joined.close();
});

test('StoreHandle re-points to another store and notifies once', (t) => {
	t.mock.timers.enable({apis: ['setTimeout']});
	const one = createRowStore<BaseRow>({frameMs: 5});
	const two = createRowStore<BaseRow>({frameMs: 5});
	one.upsert({uid: '1', name: 'one', severity: 'ok'});
	two.upsert({uid: '2', name: 'two', severity: 'ok'});
	const handle = new StoreHandle(one, 5);
	let calls = 0;
	handle.subscribe(() => calls++);
	assert.equal(handle.snapshot().rows[0]!.name, 'one');
	handle.point(two);
	t.mock.timers.tick(5);
	assert.equal(calls, 1);
	assert.equal(handle.snapshot().rows[0]!.name, 'two');
	one.upsert({uid: '3', name: 'old', severity: 'ok'});
	t.mock.timers.tick(60);
	assert.equal(calls, 1, 'the old store no longer reaches the handle');
	two.upsert({uid: '4', name: 'new', severity: 'ok'});
	t.mock.timers.tick(5);
	assert.equal(calls, 2);
	handle.close();
});

test('forbiddenMessage says what, where and what to do', () => {
	assert.equal(forbiddenMessage('services', 'payments'), 'forbidden: cannot list services in namespace payments (RBAC) — switch namespace with :ns');
	assert.equal(forbiddenMessage('pods', undefined), 'forbidden: cannot list pods in all namespaces (RBAC) — pick one namespace with :ns');
	assert.equal(forbiddenMessage('nodes', undefined, true), 'forbidden: cannot list nodes (cluster-scoped, RBAC) — needs a ClusterRole that allows list/watch on nodes');
});
