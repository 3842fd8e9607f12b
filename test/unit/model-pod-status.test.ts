// The pod-status corpus: each case states a pod as the API serves it and what `kubectl get pods`
// prints for it (READY, STATUS, RESTARTS), following printPod's rules in recent kubectl.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {podStatus, podSeverity, formatRestarts} from '../../source/model/pods.js';
import type {KubeObject, Severity} from '../../source/model/types.js';

type J = Record<string, unknown>;
const NOW = Date.parse('2024-06-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const MIN = 60_000;

const running = (over: J = {}): J => ({name: 'app', ready: true, started: true, restartCount: 0, state: {running: {startedAt: ago(10 * MIN)}}, ...over});
const waiting = (reason: string, over: J = {}): J => ({name: 'app', ready: false, restartCount: 0, state: {waiting: reason ? {reason} : {}}, ...over});
const terminated = (t: J, over: J = {}): J => ({name: 'app', ready: false, restartCount: 0, state: {terminated: {exitCode: 0, ...t}}, ...over});
const lastTerminated = (msAgo: number): J => ({lastState: {terminated: {exitCode: 1, reason: 'Error', finishedAt: ago(msAgo)}}});
const cond = (type: string, status: string, reason?: string): J => ({type, status, ...(reason ? {reason} : {})});

interface PodSpecIn {
	phase?: string;
	reason?: string;
	conditions?: J[];
	containers?: number | J[];
	init?: J[];
	initStatuses?: J[];
	statuses?: J[];
	deleting?: boolean;
}

function pod(p: PodSpecIn): KubeObject {
	const containers =
		typeof p.containers === 'number' || p.containers === undefined
			? Array.from({length: (p.containers as number | undefined) ?? 1}, (_, i) => ({name: i === 0 ? 'app' : `c${i}`, image: 'x'}))
			: p.containers;
	const status: J = {};
	if (p.phase !== undefined) status.phase = p.phase;
	if (p.reason !== undefined) status.reason = p.reason;
	if (p.conditions) status.conditions = p.conditions;
	if (p.initStatuses) status.initContainerStatuses = p.initStatuses;
	if (p.statuses) status.containerStatuses = p.statuses;
	return {
		metadata: {name: 'p', namespace: 'default', uid: 'u', ...(p.deleting ? {deletionTimestamp: ago(5000)} : {})},
		spec: {containers, ...(p.init ? {initContainers: p.init} : {})},
		status,
	};
}

const sidecarSpec = (name: string): J => ({name, image: 'x', restartPolicy: 'Always'});
const initSpec = (name: string): J => ({name, image: 'x'});

interface Case {
	name: string;
	pod: PodSpecIn;
	ready: string;
	status: string;
	restarts?: number;
	lastRestartAt?: number;
}

const cases: Case[] = [
	// Phases and scheduling
	{name: 'pending, not yet scheduled', pod: {phase: 'Pending'}, ready: '0/1', status: 'Pending'},
	{name: 'unschedulable stays Pending', pod: {phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'Unschedulable')]}, ready: '0/1', status: 'Pending'},
	{name: 'scheduling gates', pod: {phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'SchedulingGated')]}, ready: '0/1', status: 'SchedulingGated'},
	{name: 'phase Unknown', pod: {phase: 'Unknown'}, ready: '0/1', status: 'Unknown'},
	{name: 'no status at all', pod: {}, ready: '0/1', status: ''},
	{name: 'waiting without a reason keeps the phase', pod: {phase: 'Pending', statuses: [waiting('')]}, ready: '0/1', status: 'Pending'},
	// Container waiting reasons
	{name: 'container creating', pod: {phase: 'Pending', statuses: [waiting('ContainerCreating')]}, ready: '0/1', status: 'ContainerCreating'},
	{name: 'image pull backoff', pod: {phase: 'Pending', statuses: [waiting('ImagePullBackOff')]}, ready: '0/1', status: 'ImagePullBackOff'},
	{name: 'err image pull', pod: {phase: 'Pending', statuses: [waiting('ErrImagePull')]}, ready: '0/1', status: 'ErrImagePull'},
	{name: 'config error', pod: {phase: 'Pending', statuses: [waiting('CreateContainerConfigError')]}, ready: '0/1', status: 'CreateContainerConfigError'},
	{
		name: 'crash loop with last restart time',
		pod: {phase: 'Running', statuses: [waiting('CrashLoopBackOff', {restartCount: 5, ...lastTerminated(3 * MIN)})]},
		ready: '0/1',
		status: 'CrashLoopBackOff',
		restarts: 5,
		lastRestartAt: NOW - 3 * MIN,
	},
	// Running
	{name: 'running and ready', pod: {phase: 'Running', conditions: [cond('Ready', 'True')], statuses: [running()]}, ready: '1/1', status: 'Running'},
	{name: 'running, container not ready', pod: {phase: 'Running', statuses: [running({ready: false})]}, ready: '0/1', status: 'Running'},
	{name: 'two containers, one ready', pod: {phase: 'Running', containers: 2, statuses: [running(), running({name: 'c1', ready: false})]}, ready: '1/2', status: 'Running'},
	{
		name: 'restarts without a recorded finish time',
		pod: {phase: 'Running', statuses: [running({restartCount: 4})]},
		ready: '1/1',
		status: 'Running',
		restarts: 4,
	},
	{
		name: 'restarts summed over containers, latest finish wins',
		pod: {phase: 'Running', containers: 2, statuses: [running({restartCount: 2, ...lastTerminated(30 * MIN)}), running({name: 'c1', restartCount: 1, ...lastTerminated(2 * MIN)})]},
		ready: '2/2',
		status: 'Running',
		restarts: 3,
		lastRestartAt: NOW - 2 * MIN,
	},
	{
		name: 'first container state wins (kubectl walks backwards)',
		pod: {phase: 'Running', containers: 2, statuses: [waiting('CrashLoopBackOff'), running({name: 'c1'})]},
		ready: '1/2',
		status: 'CrashLoopBackOff',
	},
	{
		name: 'a later container reason shows when the first is fine',
		pod: {phase: 'Running', containers: 2, statuses: [running(), waiting('ImagePullBackOff', {name: 'c1'})]},
		ready: '1/2',
		status: 'ImagePullBackOff',
	},
	// Terminated containers
	{name: 'OOMKilled', pod: {phase: 'Running', statuses: [terminated({reason: 'OOMKilled', exitCode: 137})]}, ready: '0/1', status: 'OOMKilled'},
	{name: 'Completed', pod: {phase: 'Succeeded', statuses: [terminated({reason: 'Completed'})]}, ready: '0/1', status: 'Completed'},
	{name: 'Error', pod: {phase: 'Failed', statuses: [terminated({reason: 'Error', exitCode: 1})]}, ready: '0/1', status: 'Error'},
	{name: 'signal without reason', pod: {phase: 'Failed', statuses: [terminated({signal: 9, exitCode: 137})]}, ready: '0/1', status: 'Signal:9'},
	{name: 'exit code without reason', pod: {phase: 'Failed', statuses: [terminated({exitCode: 2})]}, ready: '0/1', status: 'ExitCode:2'},
	{name: 'exit 0 without reason', pod: {phase: 'Succeeded', statuses: [terminated({})]}, ready: '0/1', status: 'ExitCode:0'},
	{
		name: 'completed container next to a running one, pod Ready',
		pod: {phase: 'Running', containers: 2, conditions: [cond('Ready', 'True')], statuses: [running(), terminated({reason: 'Completed'}, {name: 'c1'})]},
		ready: '1/2',
		status: 'Running',
	},
	{
		name: 'completed container next to a running one, pod not Ready',
		pod: {phase: 'Running', containers: 2, conditions: [cond('Ready', 'False')], statuses: [running(), terminated({reason: 'Completed'}, {name: 'c1'})]},
		ready: '1/2',
		status: 'NotReady',
	},
	{
		name: 'completed next to a running but unready container stays Completed',
		pod: {phase: 'Running', containers: 2, statuses: [running({ready: false}), terminated({reason: 'Completed'}, {name: 'c1'})]},
		ready: '0/2',
		status: 'Completed',
	},
	{
		name: 'completed read back over a container that failed: the failure names the pod',
		pod: {phase: 'Running', containers: 2, conditions: [cond('Ready', 'False')], statuses: [terminated({reason: 'Completed'}, {name: 'once'}), terminated({reason: 'Error', exitCode: 1}, {name: 'bad'})]},
		ready: '0/2',
		status: 'Error',
	},
	{
		name: 'completed over a failure without a reason: the exit code names the pod',
		pod: {phase: 'Running', containers: 2, statuses: [terminated({reason: 'Completed'}, {name: 'once'}), terminated({exitCode: 3}, {name: 'bad'})]},
		ready: '0/2',
		status: 'ExitCode:3',
	},
	{
		name: 'a ready running container outranks a failure when the pod is Ready',
		pod: {phase: 'Running', containers: 3, conditions: [cond('Ready', 'True')], statuses: [terminated({reason: 'Completed'}, {name: 'once'}), terminated({reason: 'Error', exitCode: 1}, {name: 'bad'}), running()]},
		ready: '1/3',
		status: 'Running',
	},
	// Pod-level reasons
	{name: 'evicted', pod: {phase: 'Failed', reason: 'Evicted'}, ready: '0/1', status: 'Evicted'},
	{
		name: 'evicted, container status unknown wins like in kubectl',
		pod: {phase: 'Failed', reason: 'Evicted', statuses: [terminated({reason: 'ContainerStatusUnknown', exitCode: 137})]},
		ready: '0/1',
		status: 'ContainerStatusUnknown',
	},
	{name: 'node affinity rejection', pod: {phase: 'Failed', reason: 'NodeAffinity'}, ready: '0/1', status: 'NodeAffinity'},
	// Deletion
	{name: 'terminating running pod', pod: {phase: 'Running', deleting: true, statuses: [running()]}, ready: '1/1', status: 'Terminating'},
	{name: 'terminating overrides crash loop', pod: {phase: 'Running', deleting: true, statuses: [waiting('CrashLoopBackOff')]}, ready: '0/1', status: 'Terminating'},
	{name: 'node lost while deleting', pod: {phase: 'Running', reason: 'NodeLost', deleting: true, statuses: [running()]}, ready: '1/1', status: 'Unknown'},
	{name: 'node lost without deletion shows the reason', pod: {phase: 'Running', reason: 'NodeLost', statuses: [running()]}, ready: '1/1', status: 'NodeLost'},
	{name: 'deleting a succeeded pod stays Completed', pod: {phase: 'Succeeded', deleting: true, statuses: [terminated({reason: 'Completed'})]}, ready: '0/1', status: 'Completed'},
	{name: 'deleting a failed pod stays Error', pod: {phase: 'Failed', deleting: true, statuses: [terminated({reason: 'Error', exitCode: 1})]}, ready: '0/1', status: 'Error'},
	// Init containers
	{
		name: 'first init container not started',
		pod: {phase: 'Pending', init: [initSpec('i0'), initSpec('i1')], initStatuses: [waiting('', {name: 'i0'}), waiting('', {name: 'i1'})], statuses: [waiting('PodInitializing')]},
		ready: '0/1',
		status: 'Init:0/2',
	},
	{
		name: 'init waiting PodInitializing counts as progress',
		pod: {phase: 'Pending', init: [initSpec('i0')], initStatuses: [waiting('PodInitializing', {name: 'i0'})]},
		ready: '0/1',
		status: 'Init:0/1',
	},
	{
		name: 'second of three init containers running',
		pod: {
			phase: 'Pending',
			init: [initSpec('i0'), initSpec('i1'), initSpec('i2')],
			initStatuses: [terminated({reason: 'Completed'}, {name: 'i0'}), running({name: 'i1', ready: false}), waiting('', {name: 'i2'})],
			statuses: [waiting('PodInitializing')],
		},
		ready: '0/1',
		status: 'Init:1/3',
	},
	{
		name: 'init crash loop counts init restarts',
		pod: {phase: 'Pending', init: [initSpec('i0')], initStatuses: [waiting('CrashLoopBackOff', {name: 'i0', restartCount: 3, ...lastTerminated(MIN)})], statuses: [waiting('PodInitializing')]},
		ready: '0/1',
		status: 'Init:CrashLoopBackOff',
		restarts: 3,
		lastRestartAt: NOW - MIN,
	},
	{name: 'init image pull', pod: {phase: 'Pending', init: [initSpec('i0')], initStatuses: [waiting('ImagePullBackOff', {name: 'i0'})]}, ready: '0/1', status: 'Init:ImagePullBackOff'},
	{name: 'init error', pod: {phase: 'Pending', init: [initSpec('i0')], initStatuses: [terminated({reason: 'Error', exitCode: 1}, {name: 'i0'})]}, ready: '0/1', status: 'Init:Error'},
	{name: 'init killed by signal', pod: {phase: 'Pending', init: [initSpec('i0')], initStatuses: [terminated({signal: 15, exitCode: 143}, {name: 'i0'})]}, ready: '0/1', status: 'Init:Signal:15'},
	{name: 'init exit code', pod: {phase: 'Failed', init: [initSpec('i0')], initStatuses: [terminated({exitCode: 3}, {name: 'i0'})]}, ready: '0/1', status: 'Init:ExitCode:3'},
	{
		name: 'init done: init restarts no longer count',
		pod: {
			phase: 'Running',
			init: [initSpec('i0')],
			initStatuses: [terminated({reason: 'Completed'}, {name: 'i0', restartCount: 2, ...lastTerminated(60 * MIN)})],
			statuses: [running()],
		},
		ready: '1/1',
		status: 'Running',
		restarts: 0,
	},
	{
		name: 'stale init failure after Initialized=True: main containers still evaluated',
		pod: {
			phase: 'Running',
			conditions: [cond('Initialized', 'True')],
			init: [initSpec('i0')],
			initStatuses: [waiting('CrashLoopBackOff', {name: 'i0', restartCount: 7})],
			statuses: [running({restartCount: 1})],
		},
		ready: '1/1',
		status: 'Init:CrashLoopBackOff',
		restarts: 1,
	},
	// Sidecars (restartable init containers)
	{
		name: 'sidecar and app both ready',
		pod: {
			phase: 'Running',
			conditions: [cond('Initialized', 'True'), cond('Ready', 'True')],
			init: [sidecarSpec('proxy')],
			initStatuses: [running({name: 'proxy'})],
			statuses: [running()],
		},
		ready: '2/2',
		status: 'Running',
	},
	{
		name: 'sidecar started but not ready',
		pod: {phase: 'Running', init: [sidecarSpec('proxy')], initStatuses: [running({name: 'proxy', ready: false})], statuses: [running()]},
		ready: '1/2',
		status: 'Running',
	},
	{
		name: 'sidecar not started yet blocks init',
		pod: {phase: 'Pending', init: [sidecarSpec('proxy')], initStatuses: [running({name: 'proxy', started: false, ready: false})], statuses: [waiting('PodInitializing')]},
		ready: '0/2',
		status: 'Init:0/1',
	},
	{
		name: 'sidecar started, next init container running',
		pod: {
			phase: 'Pending',
			init: [sidecarSpec('proxy'), initSpec('migrate')],
			initStatuses: [running({name: 'proxy'}), running({name: 'migrate', ready: false})],
			statuses: [waiting('PodInitializing')],
		},
		ready: '1/2',
		status: 'Init:1/2',
	},
	{
		name: 'sidecar restarts count after init, latest finish wins',
		pod: {
			phase: 'Running',
			init: [sidecarSpec('proxy'), initSpec('migrate')],
			initStatuses: [
				running({name: 'proxy', restartCount: 2, ...lastTerminated(MIN)}),
				terminated({reason: 'Completed'}, {name: 'migrate', restartCount: 9, ...lastTerminated(30 * 1000)}),
			],
			statuses: [running({restartCount: 1, ...lastTerminated(20 * MIN)})],
		},
		ready: '2/2',
		status: 'Running',
		restarts: 3,
		lastRestartAt: NOW - MIN,
	},
	{
		name: 'sidecar crash looping after init shows the app state',
		pod: {
			phase: 'Running',
			init: [sidecarSpec('proxy')],
			initStatuses: [waiting('CrashLoopBackOff', {name: 'proxy', started: true, restartCount: 4})],
			statuses: [running()],
		},
		ready: '1/2',
		status: 'Running',
		restarts: 4,
	},
];

