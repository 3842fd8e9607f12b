// Issue 14's columns as specifications: the HPA's TARGETS as kubectl prints them, the HPA
// flag and conditions, the events pane's grouping, and the pods' LAST column.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatHpaTargets} from '../../source/model/hpa-targets.js';
import {projectHpa, hpaColumns} from '../../source/model/hpa.js';
import {projectEvent} from '../../source/model/events.js';
import {groupEvents} from '../../source/model/events-group.js';
import {projectPod, podColumns} from '../../source/model/pods.js';
import {selectRows} from '../../source/store/selectors.js';
import {eventModel} from '../../source/model/events.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

const util = (name: string, target?: number) => ({type: 'Resource', resource: {name, target: {type: 'Utilization', ...(target === undefined ? {} : {averageUtilization: target})}}});
const utilNow = (name: string, current: number) => ({type: 'Resource', resource: {name, current: {averageUtilization: current}}});

test('TARGETS: current/target per metric, as kubectl formats them', () => {
	const cases: Array<[string, unknown, unknown, string]> = [
		['no metrics', [], [], '<none>'],
		['utilisation', [util('cpu', 70)], [utilNow('cpu', 45)], 'cpu: 45%/70%'],
		['no status yet', [util('cpu', 70)], undefined, 'cpu: <unknown>/70%'],
		['no target utilisation', [util('cpu')], [utilNow('cpu', 45)], 'cpu: 45%/<auto>'],
		['average value', [{type: 'Resource', resource: {name: 'memory', target: {type: 'AverageValue', averageValue: '500Mi'}}}], [{type: 'Resource', resource: {name: 'memory', current: {averageValue: '300Mi'}}}], 'memory: 300Mi/500Mi'],
		['container resource', [{type: 'ContainerResource', containerResource: {name: 'cpu', container: 'app', target: {averageUtilization: 60}}}], [{type: 'ContainerResource', containerResource: {name: 'cpu', current: {averageUtilization: 30}}}], 'cpu: 30%/60%'],
		['pods', [{type: 'Pods', pods: {metric: {name: 'qps'}, target: {averageValue: '10'}}}], [{type: 'Pods', pods: {current: {averageValue: '12'}}}], '12/10'],
		['object value', [{type: 'Object', object: {target: {value: '100'}}}], [{type: 'Object', object: {current: {value: '80'}}}], '80/100'],
		['external average', [{type: 'External', external: {target: {averageValue: '30'}}}], [{type: 'External', external: {current: {averageValue: '25'}}}], '25/30 (avg)'],
		['unknown type', [{type: 'Weird'}], [], '<unknown type>'],
		['two shown, the rest counted', [util('cpu', 70), util('memory', 80), util('gpu', 90), util('x', 1)], [utilNow('cpu', 10), utilNow('memory', 20)], 'cpu: 10%/70%, memory: 20%/80% + 2 more...'],
	];
	for (const [what, metrics, current, expected] of cases) assert.equal(formatHpaTargets(metrics, current), expected, what);
});

function hpa(current: number, conditions: Array<[string, string, string]> = [], min?: number) {
	return projectHpa({
		metadata: {name: 'web', namespace: 'prod', uid: 'h1', creationTimestamp: ago(30 * MIN)},
		spec: {scaleTargetRef: {kind: 'Deployment', name: 'web'}, ...(min === undefined ? {} : {minReplicas: min}), maxReplicas: 10, metrics: [util('cpu', 70)]},
		status: {currentReplicas: current, desiredReplicas: current, currentMetrics: [utilNow('cpu', 95)], conditions: conditions.map(([type, status, reason]) => ({type, status, reason}))},
	});
}
const cell = (r: ReturnType<typeof hpa>, id: string) => hpaColumns.find((c) => c.id === id)!.cell(r, NOW);

test('HPA row: kubectl columns, a flag when pinned at max, conditions with reasons in wide', () => {
	const pinned = hpa(10, [['AbleToScale', 'True', 'ReadyForNewScale'], ['ScalingActive', 'True', 'ValidMetricFound'], ['ScalingLimited', 'True', 'TooManyReplicas']], 2);
	assert.deepEqual(['reference', 'targets', 'minpods', 'maxpods', 'replicas', 'age', 'status'].map((id) => cell(pinned, id)), ['Deployment/web', 'cpu: 95%/70%', '2', '10', '10', '30m', 'AtMax']);
	assert.equal(pinned.severity, 'warn');
	assert.equal(cell(pinned, 'scalinglimited'), 'True (TooManyReplicas)');
	assert.ok(hpaColumns.find((c) => c.id === 'scalinglimited')!.wide);
	const fine = hpa(4, [['ScalingLimited', 'False', 'DesiredWithinRange']]);
	assert.equal(cell(fine, 'minpods'), '<unset>');
	assert.equal(cell(fine, 'status'), '');
	assert.equal(fine.severity, 'ok');
	const broken = hpa(4, [['AbleToScale', 'False', 'FailedGetScale']]);
	assert.equal(cell(broken, 'status'), 'FailedGetScale');
	assert.equal(broken.severity, 'error');
});

