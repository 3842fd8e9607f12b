// The GPU telemetry refresh at scale: 500 DCGM exporters (8 GPUs each) scraped, their text
// parsed, folded into rows per GPU, joined to 50,000 pods (GPU% per pod) and recorded into the
// utilisation history — the work one refresh does off the render path. Prints figures; never a
// timed test. Run: node --expose-gc --import tsx bench/gpu-telemetry-join.ts
import {performance} from 'node:perf_hooks';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import {gpuHealthProblems, gpuTelemetryRows, podGpuUsage, type GpuTelemetryRow, type MetricFamily} from '../source/model/dcgm.js';
import {gpuIdleRows, UtilHistory} from '../source/model/dcgm-history.js';

const EXPORTERS = 500;
const GPUS = 8;
const PODS = 50_000;
const ROUNDS = 15;

const METRICS = ['DCGM_FI_DEV_GPU_UTIL', 'DCGM_FI_PROF_GR_ENGINE_ACTIVE', 'DCGM_FI_DEV_FB_USED', 'DCGM_FI_DEV_FB_FREE', 'DCGM_FI_DEV_GPU_TEMP', 'DCGM_FI_DEV_POWER_USAGE', 'DCGM_FI_DEV_XID_ERRORS', 'DCGM_FI_DEV_ROW_REMAP_PENDING', 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS'];

/** One exporter's text; every GPU held by one pod (pods 0..3999 hold GPUs; the rest are CPU pods). */
function exporterText(node: number, round: number): string {
	const lines: string[] = [];
	for (const metric of METRICS) {
		lines.push(`# HELP ${metric} x`, `# TYPE ${metric} gauge`);
		for (let gpu = 0; gpu < GPUS; gpu++) {
			const pod = node * GPUS + gpu;
			const labels = `gpu="${gpu}",UUID="GPU-${node}-${gpu}",device="nvidia${gpu}",modelName="NVIDIA H100 80GB HBM3",Hostname="node-${node}",container="main",namespace="ns-${pod % 50}",pod="pod-${pod}"`;
			lines.push(`${metric}{${labels}} ${(pod * 7 + round) % 100}`);
		}
	}
	return `${lines.join('\n')}\n`;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const podKeys = Array.from({length: PODS}, (_, i) => `ns-${i % 50}/pod-${i}`);
const history = new UtilHistory();
const parse: number[] = [];
const join: number[] = [];
const texts = Array.from({length: ROUNDS}, (_, r) => Array.from({length: EXPORTERS}, (_, n) => exporterText(n, r)));
const bytes = texts[0]!.reduce((a, t) => a + t.length, 0);
for (let round = 0; round < ROUNDS; round++) {
	let t = performance.now();
	const families = texts[round]!.map((text) => parsePrometheusTextFormat(text) as MetricFamily[]);
	parse.push(performance.now() - t);
	t = performance.now();
	const rows: GpuTelemetryRow[] = families.flatMap((f) => gpuTelemetryRows(f));
	const usage = podGpuUsage(rows);
	let shown = 0;
	for (const key of podKeys) if (usage.get(key)) shown++;
	history.record(rows, Date.parse('2026-12-05T06:00:00Z') + round * 15_000);
	gpuHealthProblems(rows);
	gpuIdleRows(rows, history);
	join.push(performance.now() - t);
	if (shown !== EXPORTERS * GPUS) throw new Error(`joined ${shown} pods, expected ${EXPORTERS * GPUS}`);
}
globalThis.gc?.();
const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const before = used();
const wide = new UtilHistory();
const rows = Array.from({length: 4000}, (_, i) => ({key: `n/${i}`, node: 'n', gpu: String(i), uuid: '', model: '', util: 1, throttle: [], holders: []}) as GpuTelemetryRow);
for (let s = 0; s < 240; s++) wide.record(rows, Date.parse('2026-12-05T06:00:00Z') + s * 15_000);
globalThis.gc?.();
const perSeries = (used() - before) / 4000;
console.log(`gpu-telemetry-join: ${EXPORTERS} exporters × ${GPUS} GPUs (${(bytes / 1e6).toFixed(1)} MB of text a round), ${PODS.toLocaleString('en')} pods, ${ROUNDS} rounds`);
console.log(`  parse (parse-prometheus-text-format): median ${median(parse).toFixed(1)} ms a round`);
console.log(`  rows + join to pods + history + health + idle: median ${median(join).toFixed(1)} ms a round (max ${Math.max(...join).toFixed(1)} ms)`);
console.log(`  history: ${wide.bytesPerSeries} B of samples per series (240 samples); measured ${perSeries.toFixed(0)} B per series with the map entry and key (heap + array buffers, after gc)`);
