// AMD's device-metrics-exporter text → the same telemetry rows as DCGM's: read through the
// maintained Prometheus parser, as a scrape is; preferred readings, holders, health.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import {amdTelemetryRows, isAmdExposition} from '../../source/model/amd-exporter.js';
import {gpuHealthProblems, podGpuUsage, type MetricFamily} from '../../source/model/dcgm.js';
import {exporterRows} from '../../source/kube/metrics-dcgm.js';

const labels = (gpu: string, pod = '', extra = '') => `{card_model="AMD Instinct MI300X",gpu_id="${gpu}",gpu_uuid="u-${gpu}",serial_number="PCB-${gpu}",hostname="mi-1",pod="${pod}",namespace="${pod ? 'serve' : ''}",container="${pod ? 'vllm' : ''}"${extra}}`;
const text = [
	'# HELP gpu_gfx_activity Graphics engine usage percentage (0 - 100)',
	'# TYPE gpu_gfx_activity gauge',
	`gpu_gfx_activity${labels('0', 'llm-0')} 87`,
	`gpu_gfx_activity${labels('1')} 0`,
	'# TYPE gpu_used_vram gauge',
	`gpu_used_vram${labels('0', 'llm-0')} 120000`,
	'# TYPE gpu_total_vram gauge',
	`gpu_total_vram${labels('0', 'llm-0')} 196608`,
	`gpu_total_vram${labels('1')} 196608`,
	'# TYPE gpu_junction_temperature gauge',
	`gpu_junction_temperature${labels('0', 'llm-0')} 71`,
	'# TYPE gpu_edge_temperature gauge',
	`gpu_edge_temperature${labels('0', 'llm-0')} 55`,
	`gpu_edge_temperature${labels('1')} 33`,
	'# TYPE gpu_package_power gauge',
	`gpu_package_power${labels('0', 'llm-0')} 612`,
	'# TYPE gpu_power_usage gauge',
	`gpu_power_usage${labels('0', 'llm-0')} 500`,
	`gpu_power_usage${labels('1')} 140`,
	'# TYPE gpu_ecc_uncorrect_total gauge',
	`gpu_ecc_uncorrect_total${labels('0', 'llm-0')} 0`,
	`gpu_ecc_uncorrect_total${labels('1')} 2`,
	'# TYPE gpu_health gauge',
	`gpu_health${labels('0', 'llm-0')} 1`,
	`gpu_health${labels('1')} 0`,
	'',
].join('\n');
const families = parsePrometheusTextFormat(text) as MetricFamily[];

test('one row per GPU: junction temperature and socket power preferred, the edge and board readings where they are all there is', () => {
	const rows = amdTelemetryRows(families, 'fallback');
	assert.deepEqual(rows.map((r) => [r.key, r.node, r.uuid, r.model, r.vendor]), [
		['mi-1/0', 'mi-1', 'u-0', 'AMD Instinct MI300X', 'amd'],
		['mi-1/1', 'mi-1', 'u-1', 'AMD Instinct MI300X', 'amd'],
	]);
	const [busy, spare] = rows;
	assert.deepEqual([busy!.util, busy!.fbUsedMiB, busy!.fbTotalMiB, busy!.tempC, busy!.powerW], [87, 120000, 196608, 71, 612]);
	assert.deepEqual([spare!.util, spare!.tempC, spare!.powerW, spare!.fbUsedMiB], [0, 33, 140, undefined]);
	assert.deepEqual(busy!.holders, [{namespace: 'serve', pod: 'llm-0', container: 'vllm'}]);
	assert.deepEqual(spare!.holders, [], 'an empty pod label is no holder');
	assert.deepEqual(podGpuUsage(rows).get('serve/llm-0'), {util: 87, fbUsedMiB: 120000, devices: 1});
});

test("health: the exporter's own verdict and uncorrectable ECC errors become problems on that GPU", () => {
	const problems = gpuHealthProblems(amdTelemetryRows(families));
	assert.deepEqual(problems, [
		{node: 'mi-1', gpu: '1', severity: 'error', reason: "unhealthy (the exporter's health check)"},
		{node: 'mi-1', gpu: '1', severity: 'warn', reason: '2 uncorrectable ECC errors'},
	]);
});

test("a scrape is read by the exporter whose names it carries; without hostname the pod's node is used", () => {
	assert.equal(isAmdExposition(families), true);
	const dcgm = parsePrometheusTextFormat('# TYPE DCGM_FI_DEV_GPU_UTIL gauge\nDCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-1",Hostname="h1"} 5\n') as MetricFamily[];
	assert.equal(isAmdExposition(dcgm), false);
	assert.deepEqual(exporterRows(dcgm, 'h1').map((r) => [r.key, r.vendor, r.util]), [['h1/0', undefined, 5]]);
	assert.deepEqual(exporterRows(families, 'x').map((r) => r.vendor), ['amd', 'amd']);
	const bare = parsePrometheusTextFormat('# TYPE gpu_gfx_activity gauge\ngpu_gfx_activity{gpu_id="3"} 12\n') as MetricFamily[];
	assert.deepEqual(amdTelemetryRows(bare, 'node-9').map((r) => r.key), ['node-9/3']);
	// Other exporters' gpu_* names (a node exporter's, say) are not mistaken for AMD's.
	assert.equal(isAmdExposition(parsePrometheusTextFormat('# TYPE gpu_count gauge\ngpu_count 1\n') as MetricFamily[]), false);
});
