// The simulator's Pod printer, case by case against what the API server's printPod prints for
// READY, STATUS and RESTARTS (and the wide cells). The expected cells follow the upstream rules;
// test/real/sim-printers-crosscheck.test.ts checks a subset against a real kube-apiserver.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {podSummary, printers} from '../../source/sim/server/printers/index.js';
import type {KubeObject} from '../../source/model/types.js';

type J = Record<string, unknown>;
const NOW = Date.parse('2026-03-01T08:00:00Z');
const SEC = 1000;
const MIN = 60 * SEC;
const at = (msAgo: number) => new Date(NOW - msAgo).toISOString().replace('.000Z', 'Z');

// Container statuses, one per state; `extra` sets name, ready, started, restartCount, lastState.
const run = (name: string, extra: J = {}): J => ({name, ready: true, started: true, restartCount: 0, state: {running: {startedAt: at(60 * MIN)}}, ...extra});
const wait = (name: string, reason: string | undefined, extra: J = {}): J => ({name, ready: false, started: false, restartCount: 0, state: {waiting: reason === undefined ? {} : {reason}}, ...extra});
const done = (name: string, terminated: J, extra: J = {}): J => ({name, ready: false, started: false, restartCount: 0, state: {terminated: {exitCode: 0, finishedAt: at(5 * MIN), ...terminated}}, ...extra});
const restarted = (count: number, msAgo?: number): J => ({restartCount: count, ...(msAgo === undefined ? {} : {lastState: {terminated: {exitCode: 1, reason: 'Error', finishedAt: at(msAgo)}}})});
const condition = (type: string, status: string, reason?: string): J => ({type, status, ...(reason ? {reason} : {})});

interface Case {
	name: string;
	/** App container names; default one named 'app'. */
	containers?: string[];
	/** Init containers in spec order; `sidecar` ones have restartPolicy Always. */
	init?: Array<{name: string; sidecar?: boolean}>;
	status?: J;
	deleting?: boolean;
	/** READY, STATUS, RESTARTS as the server prints them. */
	cells: [string, string, string];
}

