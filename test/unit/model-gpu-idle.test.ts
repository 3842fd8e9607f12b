// :gpuidle — honest about the window (idle so far, with the minutes observed), GPU-hours and cost
// per workload and in total, the owning workload, the settings that tune it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {gpuIdleRows, UtilHistory} from '../../source/model/dcgm-history.js';
import {gpuIdleColumns, gpuIdlePaneRows, gpuIdleSummary, idleText, workloadOf, type GpuIdlePaneRow} from '../../source/model/gpu-idle.js';
import {gpuIdleStore} from '../../source/store/gpuTelemetryStores.js';
import {createRowStore} from '../../source/store/rowStore.js';
import {idleFootnote, sparkLine} from '../../source/ui/panes/gpuTelemetryPanes.js';
import {gpuIdleSettings, parseDuration, validateSettings} from '../../source/config/settings.js';
import type {BaseRow, OwnerRef} from '../../source/model/types.js';
import {FakeTelemetry, MIN, T0, telemetryRow} from './gpu-telemetry-fakes.js';

test('idleRun says how far the history reaches and whether all of it was idle', () => {
	const history = new UtilHistory();
	for (let t = T0; t <= T0 + 12 * MIN; t += 15_000) history.record([telemetryRow('n/0', 1, 'a'), telemetryRow('n/1', t < T0 + 2 * MIN ? 80 : 1, 'b')], t);
	assert.deepEqual(history.idleRun('n/0', 5), {idleMs: 12 * MIN, observedMs: 12 * MIN, whole: true});
	assert.deepEqual(history.idleRun('n/1', 5), {idleMs: 10 * MIN, observedMs: 12 * MIN, whole: false});
	assert.deepEqual(history.idleRun('nope', 5), {idleMs: 0, observedMs: 0, whole: false});
});

test('before the window is covered: only with partial, and marked as not covered with the minutes observed', () => {
	const history = new UtilHistory();
	const rows = (t: number) => [telemetryRow('n/0', 1, 'notebook'), telemetryRow('n/1', t < T0 + 5 * MIN ? 90 : 1, 'was-busy'), telemetryRow('n/2', 70, 'busy')];
	let t = T0;
	for (; t <= T0 + 12 * MIN; t += 15_000) history.record(rows(t), t);
	const now = rows(t);
	assert.deepEqual(gpuIdleRows(now, history, {windowMs: 30 * MIN}), [], 'without partial: nothing claims 30 minutes');
	const partial = gpuIdleRows(now, history, {windowMs: 30 * MIN, partial: true, recentSamples: 4});
	assert.deepEqual(partial.map((r) => [r.pod, r.covered, r.observedMs / MIN, r.recent]), [['notebook', false, 12, [1, 1, 1, 1]]], 'was-busy is not idle over all it was observed');
	const pane = gpuIdlePaneRows(partial, 30 * MIN, t);
	assert.equal(idleText(pane[0]!), 'idle so far: 12m of 30m observed');
	assert.equal(idleText({...pane[0]!, observedMs: 45_000}), 'idle so far: 45s of 30m observed', 'a fresh start is not "0m"');
	assert.equal(pane[0]!.severity, 'ok');
	// A short window is covered: the same pod, now a finding.
	const covered = gpuIdlePaneRows(gpuIdleRows(now, history, {windowMs: 10 * MIN, partial: true}), 10 * MIN, t);
	assert.deepEqual(covered.map((r) => [r.name, r.covered, idleText(r), r.severity]), [['notebook', true, 'idle 12m', 'warn']]);
});

function paneRow(name: string, owner: string, gpuHours: number, covered = true, cost?: number): GpuIdlePaneRow {
	return {kind: 'GpuIdle', uid: name, name, namespace: 'ml', owner, node: 'n', devices: ['0'], model: 'm', idleForMs: 40 * MIN, observedMs: 40 * MIN, windowMs: 30 * MIN, covered, gpuHours, recent: [0, 2], severity: covered ? 'warn' : 'ok', ...(cost !== undefined ? {cost} : {})};
}

test('summary and footnote: totals over covered rows, per workload for the selected one; the rest said to be still observed', () => {
	assert.equal(gpuIdleSummary([], 5, 30 * MIN), 'no GPU held idle (below 5% for 30m)');
	const rows = [paneRow('a-0', 'Job/a', 2, true, 20), paneRow('a-1', 'Job/a', 1, true, 10), paneRow('b', 'Pod/b', 0.5, true), paneRow('c', 'Pod/c', 0.1, false)];
	assert.equal(gpuIdleSummary(rows, 5, 30 * MIN), '3 pods idle (below 5% for 30m) in 2 workloads: 3.50 GPU-h · $30.00 │ 1 pod idle so far: below 5% for all 40m observed of the 30m window');
	assert.equal(gpuIdleSummary([paneRow('c', 'Pod/c', 0, false)], 5, 60 * MIN), '1 pod idle so far: below 5% for all 40m observed of the 1h window');
	assert.equal(sparkLine('nb', [3]), 'nb util: ▁ 3% now (one sample so far; one more every scrape)');
	assert.equal(sparkLine('nb', []), 'nb: no utilisation history yet');
	assert.equal(sparkLine('nb', [3, 4]), 'nb util, last 15s: ▁▁ 4% now');
	assert.equal(idleFootnote(rows[0]!, rows), 'a-0 util, last 15s: ▁▁ 2% now │ Job/a: 3.00 GPU-h idle · $30.00 (2 pods)');
	const cells = Object.fromEntries(gpuIdleColumns.map((c) => [c.title, c.cell(rows[0]!, T0)]));
	assert.deepEqual(cells, {NAMESPACE: 'ml', POD: 'a-0', GPUS: '0', IDLE: 'idle 40m', 'GPU-H': '2.00', COST: '$20.00', WORKLOAD: 'Job/a', NODE: 'n', MODEL: 'm', HISTORY: '▁▁'});
});

