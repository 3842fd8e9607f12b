// SINCE in :problems: each problem is as old as the state its reason names, by the time the object
// itself records (a condition's lastTransitionTime, a taint's timeAdded), and has no SINCE where the
// object keeps none. Each case starts from the object as the API serves it, through the kind's
// projection and the problem rule, so the row's data and the rule are checked together.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject, OwnerRef} from '../../source/model/types.js';
import {projectNode} from '../../source/model/nodes.js';
import {projectDeployment} from '../../source/model/deployments.js';
import {projectPod} from '../../source/model/pods.js';
import {nodeProblem} from '../../source/model/problems-nodes.js';
import {deploymentProblem} from '../../source/model/problems-workloads.js';
import {podProblem} from '../../source/model/problems-pods.js';
import {collectProblems} from '../../source/model/problems-collect.js';
import {projectProblemObject, problemObjectKinds} from '../../source/model/problems-objects.js';
import type {Problem} from '../../source/model/problems.js';
import {deploymentSince, oldestSinceByController, UNSCHEDULABLE_TAINT} from '../../source/model/problems-since.js';

const NOW = Date.parse('2026-12-05T12:00:00Z');
const CREATED = '2026-10-01T00:00:00Z';
const T1 = '2026-12-05T11:00:00Z';
const T2 = '2026-12-05T11:30:00Z';
const T3 = '2026-12-05T11:50:00Z';
const at = (iso: string) => Date.parse(iso);

/** A case's expectation: no problem, or this reason with this SINCE (none when `since` is absent). */
function expectSince(problem: Problem | undefined, k: {reason?: string; since?: string}): void {
	if (k.reason === undefined) return assert.equal(problem, undefined);
	assert.equal(problem?.reason, k.reason);
	assert.equal(problem?.since, k.since === undefined ? undefined : at(k.since));
}

type Cond = {type: string; status: string; reason?: string; lastTransitionTime?: string};
const c = (type: string, status: string, lastTransitionTime?: string, reason?: string): Cond => ({type, status, ...(reason ? {reason} : {}), ...(lastTransitionTime ? {lastTransitionTime} : {})});

function nodeObject(conditions: Cond[], spec: Record<string, unknown> = {}): KubeObject {
	return {kind: 'Node', metadata: {uid: 'n1', name: 'worker-1', creationTimestamp: CREATED}, spec, status: {conditions}};
}
const healthy = (extra: Cond[] = []): Cond[] => [c('Ready', 'True', CREATED), c('MemoryPressure', 'False', CREATED), c('DiskPressure', 'False', CREATED), c('PIDPressure', 'False', CREATED), ...extra];

