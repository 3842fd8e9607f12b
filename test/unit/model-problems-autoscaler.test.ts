// The cluster autoscaler's verdict on a pending pod: its events and its status ConfigMap.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {autoscalerVerdict, latestAutoscalerEvents, parseAutoscalerStatus, parseScaleUp} from '../../source/model/problems-autoscaler.js';
import type {GpuEventInput} from '../../source/model/gpu-triage.js';

const NOW = Date.parse('2026-12-05T03:00:00Z');

const yamlStatus = `time: 2026-12-05 02:59:50.1 +0000 UTC
autoscalerStatus: Running
clusterWide:
  health:
    status: Healthy
nodeGroups:
- name: gpu-h100
  health:
    status: Healthy
    nodeCounts:
      registered: {total: 2, ready: 2, notStarted: 0}
    cloudProviderTarget: 3
    minSize: 0
    maxSize: 4
  scaleUp:
    status: InProgress
- name: gpu-a100
  health:
    status: Healthy
    nodeCounts:
      registered: {total: 2, ready: 2}
    cloudProviderTarget: 2
    minSize: 1
    maxSize: 2
  scaleUp:
    status: NoActivity
`;

const textStatus = `Cluster-autoscaler status at 2026-12-05 02:59:50 +0000 UTC:
Cluster-wide:
  Health:      Healthy (ready=4 unready=0 notStarted=0 longNotStarted=0 registered=4 longUnregistered=0)
NodeGroups:
  Name:        gpu-a100
  Health:      Healthy (ready=2 unready=0 notStarted=0 longNotStarted=0 registered=2 longUnregistered=0 cloudProviderTarget=2 (minSize=1, maxSize=2))
  ScaleUp:     NoActivity (ready=2 cloudProviderTarget=2)
`;

test('status ConfigMap: the YAML format (autoscaler 1.30+)', () => {
	assert.deepEqual(parseAutoscalerStatus(yamlStatus), {
		health: 'Healthy',
		groups: [
			{name: 'gpu-h100', health: 'Healthy', registered: 2, ready: 2, target: 3, minSize: 0, maxSize: 4, scaleUp: 'InProgress'},
			{name: 'gpu-a100', health: 'Healthy', registered: 2, ready: 2, target: 2, minSize: 1, maxSize: 2, scaleUp: 'NoActivity'},
		],
	});
});

test('status ConfigMap: the older text format', () => {
	assert.deepEqual(parseAutoscalerStatus(textStatus), {
		health: 'Healthy',
		groups: [{name: 'gpu-a100', health: 'Healthy', registered: 2, ready: 2, target: 2, minSize: 1, maxSize: 2, scaleUp: 'NoActivity'}],
	});
});

test('status ConfigMap: absent or unreadable', () => {
	assert.equal(parseAutoscalerStatus(undefined), undefined);
	assert.equal(parseAutoscalerStatus('nothing here'), undefined);
});

test('TriggeredScaleUp message: groups and sizes', () => {
	assert.deepEqual(parseScaleUp('pod triggered scale-up: [{gpu-h100 2->3 (max: 3)}]'), [{group: 'gpu-h100', from: 2, to: 3, max: 3}]);
});

const ev = (reason: string, message: string, lastSeen: number, uid = 'p1'): GpuEventInput => ({reason, message, lastSeen, involved: {kind: 'Pod', namespace: 'ml', name: 'train', uid}});

const verdicts: Array<{name: string; event?: GpuEventInput; expected: string | undefined}> = [
	{name: 'no word from the autoscaler', expected: undefined},
	{name: 'a node is coming', event: ev('TriggeredScaleUp', 'pod triggered scale-up: [{gpu-h100 2->3 (max: 3)}]', NOW - 40_000), expected: 'a node is coming (gpu-h100: 2 → 3, 40s ago)'},
	{name: 'group at max', event: ev('NotTriggerScaleUp', "pod didn't trigger scale-up: 1 max node group size reached", NOW - 5000), expected: 'no node will come (gpu-a100 at max size 2)'},
	{name: 'would not fit', event: ev('NotTriggerScaleUp', "pod didn't trigger scale-up (it wouldn't fit if a new node is added): 2 Insufficient nvidia.com/gpu", NOW), expected: 'no node will come (2 Insufficient nvidia.com/gpu)'},
	{name: 'failed', event: ev('FailedScaleUp', 'Node scale up in zones us-east1-b associated with this pod failed: out of resources', NOW - 60_000), expected: 'scale-up failed (Node scale up in zones us-east1-b associated with this pod failed: out of resources, 60s ago)'},
];
for (const c of verdicts) {
	test(`verdict: ${c.name}`, () => {
		assert.equal(autoscalerVerdict(c.event, parseAutoscalerStatus(yamlStatus), NOW), c.expected);
	});
}

test('the newest autoscaler event per pod wins; other reasons are ignored', () => {
	const latest = latestAutoscalerEvents([
		ev('TriggeredScaleUp', 'pod triggered scale-up: [{gpu-h100 1->2 (max: 3)}]', NOW - 300_000),
		ev('FailedScheduling', '0/4 nodes are available', NOW),
		ev('TriggeredScaleUp', 'pod triggered scale-up: [{gpu-h100 2->3 (max: 3)}]', NOW - 40_000),
	]);
	assert.equal(latest.get('p1')?.message, 'pod triggered scale-up: [{gpu-h100 2->3 (max: 3)}]');
	assert.equal(latest.get('ml/train')?.lastSeen, NOW - 40_000);
});
