// SINCE in :problems: when each problem began, only where the object says (problems-since.ts),
// through the projections (deployments, nodes) and the collection (a StatefulSet dated by its
// oldest problem pod). Tables: each case is an object and the time it gives (or none).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {CORDON_TAINT, deploymentProblemSince, nodeProblemTimes, oldestSince} from '../../source/model/problems-since.js';
import {projectDeployment} from '../../source/model/deployments.js';
import {projectNode} from '../../source/model/nodes.js';
import {nodeProblem} from '../../source/model/problems-nodes.js';
import {deploymentProblem} from '../../source/model/problems-workloads.js';
import {collectProblems} from '../../source/model/problems-collect.js';
import type {PodRow} from '../../source/model/pods.js';
import type {ProblemObjectRow} from '../../source/model/problems-objects.js';
import type {KubeObject} from '../../source/model/types.js';

const T = (iso: string) => Date.parse(iso);
const c = (type: string, status: string, at: string, reason?: string) => ({type, status, lastTransitionTime: at, ...(reason ? {reason} : {})});

test('deploymentProblemSince: the condition that names the problem, else none', () => {
	const cases: Array<[string, unknown[], number | undefined]> = [
		['stalled rollout', [c('Available', 'True', '2026-12-01T00:00:00Z'), c('Progressing', 'False', '2026-12-04T10:00:00Z', 'ProgressDeadlineExceeded')], T('2026-12-04T10:00:00Z')],
		['replica failure', [c('Progressing', 'True', '2026-12-01T00:00:00Z', 'NewReplicaSetAvailable'), c('ReplicaFailure', 'True', '2026-12-04T11:00:00Z', 'FailedCreate')], T('2026-12-04T11:00:00Z')],
		['nothing available', [c('Available', 'False', '2026-12-04T12:00:00Z', 'MinimumReplicasUnavailable'), c('Progressing', 'True', '2026-12-04T12:00:00Z', 'ReplicaSetUpdated')], T('2026-12-04T12:00:00Z')],
		['the deadline wins over Available False', [c('Available', 'False', '2026-12-04T12:00:00Z'), c('Progressing', 'False', '2026-12-04T09:00:00Z', 'ProgressDeadlineExceeded')], T('2026-12-04T09:00:00Z')],
		['short while Available: no date', [c('Available', 'True', '2026-12-01T00:00:00Z'), c('Progressing', 'True', '2026-12-04T12:00:00Z', 'ReplicaSetUpdated')], undefined],
		['Progressing False for another reason', [c('Progressing', 'False', '2026-12-04T09:00:00Z', 'Paused')], undefined],
		['a condition without a time', [{type: 'Available', status: 'False'}], undefined],
		['no conditions', [], undefined],
	];
	for (const [name, conditions, expected] of cases) assert.equal(deploymentProblemSince({conditions}), expected, name);
});

const PRESSURES = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];
const node = (conditions: unknown[], spec: Record<string, unknown> = {}) => ({spec, status: {conditions}});

test('nodeProblemTimes: Ready not True, each pressure True, the cordon taint\'s timeAdded', () => {
	const cases: Array<[string, ReturnType<typeof node>, ReturnType<typeof nodeProblemTimes>]> = [
		['healthy', node([c('Ready', 'True', '2026-11-01T00:00:00Z')]), {}],
		['NotReady', node([c('Ready', 'False', '2026-12-04T08:00:00Z')]), {readySince: T('2026-12-04T08:00:00Z')}],
		['Unknown', node([c('Ready', 'Unknown', '2026-12-04T08:30:00Z')]), {readySince: T('2026-12-04T08:30:00Z')}],
		['memory pressure (a pressure False is not dated)', node([c('Ready', 'True', '2026-11-01T00:00:00Z'), c('MemoryPressure', 'True', '2026-12-04T07:00:00Z'), c('DiskPressure', 'False', '2026-12-04T06:00:00Z')]), {pressureSince: {MemoryPressure: T('2026-12-04T07:00:00Z')}}],
		[
			'cordoned: the taint the API server added',
			node([c('Ready', 'True', '2026-11-01T00:00:00Z')], {unschedulable: true, taints: [{key: 'gpu', effect: 'NoSchedule', timeAdded: '2026-12-01T00:00:00Z'}, {key: CORDON_TAINT, effect: 'NoSchedule', timeAdded: '2026-12-04T05:00:00Z'}]}),
			{cordonedSince: T('2026-12-04T05:00:00Z')},
		],
		['cordoned without the taint\'s time: no date, never a guess', node([c('Ready', 'True', '2026-11-01T00:00:00Z')], {unschedulable: true, taints: [{key: CORDON_TAINT, effect: 'NoSchedule'}]}), {}],
		['a leftover cordon taint on a schedulable node is not a cordon', node([c('Ready', 'True', '2026-11-01T00:00:00Z')], {taints: [{key: CORDON_TAINT, effect: 'NoSchedule', timeAdded: '2026-12-04T05:00:00Z'}]}), {}],
	];
	for (const [name, object, expected] of cases) assert.deepEqual(nodeProblemTimes(object, PRESSURES), expected, name);
});