test('pod status corpus matches kubectl printPod', async (t) => {
	assert.ok(cases.length >= 40, `corpus has ${cases.length} cases`);
	for (const c of cases) {
		await t.test(c.name, () => {
			const got = podStatus(pod(c.pod), NOW);
			assert.equal(got.status, c.status, 'STATUS');
			assert.equal(got.ready, c.ready, 'READY');
			assert.equal(got.restarts, c.restarts ?? 0, 'RESTARTS');
			assert.equal(got.lastRestartAt, c.lastRestartAt, 'last restart');
		});
	}
});

test('RESTARTS cell', () => {
	const table: Array<[number, number | undefined, string]> = [
		[0, undefined, '0'],
		[0, NOW - MIN, '0'],
		[4, undefined, '4'],
		[5, NOW - 5 * MIN, '5 (5m ago)'],
		[12, NOW - 90 * 1000, '12 (90s ago)'],
		[1, NOW - 26 * 60 * MIN, '1 (26h ago)'],
	];
	for (const [n, at, text] of table) assert.equal(formatRestarts(n, at, NOW), text);
});

test('severity follows the STATUS text', () => {
	const table: Array<[string, string, string, Severity]> = [
		['Running', 'Running', '1/1', 'ok'],
		['Running', 'Running', '0/1', 'warn'],
		['CrashLoopBackOff', 'Running', '0/1', 'error'],
		['ImagePullBackOff', 'Pending', '0/1', 'error'],
		['ErrImagePull', 'Pending', '0/1', 'error'],
		['OOMKilled', 'Running', '0/1', 'error'],
		['Error', 'Failed', '0/1', 'error'],
		['Evicted', 'Failed', '0/1', 'error'],
		['Unknown', 'Running', '1/1', 'error'],
		['Signal:9', 'Failed', '0/1', 'error'],
		['ExitCode:2', 'Failed', '0/1', 'error'],
		['SomethingNew', 'Failed', '0/1', 'error'],
		['Pending', 'Pending', '0/1', 'warn'],
		['ContainerCreating', 'Pending', '0/1', 'warn'],
		['NotReady', 'Running', '1/2', 'warn'],
		['Terminating', 'Running', '1/1', 'warn'],
		['SchedulingGated', 'Pending', '0/1', 'warn'],
		['Init:1/3', 'Pending', '0/1', 'warn'],
		['Init:CrashLoopBackOff', 'Pending', '0/1', 'error'],
		['Init:ExitCode:1', 'Pending', '0/1', 'error'],
		['Completed', 'Succeeded', '0/1', 'done'],
	];
	for (const [status, phase, ready, severity] of table) assert.equal(podSeverity({status, phase, ready}), severity, status);
});
