// CPU/MEM usage: reading PodMetrics/NodeMetrics as kubectl top does, the columns' cells and
// shares, the join of usage to rows, and shift-c / shift-m picking the usage columns.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {durationMs, formatMi, milliCpu, nodeUsageTable, percentOf, podUsageTable, sampleAge, type UsageTable} from '../../source/model/metrics.js';
import {modelOf} from '../../source/kinds/index.js';
import {projectPod, type PodRow} from '../../source/model/pods.js';
import {projectNode, type NodeRow} from '../../source/model/nodes.js';
import {joinUsage, RowsWithUsage} from '../../source/store/usageJoin.js';
import {createRowStore} from '../../source/store/rowStore.js';
import {columnForLetter} from '../../source/ui/state.js';
import {visibleColumns} from '../../source/ui/window.js';
import {usageStatus} from '../../source/kube/metrics.js';

const T = Date.parse('2026-12-05T06:00:00Z');

test('milliCpu rounds nanocores up to a whole millicore, as Quantity.MilliValue', () => {
	for (const [text, milli] of [['1234567n', 2], ['1000000n', 1], ['250m', 250], ['2', 2000], ['1500u', 2], ['0', 0], ['garbage', 0]] as const) {
		assert.equal(milliCpu(text), milli, text);
	}
});

test('durationMs reads metav1.Duration text', () => {
	for (const [text, ms] of [['15s', 15_000], ['1m0.5s', 60_500], ['15.012s', 15_012], ['1h', 3_600_000], ['250ms', 250], ['', undefined], ['15', undefined], ['s', undefined]] as const) {
		assert.equal(durationMs(text), ms, text);
	}
});

test('a pod sums its containers exactly and rounds once (kubectl top adds Quantities before MilliValue)', () => {
	const item = {
		metadata: {name: 'api-1', namespace: 'shop'},
		timestamp: '2026-12-05T06:00:00Z',
		window: '15s',
		containers: [
			{name: 'a', usage: {cpu: '100400000n', memory: '1024Ki'}},
			{name: 'b', usage: {cpu: '100400000n', memory: '2048Ki'}},
		],
	} as unknown as KubeObject;
	const table = podUsageTable([item]);
	const usage = table.byKey.get('shop/api-1')!;
	assert.equal(usage.cpuMilli, 201); // 200.8m → 201m; per container it would be 101 + 101 = 202
	assert.equal(usage.memoryBytes, 3 * 1024 * 1024);
	assert.equal(usage.windowMs, 15_000);
	assert.equal(table.sampledAt, T);
	assert.equal(formatMi(usage.memoryBytes), '3Mi');
});

test('node usage by name; the newest timestamp is the table’s sample time', () => {
	const table = nodeUsageTable([
		{metadata: {name: 'n1'}, timestamp: '2026-12-05T05:59:45Z', window: '15s', usage: {cpu: '2500m', memory: '1Gi'}},
		{metadata: {name: 'n2'}, timestamp: '2026-12-05T06:00:00Z', window: '15s', usage: {cpu: '1', memory: '512Mi'}},
	] as unknown as KubeObject[]);
	assert.deepEqual([...table.byKey.keys()], ['n1', 'n2']);
	assert.equal(table.byKey.get('n1')!.cpuMilli, 2500);
	assert.equal(table.sampledAt, T);
});

test('percentOf truncates as kubectl top does, and is blank without a base', () => {
	for (const [used, base, text] of [[999, 1000, '99%'], [1000, 1000, '100%'], [2500, 1000, '250%'], [1, 3, '33%'], [5, undefined, ''], [5, 0, '']] as const) {
		assert.equal(percentOf(used, base), text, `${used}/${base}`);
	}
});

