// AMD's device-metrics-exporter (ROCm) → the same telemetry rows as NVIDIA's DCGM exporter, so
// :gpu, :gpudevices, GPU% per pod, :gpuidle and the health checks read AMD Instinct GPUs too.
// Its series are labelled in lower case: gpu_id, gpu_uuid / serial_number, card_model,
// hostname, and pod / namespace / container for a device a workload holds (empty otherwise).
// Where a card reports two readings of one thing (junction and edge temperature on MI3xx and
// MI2xx, socket power and board power), the first one present wins. Pure.
import {foldSeries, type GpuTelemetryRow, type MetricFamily} from './dcgm.js';

const FIELD: Record<string, (row: GpuTelemetryRow, value: number) => void> = {
	gpu_gfx_activity: (r, v) => (r.util = v),
	gpu_used_vram: (r, v) => (r.fbUsedMiB = v),
	gpu_total_vram: (r, v) => (r.fbTotalMiB = v),
	gpu_junction_temperature: (r, v) => (r.tempC = v),
	gpu_edge_temperature: (r, v) => (r.tempC ??= v),
	gpu_package_power: (r, v) => (r.powerW = v),
	gpu_power_usage: (r, v) => (r.powerW ??= v),
	gpu_ecc_uncorrect_total: (r, v) => (r.eccUncorrectable = v),
	// 1 healthy, 0 not: the exporter's own health check (its GPU_HEALTH field).
	gpu_health: (r, v) => (r.unhealthy = v === 0),
};

/** The exporter's metric names the rows are made of, in the order read (preferred readings first). */
export const AMD_METRIC_NAMES: readonly string[] = Object.keys(FIELD);

const AMD_PREFIX = 'gpu_';

/** Whether a scrape is the AMD exporter's (it has at least one of the metrics read here). */
export function isAmdExposition(families: readonly MetricFamily[]): boolean {
	return families.some((f) => f.name.startsWith(AMD_PREFIX) && f.name in FIELD);
}

/** One row per GPU (per partition on a partitioned card) of one or more AMD exporters' scrapes. */
export function amdTelemetryRows(families: readonly MetricFamily[], fallbackNode = ''): GpuTelemetryRow[] {
	const rows = foldSeries(families, AMD_METRIC_NAMES, FIELD, (labels) => {
		const node = labels['hostname'] || fallbackNode;
		const gpu = labels['gpu_id'] ?? '?';
		return {key: `${node}/${gpu}`, make: (key) => ({key, node, gpu, uuid: labels['gpu_uuid'] || labels['serial_number'] || '', model: labels['card_model'] ?? '', vendor: 'amd', throttle: [], holders: []})};
	});
	return rows.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0) || Number(a.gpu) - Number(b.gpu));
}
