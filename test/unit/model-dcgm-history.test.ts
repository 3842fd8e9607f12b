// Utilisation history (bounded ring per series), :gpuidle rows with GPU-hours and cost, sparklines.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type {GpuTelemetryRow} from '../../source/model/dcgm.js';
import {gpuIdleRows, idleByOwner, sparkline, UtilHistory} from '../../source/model/dcgm-history.js';

const T0 = Date.parse('2026-12-05T06:00:00Z');
const MIN = 60_000;

function row(key: string, util: number, pod?: string, extra: Partial<GpuTelemetryRow> = {}): GpuTelemetryRow {
	const [node, gpu] = key.split('/');
	return {key, node: node!, gpu: gpu!, uuid: `GPU-${key}`, model: 'NVIDIA H100 80GB HBM3', util, throttle: [], holders: pod ? [{namespace: 'ml', pod, container: 'c'}] : [], ...extra};
}

/** Feeds `minutes` of scrapes every 15 s, utilisation by key from `util(key, t)`. */
function feed(history: UtilHistory, rows: (t: number) => GpuTelemetryRow[], minutes: number): number {
	let t = T0;
	for (; t <= T0 + minutes * MIN; t += 15_000) history.record(rows(t), t);
	return t - 15_000;
}

test('idleFor: the run below the threshold up to the newest sample', () => {
	const history = new UtilHistory();
	feed(history, (t) => [row('n/0', t < T0 + 10 * MIN ? 80 : 1, 'a'), row('n/1', 2, 'b'), row('n/2', t === T0 + 40 * MIN ? 50 : 1, 'c')], 40);
	assert.equal(history.idleFor('n/0', 5), 30 * MIN);
	assert.equal(history.idleFor('n/1', 5), 40 * MIN);
	assert.equal(history.idleFor('n/2', 5), 0, 'busy at the newest sample');
	assert.equal(history.idleFor('nope', 5), 0);
});

test(':gpuidle lists pods idle for the whole window with GPU-hours, owner and cost; MIG slices count as their share', () => {
	const history = new UtilHistory();
	const rows = (t: number) => [
		row('n/0', 1, 'idle-pod'),
		row('n/1', 1, 'idle-pod'),
		row('n/2', t < T0 + 20 * MIN ? 90 : 1, 'recent'), // idle for 30 min: short of the window
		row('n/3', 85, 'busy'),
		row('n/4', 0), // unheld: not anyone's waste
		row('m/0', 0.2, 'nb', {mig: {profile: '2g.20gb', id: '1'}, model: 'NVIDIA A100-SXM4-80GB'}),
	];
	feed(history, rows, 50);
	const idle = gpuIdleRows(rows(T0 + 50 * MIN), history, {windowMs: 45 * MIN, pricePerHour: {'NVIDIA H100 80GB HBM3': 10}, ownerOf: (_ns, pod) => (pod === 'idle-pod' ? 'Job/train' : undefined)});
	assert.deepEqual(idle.map((r) => [r.pod, r.owner, r.devices, Math.round(r.gpuHours * 100) / 100, r.cost === undefined ? undefined : Math.round(r.cost)]), [
		['idle-pod', 'Job/train', ['0', '1'], 1.67, 17], // 2 GPUs × 50 min at 10/h
		['nb', 'Pod/nb', ['0/2g.20gb#1'], 0.24, undefined], // 2/7 of a GPU, no price for the A100
	]);
	const {byOwner, total} = idleByOwner(idle);
	assert.equal(Math.round(byOwner.get('ml/Job/train')!.cost! * 100) / 100, 16.67);
	assert.equal(Math.round(total.gpuHours * 100) / 100, 1.9);
	assert.equal(Math.round(total.cost! * 100) / 100, 16.67);
});

test('the history is bounded: capacity samples per series, stale series forgotten', () => {
	const history = new UtilHistory(8, 5 * MIN);
	feed(history, () => [row('n/0', 3, 'a')], 10);
	assert.equal(history.recent('n/0', 100).length, 8);
	assert.equal(history.idleFor('n/0', 5), 7 * 15_000, 'only as far back as the ring reaches');
	history.record([row('n/1', 3, 'b')], T0 + 30 * MIN);
	assert.equal(history.series, 1, 'n/0 unseen for 20 min is forgotten');
	assert.equal(history.bytesPerSeries, 64);
});

test('sparkline: one block per sample, clamped, no colour needed', () => {
	assert.equal(sparkline([0, 50, 100, 150, -3]), '▁▄██▁');
	fc.assert(fc.property(fc.array(fc.double({noNaN: true})), (values) => [...sparkline(values)].length === values.length));
});