function event(name: string, involved: string, type: string, reason: string, lastAgo: number, count = 1, message = reason) {
	return projectEvent({metadata: {name, namespace: 'prod', uid: name}, involvedObject: {kind: 'Pod', namespace: 'prod', name: involved, uid: `uid-${involved}`}, type, reason, message, count, firstTimestamp: ago(lastAgo + MIN), lastTimestamp: ago(lastAgo)});
}

test('events: duplicates folded, objects with warnings first, each object together, newest first', () => {
	const rows = groupEvents([
		event('a1', 'a', 'Normal', 'Pulled', 1 * MIN),
		event('b1', 'b', 'Warning', 'BackOff', 5 * MIN, 3, 'Back-off restarting'),
		event('b2', 'b', 'Warning', 'BackOff', 2 * MIN, 4, 'Back-off restarting'), // a duplicate never folded into a series
		event('b3', 'b', 'Normal', 'Started', 1 * MIN),
		event('c1', 'c', 'Warning', 'FailedScheduling', 10 * MIN),
	]);
	const sorted = selectRows(rows, eventModel.columns, {sort: {column: 'type', ascending: true}}, NOW);
	assert.deepEqual(sorted.map((r) => `${r.involved.name}:${r.reason}`), ['b:BackOff', 'b:Started', 'c:FailedScheduling', 'a:Pulled']);
	const backoff = sorted[0]!;
	assert.equal(backoff.count, 7);
	assert.equal(backoff.lastSeen, NOW - 2 * MIN);
	assert.equal(backoff.firstSeen, NOW - 6 * MIN);
	assert.deepEqual(eventModel.columns.filter((c) => !c.wide && !c.allNamespaces).map((c) => c.title), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'COUNT', 'MESSAGE']);
});

function pod(name: string, statuses: object[]) {
	return projectPod({metadata: {name, namespace: 'prod', uid: name, creationTimestamp: ago(60 * MIN)}, spec: {containers: [{name: 'app'}, {name: 'side'}]}, status: {phase: 'Running', containerStatuses: statuses}});
}
const terminated = (reason: string, finishedAgo: number, exitCode = 137) => ({terminated: {reason, exitCode, finishedAt: ago(finishedAgo)}});

test('LAST: the newest termination of any container with its age; sorts newest first', () => {
	const oom = pod('oom', [{name: 'app', restartCount: 2, ready: true, state: {running: {}}, lastState: terminated('OOMKilled', 3 * MIN)}, {name: 'side', restartCount: 1, ready: true, state: {running: {}}, lastState: terminated('Error', 30 * MIN, 1)}]);
	const err = pod('err', [{name: 'app', restartCount: 5, ready: true, state: {running: {}}, lastState: terminated('Error', 10 * MIN, 1)}]);
	const clean = pod('clean', [{name: 'app', restartCount: 0, ready: true, state: {running: {}}}]);
	const last = podColumns.find((c) => c.id === 'last')!;
	assert.equal(last.wide, undefined, 'in the normal view');
	assert.deepEqual([oom, err, clean].map((r) => last.cell(r, NOW)), ['OOMKilled 3m', 'Error 10m', '']);
	const byLast = selectRows([clean, err, oom], podColumns, {sort: {column: 'last', ascending: true}}, NOW);
	assert.deepEqual(byLast.map((r) => r.name), ['oom', 'err', 'clean']);
	const byRestarts = selectRows([clean, oom, err], podColumns, {sort: {column: 'restarts', ascending: false}}, NOW);
	assert.deepEqual(byRestarts.map((r) => r.name), ['err', 'oom', 'clean']);
	const noTime = pod('no-time', [{name: 'app', restartCount: 1, lastState: {terminated: {reason: 'OOMKilled', exitCode: 137}}}]);
	assert.equal(last.cell(noTime, NOW), 'OOMKilled');
	const completed = pod('done', [{name: 'app', restartCount: 0, state: {terminated: {reason: 'Completed', exitCode: 0, finishedAt: ago(MIN)}}}]);
	assert.equal(last.cell(completed, NOW), '', 'a clean exit is not a termination worth a column');
});

test('nodes: PRESSURE lists the True pressure conditions; STATUS stays kubectl\'s', async () => {
	const {projectNode, nodeColumns} = await import('../../source/model/nodes.js');
	const node = (conditions: Array<[string, string]>) => projectNode({metadata: {name: 'n', uid: 'n'}, status: {conditions: conditions.map(([type, status]) => ({type, status}))}});
	const cell = (r: ReturnType<typeof node>, id: string) => nodeColumns.find((c) => c.id === id)!.cell(r, NOW);
	const pressed = node([['Ready', 'True'], ['MemoryPressure', 'True'], ['DiskPressure', 'True'], ['PIDPressure', 'False']]);
	assert.equal(cell(pressed, 'pressure'), 'Memory,Disk');
	assert.equal(cell(pressed, 'status'), 'Ready');
	assert.equal(pressed.severity, 'warn');
	assert.equal(cell(node([['Ready', 'True'], ['PIDPressure', 'True']]), 'pressure'), 'PID');
	assert.equal(cell(node([['Ready', 'True'], ['MemoryPressure', 'False']]), 'pressure'), '');
	assert.equal(nodeColumns.find((c) => c.id === 'pressure')!.wide, undefined, 'in the normal view');
});
