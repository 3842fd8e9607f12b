// Per-GPU rows (whole GPUs and MIG instances) with health and history, the :gpu node verdict,
// and the stores that keep both in step with the telemetry poller.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatFb, formatMiB, formatRemap, gpuDeviceColumns, gpuDeviceRows, gpuHealthByNode, shortReason} from '../../source/model/gpu-devices.js';
import {gpuHealthProblems, gpuTelemetryRows} from '../../source/model/dcgm.js';
import {gpuDevicesStore, nodesWithGpuHealth} from '../../source/store/gpuTelemetryStores.js';
import {gpuNodeHealthColumn} from '../../source/ui/panes/gpuPanes.js';
import {createRowStore} from '../../source/store/rowStore.js';
import type {BaseRow} from '../../source/model/types.js';
import {FakeTelemetry, MIN, T0, telemetryRow} from './gpu-telemetry-fakes.js';

const cells = (row: Parameters<(typeof gpuDeviceColumns)[number]['cell']>[0]) => Object.fromEntries(gpuDeviceColumns.map((c) => [c.title, c.cell(row, T0)]));

test('device rows: one per GPU and per MIG instance, with the holder, the health of its GPU and the history', () => {
	const rows = [
		telemetryRow('n1/0', 87, 'train-0', {fbUsedMiB: 40_000, fbTotalMiB: 81_559, tempC: 71, powerW: 612.4, xid: 0, remapPending: 0, remappedRows: 2}),
		telemetryRow('n1/3', 0, undefined, {xid: 79, remapPending: 1}),
		telemetryRow('n1/7', 95, 'train-1', {throttle: ['hw-thermal'], tempC: 91}),
		telemetryRow('mig/0/1', undefined, 'nb', {mig: {profile: '2g.20gb', id: '1'}, util: 0.4, fbUsedMiB: 800, fbTotalMiB: 19_968}),
		{...telemetryRow('l4/0', 50), holders: [{namespace: 'a', pod: 'x', container: 'c'}, {namespace: 'b', pod: 'y', container: 'c'}]},
	];
	const devices = gpuDeviceRows(rows, gpuHealthProblems(rows), (key) => (key === 'n1/0' ? [10, 50, 87] : []), T0);
	assert.deepEqual(devices.map((d) => [d.uid, d.device, d.holder, d.severity, d.health]), [
		['gpu:n1/0', '0', 'ml/train-0', 'ok', []],
		['gpu:n1/3', '3', '', 'error', ['XID 79 (fallen off the bus)', 'row remap pending (reset the GPU)']],
		['gpu:n1/7', '7', 'ml/train-1', 'warn', ['throttled: hw-thermal']],
		['gpu:mig/0/1', '0 2g.20gb#1', 'ml/nb', 'ok', []],
		['gpu:l4/0', '0', '2 pods', 'ok', []],
	]);
	assert.deepEqual(cells(devices[0]!), {NODE: 'n1', GPU: '0', UTIL: '87%', HEALTH: 'ok', FB: '39.1/79.6Gi', POD: 'ml/train-0', TEMP: '71C', POWER: '612W', XID: '0', REMAP: '2/0', THROTTLE: '-', MODEL: 'NVIDIA H100 80GB HBM3', HISTORY: '▁▄▇'});
	assert.deepEqual(cells(devices[1]!).HEALTH, 'XID 79, remap pending', 'in a few words; the detail line has them in full');
	assert.deepEqual([cells(devices[2]!).HEALTH, cells(devices[2]!).THROTTLE], ['hw-thermal', 'hw-thermal']);
	// A MIG instance has no device-level fields of its own: dashes, not zeros.
	assert.deepEqual([cells(devices[3]!).UTIL, cells(devices[3]!).TEMP, cells(devices[3]!).XID, cells(devices[3]!).REMAP, cells(devices[3]!).FB], ['0%', '-', '-', '-', '0.8/19.5Gi']);
	assert.equal(devices[0]!.sampledAt, T0);
});

test('formatting helpers', () => {
	assert.equal(formatMiB(812), '812Mi');
	assert.equal(formatMiB(81_559), '79.6Gi');
	assert.equal(formatFb(10, 81_559), '0.0/79.6Gi');
	assert.equal(formatFb(300, 512), '300/512Mi');
	assert.equal(formatFb(300, undefined), '300Mi');
	assert.equal(formatRemap({}), '-');
	assert.equal(formatRemap({remapPending: 1}), '-/1');
	for (const [reason, short] of [['XID 79 (fallen off the bus)', 'XID 79'], ['XID 13', 'XID 13'], ['row remap pending (reset the GPU)', 'remap pending'], ['throttled: hw-thermal, sw-thermal', 'hw-thermal, sw-thermal'], ['2 of 8 GPUs missing from the exporter', '2 of 8 GPUs missing from the exporter']]) {
		assert.equal(shortReason(reason!), short);
	}
});

test('node verdict: errors first, in full and in a few words', () => {
	const health = gpuHealthByNode([
		{node: 'a', gpu: '7', severity: 'warn', reason: 'throttled: hw-thermal'},
		{node: 'a', gpu: '3', severity: 'error', reason: 'XID 79 (fallen off the bus)'},
		{node: 'b', severity: 'error', reason: 'no GPU telemetry: 8 GPUs allocatable, exporter reports none'},
	]);
	assert.deepEqual(health.get('a'), {severity: 'error', reasons: ['GPU 3: XID 79 (fallen off the bus)', 'GPU 7: throttled: hw-thermal'], short: 'GPU3 XID 79, GPU7 hw-thermal'});
	assert.equal(health.get('b')!.short, 'no GPU telemetry: 8 GPUs allocatable, exporter reports none');
});