const cases: Case[] = [
	// Phase, pod reason and scheduling
	{name: 'no status yet', cells: ['0/1', '', '0']},
	{name: 'pending', status: {phase: 'Pending'}, cells: ['0/1', 'Pending', '0']},
	{name: 'unschedulable stays Pending', status: {phase: 'Pending', conditions: [condition('PodScheduled', 'False', 'Unschedulable')]}, cells: ['0/1', 'Pending', '0']},
	{name: 'scheduling gated', status: {phase: 'Pending', conditions: [condition('PodScheduled', 'False', 'SchedulingGated')]}, cells: ['0/1', 'SchedulingGated', '0']},
	{name: 'scheduling gated outranks a pod reason', status: {phase: 'Pending', reason: 'Whatever', conditions: [condition('PodScheduled', 'False', 'SchedulingGated')]}, cells: ['0/1', 'SchedulingGated', '0']},
	{name: 'phase Unknown', status: {phase: 'Unknown'}, cells: ['0/1', 'Unknown', '0']},
	{name: 'evicted', status: {phase: 'Failed', reason: 'Evicted'}, cells: ['0/1', 'Evicted', '0']},
	{name: 'node affinity rejection', status: {phase: 'Failed', reason: 'NodeAffinity'}, cells: ['0/1', 'NodeAffinity', '0']},
	{name: 'node lost, not deleted: the reason shows', status: {phase: 'Running', reason: 'NodeLost', containerStatuses: [run('app')]}, cells: ['1/1', 'NodeLost', '0']},
	{name: 'an evicted pod with a terminated container shows the container reason', status: {phase: 'Failed', reason: 'Evicted', containerStatuses: [done('app', {exitCode: 137, reason: 'ContainerStatusUnknown'})]}, cells: ['0/1', 'ContainerStatusUnknown', '0']},
	// Waiting containers
	{name: 'waiting without a reason keeps the phase', status: {phase: 'Pending', containerStatuses: [wait('app', undefined)]}, cells: ['0/1', 'Pending', '0']},
	{name: 'waiting with an empty reason keeps the phase', status: {phase: 'Pending', containerStatuses: [wait('app', '')]}, cells: ['0/1', 'Pending', '0']},
	{name: 'container creating', status: {phase: 'Pending', containerStatuses: [wait('app', 'ContainerCreating')]}, cells: ['0/1', 'ContainerCreating', '0']},
	{name: 'image pull back-off', status: {phase: 'Pending', containerStatuses: [wait('app', 'ImagePullBackOff')]}, cells: ['0/1', 'ImagePullBackOff', '0']},
	{name: 'err image pull', status: {phase: 'Pending', containerStatuses: [wait('app', 'ErrImagePull')]}, cells: ['0/1', 'ErrImagePull', '0']},
	{name: 'config error', status: {phase: 'Pending', containerStatuses: [wait('app', 'CreateContainerConfigError')]}, cells: ['0/1', 'CreateContainerConfigError', '0']},
	{name: 'crash loop with the last restart', status: {phase: 'Running', containerStatuses: [wait('app', 'CrashLoopBackOff', restarted(5, 3 * MIN))]}, cells: ['0/1', 'CrashLoopBackOff', '5 (3m ago)']},
	{name: 'the first container speaks last (read backwards)', containers: ['app', 'side'], status: {phase: 'Running', containerStatuses: [wait('app', 'CrashLoopBackOff'), run('side')]}, cells: ['1/2', 'CrashLoopBackOff', '0']},
	{name: 'a later container speaks when the first is fine', containers: ['app', 'side'], status: {phase: 'Running', containerStatuses: [run('app'), wait('side', 'ImagePullBackOff')]}, cells: ['1/2', 'ImagePullBackOff', '0']},
	{name: 'err image pull before a creating container', containers: ['app', 'side'], status: {phase: 'Pending', containerStatuses: [wait('app', 'ErrImagePull'), wait('side', 'ContainerCreating')]}, cells: ['0/2', 'ErrImagePull', '0']},
	// Running
	{name: 'running and ready', status: {phase: 'Running', conditions: [condition('Ready', 'True')], containerStatuses: [run('app')]}, cells: ['1/1', 'Running', '0']},
	{name: 'running, not ready', status: {phase: 'Running', containerStatuses: [run('app', {ready: false})]}, cells: ['0/1', 'Running', '0']},
	{name: 'ready but not running does not count', status: {phase: 'Running', containerStatuses: [{name: 'app', ready: true, restartCount: 0, state: {}}]}, cells: ['0/1', 'Running', '0']},
	{name: 'two containers, one ready', containers: ['app', 'side'], status: {phase: 'Running', containerStatuses: [run('app'), run('side', {ready: false})]}, cells: ['1/2', 'Running', '0']},
	{name: 'a status for a container missing from the spec still counts as ready', status: {phase: 'Running', containerStatuses: [run('app'), run('ghost')]}, cells: ['2/1', 'Running', '0']},
	// Restarts
	{name: 'restarts without a finish time print bare', status: {phase: 'Running', containerStatuses: [run('app', restarted(4))]}, cells: ['1/1', 'Running', '4']},
	{name: 'restarts sum; the latest finish dates them', containers: ['app', 'side'], status: {phase: 'Running', containerStatuses: [run('app', restarted(2, 30 * MIN)), run('side', restarted(1, 2 * MIN))]}, cells: ['2/2', 'Running', '3 (2m ago)']},
	{name: 'a finish time with zero restarts prints 0', status: {phase: 'Running', containerStatuses: [run('app', {restartCount: 0, lastState: {terminated: {exitCode: 1, finishedAt: at(MIN)}}})]}, cells: ['1/1', 'Running', '0']},
	{name: 'restart ages: seconds below two minutes', status: {phase: 'Running', containerStatuses: [run('app', restarted(12, 90 * SEC))]}, cells: ['1/1', 'Running', '12 (90s ago)']},
	{name: 'restart ages: minutes and seconds below ten minutes', status: {phase: 'Running', containerStatuses: [run('app', restarted(1, 5 * MIN + 7 * SEC))]}, cells: ['1/1', 'Running', '1 (5m7s ago)']},
	{name: 'restart ages: hours', status: {phase: 'Running', containerStatuses: [run('app', restarted(1, 26 * 60 * MIN))]}, cells: ['1/1', 'Running', '1 (26h ago)']},
	{name: 'restart ages: days and hours', status: {phase: 'Running', containerStatuses: [run('app', restarted(1, (3 * 24 + 5) * 60 * MIN))]}, cells: ['1/1', 'Running', '1 (3d5h ago)']},
	// Terminated containers
	{name: 'OOMKilled while running', status: {phase: 'Running', containerStatuses: [done('app', {reason: 'OOMKilled', exitCode: 137}, restarted(1, 95 * MIN))]}, cells: ['0/1', 'OOMKilled', '1 (95m ago)']},
	{name: 'OOMKilled second container next to a running one', containers: ['app', 'worker'], status: {phase: 'Running', containerStatuses: [run('app', restarted(2, 95 * MIN)), done('worker', {reason: 'OOMKilled', exitCode: 137}, restarted(3, 30 * MIN))]}, cells: ['1/2', 'OOMKilled', '5 (30m ago)']},
	{name: 'completed', status: {phase: 'Succeeded', containerStatuses: [done('app', {reason: 'Completed'})]}, cells: ['0/1', 'Completed', '0']},
	{name: 'error', status: {phase: 'Failed', containerStatuses: [done('app', {reason: 'Error', exitCode: 1})]}, cells: ['0/1', 'Error', '0']},
	{name: 'a signal without a reason', status: {phase: 'Failed', containerStatuses: [done('app', {signal: 9, exitCode: 137})]}, cells: ['0/1', 'Signal:9', '0']},
	{name: 'an exit code without a reason', status: {phase: 'Failed', containerStatuses: [done('app', {exitCode: 2})]}, cells: ['0/1', 'ExitCode:2', '0']},
	{name: 'exit 0 without a reason', status: {phase: 'Succeeded', containerStatuses: [done('app', {})]}, cells: ['0/1', 'ExitCode:0', '0']},
	{name: 'completed next to running, pod Ready: Running', containers: ['app', 'once'], status: {phase: 'Running', conditions: [condition('Ready', 'True')], containerStatuses: [run('app'), done('once', {reason: 'Completed'})]}, cells: ['1/2', 'Running', '0']},
	{name: 'completed next to running, pod not Ready: NotReady', containers: ['app', 'once'], status: {phase: 'Running', conditions: [condition('Ready', 'False')], containerStatuses: [run('app'), done('once', {reason: 'Completed'})]}, cells: ['1/2', 'NotReady', '0']},
	{name: 'completed next to a running but unready container stays Completed', containers: ['app', 'once'], status: {phase: 'Running', containerStatuses: [run('app', {ready: false}), done('once', {reason: 'Completed'})]}, cells: ['0/2', 'Completed', '0']},
	{name: 'completed first, a failed container behind it: the failure shows', containers: ['once', 'bad'], status: {phase: 'Running', containerStatuses: [done('once', {reason: 'Completed'}), done('bad', {reason: 'Error', exitCode: 1})]}, cells: ['0/2', 'Error', '0']},
	// Deletion
	{name: 'terminating', deleting: true, status: {phase: 'Running', containerStatuses: [run('app')]}, cells: ['1/1', 'Terminating', '0']},
	{name: 'terminating outranks a crash loop', deleting: true, status: {phase: 'Running', containerStatuses: [wait('app', 'CrashLoopBackOff')]}, cells: ['0/1', 'Terminating', '0']},
	{name: 'terminating a pending pod', deleting: true, status: {phase: 'Pending'}, cells: ['0/1', 'Terminating', '0']},
	{name: 'node lost while deleting: Unknown', deleting: true, status: {phase: 'Running', reason: 'NodeLost', containerStatuses: [run('app')]}, cells: ['1/1', 'Unknown', '0']},
	{name: 'node lost while deleting a failed pod: still Unknown', deleting: true, status: {phase: 'Failed', reason: 'NodeLost', containerStatuses: [done('app', {reason: 'Error', exitCode: 1})]}, cells: ['0/1', 'Unknown', '0']},
	{name: 'deleting a succeeded pod stays Completed', deleting: true, status: {phase: 'Succeeded', containerStatuses: [done('app', {reason: 'Completed'})]}, cells: ['0/1', 'Completed', '0']},
	{name: 'deleting a failed pod stays Error', deleting: true, status: {phase: 'Failed', containerStatuses: [done('app', {reason: 'Error', exitCode: 1})]}, cells: ['0/1', 'Error', '0']},
	// Init containers
	{name: 'init containers not started', init: [{name: 'i0'}, {name: 'i1'}], status: {phase: 'Pending', initContainerStatuses: [wait('i0', undefined), wait('i1', undefined)], containerStatuses: [wait('app', 'PodInitializing')]}, cells: ['0/1', 'Init:0/2', '0']},
	{name: 'init waiting PodInitializing is progress', init: [{name: 'i0'}], status: {phase: 'Pending', initContainerStatuses: [wait('i0', 'PodInitializing')]}, cells: ['0/1', 'Init:0/1', '0']},
	{name: 'first init running', init: [{name: 'i0'}, {name: 'i1'}], status: {phase: 'Pending', initContainerStatuses: [run('i0', {ready: false}), wait('i1', 'PodInitializing')], containerStatuses: [wait('app', 'PodInitializing')]}, cells: ['0/1', 'Init:0/2', '0']},
	{name: 'second of three init containers running', init: [{name: 'i0'}, {name: 'i1'}, {name: 'i2'}], status: {phase: 'Pending', initContainerStatuses: [done('i0', {reason: 'Completed'}), run('i1', {ready: false}), wait('i2', undefined)], containerStatuses: [wait('app', 'PodInitializing')]}, cells: ['0/1', 'Init:1/3', '0']},
	{name: 'init statuses missing: still the phase', init: [{name: 'i0'}], status: {phase: 'Pending'}, cells: ['0/1', 'Pending', '0']},
	{name: 'init crash loop counts init restarts', init: [{name: 'i0'}], status: {phase: 'Pending', initContainerStatuses: [wait('i0', 'CrashLoopBackOff', restarted(3, MIN))], containerStatuses: [wait('app', 'PodInitializing')]}, cells: ['0/1', 'Init:CrashLoopBackOff', '3 (60s ago)']},
	{name: 'init image pull', init: [{name: 'i0'}], status: {phase: 'Pending', initContainerStatuses: [wait('i0', 'ImagePullBackOff')]}, cells: ['0/1', 'Init:ImagePullBackOff', '0']},
	{name: 'init error', init: [{name: 'i0'}], status: {phase: 'Pending', initContainerStatuses: [done('i0', {reason: 'Error', exitCode: 1}, restarted(2, 95 * MIN))]}, cells: ['0/1', 'Init:Error', '2 (95m ago)']},
	{name: 'init killed by a signal', init: [{name: 'i0'}], status: {phase: 'Pending', initContainerStatuses: [done('i0', {signal: 15, exitCode: 143})]}, cells: ['0/1', 'Init:Signal:15', '0']},
	{name: 'init exit code', init: [{name: 'i0'}], status: {phase: 'Failed', initContainerStatuses: [done('i0', {exitCode: 3})]}, cells: ['0/1', 'Init:ExitCode:3', '0']},
	{name: 'init done: init restarts no longer count', init: [{name: 'i0'}], status: {phase: 'Running', initContainerStatuses: [done('i0', {reason: 'Completed'}, restarted(2, 60 * MIN))], containerStatuses: [run('app')]}, cells: ['1/1', 'Running', '0']},
	{
		name: 'a stale init failure after Initialized=True lets the app containers count',
		init: [{name: 'i0'}],
		status: {phase: 'Running', conditions: [condition('Initialized', 'True')], initContainerStatuses: [wait('i0', 'CrashLoopBackOff', {restartCount: 7})], containerStatuses: [run('app', {restartCount: 1})]},
		cells: ['1/1', 'Init:CrashLoopBackOff', '1'],
	},
	{
		name: 'a stale init failure with Initialized=False keeps init restarts',
		init: [{name: 'i0'}],
		status: {phase: 'Running', conditions: [condition('Initialized', 'False')], initContainerStatuses: [wait('i0', 'CrashLoopBackOff', {restartCount: 7})], containerStatuses: [run('app', {restartCount: 1})]},
		cells: ['0/1', 'Init:CrashLoopBackOff', '7'],
	},
	// Sidecars (init containers with restartPolicy Always)
	{name: 'sidecar and app ready', init: [{name: 'proxy', sidecar: true}], status: {phase: 'Running', conditions: [condition('Initialized', 'True'), condition('Ready', 'True')], initContainerStatuses: [run('proxy')], containerStatuses: [run('app')]}, cells: ['2/2', 'Running', '0']},
	{name: 'sidecar started, not ready', init: [{name: 'proxy', sidecar: true}], status: {phase: 'Running', initContainerStatuses: [run('proxy', {ready: false})], containerStatuses: [run('app')]}, cells: ['1/2', 'Running', '0']},
	{name: 'sidecar not started blocks init', init: [{name: 'proxy', sidecar: true}], status: {phase: 'Pending', initContainerStatuses: [run('proxy', {started: false, ready: false})], containerStatuses: [wait('app', 'PodInitializing')]}, cells: ['0/2', 'Init:0/1', '0']},
	{name: 'sidecar with started unset blocks init', init: [{name: 'proxy', sidecar: true}], status: {phase: 'Pending', initContainerStatuses: [{name: 'proxy', ready: false, restartCount: 0, state: {running: {}}}]}, cells: ['0/2', 'Init:0/1', '0']},
	{name: 'sidecar started, next init container running', init: [{name: 'proxy', sidecar: true}, {name: 'migrate'}], status: {phase: 'Pending', initContainerStatuses: [run('proxy'), run('migrate', {ready: false})], containerStatuses: [wait('app', 'PodInitializing')]}, cells: ['1/2', 'Init:1/2', '0']},
	{
		name: 'sidecar restarts count after init; regular init restarts do not',
		init: [{name: 'proxy', sidecar: true}, {name: 'migrate'}],
		status: {phase: 'Running', initContainerStatuses: [run('proxy', restarted(2, MIN)), done('migrate', {reason: 'Completed'}, restarted(9, 30 * SEC))], containerStatuses: [run('app', restarted(1, 20 * MIN))]},
		cells: ['2/2', 'Running', '3 (60s ago)'],
	},
	{name: 'sidecar crash looping after init: the app state shows', init: [{name: 'proxy', sidecar: true}], status: {phase: 'Running', initContainerStatuses: [wait('proxy', 'CrashLoopBackOff', {started: true, restartCount: 4})], containerStatuses: [run('app')]}, cells: ['1/2', 'Running', '4']},
	{name: 'a sidecar that exited 0 is done, not ready', init: [{name: 'proxy', sidecar: true}], status: {phase: 'Running', initContainerStatuses: [done('proxy', {reason: 'Completed'}, {started: false})], containerStatuses: [run('app')]}, cells: ['1/2', 'Running', '0']},
	{name: 'two sidecars both count in READY', init: [{name: 'a', sidecar: true}, {name: 'b', sidecar: true}], status: {phase: 'Running', initContainerStatuses: [run('a'), run('b')], containerStatuses: [run('app')]}, cells: ['3/3', 'Running', '0']},
];

