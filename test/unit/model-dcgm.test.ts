// DCGM telemetry rows, per-pod GPU usage and GPU health from parsed exporter families.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {gpuHealthProblems, gpuTelemetryRows, podGpuUsage, throttleReasons, type MetricFamily} from '../../source/model/dcgm.js';

const base = (node: string, gpu: string, extra: Record<string, string> = {}) => ({gpu, UUID: `GPU-${node}-${gpu}`, device: `nvidia${gpu}`, modelName: 'NVIDIA H100 80GB HBM3', Hostname: node, ...extra});
const holder = (pod: string) => ({pod, namespace: 'ml', container: 'train'});

function family(name: string, series: Array<[Record<string, string>, number]>): MetricFamily {
	return {name, type: 'GAUGE', metrics: series.map(([labels, value]) => ({labels, value: String(value)}))};
}

const h100: MetricFamily[] = [
	family('DCGM_FI_DEV_GPU_UTIL', [[base('n1', '0', holder('a')), 91], [base('n1', '1'), 0]]),
	family('DCGM_FI_PROF_GR_ENGINE_ACTIVE', [[base('n1', '0', holder('a')), 0.5], [base('n1', '1'), 0]]),
	family('DCGM_FI_DEV_FB_USED', [[base('n1', '0', holder('a')), 60000], [base('n1', '1'), 0]]),
	family('DCGM_FI_DEV_FB_FREE', [[base('n1', '0', holder('a')), 21559], [base('n1', '1'), 81559]]),
	family('DCGM_FI_DEV_GPU_TEMP', [[base('n1', '0', holder('a')), 81]]),
	family('DCGM_FI_DEV_XID_ERRORS', [[base('n1', '0', holder('a')), 0], [base('n1', '1'), 79]]),
	family('DCGM_FI_DEV_ROW_REMAP_PENDING', [[base('n1', '1'), 1]]),
	family('DCGM_FI_DEV_CLOCK_THROTTLE_REASONS', [[base('n1', '0', holder('a')), 0x40 | 0x1]]),
];

test('one row per GPU: GPU_UTIL wins over the engine ratio, FB total is used + free, holders from the labels', () => {
	const rows = gpuTelemetryRows(h100);
	assert.deepEqual(rows.map((r) => r.key), ['n1/0', 'n1/1']);
	const [busy, failed] = rows;
	assert.equal(busy!.util, 91);
	assert.equal(busy!.fbUsedMiB, 60000);
	assert.equal(busy!.fbTotalMiB, 81559);
	assert.equal(busy!.tempC, 81);
	assert.deepEqual(busy!.throttle, ['hw-thermal']);
	assert.deepEqual(busy!.holders, [{namespace: 'ml', pod: 'a', container: 'train'}]);
	assert.equal(failed!.xid, 79);
	assert.deepEqual(failed!.holders, []);
});

test('MIG instances are rows of their own; their util comes from the engine ratio', () => {
	const mig = (id: string, pod?: string) => base('a100', '0', {GPU_I_PROFILE: '2g.20gb', GPU_I_ID: id, ...(pod ? holder(pod) : {})});
	const rows = gpuTelemetryRows([family('DCGM_FI_PROF_GR_ENGINE_ACTIVE', [[mig('2', 'nb'), 0.004], [mig('1'), 0]])]);
	assert.deepEqual(rows.map((r) => [r.key, r.mig?.profile, r.util]), [['a100/0/1', '2g.20gb', 0], ['a100/0/2', '2g.20gb', 0.4]]);
});

test('a time-sliced GPU listed once per holder folds into one row with both holders; its memory is nobody’s alone', () => {
	const rows = gpuTelemetryRows([
		family('DCGM_FI_DEV_GPU_UTIL', [[base('l4', '0', holder('x')), 40], [base('l4', '0', holder('y')), 40]]),
		family('DCGM_FI_DEV_FB_USED', [[base('l4', '0', holder('x')), 9000], [base('l4', '0', holder('y')), 9000]]),
	]);
	assert.equal(rows.length, 1);
	assert.deepEqual(rows[0]!.holders.map((h) => h.pod), ['x', 'y']);
	const usage = podGpuUsage(rows);
	assert.deepEqual(usage.get('ml/x'), {util: 40, fbUsedMiB: 0, devices: 1});
});

test('per pod: mean utilisation over its GPUs and the memory it uses', () => {
	const rows = gpuTelemetryRows([
		family('DCGM_FI_DEV_GPU_UTIL', [[base('n', '0', holder('p')), 90], [base('n', '1', holder('p')), 70]]),
		family('DCGM_FI_DEV_FB_USED', [[base('n', '0', holder('p')), 100], [base('n', '1', holder('p')), 200]]),
	]);
	assert.deepEqual(podGpuUsage(rows).get('ml/p'), {util: 80, fbUsedMiB: 300, devices: 2});
});

test('throttle reasons name the troubling bits only', () => {
	assert.deepEqual(throttleReasons(0x1 | 0x2), []); // idle, application clocks setting
	assert.deepEqual(throttleReasons(0x8 | 0x40), ['hw-slowdown', 'hw-thermal']);
});

test('health: XID, pending remap, throttling, and GPUs missing from the exporter', () => {
	const problems = gpuHealthProblems(gpuTelemetryRows(h100), new Map([['n1', 8], ['quiet', 4]]));
	assert.deepEqual(problems, [
		{node: 'n1', gpu: '0', severity: 'warn', reason: 'throttled: hw-thermal'},
		{node: 'n1', gpu: '1', severity: 'error', reason: 'XID 79 (fallen off the bus)'},
		{node: 'n1', gpu: '1', severity: 'warn', reason: 'row remap pending (reset the GPU)'},
		{node: 'n1', severity: 'error', reason: '6 of 8 GPUs missing from the exporter'},
		{node: 'quiet', severity: 'error', reason: 'no GPU telemetry: 4 GPUs allocatable, exporter reports none'},
	]);
	assert.deepEqual(gpuHealthProblems([]), []);
});
