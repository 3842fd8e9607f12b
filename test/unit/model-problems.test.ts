// The problem rules, one table per family: each case is an object and the problem it is (or none).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {podProblem, type PodProblemInput} from '../../source/model/problems-pods.js';
import {nodeProblem, type NodeProblemInput} from '../../source/model/problems-nodes.js';
import {deploymentProblem, objectProblem, type DeploymentProblemInput} from '../../source/model/problems-workloads.js';
import {compareProblems, sortProblems, type Problem} from '../../source/model/problems.js';
import type {KubeObject} from '../../source/model/types.js';

const NOW = Date.parse('2026-12-05T03:00:00Z');
const MIN = 60_000;

function pod(extra: Partial<PodProblemInput>): PodProblemInput {
	return {uid: 'u1', name: 'web-1', namespace: 'shop', createdAt: NOW - 60 * MIN, phase: 'Running', ready: '1/1', status: 'Running', restarts: 0, requests: {}, ...extra};
}

const podCases: Array<{name: string; pod: PodProblemInput; expected?: Partial<Problem>}> = [
	{name: 'healthy', pod: pod({})},
	{name: 'completed', pod: pod({phase: 'Succeeded', status: 'Completed', ready: '0/1'})},
	{name: 'terminating crash is not news', pod: pod({status: 'CrashLoopBackOff', deleting: true})},
	{
		name: 'crash loop with OOMKilled last',
		pod: pod({status: 'CrashLoopBackOff', ready: '0/1', restarts: 7, lastRestartAt: NOW - 3 * MIN, lastTermination: {reason: 'OOMKilled', at: NOW - 3 * MIN}}),
		expected: {severity: 'error', rank: 0, reason: 'CrashLoopBackOff · last OOMKilled · 7 restarts', since: NOW - 3 * MIN},
	},
	{name: 'OOMKilled status', pod: pod({status: 'OOMKilled', ready: '0/1', restarts: 1}), expected: {severity: 'error', reason: 'OOMKilled · 1 restart'}},
	{name: 'ImagePullBackOff', pod: pod({phase: 'Pending', node: 'n1', status: 'ImagePullBackOff', ready: '0/1'}), expected: {severity: 'error', reason: 'ImagePullBackOff'}},
	{name: 'ErrImagePull', pod: pod({phase: 'Pending', node: 'n1', status: 'ErrImagePull', ready: '0/1'}), expected: {severity: 'error', reason: 'ErrImagePull'}},
	{name: 'Error', pod: pod({status: 'Error', ready: '0/1', lastTermination: {reason: 'Error', exitCode: 2}}), expected: {severity: 'error', reason: 'Error'}},
	{name: 'CreateContainerConfigError', pod: pod({phase: 'Pending', node: 'n1', status: 'CreateContainerConfigError', ready: '0/1'}), expected: {severity: 'error', reason: 'CreateContainerConfigError'}},
	{name: 'init container crash', pod: pod({phase: 'Pending', node: 'n1', status: 'Init:CrashLoopBackOff', ready: '0/1', restarts: 4}), expected: {severity: 'error', reason: 'Init:CrashLoopBackOff · 4 restarts'}},
	{name: 'failed pod', pod: pod({phase: 'Failed', status: 'Evicted', ready: '0/1'}), expected: {severity: 'error', reason: 'Evicted'}},
	{name: 'pending under the threshold', pod: pod({phase: 'Pending', status: 'Pending', ready: '0/1', createdAt: NOW - MIN})},
	{
		name: 'pending past the threshold, with the scheduler message condensed and kept whole in detail',
		pod: pod({phase: 'Pending', status: 'Pending', ready: '0/1', scheduled: {status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', since: NOW - 5 * MIN}}),
		expected: {severity: 'warn', rank: 2, reason: 'Pending · 0/3: 3 Insufficient cpu', since: NOW - 5 * MIN, detail: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'},
	},
	{
		name: 'pending for accelerators names them',
		pod: pod({phase: 'Pending', status: 'Pending', ready: '0/1', requests: {'nvidia.com/gpu': 2, cpu: 4}, scheduled: {status: 'False', reason: 'Unschedulable', since: NOW - 5 * MIN}}),
		expected: {severity: 'warn', reason: 'Pending for gpu:2'},
	},
	{
		name: 'running again after an OOMKill within the day',
		pod: pod({restarts: 1, lastRestartAt: NOW - 5 * MIN, lastTermination: {reason: 'OOMKilled', at: NOW - 5 * MIN, exitCode: 137}}),
		expected: {severity: 'warn', rank: 1, reason: 'OOMKilled 5m ago · 1 restart', since: NOW - 5 * MIN},
	},
	{name: 'an OOMKill two days ago is history', pod: pod({restarts: 1, lastTermination: {reason: 'OOMKilled', at: NOW - 48 * 60 * MIN}})},
	{name: 'running, not ready for long', pod: pod({ready: '1/2'}), expected: {severity: 'warn', rank: 2, reason: 'not ready 1/2'}},
	{name: 'running, just started', pod: pod({ready: '0/1', createdAt: NOW - 10_000})},
];

for (const c of podCases) {
	test(`pod rule: ${c.name}`, () => {
		const problem = podProblem(c.pod, NOW);
		if (!c.expected) return assert.equal(problem, undefined);
		assert.ok(problem, 'a problem');
		for (const [key, value] of Object.entries(c.expected)) assert.deepEqual(problem[key as keyof Problem], value, key);
		assert.equal(problem.kind, 'Pod');
	});
}

test('pod rule: the autoscaler verdict comes before the scheduler text', () => {
	const problem = podProblem(pod({phase: 'Pending', status: 'Pending', ready: '0/1', createdAt: NOW - 10 * MIN}), NOW, {
		pendingWhy: () => ({scheduler: '0/4 nodes are available: 4 Insufficient nvidia.com/gpu.', autoscaler: 'a node is coming (gpu-h100: 2 → 3, 40s ago)'}),
	});
	assert.equal(problem?.reason, 'Pending · a node is coming (gpu-h100: 2 → 3, 40s ago) · 0/4: 4 Insufficient nvidia.com/gpu');
});

function node(extra: Partial<NodeProblemInput>): NodeProblemInput {
	return {uid: 'n', name: 'node-1', status: 'Ready', ready: true, unschedulable: false, pressures: [], allocatable: {}, capacity: {}, ...extra};
}

const nodeCases: Array<{name: string; node: NodeProblemInput; expected?: Partial<Problem>}> = [
	{name: 'healthy', node: node({})},
	{name: 'NotReady', node: node({status: 'NotReady', ready: false, problemSince: {Ready: NOW - MIN}}), expected: {severity: 'error', rank: 0, reason: 'NotReady', since: NOW - MIN}},
	{name: 'unreachable (kubectl prints NotReady for Ready Unknown)', node: node({status: 'NotReady', ready: false, unreachable: true}), expected: {severity: 'error', reason: 'node unreachable (Ready Unknown)'}},
	{name: 'memory pressure', node: node({pressures: ['MemoryPressure']}), expected: {severity: 'warn', rank: 1, reason: 'MemoryPressure'}},
	{name: 'disk and PID pressure', node: node({pressures: ['DiskPressure', 'PIDPressure']}), expected: {severity: 'warn', reason: 'DiskPressure · PIDPressure'}},
	{name: 'cordoned', node: node({status: 'Ready,SchedulingDisabled', unschedulable: true}), expected: {severity: 'warn', rank: 2, reason: 'cordoned (SchedulingDisabled)'}},
	{
		name: 'GPU device plugin failing',
		node: node({capacity: {'nvidia.com/gpu': 8}, allocatable: {'nvidia.com/gpu': 0}, labels: {'nvidia.com/gpu.product': 'H100'}}),
		expected: {severity: 'error', rank: 1, reason: 'GPU device plugin failing: allocatable 0 of 8 NVIDIA H100'},
	},
	{name: 'GPUs lost', node: node({capacity: {'nvidia.com/gpu': 8}, allocatable: {'nvidia.com/gpu': 6}}), expected: {severity: 'warn', reason: 'GPUs lost: allocatable 6 of 8'}},
	{name: 'healthy GPU node', node: node({capacity: {'nvidia.com/gpu': 8}, allocatable: {'nvidia.com/gpu': 8}})},
	{name: 'down and cordoned: the worst first', node: node({status: 'NotReady,SchedulingDisabled', ready: false, unschedulable: true}), expected: {severity: 'error', reason: 'NotReady · cordoned (SchedulingDisabled)'}},
];

for (const c of nodeCases) {
	test(`node rule: ${c.name}`, () => {
		const problem = nodeProblem(c.node);
		if (!c.expected) return assert.equal(problem, undefined);
		assert.ok(problem);
		for (const [key, value] of Object.entries(c.expected)) assert.deepEqual(problem[key as keyof Problem], value, key);
	});
}

const dep = (extra: Partial<DeploymentProblemInput>): DeploymentProblemInput => ({uid: 'd', name: 'web', namespace: 'shop', desired: 3, available: 3, ready: 3, paused: false, ...extra});
const deploymentCases: Array<{name: string; row: DeploymentProblemInput; expected?: Partial<Problem>}> = [
	{name: 'all available', row: dep({})},
	{name: 'scaled to zero', row: dep({desired: 0, available: 0, ready: 0})},
	{name: 'one unavailable', row: dep({available: 2}), expected: {severity: 'warn', rank: 1, reason: '1 of 3 unavailable'}},
	{name: 'none available', row: dep({available: 0}), expected: {severity: 'error', rank: 0, reason: '3 of 3 unavailable'}},
	{name: 'stalled rollout', row: dep({available: 2, problem: 'ProgressDeadlineExceeded'}), expected: {severity: 'error', reason: 'ProgressDeadlineExceeded · 1 of 3 unavailable'}},
];
for (const c of deploymentCases) {
	test(`deployment rule: ${c.name}`, () => {
		const problem = deploymentProblem(c.row);
		if (!c.expected) return assert.equal(problem, undefined);
		assert.ok(problem);
		for (const [key, value] of Object.entries(c.expected)) assert.deepEqual(problem[key as keyof Problem], value, key);
	});
}

const obj = (kind: string, spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({kind, metadata: {uid: kind, name: 'x', namespace: 'ns', creationTimestamp: '2026-12-05T02:00:00Z'}, spec, status});
const T = '2026-12-05T02:30:00Z';
const objectCases: Array<{name: string; object: KubeObject; expected?: Partial<Problem>}> = [
	{name: 'statefulset ready', object: obj('StatefulSet', {replicas: 3}, {readyReplicas: 3})},
	{name: 'statefulset short', object: obj('StatefulSet', {replicas: 3}, {readyReplicas: 1}), expected: {kind: 'StatefulSet', severity: 'warn', reason: '2 of 3 not ready'}},
	{name: 'statefulset none ready', object: obj('StatefulSet', {replicas: 2}, {}), expected: {severity: 'error', rank: 0, reason: '2 of 2 not ready'}},
	{name: 'statefulset rollout under way, all ready', object: obj('StatefulSet', {replicas: 3}, {readyReplicas: 3, updatedReplicas: 1, currentRevision: 'db-1', updateRevision: 'db-2'})},
	{name: 'statefulset rollout stalled on a pod not ready', object: obj('StatefulSet', {replicas: 3}, {readyReplicas: 2, updatedReplicas: 1, currentRevision: 'db-1', updateRevision: 'db-2'}), expected: {severity: 'warn', rank: 1, reason: '1 of 3 not ready · rollout stalled at 1 of 3 updated'}},
	{name: 'statefulset rollout done, a pod not ready', object: obj('StatefulSet', {replicas: 3}, {readyReplicas: 2, updatedReplicas: 3, currentRevision: 'db-2', updateRevision: 'db-2'}), expected: {reason: '1 of 3 not ready'}},
	{name: 'job running', object: obj('Job', {}, {active: 1})},
	{name: 'job past its deadline', object: obj('Job', {}, {failed: 1, conditions: [{type: 'Failed', status: 'True', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline', lastTransitionTime: T}]}), expected: {kind: 'Job', severity: 'error', rank: 0, reason: 'failed: DeadlineExceeded: Job was active longer than specified deadline'}},
	{name: 'job complete', object: obj('Job', {}, {succeeded: 1, conditions: [{type: 'Complete', status: 'True'}]})},
	{name: 'job failed', object: obj('Job', {}, {conditions: [{type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastTransitionTime: T}]}), expected: {severity: 'error', reason: 'failed: BackoffLimitExceeded: Job has reached the specified backoff limit', since: Date.parse(T)}},
	{name: 'pvc bound', object: obj('PersistentVolumeClaim', {}, {phase: 'Bound'})},
	{name: 'pvc pending', object: obj('PersistentVolumeClaim', {storageClassName: 'fast'}, {phase: 'Pending'}), expected: {severity: 'warn', reason: 'Pending (storage class fast)', since: Date.parse('2026-12-05T02:00:00Z')}},
	{name: 'pvc pending without a storage class', object: obj('PersistentVolumeClaim', {storageClassName: ''}, {phase: 'Pending'}), expected: {kind: 'PersistentVolumeClaim', rank: 2, reason: 'Pending (no storage class: waits for a matching volume)'}},
	{name: 'hpa scaling', object: obj('HorizontalPodAutoscaler', {minReplicas: 2, maxReplicas: 10}, {currentReplicas: 4, conditions: [{type: 'AbleToScale', status: 'True'}]})},
	{name: 'hpa at max', object: obj('HorizontalPodAutoscaler', {maxReplicas: 10}, {currentReplicas: 10, conditions: [{type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', lastTransitionTime: T}]}), expected: {severity: 'warn', reason: 'at max 10 replicas (current 10)', since: Date.parse(T)}},
	{
		name: 'hpa at max while ScalingLimited is False (desired within range): its time dates that, so no SINCE',
		object: obj('HorizontalPodAutoscaler', {maxReplicas: 10}, {currentReplicas: 10, conditions: [{type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', lastTransitionTime: T}]}),
		expected: {reason: 'at max 10 replicas (current 10)', since: undefined},
	},
	{name: 'hpa unable to scale', object: obj('HorizontalPodAutoscaler', {maxReplicas: 10}, {currentReplicas: 2, conditions: [{type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: 'no metrics'}]}), expected: {severity: 'error', reason: 'unable to scale: FailedGetResourceMetric (no metrics)'}},
	{name: 'other kinds have no object rule', object: obj('ConfigMap', {}, {})},
];
for (const c of objectCases) {
	test(`object rule: ${c.name}`, () => {
		const problem = objectProblem(c.object);
		if (!c.expected) return assert.equal(problem, undefined);
		assert.ok(problem);
		for (const [key, value] of Object.entries(c.expected)) assert.deepEqual(problem[key as keyof Problem], value, key);
	});
}

test('problems sort worst first: errors, then rank, then the oldest', () => {
	const p = (name: string, severity: Problem['severity'], rank: Problem['rank'], since?: number): Problem => ({kind: 'Pod', uid: name, name, severity, rank, reason: '', ...(since !== undefined ? {since} : {})});
	const sorted = sortProblems([p('pending', 'warn', 2, 1), p('degraded', 'error', 1, 5), p('crash-new', 'error', 0, 9), p('crash-old', 'error', 0, 2), p('no-time', 'error', 0)]);
	assert.deepEqual(sorted.map(x => x.name), ['crash-old', 'crash-new', 'no-time', 'degraded', 'pending']);
	assert.equal(compareProblems(sorted[0]!, sorted[0]!), 0);
});

test('a node sorts before the pods of the same severity, whatever its rank: the cause before its effects', () => {
	const p = (kind: string, name: string, severity: Problem['severity'], rank: Problem['rank'], since?: number): Problem => ({kind, uid: name, name, severity, rank, reason: '', ...(since !== undefined ? {since} : {})});
	const sorted = sortProblems([p('Pod', 'crash', 'error', 0, 1), p('Node', 'gpu-plugin', 'error', 1), p('Deployment', 'web', 'error', 0, 2), p('Node', 'down', 'error', 0, 5), p('Node', 'pressure', 'warn', 1), p('Pod', 'pending', 'warn', 2, 0)]);
	assert.deepEqual(sorted.map(x => x.name), ['down', 'gpu-plugin', 'crash', 'web', 'pressure', 'pending']);
});

test('a pod problem row carries the pod\'s node, owners and labels, for the jumps', async () => {
	const {collectProblems} = await import('../../source/model/problems-collect.js');
	const {podModel} = await import('../../source/model/pods.js');
	const pod: KubeObject = {kind: 'Pod', metadata: {uid: 'p', name: 'web-abc-1', namespace: 'shop', creationTimestamp: '2026-01-01T00:00:00Z', labels: {'pod-template-hash': 'abc'}, ownerReferences: [{kind: 'ReplicaSet', name: 'web-abc', uid: 'rs', controller: true}]},
		spec: {nodeName: 'node-1', containers: [{name: 'web'}]},
		status: {phase: 'Running', containerStatuses: [{name: 'web', ready: false, restartCount: 3, state: {waiting: {reason: 'CrashLoopBackOff'}}}]}};
	const [row] = collectProblems({pods: [podModel.project(pod)], nodes: [], deployments: [], events: []}, Date.parse('2026-01-02T00:00:00Z'));
	assert.ok(row);
	assert.equal(row.node, 'node-1');
	assert.deepEqual(row.owners?.map((o) => o.name), ['web-abc']);
	assert.equal(row.labels?.['pod-template-hash'], 'abc');
});

test('the last termination is read from the pod: the newest non-zero one', async () => {
	const {lastTermination: lastTerminationOf} = await import('../../source/model/pod-last.js');
	const pod: KubeObject = {kind: 'Pod', metadata: {uid: 'p', name: 'p'}, status: {
		initContainerStatuses: [{name: 'init', state: {terminated: {exitCode: 0, reason: 'Completed', finishedAt: '2026-12-05T02:00:00Z'}}}],
		containerStatuses: [
			{name: 'app', lastState: {terminated: {exitCode: 137, reason: 'OOMKilled', finishedAt: '2026-12-05T02:57:00Z'}}, state: {waiting: {reason: 'CrashLoopBackOff'}}},
			{name: 'side', lastState: {terminated: {exitCode: 1, reason: 'Error', finishedAt: '2026-12-05T02:10:00Z'}}},
		],
	}};
	assert.deepEqual(lastTerminationOf(pod), {reason: 'OOMKilled', container: 'app', at: Date.parse('2026-12-05T02:57:00Z'), exitCode: 137});
	assert.equal(lastTerminationOf({kind: 'Pod', metadata: {uid: 'q', name: 'q'}, status: {containerStatuses: [{name: 'a', state: {running: {}}}]}}), undefined);
});

test('HPA rule over the :hpa rows: unable to scale, pinned at max, or nothing', async () => {
	const {projectHpa} = await import('../../source/model/hpa.js');
	const {hpaRowProblem} = await import('../../source/model/problems-workloads.js');
	const hpa = (current: number, conditions: unknown[]): KubeObject => ({kind: 'HorizontalPodAutoscaler', metadata: {uid: 'h', name: 'web', namespace: 'shop'},
		spec: {scaleTargetRef: {kind: 'Deployment', name: 'web'}, minReplicas: 2, maxReplicas: 10}, status: {currentReplicas: current, desiredReplicas: current, conditions}});
	const t = '2026-12-05T03:00:00Z';
	const cases: Array<{name: string; object: KubeObject; expected?: Partial<Problem>}> = [
		{name: 'healthy, below max', object: hpa(4, [{type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale'}, {type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange'}])},
		{name: 'replicas = max', object: hpa(10, []), expected: {severity: 'warn', rank: 1, reason: 'at max 10 replicas (current 10) · Deployment/web'}},
		{name: 'ScalingLimited TooManyReplicas, since its transition', object: hpa(9, [{type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', lastTransitionTime: t}]), expected: {severity: 'warn', reason: 'at max 10 replicas (current 9) · Deployment/web', since: Date.parse(t)}},
		{name: 'ScalingActive False: an error with the reason', object: hpa(2, [{type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: 'no metrics', lastTransitionTime: t}]), expected: {severity: 'error', kind: 'HorizontalPodAutoscaler', reason: 'unable to scale: FailedGetResourceMetric (no metrics)', since: Date.parse(t)}},
	];
	for (const c of cases) {
		const problem = hpaRowProblem(projectHpa(c.object));
		if (!c.expected) {
			assert.equal(problem, undefined, c.name);
			continue;
		}
		assert.ok(problem, c.name);
		for (const [key, value] of Object.entries(c.expected)) assert.deepEqual(problem[key as keyof Problem], value, `${c.name}: ${key}`);
	}
});
