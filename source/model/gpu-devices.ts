// One row per GPU, and per MIG instance on a partitioned GPU, for the per-device pane: the DCGM
// telemetry of the device with its health verdict and a short utilisation history (for the
// sparkline), plus the health verdict per node for `:gpu`. Rows are slim and built once per
// scrape round by the store; the columns only format them. Pure.
import type {GpuProblem, GpuTelemetryRow} from './dcgm.js';
import type {BaseRow, Column, Severity} from './types.js';
import {sparkline} from './dcgm-history.js';

/** The device's readings, as the telemetry row carries them. */
type DeviceReadings = Pick<GpuTelemetryRow, 'util' | 'fbUsedMiB' | 'fbTotalMiB' | 'tempC' | 'powerW' | 'xid' | 'remapPending' | 'remappedRows'>;

export interface GpuDeviceRow extends BaseRow, DeviceReadings {
	kind: 'GpuDevice';
	/** The node: `d` and `y` on a device row read its node. */
	name: string;
	node: string;
	/** `3`, or `0 3g.40gb#1` for a MIG instance. */
	device: string;
	mig: boolean;
	model: string;
	throttle: readonly string[];
	/** `namespace/pod` of the holder, `N pods` when time-sliced, '' when free. */
	holder: string;
	/** What is wrong with it, worst first; empty = healthy. */
	health: readonly string[];
	/** Utilisation, oldest first (the newest samples of the bounded history). */
	recent: readonly number[];
	/** When the scrape round that produced the row ended (epoch ms). */
	sampledAt?: number;
}

export interface NodeGpuHealth {
	severity: Severity;
	/** In full, worst first: `GPU 3: XID 79 (fallen off the bus)`. */
	reasons: string[];
	/** The same in a few words for a table cell: `GPU3 XID 79, GPU5 remap pending`. */
	short: string;
}

/** A problem's reason in a few words: `XID 79`, `remap pending`, `hw-thermal`. */
export function shortReason(reason: string): string {
	const xid = /^XID \d+/.exec(reason);
	if (xid) return xid[0];
	if (reason.startsWith('row remap pending')) return 'remap pending';
	if (reason.startsWith('throttled: ')) return reason.slice('throttled: '.length);
	return reason;
}

const worse = (a: Severity, b: Severity): Severity => (a === 'error' || b === 'error' ? 'error' : a === 'warn' || b === 'warn' ? 'warn' : 'ok');

/** Problems grouped by node (for the `:gpu` HEALTH column), the node's worst severity first. */
export function gpuHealthByNode(problems: readonly GpuProblem[]): Map<string, NodeGpuHealth> {
	const byNode = new Map<string, GpuProblem[]>();
	for (const problem of problems) byNode.set(problem.node, [...(byNode.get(problem.node) ?? []), problem]);
	const out = new Map<string, NodeGpuHealth>();
	for (const [node, found] of byNode) {
		// Errors first, each group in the order found (by GPU index).
		const ordered = [...found.filter((p) => p.severity === 'error'), ...found.filter((p) => p.severity !== 'error')];
		out.set(node, {
			severity: found.reduce<Severity>((s, p) => worse(s, p.severity), 'ok'),
			reasons: ordered.map((p) => (p.gpu === undefined ? p.reason : `GPU ${p.gpu}: ${p.reason}`)),
			short: ordered.map((p) => (p.gpu === undefined ? shortReason(p.reason) : `GPU${p.gpu} ${shortReason(p.reason)}`)).join(', '),
		});
	}
	return out;
}

/**
 * Device rows from one round's telemetry. A MIG instance inherits its GPU's health (XID, remaps
 * and throttling are device-level fields, exported on the whole GPU).
 */
export function gpuDeviceRows(rows: readonly GpuTelemetryRow[], problems: readonly GpuProblem[], recentOf: (key: string) => readonly number[] = () => [], sampledAt?: number): GpuDeviceRow[] {
	const byGpu = new Map<string, GpuProblem[]>();
	for (const problem of problems) {
		if (problem.gpu === undefined) continue;
		const key = `${problem.node}/${problem.gpu}`;
		byGpu.set(key, [...(byGpu.get(key) ?? []), problem]);
	}
	return rows.map((row) => {
		const found = byGpu.get(`${row.node}/${row.gpu}`) ?? [];
		const severity = found.reduce<Severity>((s, p) => worse(s, p.severity), 'ok');
		const health = [...found].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)).map((p) => p.reason);
		const out: GpuDeviceRow = {
			kind: 'GpuDevice',
			uid: `gpu:${row.key}`,
			name: row.node,
			node: row.node,
			device: row.mig ? `${row.gpu} ${row.mig.profile}#${row.mig.id}` : row.gpu,
			mig: row.mig !== undefined,
			model: row.model,
			throttle: row.throttle,
			holder: row.holders.length === 0 ? '' : row.holders.length === 1 ? `${row.holders[0]!.namespace}/${row.holders[0]!.pod}` : `${row.holders.length} pods`,
			health,
			severity,
			recent: recentOf(row.key),
		};
		if (row.util !== undefined) out.util = row.util;
		if (row.fbUsedMiB !== undefined) out.fbUsedMiB = row.fbUsedMiB;
		if (row.fbTotalMiB !== undefined) out.fbTotalMiB = row.fbTotalMiB;
		if (row.tempC !== undefined) out.tempC = row.tempC;
		if (row.powerW !== undefined) out.powerW = row.powerW;
		if (row.xid !== undefined) out.xid = row.xid;
		if (row.remapPending !== undefined) out.remapPending = row.remapPending;
		if (row.remappedRows !== undefined) out.remappedRows = row.remappedRows;
		if (sampledAt !== undefined) out.sampledAt = sampledAt;
		return out;
	});
}