interface N extends BaseRow {
	gpus?: number;
}
const node = (name: string, gpus?: number): N => ({uid: `uid-${name}`, name, severity: 'ok', ...(gpus !== undefined ? {gpus} : {})});

test(':gpu join: XID flagged, GPUs missing from the exporter flagged, unreported nodes stay unjudged, unchanged rows keep their object', () => {
	const telemetry = new FakeTelemetry();
	const nodes = createRowStore<N>({frameMs: 1});
	nodes.replace([node('h100', 8), node('partial', 4), node('amd', 8), node('cpu')]);
	// 'amd' has allocatable GPUs but the NVIDIA check does not apply to it (expected: undefined).
	const store = nodesWithGpuHealth(nodes, telemetry, (n) => (n.name === 'amd' ? undefined : n.gpus), 1, (n) => (n.gpus ?? 0) > 0);
	const byName = () => new Map(store.snapshot().rows.map((r) => [r.name, r]));
	assert.equal(byName().get('h100')!.gpuHealth, undefined, 'no verdict before any scrape');
	assert.equal(byName().get('h100')!.gpuTelemetryAt, undefined);
	assert.equal(byName().get('amd')!.gpuUnreported, undefined, 'before any exporter answered nothing is called missing');
	const rows = (t: number) => [
		...Array.from({length: 8}, (_, i) => telemetryRow(`h100/${i}`, 50, undefined, i === 3 ? {xid: 79} : {})),
		telemetryRow('partial/0', 10),
		telemetryRow('partial/1', 10),
	].map((r) => ({...r, util: r.util! + (t - T0) / MIN}));
	telemetry.publish(rows(T0), T0);
	const first = byName();
	assert.deepEqual(first.get('h100')!.gpuHealth, {severity: 'error', reasons: ['GPU 3: XID 79 (fallen off the bus)'], short: 'GPU3 XID 79'});
	assert.deepEqual(first.get('partial')!.gpuHealth?.short, '2 of 4 GPUs missing from the exporter');
	assert.equal(first.get('amd')!.gpuHealth, undefined);
	assert.equal(first.get('amd')!.gpuTelemetryAt, undefined, 'no exporter reports on it: no verdict');
	assert.equal(first.get('amd')!.gpuUnreported, true, 'exporters answer for other nodes: this GPU node is marked as allocation only');
	assert.equal(gpuNodeHealthColumn.cell(first.get('amd') as never, T0), 'no exporter');
	assert.equal(first.get('cpu')!.gpuTelemetryAt, undefined);
	assert.equal(first.get('cpu')!.gpuUnreported, undefined, 'a node without GPUs is not missing an exporter');
	assert.equal(byName().get('h100')!.gpuUnreported, undefined);
	assert.equal(first.get('h100')!.gpuTelemetryAt, T0);
	// The same verdict a round later: a new sample time, so a new object (the age moves); the same round read twice: the same object.
	assert.equal(store.snapshot(), store.snapshot());
	telemetry.publish(rows(T0 + 15_000), T0 + 15_000);
	assert.equal(byName().get('h100')!.gpuTelemetryAt, T0 + 15_000);
	assert.equal(byName().get('cpu'), byName().get('cpu'));
	store.close();
});

test('devices store: rows with the newest samples of each series, recomputed once per round', () => {
	const telemetry = new FakeTelemetry();
	const store = gpuDevicesStore(telemetry, 1);
	assert.deepEqual(store.snapshot().rows, []);
	telemetry.feed((t) => [telemetryRow('n/0', (t - T0) / 15_000)], 10); // 0, 1, … 40
	const snapshot = store.snapshot();
	assert.equal(snapshot, store.snapshot(), 'no recomputation without a new round');
	const row = snapshot.rows[0]!;
	assert.equal(row.recent.length, 24, 'bounded: the sparkline keeps the newest 24 samples');
	assert.deepEqual(row.recent.slice(-3), [38, 39, 40]);
	assert.equal(row.sampledAt, T0 + 10 * MIN);
	store.close();
});

test('remapped rows are read from the exporter (correctable + uncorrectable) beside the pending count', () => {
	const labels = {gpu: '5', UUID: 'GPU-5', modelName: 'NVIDIA H100 80GB HBM3', Hostname: 'n1'};
	const rows = gpuTelemetryRows([
		{name: 'DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', metrics: [{value: '2', labels}]},
		{name: 'DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', metrics: [{value: '1', labels}]},
		{name: 'DCGM_FI_DEV_ROW_REMAP_PENDING', metrics: [{value: '1', labels}]},
	]);
	assert.deepEqual([rows[0]!.remappedRows, rows[0]!.remapPending], [3, 1]);
	assert.equal(formatRemap(gpuDeviceRows(rows, [])[0]!), '3/1');
});

test('the stores tell their listeners when a round arrives (the screen follows the poller)', async () => {
	const telemetry = new FakeTelemetry();
	const store = gpuDevicesStore(telemetry, 1);
	const told = new Promise<void>((resolve) => store.subscribe(resolve));
	telemetry.publish([telemetryRow('n/0', 40)], T0);
	await told;
	assert.equal(store.snapshot().rows.length, 1);
	store.close();
});