test('sampleAge in seconds, then minutes', () => {
	assert.equal(sampleAge(undefined, T), '?');
	assert.equal(sampleAge(T - 14_500, T), '14s');
	assert.equal(sampleAge(T - 5 * 60_000, T), '5m');
	assert.equal(sampleAge(T + 2000, T), '0s'); // a server clock ahead of ours is not negative
});

function podObject(name: string, containers: Array<{requests?: Record<string, string>; limits?: Record<string, string>}>): KubeObject {
	return {
		metadata: {name, namespace: 'shop', uid: `uid-${name}`, creationTimestamp: '2026-12-01T00:00:00Z'},
		spec: {nodeName: 'n1', containers: containers.map((resources, i) => ({name: `c${i}`, image: 'x', resources}))},
		status: {phase: 'Running'},
	};
}

const cellsOf = (row: PodRow | NodeRow, kind: 'pods' | 'nodes', titles: string[]): Record<string, string> => {
	const columns = modelOf(kind).columns as Array<{title: string; cell(r: unknown, now: number): string}>;
	return Object.fromEntries(titles.map((title) => [title, columns.find((c) => c.title === title)!.cell(row, T)]));
};

test('pod usage cells: use, and shares of requests and limits (a resource unlimited in any container has no limit)', () => {
	const pod = projectPod(podObject('api', [
		{requests: {cpu: '250m', memory: '256Mi'}, limits: {cpu: '1', memory: '512Mi'}},
		{requests: {cpu: '250m', memory: '256Mi'}, limits: {memory: '512Mi'}},
	]));
	assert.deepEqual(pod.limits, {memory: 1024 * 2 ** 20});
	const table: UsageTable = {byKey: new Map([['shop/api', {cpuMilli: 125, memoryBytes: 256 * 2 ** 20}]])};
	const [joined] = joinUsage([pod], table, (r) => `${r.namespace}/${r.name}`);
	assert.deepEqual(cellsOf(joined!, 'pods', ['CPU-USE', 'MEM-USE', '%CPU/R', '%CPU/L', '%MEM/R', '%MEM/L']), {
		'CPU-USE': '125m',
		'MEM-USE': '256Mi',
		'%CPU/R': '25%',
		'%CPU/L': '',
		'%MEM/R': '50%',
		'%MEM/L': '25%',
	});
});

test('without the metrics API every usage cell reads n/a; a pod without a sample in a served table stays blank', () => {
	const pod = projectPod(podObject('api', [{requests: {cpu: '100m'}}]));
	const [absent] = joinUsage([pod], {byKey: new Map(), unavailable: 'metrics.k8s.io is not served'}, (r) => r.name);
	assert.deepEqual(cellsOf(absent!, 'pods', ['CPU-USE', 'MEM-USE', '%CPU/R']), {'CPU-USE': 'n/a', 'MEM-USE': 'n/a', '%CPU/R': 'n/a'});
	const [pending] = joinUsage([pod], {byKey: new Map()}, (r) => r.name);
	assert.deepEqual(cellsOf(pending!, 'pods', ['CPU-USE', '%CPU/R']), {'CPU-USE': '', '%CPU/R': ''});
});

test('node usage cells: share of allocatable, as kubectl top nodes', () => {
	const node = projectNode({metadata: {name: 'n1', uid: 'u1'}, status: {allocatable: {cpu: '3900m', memory: '16Gi'}, conditions: [{type: 'Ready', status: 'True'}]}});
	const [joined] = joinUsage([node], {byKey: new Map([['n1', {cpuMilli: 1950, memoryBytes: 4 * 2 ** 30}]])}, (r) => r.name);
	assert.deepEqual(cellsOf(joined!, 'nodes', ['CPU-USE', '%CPU', 'MEM-USE', '%MEM']), {'CPU-USE': '1950m', '%CPU': '50%', 'MEM-USE': '4096Mi', '%MEM': '25%'});
});