test('workloadOf: a Deployment through its ReplicaSet, other controllers as they are, a bare pod as itself', () => {
	const rs: OwnerRef = {kind: 'ReplicaSet', name: 'llm-7d9f5', uid: 'u', controller: true};
	assert.equal(workloadOf({name: 'llm-7d9f5-x', owners: [rs], labels: {'pod-template-hash': '7d9f5'}}), 'Deployment/llm');
	assert.equal(workloadOf({name: 'p', owners: [rs]}), 'ReplicaSet/llm-7d9f5');
	assert.equal(workloadOf({name: 'w-0', owners: [{kind: 'StatefulSet', name: 'w', uid: 'u'}]}), 'StatefulSet/w');
	assert.equal(workloadOf({name: 'nb'}), 'Pod/nb');
});

test('idle store: owners and uids from the pods store, prices by model, updates with each round', () => {
	const telemetry = new FakeTelemetry();
	type Pod = BaseRow & {owners?: OwnerRef[]};
	const pods = createRowStore<Pod>({frameMs: 1});
	pods.replace([{uid: 'pod-uid-1', name: 'train-abc12-x', namespace: 'ml', severity: 'ok', owners: [{kind: 'ReplicaSet', name: 'train-abc12', uid: 'rs', controller: true}], labels: {'pod-template-hash': 'abc12'}}]);
	const store = gpuIdleStore(telemetry, pods, {thresholdPct: 5, windowMs: 10 * MIN, pricePerHour: {'NVIDIA H100 80GB HBM3': 6}}, 1);
	telemetry.feed(() => [telemetryRow('n/0', 0.5, 'train-abc12-x'), telemetryRow('n/1', 0.5, 'gone')], 20);
	const rows = store.snapshot().rows;
	assert.deepEqual(rows.map((r) => [r.uid, r.name, r.owner, r.covered, r.gpuHours.toFixed(3), r.cost?.toFixed(2)]), [
		['gpuidle:ml/gone', 'gone', 'Pod/gone', true, '0.333', '2.00'],
		['pod-uid-1', 'train-abc12-x', 'Deployment/train', true, '0.333', '2.00'],
	]);
	assert.deepEqual(rows[1]!.owners?.map((o) => o.name), ['train-abc12'], 'o jumps to the owner as from the pods pane');
	telemetry.publish([telemetryRow('n/0', 60, 'train-abc12-x'), telemetryRow('n/1', 0.5, 'gone')], T0 + 21 * MIN);
	assert.deepEqual(store.snapshot().rows.map((r) => r.name), ['gone'], 'busy again: off the list');
	store.close();
});

test('settings: gpuIdle.thresholdPercent, gpuIdle.window and gpuPricePerHour, checked with a clear message', () => {
	const good = validateSettings({gpuIdle: {thresholdPercent: 2.5, window: '45m'}, gpuPricePerHour: {'NVIDIA H100 80GB HBM3': 9.8}});
	assert.ok(good.ok);
	assert.deepEqual(gpuIdleSettings(good.settings), {thresholdPct: 2.5, windowMs: 45 * MIN, pricePerHour: {'NVIDIA H100 80GB HBM3': 9.8}});
	const defaults = validateSettings({});
	assert.ok(defaults.ok);
	assert.deepEqual(gpuIdleSettings(defaults.settings), {thresholdPct: 5, windowMs: 30 * MIN});
	assert.deepEqual([parseDuration('1h'), parseDuration('1h30m'), parseDuration('90s'), parseDuration('30'), parseDuration('')], [60 * MIN, 90 * MIN, 90_000, undefined, undefined]);
	const cases: Array<[unknown, RegExp]> = [
		[{gpuIdle: {thresholdPercent: 0}}, /gpuIdle\.thresholdPercent must be a number above 0 and at most 100, got 0/],
		[{gpuIdle: {thresholdPercent: '5'}}, /gpuIdle\.thresholdPercent must be a number/],
		[{gpuIdle: {window: '2h'}}, /gpuIdle\.window must be a duration from 1m to 1h such as 30m or 1h \(the utilisation history kept per GPU covers one hour\), got "2h"/],
		[{gpuIdle: {window: 30}}, /gpuIdle\.window must be a duration/],
		[{gpuIdle: {windows: '30m'}}, /unknown setting "gpuIdle\.windows"/],
		[{gpuIdle: 5}, /gpuIdle must be a mapping/],
		[{gpuPricePerHour: {'NVIDIA H100 80GB HBM3': '12'}}, /gpuPricePerHour must map GPU model names/],
		[{gpuPricePerHour: [1]}, /gpuPricePerHour must map/],
	];
	for (const [input, pattern] of cases) {
		const result = validateSettings(input, 'cfg.yaml');
		assert.equal(result.ok, false, JSON.stringify(input));
		if (!result.ok) assert.match(result.message, pattern);
	}
});
