import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {nodeFailures, placePod, tolerates, unschedulableMessage, type NodeFacts, type PodNeeds} from '../../source/sim/world/scheduler.js';

function node(name: string, overrides: Partial<NodeFacts> = {}): NodeFacts {
	return {name, labels: {}, taints: [], unschedulable: false, allocatable: {cpu: 8, memory: 32 * 2 ** 30, pods: 110}, used: {}, podCount: 0, ...overrides};
}

const gpuTaint = {key: 'nvidia.com/gpu', effect: 'NoSchedule'};
const tolerateGpu = [{key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule'}];

describe('tolerates', () => {
	const cases: Array<[string, Parameters<typeof tolerates>[0], Parameters<typeof tolerates>[1], boolean]> = [
		['Exists on the key', {key: 'nvidia.com/gpu', operator: 'Exists'}, gpuTaint, true],
		['Equal with matching value', {key: 'dedicated', value: 'ml', effect: 'NoSchedule'}, {key: 'dedicated', value: 'ml', effect: 'NoSchedule'}, true],
		['Equal with another value', {key: 'dedicated', value: 'web'}, {key: 'dedicated', value: 'ml', effect: 'NoSchedule'}, false],
		['wrong effect', {key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoExecute'}, gpuTaint, false],
		['empty key with Exists tolerates everything', {operator: 'Exists'}, gpuTaint, true],
		['empty key with Equal tolerates nothing', {}, gpuTaint, false],
		['another key', {key: 'amd.com/gpu', operator: 'Exists'}, gpuTaint, false],
	];
	for (const [name, toleration, taint, expected] of cases) test(name, () => assert.equal(tolerates(toleration, taint), expected));
});

describe('nodeFailures follows the default filter order', () => {
	const cases: Array<{name: string; pod: PodNeeds; node: NodeFacts; expected: string[]}> = [
		{name: 'fits', pod: {requests: {cpu: 1, memory: 2 ** 30}}, node: node('a'), expected: []},
		{name: 'unschedulable before anything else', pod: {requests: {cpu: 100}}, node: node('a', {unschedulable: true, taints: [gpuTaint]}), expected: ['node(s) were unschedulable']},
		{name: 'unschedulable tolerated', pod: {requests: {}, tolerations: [{key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule'}]}, node: node('a', {unschedulable: true}), expected: []},
		{name: 'untolerated taint shows key and empty value', pod: {requests: {}}, node: node('a', {taints: [gpuTaint]}), expected: ['node(s) had untolerated taint {nvidia.com/gpu: }']},
		{name: 'taint with a value', pod: {requests: {}}, node: node('a', {taints: [{key: 'dedicated', value: 'ml', effect: 'NoExecute'}]}), expected: ['node(s) had untolerated taint {dedicated: ml}']},
		{name: 'PreferNoSchedule never blocks', pod: {requests: {}}, node: node('a', {taints: [{key: 'x', effect: 'PreferNoSchedule'}]}), expected: []},
		{name: 'nodeSelector mismatch', pod: {requests: {}, nodeSelector: {'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3'}}, node: node('a'), expected: ["node(s) didn't match Pod's node affinity/selector"]},
		{name: 'affinity In matches', pod: {requests: {}, affinityTerms: [[{key: 'zone', operator: 'In', values: ['a', 'b']}]]}, node: node('a', {labels: {zone: 'b'}}), expected: []},
		{name: 'affinity NotIn excludes', pod: {requests: {}, affinityTerms: [[{key: 'zone', operator: 'NotIn', values: ['b']}]]}, node: node('a', {labels: {zone: 'b'}}), expected: ["node(s) didn't match Pod's node affinity/selector"]},
		{name: 'every insufficient resource, cpu and memory first', pod: {requests: {'nvidia.com/gpu': 1, memory: 64 * 2 ** 30, cpu: 9}}, node: node('a'), expected: ['Insufficient cpu', 'Insufficient memory', 'Insufficient nvidia.com/gpu']},
		{name: 'used capacity counts', pod: {requests: {cpu: 2}}, node: node('a', {used: {cpu: 6.5}}), expected: ['Insufficient cpu']},
		{name: 'exact fit', pod: {requests: {cpu: 1.5}}, node: node('a', {used: {cpu: 6.5}}), expected: []},
		{name: 'too many pods', pod: {requests: {}}, node: node('a', {podCount: 110}), expected: ['Too many pods']},
		{name: 'MIG profile missing on the node', pod: {requests: {'nvidia.com/mig-1g.10gb': 1}, tolerations: [{operator: 'Exists'}]}, node: node('a', {taints: [gpuTaint]}), expected: ['Insufficient nvidia.com/mig-1g.10gb']},
		{name: 'zero request of a resource the node lacks is fine', pod: {requests: {'amd.com/gpu': 0}}, node: node('a'), expected: []},
		{name: 'driver failing: capacity without allocatable', pod: {requests: {'nvidia.com/gpu': 1}, tolerations: tolerateGpu}, node: node('a', {taints: [gpuTaint], allocatable: {cpu: 8, 'nvidia.com/gpu': 0}}), expected: ['Insufficient nvidia.com/gpu']},
	];
	for (const c of cases) test(c.name, () => assert.deepEqual(nodeFailures(c.pod, c.node), c.expected));
});

describe('unschedulableMessage', () => {
	test('the example from the brief, in kube-scheduler form', () => {
		const failures = [
			['Insufficient nvidia.com/gpu'],
			['Insufficient nvidia.com/gpu'],
			['Insufficient nvidia.com/gpu'],
			['node(s) had untolerated taint {nvidia.com/gpu: }'],
			['node(s) had untolerated taint {nvidia.com/gpu: }'],
			['node(s) were unschedulable'],
		];
		assert.equal(
			unschedulableMessage(failures),
			'0/6 nodes are available: 1 node(s) were unschedulable, 2 node(s) had untolerated taint {nvidia.com/gpu: }, 3 Insufficient nvidia.com/gpu. ' +
				'preemption: 0/6 nodes are available: 3 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
		);
	});
	test('a node short of two resources counts in both', () => {
		assert.equal(
			unschedulableMessage([['Insufficient cpu', 'Insufficient memory'], ['Insufficient cpu']]),
			'0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
		);
	});
	test('no nodes at all', () => assert.equal(unschedulableMessage([]), 'no nodes available to schedule pods'));
});

describe('placePod', () => {
	test('prefers the least allocated node, ties by name', () => {
		assert.deepEqual(placePod({requests: {cpu: 1}}, [node('b'), node('a'), node('c', {used: {cpu: 0.1}})]), {node: 'a'});
		assert.deepEqual(placePod({requests: {cpu: 1}}, [node('a', {used: {cpu: 4}}), node('b', {used: {cpu: 1}})]), {node: 'b'});
	});
	test('GPU pod beyond free GPUs gets the message', () => {
		const nodes = [
			node('cpu-1'),
			node('gpu-1', {taints: [gpuTaint], allocatable: {cpu: 96, 'nvidia.com/gpu': 8, pods: 110}, used: {'nvidia.com/gpu': 8}, podCount: 1}),
			node('cp', {taints: [{key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'}]}),
		];
		const placement = placePod({requests: {'nvidia.com/gpu': 2}, tolerations: tolerateGpu}, nodes);
		assert.deepEqual(placement, {
			message:
				'0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient nvidia.com/gpu. ' +
				'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
		});
	});
});