test('oldestSince: the earliest known time; none when none is known', () => {
	assert.equal(oldestSince([3, undefined, 1, 2]), 1);
	assert.equal(oldestSince([undefined, undefined]), undefined);
	assert.equal(oldestSince([]), undefined);
});

const meta = (name: string) => ({name, namespace: 'shop', uid: `uid-${name}`, creationTimestamp: '2026-11-01T00:00:00Z'});

test('a stalled deployment\'s row carries when its rollout stalled, and its problem shows it as SINCE', () => {
	const object = {
		kind: 'Deployment',
		metadata: meta('web'),
		spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template: {spec: {containers: [{name: 'app', image: 'web:2'}]}}},
		status: {replicas: 2, availableReplicas: 0, conditions: [c('Available', 'False', '2026-12-04T10:00:00Z'), c('Progressing', 'False', '2026-12-04T10:05:00Z', 'ProgressDeadlineExceeded')]},
	} as unknown as KubeObject;
	const row = projectDeployment(object);
	assert.equal(row.problemSince, T('2026-12-04T10:05:00Z'));
	assert.equal(deploymentProblem(row)?.since, T('2026-12-04T10:05:00Z'));
	const healthy = projectDeployment({...object, status: {replicas: 2, availableReplicas: 2, readyReplicas: 2, updatedReplicas: 2, conditions: [c('Available', 'True', '2026-12-01T00:00:00Z')]}} as unknown as KubeObject);
	assert.equal(healthy.problemSince, undefined, 'a healthy row keeps no time');
});

test('a node\'s one :problems row takes the time of its worst problem: NotReady before pressure before cordon', () => {
	const object = (conditions: unknown[], spec: Record<string, unknown> = {}) => ({kind: 'Node', metadata: {name: 'n1', uid: 'uid-n1', creationTimestamp: '2026-11-01T00:00:00Z'}, spec, status: {conditions}}) as unknown as KubeObject;
	const cordon = {unschedulable: true, taints: [{key: CORDON_TAINT, effect: 'NoSchedule', timeAdded: '2026-12-04T05:00:00Z'}]};
	const down = nodeProblem(projectNode(object([c('Ready', 'False', '2026-12-04T08:00:00Z'), c('DiskPressure', 'True', '2026-12-04T07:00:00Z')], cordon)));
	assert.deepEqual([down?.reason, down?.since], ['NotReady · DiskPressure · cordoned (SchedulingDisabled)', T('2026-12-04T08:00:00Z')]);
	const pressed = nodeProblem(projectNode(object([c('Ready', 'True', '2026-11-01T00:00:00Z'), c('DiskPressure', 'True', '2026-12-04T07:00:00Z')], cordon)));
	assert.deepEqual([pressed?.reason, pressed?.since], ['DiskPressure · cordoned (SchedulingDisabled)', T('2026-12-04T07:00:00Z')]);
	const cordoned = nodeProblem(projectNode(object([c('Ready', 'True', '2026-11-01T00:00:00Z')], cordon)));
	assert.deepEqual([cordoned?.reason, cordoned?.since], ['cordoned (SchedulingDisabled)', T('2026-12-04T05:00:00Z')]);
});

test('a StatefulSet with a replica never ready is as old as its oldest problem pod; another set\'s pods do not count', () => {
	const NOW = T('2026-12-05T00:00:00Z');
	const pod = (name: string, owner: string, createdAt: number): PodRow =>
		({uid: `uid-${name}`, name, namespace: 'shop', createdAt, phase: 'Running', ready: '0/1', status: 'Running', restarts: 0, requests: {}, containers: ['db'], owners: [{kind: 'StatefulSet', name: owner, uid: `uid-${owner}`, controller: true}], severity: 'warn'}) as unknown as PodRow;
	const sts = (name: string): ProblemObjectRow => ({uid: `uid-${name}`, name, namespace: 'shop', severity: 'warn', problem: {kind: 'StatefulSet', uid: `uid-${name}`, name, namespace: 'shop', severity: 'warn', rank: 1, reason: '1 of 3 not ready'}});
	const rows = collectProblems(
		{pods: [pod('db-2', 'db', T('2026-12-04T20:00:00Z')), pod('db-1', 'db', T('2026-12-04T22:00:00Z')), pod('cache-0', 'cache', T('2026-12-01T00:00:00Z'))], nodes: [], deployments: [], events: [], objects: [sts('db'), sts('queue')]},
		NOW,
	);
	const since = (name: string) => rows.find((r) => r.kind === 'StatefulSet' && r.name === name)?.since;
	assert.equal(since('db'), T('2026-12-04T20:00:00Z'));
	assert.equal(since('queue'), undefined, 'no problem pods of its own: no date');
});
