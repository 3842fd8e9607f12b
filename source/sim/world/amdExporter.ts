// What AMD's device-metrics-exporter on a simulated AMD node answers at :5000/metrics, in its
// real text format: lower-case gauge names (gpu_gfx_activity, gpu_used_vram, ...) labelled
// gpu_id, gpu_uuid, serial_number, card_model, hostname and, for a device a pod holds, pod,
// namespace and container (empty strings otherwise, as the exporter writes them). Devices go to
// the holder pods in a stable order; values change once per 15 s window. Pure.
import type {KubeObject} from '../../model/types.js';
import {hash, requestsOf, running, stableSuffix} from './dcgm.js';

export const AMD_EXPORTER_PORT = 5000;
/** As AMD's Helm chart labels the exporter's pods (GPU monitoring enabled). */
export const AMD_EXPORTER_LABELS = {app: 'amdgpu-metrics-exporter', 'app.kubernetes.io/name': 'metrics-exporter'};
export const AMD_EXPORTER_IMAGE = 'docker.io/rocm/device-metrics-exporter:v1.2.1';
const WINDOW_MS = 15_000;

const METRICS: ReadonlyArray<[string, string]> = [
	['gpu_gfx_activity', 'Graphics engine usage percentage (0 - 100)'],
	['gpu_used_vram', 'Total VRAM memory used in MB'],
	['gpu_total_vram', 'Total VRAM available in MB'],
	['gpu_junction_temperature', 'Hotspot (aka junction) temperature value in Celsius'],
	['gpu_package_power', 'Current socket power in Watts'],
	['gpu_ecc_uncorrect_total', 'Total Uncorrectable ECC error count'],
	['gpu_health', 'Computed GPU health flag (1 healthy, 0 unhealthy)'],
];

function escape(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** VRAM per GPU in MB from the node's label ('192G' → 196608). */
function vramMb(label: string | undefined): number {
	const match = /^(\d+)G$/.exec(label ?? '');
	return match ? Number(match[1]) * 1024 : 65_536;
}

/** The exporter's /metrics text for one AMD node at a moment. */
export function amdMetricsText(node: KubeObject, podsOnNode: readonly KubeObject[], nowMs: number): string {
	const labels = node.metadata.labels ?? {};
	const name = node.metadata.name;
	const count = Number(labels['amd.com/gpu.count'] ?? 0);
	const model = (labels['amd.com/gpu.product-name'] ?? 'AMD Instinct').replace(/_/g, ' ');
	const total = vramMb(labels['amd.com/gpu.vram']);
	const holders: Array<{pod: KubeObject; container: string} | undefined> = Array.from({length: count}, () => undefined);
	let next = 0;
	const sorted = podsOnNode.filter(running).sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
	for (const pod of sorted) {
		for (const request of requestsOf(pod, 'amd.com/gpu')) {
			for (let n = 0; n < request.count && next < count; n++) holders[next++] = {pod, container: request.container};
		}
	}
	const bucket = Math.floor(nowMs / WINDOW_MS);
	const series = new Map<string, string[]>(METRICS.map(([metric]) => [metric, []]));
	for (let gpu = 0; gpu < count; gpu++) {
		const key = `${name}/${gpu}`;
		const holder = holders[gpu];
		const jitter = hash(`${key}#${bucket}`);
		const busy = holder ? 0.55 + 0.35 * hash(key) + 0.1 * jitter : 0;
		const serial = Math.floor(hash(`${key}/serial`) * 2 ** 32).toString(16).toUpperCase().padStart(8, '0');
		const fields: Array<[string, string]> = [
			['card_model', model],
			['gpu_id', String(gpu)],
			['gpu_uuid', `${serial.slice(0, 4)}-${serial.slice(4)}-${gpu}`],
			['gpu_partition_id', '0'],
			['serial_number', `PCB0${serial}`],
			['hostname', name],
			['pod', holder?.pod.metadata.name ?? ''],
			['namespace', holder?.pod.metadata.namespace ?? ''],
			['container', holder?.container ?? ''],
		];
		const labelText = `{${fields.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
		const values: Record<string, number> = {
			gpu_gfx_activity: Math.round(busy * 100),
			gpu_used_vram: Math.round(total * (holder ? 0.5 + 0.3 * hash(`${key}/mem`) : 0.002)),
			gpu_total_vram: total,
			gpu_junction_temperature: Math.round(38 + 50 * busy + 4 * jitter),
			gpu_package_power: Math.round(140 + 560 * busy + 10 * jitter),
			gpu_ecc_uncorrect_total: 0,
			gpu_health: 1,
		};
		for (const [metric, value] of Object.entries(values)) series.get(metric)!.push(`${metric}${labelText} ${value}`);
	}
	const out: string[] = [];
	for (const [metric, help] of METRICS) {
		const lines = series.get(metric)!;
		if (lines.length > 0) out.push(`# HELP ${metric} ${help}`, `# TYPE ${metric} gauge`, ...lines);
	}
	return `${out.join('\n')}\n`;
}

/** The exporter pod's name on a node: stable, drawn from no random suffix (see exporterPodName in dcgm.ts). */
export function amdExporterPodName(node: string): string {
	return `amd-device-metrics-exporter-${stableSuffix(`${node}#amd-exporter`)}`;
}