const nodeCases: Array<{name: string; node: KubeObject; reason?: string; since?: string}> = [
	{name: 'healthy: no problem', node: nodeObject(healthy())},
	{name: 'NotReady: the Ready condition’s transition', node: nodeObject([c('Ready', 'False', T2), c('MemoryPressure', 'False', CREATED)]), reason: 'NotReady', since: T2},
	{name: 'Ready Unknown: unreachable, since the transition', node: nodeObject([c('Ready', 'Unknown', T3)]), reason: 'node unreachable (Ready Unknown)', since: T3},
	{name: 'NotReady without a transition time: no SINCE', node: nodeObject([c('Ready', 'False')]), reason: 'NotReady'},
	{
		name: 'memory pressure: that condition’s transition, not Ready’s',
		node: nodeObject([c('Ready', 'True', CREATED), c('MemoryPressure', 'True', T1), c('DiskPressure', 'False', T3)]),
		reason: 'MemoryPressure',
		since: T1,
	},
	{name: 'disk pressure', node: nodeObject([c('Ready', 'True', CREATED), c('DiskPressure', 'True', T2)]), reason: 'DiskPressure', since: T2},
	{name: 'PID pressure', node: nodeObject([c('Ready', 'True', CREATED), c('PIDPressure', 'True', T3)]), reason: 'PIDPressure', since: T3},
	{
		name: 'cordoned: the unschedulable taint’s timeAdded',
		node: nodeObject(healthy(), {unschedulable: true, taints: [{key: 'dedicated', value: 'gpu', effect: 'NoSchedule', timeAdded: T1}, {key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule', timeAdded: T2}]}),
		reason: 'cordoned (SchedulingDisabled)',
		since: T2,
	},
	{name: 'cordoned, the taint without a time: no SINCE', node: nodeObject(healthy(), {unschedulable: true, taints: [{key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule'}]}), reason: 'cordoned (SchedulingDisabled)'},
	{name: 'cordoned, no taint yet (the controller has not added it): no SINCE', node: nodeObject(healthy(), {unschedulable: true}), reason: 'cordoned (SchedulingDisabled)'},
	{name: 'a leftover taint on an uncordoned node is not a problem', node: nodeObject(healthy(), {taints: [{key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule', timeAdded: T2}]})},
	{
		name: 'down and cordoned: the worst leads, and SINCE is its own',
		node: nodeObject([c('Ready', 'False', T3)], {unschedulable: true, taints: [{key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule', timeAdded: T1}]}),
		reason: 'NotReady · cordoned (SchedulingDisabled)',
		since: T3,
	},
	{
		name: 'GPU device plugin failing: the node keeps no time for it, so none (not Ready’s)',
		node: {...nodeObject(healthy()), metadata: {uid: 'n1', name: 'gpu-1', labels: {'nvidia.com/gpu.product': 'H100'}}, status: {conditions: healthy(), capacity: {'nvidia.com/gpu': '8'}, allocatable: {'nvidia.com/gpu': '0'}}},
		reason: 'GPU device plugin failing: allocatable 0 of 8 NVIDIA H100',
	},
];

for (const k of nodeCases) {
	test(`node SINCE: ${k.name}`, () => {
		expectSince(nodeProblem(projectNode(k.node)), k);
	});
}

function deploymentObject(conditions: Cond[], available: number): KubeObject {
	return {kind: 'Deployment', metadata: {uid: 'd1', name: 'web', namespace: 'shop', creationTimestamp: CREATED}, spec: {replicas: 3}, status: {replicas: 3, updatedReplicas: 3, readyReplicas: available, availableReplicas: available, conditions}};
}

const deploymentCases: Array<{name: string; deployment: KubeObject; reason?: string; since?: string}> = [
	{name: 'healthy', deployment: deploymentObject([c('Available', 'True', T1), c('Progressing', 'True', T1, 'NewReplicaSetAvailable')], 3)},
	{
		name: 'stalled rollout: Progressing=False’s transition',
		deployment: deploymentObject([c('Available', 'False', T1, 'MinimumReplicasUnavailable'), c('Progressing', 'False', T2, 'ProgressDeadlineExceeded')], 0),
		reason: 'ProgressDeadlineExceeded · 3 of 3 unavailable',
		since: T2,
	},
	{
		name: 'replica failure: ReplicaFailure=True’s transition',
		deployment: deploymentObject([c('Available', 'False', T1), c('Progressing', 'True', T1, 'ReplicaSetUpdated'), c('ReplicaFailure', 'True', T3, 'FailedCreate')], 0),
		reason: 'ReplicaFailure: FailedCreate · 3 of 3 unavailable',
		since: T3,
	},
	{
		name: 'short of the minimum: Available=False’s transition',
		deployment: deploymentObject([c('Available', 'False', T1, 'MinimumReplicasUnavailable'), c('Progressing', 'True', T3, 'ReplicaSetUpdated')], 1),
		reason: '2 of 3 unavailable',
		since: T1,
	},
	{
		name: 'short within maxUnavailable (Available still True): nothing says since when',
		deployment: deploymentObject([c('Available', 'True', CREATED), c('Progressing', 'True', T3, 'ReplicaSetUpdated')], 2),
		reason: '1 of 3 unavailable',
	},
];

for (const k of deploymentCases) {
	test(`deployment SINCE: ${k.name}`, () => {
		expectSince(deploymentProblem(projectDeployment(k.deployment)), k);
	});
}

test('deploymentSince: the condition the reason names, and nothing for another', () => {
	const times = {Progressing: 1, ReplicaFailure: 2, Available: 3};
	const cases: Array<[string | undefined, Record<string, number> | undefined, number | undefined]> = [
		['ProgressDeadlineExceeded', times, 1],
		['ReplicaFailure: FailedCreate', times, 2],
		[undefined, times, 3],
		['ProgressDeadlineExceeded', {Available: 3}, undefined],
		[undefined, undefined, undefined],
	];
	for (const [problem, given, expected] of cases) assert.equal(deploymentSince(problem, given), expected, `${problem} ${JSON.stringify(given)}`);
});

function podObject(status: Record<string, unknown>, owners: OwnerRef[] = []): KubeObject {
	return {
		kind: 'Pod',
		metadata: {uid: 'p1', name: 'web-0', namespace: 'shop', creationTimestamp: CREATED, ...(owners.length ? {ownerReferences: owners} : {})},
		spec: {nodeName: 'worker-1', containers: [{name: 'app', image: 'web:1'}]},
		status,
	};
}
const running = (ready: boolean, readyAt?: string, extra: Record<string, unknown> = {}) => ({
	phase: 'Running',
	conditions: [c('PodScheduled', 'True', CREATED), c('Ready', ready ? 'True' : 'False', readyAt)],
	containerStatuses: [{name: 'app', ready, restartCount: 0, state: {running: {startedAt: CREATED}}, ...extra}],
});

const podCases: Array<{name: string; pod: KubeObject; reason?: string; since?: string}> = [
	{name: 'healthy', pod: podObject(running(true, CREATED))},
	{name: 'not ready: since the Ready condition went False, not its creation', pod: podObject(running(false, T1)), reason: 'not ready 0/1', since: T1},
	{name: 'not ready, no transition time: no SINCE', pod: podObject(running(false)), reason: 'not ready 0/1'},
	{
		name: 'image pull failing in a pod that never ran: since Ready went False',
		pod: podObject({phase: 'Pending', conditions: [c('PodScheduled', 'True', T2), c('Ready', 'False', T2)], containerStatuses: [{name: 'app', ready: false, restartCount: 0, state: {waiting: {reason: 'ImagePullBackOff'}}}]}),
		reason: 'ImagePullBackOff',
		since: T2,
	},
	{
		name: 'image pull failing, no condition time: no SINCE (not the creation time)',
		pod: podObject({phase: 'Pending', containerStatuses: [{name: 'app', ready: false, restartCount: 0, state: {waiting: {reason: 'ImagePullBackOff'}}}]}),
		reason: 'ImagePullBackOff',
	},
	{
		name: 'crash loop: since the last crash',
		pod: podObject({
			phase: 'Running',
			conditions: [c('Ready', 'False', T3)],
			containerStatuses: [{name: 'app', ready: false, restartCount: 4, state: {waiting: {reason: 'CrashLoopBackOff'}}, lastState: {terminated: {reason: 'Error', exitCode: 1, finishedAt: T2}}}],
		}),
		reason: 'CrashLoopBackOff · last Error (exit 1) · 4 restarts',
		since: T2,
	},
];

for (const k of podCases) {
	test(`pod SINCE: ${k.name}`, () => {
		expectSince(podProblem(projectPod(k.pod), NOW), k);
	});
}

test('oldestSinceByController: the oldest problem pod per controller uid; others and untimed ones do not count', () => {
	const owner = (uid: string, controller = true): OwnerRef => ({kind: 'StatefulSet', name: uid, uid, ...(controller ? {controller: true} : {})});
	const found = oldestSinceByController([
		{owners: [owner('a')], since: 30},
		{owners: [owner('a')], since: 10},
		{owners: [owner('a')]},
		{owners: [owner('b', false)], since: 5},
		{owners: [], since: 1},
		{since: 2},
		{owners: [owner('c')], since: 7},
	]);
	assert.deepEqual([...found].sort(), [['a', 10], ['c', 7]]);
});

test('statefulset SINCE: its oldest problem pod’s, matched by the controller uid, else none', () => {
	const project = projectProblemObject(problemObjectKinds.find((k) => k.kind === 'StatefulSet')!);
	const set = (uid: string, name: string) =>
		project({kind: 'StatefulSet', metadata: {uid, name, namespace: 'db', creationTimestamp: CREATED}, spec: {replicas: 3}, status: {replicas: 3, readyReplicas: 1}});
	const ownedBy = (uid: string): OwnerRef[] => [{kind: 'StatefulSet', name: uid, uid, controller: true}];
	const pod = (name: string, uid: string, readyAt: string, owners: OwnerRef[]) => ({...projectPod(podObject(running(false, readyAt), owners)), uid, name});
	const rows = collectProblems(
		{
			pods: [pod('pg-1', 'p-1', T2, ownedBy('sts-pg')), pod('pg-2', 'p-2', T1, ownedBy('sts-pg')), pod('other-0', 'p-3', CREATED, ownedBy('sts-other-uid'))],
			nodes: [],
			deployments: [],
			events: [],
			objects: [set('sts-pg', 'pg'), set('sts-lonely', 'lonely')],
		},
		NOW,
	);
	const since = (name: string) => rows.find((r) => r.kind === 'StatefulSet' && r.name === name)?.since;
	assert.equal(since('pg'), at(T1));
	assert.equal(since('lonely'), undefined);
});
