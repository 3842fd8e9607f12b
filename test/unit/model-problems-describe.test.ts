// describe on a pending pod: "Why Pending" with the autoscaler's verdict and the scheduler's
// whole message, one reason per line.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {describePod} from '../../source/model/describe-pod.js';
import {schedulerMessageLines, whyPendingLines} from '../../source/model/problems-describe.js';

const NOW = Date.parse('2026-12-05T03:00:00Z');
const pod: KubeObject = {
	kind: 'Pod',
	metadata: {uid: 'p1', name: 'embed-0', namespace: 'ml', creationTimestamp: '2026-12-05T02:55:00Z'},
	spec: {containers: [{name: 'app', image: 'x'}]},
	status: {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'from the condition'}]},
};
const event = (reason: string, message: string, at: string): KubeObject => ({
	kind: 'Event', metadata: {uid: `${reason}-${at}`, name: `embed-0.${reason}`, namespace: 'ml'},
	involvedObject: {kind: 'Pod', namespace: 'ml', name: 'embed-0', uid: 'p1'}, reason, message, type: 'Normal', lastTimestamp: at, count: 1,
});
const long = '0/12 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient nvidia.com/gpu, 9 node(s) didn\'t match Pod\'s node affinity/selector. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.';

test('the scheduler message, one reason per line, nothing dropped', () => {
	assert.deepEqual(schedulerMessageLines(long), [
		'0/12 nodes are available:',
		'  1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }',
		'  2 Insufficient nvidia.com/gpu',
		"  9 node(s) didn't match Pod's node affinity/selector",
		'preemption: 0/12 nodes are available:',
		'  12 Preemption is not helpful for scheduling',
	]);
	assert.deepEqual(schedulerMessageLines('no nodes available to schedule pods'), ['no nodes available to schedule pods']);
});

test('why pending: the verdict first, then the scheduler', () => {
	const lines = whyPendingLines(pod, [event('FailedScheduling', long, '2026-12-05T02:59:00Z'), event('TriggeredScaleUp', 'pod triggered scale-up: [{gpu-l40s 0->1 (max: 2)}]', '2026-12-05T02:59:20Z')], NOW);
	assert.equal(lines[0], 'Why Pending:');
	assert.equal(lines[1], '  Autoscaler:  a node is coming (gpu-l40s: 0 → 1, 40s ago)');
	assert.equal(lines[2], '  Scheduler:   0/12 nodes are available:');
	assert.ok(lines.some(line => line.endsWith("9 node(s) didn't match Pod's node affinity/selector")));
});

test('why pending: every line of the demo\'s longest scheduler message fits 80 columns', () => {
	const message = '0/10 nodes are available: 1 node(s) had untolerated taint {amd.com/gpu: }, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 7 node(s) didn\'t match Pod\'s node affinity/selector. preemption: 0/10 nodes are available: 10 Preemption is not helpful for scheduling.';
	const lines = whyPendingLines(pod, [event('FailedScheduling', message, '2026-12-05T02:59:00Z')], NOW);
	assert.ok(lines.length >= 8);
	for (const line of lines) assert.ok(line.length <= 80, `${line.length}: ${line}`);
	assert.ok(lines.includes('    1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'));
});

test('why pending: without events, the PodScheduled condition speaks; a placed pod has no section', () => {
	assert.deepEqual(whyPendingLines(pod, [], NOW), ['Why Pending:', '  Scheduler:   from the condition']);
	assert.deepEqual(whyPendingLines({...pod, spec: {...pod.spec, nodeName: 'n1'}}, [], NOW), []);
});

test('describe of a pending pod carries the section right under Status, on its first page', () => {
	const lines = describePod(pod, [event('NotTriggerScaleUp', "pod didn't trigger scale-up: 1 max node group size reached", '2026-12-05T02:59:55Z')], NOW).join('\n');
	assert.match(lines, /Why Pending:\n\s+Autoscaler:\s+no node will come \(1 max node group size reached\)/);
	assert.ok(lines.indexOf('Why Pending:') < lines.indexOf('Events:'));
	assert.match(lines, /^Status:\s+Pending\nWhy Pending:/m);
});
