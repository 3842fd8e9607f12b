// DCGM exporter telemetry → one row per GPU (per MIG instance on a partitioned GPU), the per-pod
// GPU usage, and the health problems worth flagging. Input is the Prometheus text format already
// parsed into metric families (the shape parse-prometheus-text-format returns); pure.

/** A parsed metric family, as parse-prometheus-text-format returns it (gauges and counters). */
export interface MetricFamily {
	name: string;
	type?: string;
	metrics: ReadonlyArray<{value?: string; labels?: Readonly<Record<string, string>>}>;
}

export interface GpuHolder {
	namespace: string;
	pod: string;
	container: string;
}

export interface GpuTelemetryRow {
	/** node/gpu or node/gpu/migId: stable across scrapes. */
	key: string;
	node: string;
	gpu: string;
	uuid: string;
	model: string;
	mig?: {profile: string; id: string};
	/** Percent busy: DCGM_FI_DEV_GPU_UTIL, or the graphics engine's active ratio × 100 (MIG, or when only profiling metrics are exported). */
	util?: number;
	fbUsedMiB?: number;
	fbTotalMiB?: number;
	tempC?: number;
	powerW?: number;
	/** The last XID error (0 = none). */
	xid?: number;
	remapPending?: number;
	/** Rows already remapped (correctable + uncorrectable), when exported. */
	remappedRows?: number;
	throttle: string[];
	holders: GpuHolder[];
	/** Set for AMD's exporter (source/model/amd-exporter.ts); NVIDIA's DCGM rows leave it out. */
	vendor?: 'amd';
	/** The exporter's own health check says the GPU is unhealthy (AMD's gpu_health = 0). */
	unhealthy?: boolean;
	/** Uncorrectable ECC errors since the driver loaded (AMD's gpu_ecc_uncorrect_total). */
	eccUncorrectable?: number;
}

/** Clock throttle reason bits (DCGM_CLOCKS_THROTTLE_REASON_*) that mean trouble, not idling. */
const THROTTLE_BITS: ReadonlyArray<[number, string]> = [
	[0x4, 'sw-power-cap'],
	[0x8, 'hw-slowdown'],
	[0x20, 'sw-thermal'],
	[0x40, 'hw-thermal'],
	[0x80, 'hw-power-brake'],
];

export function throttleReasons(mask: number): string[] {
	return THROTTLE_BITS.filter(([bit]) => (mask & bit) !== 0).map(([, name]) => name);
}

const FIELD: Record<string, (row: GpuTelemetryRow, value: number) => void> = {
	DCGM_FI_DEV_GPU_UTIL: (r, v) => (r.util = v),
	DCGM_FI_PROF_GR_ENGINE_ACTIVE: (r, v) => (r.util ??= Math.round(v * 1000) / 10),
	DCGM_FI_DEV_FB_USED: (r, v) => {
		r.fbUsedMiB = v;
		r.fbTotalMiB = (r.fbTotalMiB ?? 0) + v;
	},
	DCGM_FI_DEV_FB_FREE: (r, v) => (r.fbTotalMiB = (r.fbTotalMiB ?? 0) + v),
	DCGM_FI_DEV_GPU_TEMP: (r, v) => (r.tempC = v),
	DCGM_FI_DEV_POWER_USAGE: (r, v) => (r.powerW = v),
	DCGM_FI_DEV_XID_ERRORS: (r, v) => (r.xid = v),
	DCGM_FI_DEV_ROW_REMAP_PENDING: (r, v) => (r.remapPending = v),
	DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS: (r, v) => (r.remappedRows = (r.remappedRows ?? 0) + v),
	DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS: (r, v) => (r.remappedRows = (r.remappedRows ?? 0) + v),
	DCGM_FI_DEV_CLOCK_THROTTLE_REASONS: (r, v) => (r.throttle = throttleReasons(v)),
	DCGM_FI_DEV_CLOCKS_EVENT_REASONS: (r, v) => (r.throttle = throttleReasons(v)),
};

// GPU_UTIL is the exporter's main figure; read it before the profiling ratio so it wins.
const ORDER = Object.keys(FIELD);

/** The DCGM metric names the rows are made of (what a Prometheus query asks for). */
export const DCGM_METRIC_NAMES: readonly string[] = ORDER;

/**
 * The rows of one or more exporters' scrapes. A time-sliced GPU appears once per holder pod in
 * the exporter's output: those series fold into one row with every holder listed.
 */
export function gpuTelemetryRows(families: readonly MetricFamily[], fallbackNode = ''): GpuTelemetryRow[] {
	const rows = foldSeries(families, ORDER, FIELD, (labels) => {
		const node = labels['Hostname'] ?? fallbackNode;
		const gpu = labels['gpu'] ?? '?';
		const migId = labels['GPU_I_ID'];
		const mig = migId !== undefined && migId !== '';
		return {
			key: mig ? `${node}/${gpu}/${migId}` : `${node}/${gpu}`,
			make: (key) => ({key, node, gpu, uuid: labels['UUID'] ?? '', model: labels['modelName'] ?? '', throttle: [], holders: [], ...(mig ? {mig: {profile: labels['GPU_I_PROFILE'] ?? '', id: migId}} : {})}),
		};
	});
	// Plain code-unit order for nodes (localeCompare costs ~10× at 4,000 GPUs a round).
	return rows.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0) || Number(a.gpu) - Number(b.gpu) || Number(a.mig?.id ?? 0) - Number(b.mig?.id ?? 0));
}

/**
 * Series → one row per GPU (or MIG instance), for any exporter: `identify` names a series' row
 * and makes it; `fields` set a row's reading from a metric, read in `order` so the preferred
 * reading comes first. A shared GPU's repeated series (one per holder pod) add holders only.
 */