test('shift-c / shift-m pick the usage columns on pods and nodes, narrow and wide (not the CPU request or allocatable)', () => {
	for (const kind of ['pods', 'nodes'] as const) {
		for (const wide of [false, true]) {
			const shown = visibleColumns(modelOf(kind).columns, {wide, allNamespaces: true});
			assert.equal(columnForLetter(shown, 'C')?.id, 'cpuuse', `${kind} wide=${wide}`);
			assert.equal(columnForLetter(shown, 'M')?.id, 'memuse', `${kind} wide=${wide}`);
		}
	}
	// Other letters still go by title.
	assert.equal(columnForLetter(modelOf('pods').columns, 'R')?.id, 'ready');
});

test('usage sorts numerically, rows without a sample last in descending order', () => {
	const cpu = modelOf('pods').columns.find((c) => c.id === 'cpuuse')!;
	const rows = ['a', 'b', 'c'].map((n) => projectPod(podObject(n, [{}])));
	const joined = joinUsage(rows, {byKey: new Map([['a', {cpuMilli: 900, memoryBytes: 0}], ['b', {cpuMilli: 1000, memoryBytes: 0}]])}, (r) => r.name);
	const values = joined.map((r) => cpu.sortValue!(r as never, T));
	assert.deepEqual(values, [900, 1000, -1]);
});

test('the join store keeps a row’s object while neither the row nor its usage changed', () => {
	const pods = createRowStore<PodRow>({frameMs: 1});
	pods.replace(['a', 'b'].map((n) => projectPod(podObject(n, [{}]))));
	let usage = {byKey: new Map([['shop/a', {cpuMilli: 1, memoryBytes: 1, timestamp: T}]]), version: 1} as UsageTable & {version: number};
	const source = {snapshot: () => usage, subscribe: () => () => {}};
	const joined = new RowsWithUsage(pods, source, (r) => `${r.namespace}/${r.name}`, 1);
	const first = joined.snapshot();
	assert.equal(first.rows[0]!.usage?.cpuMilli, 1);
	assert.equal(first.rows[1]!.usage, undefined);
	assert.equal(joined.snapshot(), first, 'no change, same snapshot');
	usage = {byKey: new Map([['shop/a', {cpuMilli: 1, memoryBytes: 1, timestamp: T}], ['shop/b', {cpuMilli: 7, memoryBytes: 1, timestamp: T}]]), version: 2};
	const second = joined.snapshot();
	assert.notEqual(second, first);
	assert.equal(second.rows[0], first.rows[0], 'a kept its object');
	assert.equal(second.rows[1]!.usage?.cpuMilli, 7);
	joined.close();
});

test('the metrics badge: connecting, live with the sample’s age, or the one line why not', () => {
	assert.deepEqual(usageStatus({byKey: new Map(), version: 0}, T), {state: 'connecting', since: T});
	assert.deepEqual(usageStatus({byKey: new Map(), sampledAt: T - 5000, version: 3}, T), {state: 'live', since: T, dataAt: T - 5000});
	assert.deepEqual(usageStatus({byKey: new Map(), unavailable: 'metrics.k8s.io is not served', version: 1}, T), {state: 'error', since: T, message: 'metrics.k8s.io is not served'});
});

test('GPU% and GPU-MEM from the joined DCGM telemetry; blank for pods without it', () => {
	const pod = projectPod(podObject('train', [{}]));
	const [joined] = joinUsage([pod], {byKey: new Map()}, (r) => `${r.namespace}/${r.name}`, new Map([['shop/train', {util: 87.4, fbUsedMiB: 61000, devices: 8}]]));
	const columns = modelOf('pods').columns;
	const cell = (id: string, row: PodRow) => columns.find((c) => c.id === id)!.cell(row as never, T);
	assert.equal(cell('gpuutil', joined!), '87%');
	assert.equal(cell('gpumem', joined!), '61000Mi');
	assert.equal(cell('gpuutil', pod), '');
	assert.equal(columns.find((c) => c.id === 'gpumem')!.wide, true);
});