function podOf(c: Case): KubeObject {
	const containers = (c.containers ?? ['app']).map(name => ({name, image: 'example/app:1'}));
	const initContainers = (c.init ?? []).map(i => ({name: i.name, image: 'example/init:1', ...(i.sidecar ? {restartPolicy: 'Always'} : {})}));
	return {
		metadata: {name: 'p', namespace: 'default', uid: 'u', creationTimestamp: at(2 * 60 * MIN), ...(c.deleting ? {deletionTimestamp: at(5 * SEC)} : {})},
		spec: {containers, ...(initContainers.length ? {initContainers} : {})},
		...(c.status ? {status: c.status} : {}),
	};
}

test('the sim pod printer: READY, STATUS, RESTARTS as printPod prints them', async t => {
	assert.ok(cases.length >= 55, `corpus has ${cases.length} cases`);
	assert.equal(new Set(cases.map(c => c.name)).size, cases.length, 'case names are unique');
	for (const c of cases) {
		await t.test(c.name, () => {
			const {ready, status, restarts} = podSummary(podOf(c), NOW);
			assert.deepEqual([ready, status, restarts], c.cells);
		});
	}
});

test('the Pod table row: name, the three cells, age, then IP, node, nominated node, readiness gates', () => {
	const cells = (pod: KubeObject) => printers.Pod!.cells(pod, NOW);
	const base = podOf({name: 'x', status: {phase: 'Running', conditions: [condition('Ready', 'True')], containerStatuses: [run('app')]}, cells: ['', '', '']});
	assert.deepEqual(cells(base), ['p', '1/1', 'Running', '0', '120m', '<none>', '<none>', '<none>', '<none>']);
	const placed: KubeObject = {
		...base,
		spec: {...base.spec, nodeName: 'worker-1', readinessGates: [{conditionType: 'example.com/lb'}, {conditionType: 'example.com/dns'}, {conditionType: 'example.com/never'}]},
		status: {
			...base.status,
			podIP: '10.0.0.9',
			podIPs: [{ip: '10.0.0.7'}, {ip: 'fd00::7'}],
			nominatedNodeName: 'worker-2',
			// The first condition of a type decides, a later duplicate does not count.
			conditions: [condition('Ready', 'True'), condition('example.com/lb', 'True'), condition('example.com/dns', 'False'), condition('example.com/dns', 'True')],
		},
	};
	assert.deepEqual(cells(placed), ['p', '1/1', 'Running', '0', '120m', '10.0.0.7', 'worker-1', 'worker-2', '1/3']);
	// Only podIP set (what the v1 → internal conversion turns into podIPs[0]).
	const legacy: KubeObject = {...base, status: {...base.status, podIP: '10.0.0.9'}};
	assert.equal(cells(legacy)[5], '10.0.0.9');
	// No creation time: the server prints <unknown>.
	assert.equal(cells({...base, metadata: {...base.metadata, creationTimestamp: undefined}})[4], '<unknown>');
	assert.deepEqual(printers.Pod!.columns.map(c => [c.name, c.priority]), [['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0], ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1]]);
});