export function foldSeries(
	families: readonly MetricFamily[],
	order: readonly string[],
	fields: Readonly<Record<string, (row: GpuTelemetryRow, value: number) => void>>,
	identify: (labels: Readonly<Record<string, string>>) => {key: string; make: (key: string) => GpuTelemetryRow},
): GpuTelemetryRow[] {
	const rows = new Map<string, GpuTelemetryRow>();
	const byName = new Map(families.map((f) => [f.name, f]));
	for (const name of order) {
		const family = byName.get(name);
		if (!family) continue;
		const set = fields[name]!;
		const seen = new Set<string>();
		for (const metric of family.metrics) {
			const labels = metric.labels ?? {};
			const value = Number(metric.value);
			if (!Number.isFinite(value)) continue;
			const {key, make} = identify(labels);
			let row = rows.get(key);
			if (!row) rows.set(key, (row = make(key)));
			const pod = labels['pod'];
			const namespace = labels['namespace'] ?? '';
			if (pod && !row.holders.some((h) => h.pod === pod && h.namespace === namespace)) row.holders.push({namespace, pod, container: labels['container'] ?? ''});
			if (seen.has(key)) continue;
			seen.add(key);
			set(row, value);
		}
	}
	return [...rows.values()];
}

export interface PodGpuUsage {
	/** Mean utilisation over the pod's devices, percent. */
	util: number;
	fbUsedMiB: number;
	devices: number;
}

/** GPU% and GPU-MEM per pod (`namespace/name`), from the holder labels. */
export function podGpuUsage(rows: readonly GpuTelemetryRow[]): Map<string, PodGpuUsage> {
	const out = new Map<string, PodGpuUsage>();
	for (const row of rows) {
		for (const holder of row.holders) {
			const key = `${holder.namespace}/${holder.pod}`;
			const entry = out.get(key) ?? {util: 0, fbUsedMiB: 0, devices: 0};
			entry.util = (entry.util * entry.devices + (row.util ?? 0)) / (entry.devices + 1);
			entry.fbUsedMiB += row.holders.length > 1 ? 0 : (row.fbUsedMiB ?? 0); // a shared GPU's memory is not one pod's
			entry.devices += 1;
			out.set(key, entry);
		}
	}
	return out;
}

export interface GpuProblem {
	node: string;
	/** The GPU index, when one device is at fault. */
	gpu?: string;
	severity: 'error' | 'warn';
	reason: string;
}

/** XIDs that mean the device needs a reset or replacement, not an application fault (NVIDIA's XID catalogue). */
const FATAL_XIDS = new Set([48, 63, 64, 74, 79, 92, 94, 95, 119, 120]);

/**
 * What is wrong with the GPUs, for `:gpu` and `:problems`: a recent XID, pending row remaps,
 * thermal or power throttling, and GPUs that allocatable says exist but no exporter reports.
 * `expected` maps a node to its whole-GPU count (from allocatable/capacity); MIG nodes count GPUs
 * by distinct `gpu` label.
 */
export function gpuHealthProblems(rows: readonly GpuTelemetryRow[], expected: ReadonlyMap<string, number> = new Map()): GpuProblem[] {
	const problems: GpuProblem[] = [];
	for (const row of rows) {
		if (row.mig) continue; // device-level fields come on the whole-GPU rows
		if (row.xid !== undefined && row.xid !== 0) {
			problems.push({node: row.node, gpu: row.gpu, severity: FATAL_XIDS.has(row.xid) ? 'error' : 'warn', reason: `XID ${row.xid}${row.xid === 79 ? ' (fallen off the bus)' : ''}`});
		}
		if ((row.remapPending ?? 0) > 0) problems.push({node: row.node, gpu: row.gpu, severity: 'warn', reason: 'row remap pending (reset the GPU)'});
		if (row.unhealthy) problems.push({node: row.node, gpu: row.gpu, severity: 'error', reason: "unhealthy (the exporter's health check)"});
		if ((row.eccUncorrectable ?? 0) > 0) problems.push({node: row.node, gpu: row.gpu, severity: 'warn', reason: `${row.eccUncorrectable} uncorrectable ECC error${row.eccUncorrectable === 1 ? '' : 's'}`});
		const hot = row.throttle.length === 0 ? row.throttle : row.throttle.filter((r) => r !== 'sw-power-cap');
		if (hot.length > 0) problems.push({node: row.node, gpu: row.gpu, severity: 'warn', reason: `throttled: ${hot.join(', ')}`});
	}
	if (expected.size > 0) problems.push(...missingGpuProblems(gpusSeenByNode(rows), expected));
	return problems;
}

/** Distinct physical GPUs each node's exporter reports (MIG slices and shared series fold into their GPU). */
export function gpusSeenByNode(rows: readonly GpuTelemetryRow[]): Map<string, number> {
	const byNode = new Map<string, Set<string>>();
	for (const row of rows) {
		let set = byNode.get(row.node);
		if (!set) byNode.set(row.node, (set = new Set()));
		set.add(row.gpu);
	}
	return new Map([...byNode].map(([node, set]) => [node, set.size]));
}

/** GPUs the node says it has (`expected`) that no exporter reports (`seen`). */
export function missingGpuProblems(seen: ReadonlyMap<string, number>, expected: ReadonlyMap<string, number>): GpuProblem[] {
	const problems: GpuProblem[] = [];
	for (const [node, count] of expected) {
		const reported = seen.get(node) ?? 0;
		if (count > reported) problems.push({node, severity: 'error', reason: reported === 0 ? `no GPU telemetry: ${count} GPU${count === 1 ? '' : 's'} allocatable, exporter reports none` : `${count - reported} of ${count} GPUs missing from the exporter`});
	}
	return problems;
}