/** MiB as the framebuffer is read: `38.2Gi` / `812Mi`. */
export function formatMiB(mib: number): string {
	return mib >= 1024 ? `${(mib / 1024).toFixed(1)}Gi` : `${Math.round(mib)}Mi`;
}

/** Framebuffer used/total in the total's unit, so the cell stays short: `39.1/79.6Gi`, `0.8/19.5Gi`. */
export function formatFb(usedMiB: number, totalMiB: number | undefined): string {
	if (totalMiB === undefined) return formatMiB(usedMiB);
	if (totalMiB < 1024) return `${Math.round(usedMiB)}/${Math.round(totalMiB)}Mi`;
	return `${(usedMiB / 1024).toFixed(1)}/${(totalMiB / 1024).toFixed(1)}Gi`;
}

const dash = (value: number | undefined, format: (v: number) => string): string => (value === undefined ? '-' : format(value));

/** `3/1`: rows remapped / pending a remap; `-` where the exporter says nothing of either. */
export function formatRemap(row: Pick<GpuDeviceRow, 'remappedRows' | 'remapPending'>): string {
	if (row.remappedRows === undefined && row.remapPending === undefined) return '-';
	return `${row.remappedRows ?? '-'}/${row.remapPending ?? '-'}`;
}

/**
 * Column ids follow the table's narrow-terminal ranks: NODE is `name`, HEALTH is `status` (kept
 * longest, as it says what is wrong without colour), GPU and UTIL are `gpu`/`gpuutil` (kept after
 * the others), and the rest drop from the right — the detail fields that HEALTH already sums up
 * first, MODEL and the sparkline last of all.
 */
export const gpuDeviceColumns: Array<Column<GpuDeviceRow>> = [
	{id: 'name', title: 'NODE', cell: (r) => r.node},
	{id: 'gpu', title: 'GPU', cell: (r) => r.device, sortValue: (r) => `${r.node}/${r.device.padStart(3, '0')}`},
	{id: 'gpuutil', title: 'UTIL', align: 'right', cell: (r) => dash(r.util, (v) => `${Math.round(v)}%`), sortValue: (r) => r.util ?? -1, sortLetter: 'P'},
	// In a few words (`XID 79, remap pending`); the detail line under the table has them in full.
	{id: 'status', title: 'HEALTH', cell: (r) => (r.health.length === 0 ? 'ok' : r.health.map(shortReason).join(', ')), sortValue: (r) => (r.severity === 'error' ? 0 : r.severity === 'warn' ? 1 : 2)},
	{id: 'fb', title: 'FB', align: 'right', cell: (r) => (r.fbUsedMiB === undefined ? '-' : formatFb(r.fbUsedMiB, r.fbTotalMiB)), sortValue: (r) => r.fbUsedMiB ?? -1, sortLetter: 'M'},
	{id: 'holder', title: 'POD', cell: (r) => r.holder || '-'},
	{id: 'temp', title: 'TEMP', align: 'right', cell: (r) => dash(r.tempC, (v) => `${Math.round(v)}C`), sortValue: (r) => r.tempC ?? -1, sortLetter: 'T'},
	{id: 'power', title: 'POWER', align: 'right', cell: (r) => dash(r.powerW, (v) => `${Math.round(v)}W`), sortValue: (r) => r.powerW ?? -1},
	{id: 'xid', title: 'XID', align: 'right', cell: (r) => (r.xid === undefined ? '-' : String(r.xid)), sortValue: (r) => r.xid ?? -1},
	{id: 'remap', title: 'REMAP', align: 'right', cell: (r) => formatRemap(r)},
	{id: 'throttle', title: 'THROTTLE', cell: (r) => (r.throttle.length === 0 ? '-' : r.throttle.join(','))},
	// The same for every GPU of a node, and :gpu's ACCELERATOR says it: wide only.
	{id: 'model', title: 'MODEL', wide: true, cell: (r) => r.model || '-'},
	{id: 'history', title: 'HISTORY', wide: true, cell: (r) => sparkline(r.recent.slice(-12))},
];
