// DCGM series as Prometheus returns them → the metric families the exporter scrape produces, so
// both sources make the same rows (gpuTelemetryRows). Prometheus stores the exporter's own pod,
// namespace and container labels as exported_* when it scrapes with honor_labels off (the
// kube-prometheus default) — its pod/namespace are then the exporter's; with honor_labels on they
// are the holder's. Pure.
import {DCGM_METRIC_NAMES, gpuTelemetryRows, type GpuTelemetryRow, type MetricFamily} from './dcgm.js';
import {AMD_METRIC_NAMES, amdTelemetryRows} from './amd-exporter.js';

export interface PromSample {
	metric: Readonly<Record<string, string>>;
	value: string;
}

/** One PromQL selector for every DCGM (and AMD exporter) metric the rows use. */
export function dcgmSelector(names: readonly string[] = [...DCGM_METRIC_NAMES, ...AMD_METRIC_NAMES]): string {
	return `{__name__=~"${names.join('|')}"}`;
}

const HOLDER = ['pod', 'namespace', 'container'] as const;

/**
 * Samples → families by __name__. When any sample carries exported_pod, the answer was relabelled:
 * holders come from exported_* only (a GPU nobody holds must not read as held by its exporter).
 */
export function familiesFromSamples(samples: readonly PromSample[]): MetricFamily[] {
	const relabelled = samples.some((s) => s.metric['exported_pod'] !== undefined);
	const byName = new Map<string, Array<{value: string; labels: Record<string, string>}>>();
	for (const sample of samples) {
		const name = sample.metric['__name__'];
		if (!name) continue;
		const labels: Record<string, string> = {};
		for (const [key, value] of Object.entries(sample.metric)) {
			if (key === '__name__') continue;
			if (relabelled && (HOLDER as readonly string[]).includes(key)) continue;
			labels[key.startsWith('exported_') && relabelled ? key.slice('exported_'.length) : key] = value;
		}
		labels['Hostname'] ??= sample.metric['node'] ?? sample.metric['kubernetes_node'] ?? '';
		let list = byName.get(name);
		if (!list) byName.set(name, (list = []));
		list.push({value: sample.value, labels});
	}
	return [...byName].map(([name, metrics]) => ({name, type: 'gauge', metrics}));
}

/** The rows of families from Prometheus, where NVIDIA's and AMD's series come together: each reader takes its own names. */
export function rowsFromFamilies(families: readonly MetricFamily[]): GpuTelemetryRow[] {
	return [...gpuTelemetryRows(families), ...amdTelemetryRows(families)];
}
