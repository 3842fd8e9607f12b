// `:gpuidle` rows: pods holding GPUs that stayed below the idle threshold, with the GPU-hours
// held idle, the owning workload and — with prices per GPU model — what those hours cost, per
// workload and in total. Honest about the window: until the history covers it, a row says how
// much has been observed ("idle 12 of 30 min observed") instead of claiming the whole window. Pure.
import type {GpuIdleRow} from './dcgm-history.js';
import type {BaseRow, Column, OwnerRef} from './types.js';
import {sparkline} from './dcgm-history.js';

export interface GpuIdlePaneRow extends BaseRow {
	kind: 'GpuIdle';
	/** The pod: d, y and l act on it. */
	name: string;
	namespace: string;
	owner: string;
	node: string;
	devices: readonly string[];
	model: string;
	idleForMs: number;
	observedMs: number;
	windowMs: number;
	covered: boolean;
	gpuHours: number;
	cost?: number;
	recent: readonly number[];
	sampledAt?: number;
	owners?: OwnerRef[];
}

/**
 * The workload a pod belongs to, as `Kind/name`: a ReplicaSet made by a Deployment reads as the
 * Deployment (its name less the pod-template-hash the pod carries), others as their controller.
 */
export function workloadOf(pod: {name: string; owners?: readonly OwnerRef[]; labels?: Readonly<Record<string, string>>}): string {
	const owner = pod.owners?.find((o) => o.controller) ?? pod.owners?.[0];
	if (!owner) return `Pod/${pod.name}`;
	const hash = pod.labels?.['pod-template-hash'];
	if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) return `Deployment/${owner.name.slice(0, -hash.length - 1)}`;
	return `${owner.kind}/${owner.name}`;
}

/** The pod's own facts, when the pods store has it: its uid (so the pods keys act on it), owners and labels (`o`). */
export type PodFacts = Pick<BaseRow, 'uid' | 'labels'> & {owners?: OwnerRef[]};

export function gpuIdlePaneRows(rows: readonly GpuIdleRow[], windowMs: number, sampledAt?: number, podOf: (namespace: string, pod: string) => PodFacts | undefined = () => undefined): GpuIdlePaneRow[] {
	return rows.map((row) => {
		const pod = podOf(row.namespace, row.pod);
		const out: GpuIdlePaneRow = {
			kind: 'GpuIdle',
			uid: pod?.uid ?? `gpuidle:${row.namespace}/${row.pod}`,
			name: row.pod,
			namespace: row.namespace,
			owner: row.owner,
			node: row.node,
			devices: row.devices,
			model: row.model,
			idleForMs: row.idleForMs,
			observedMs: row.observedMs,
			windowMs,
			covered: row.covered,
			gpuHours: row.gpuHours,
			recent: row.recent,
			severity: row.covered ? 'warn' : 'ok',
		};
		if (row.cost !== undefined) out.cost = row.cost;
		if (pod?.owners) out.owners = pod.owners;
		if (pod?.labels) out.labels = pod.labels;
		if (sampledAt !== undefined) out.sampledAt = sampledAt;
		return out;
	});
}

const minutes = (ms: number): number => Math.floor(ms / 60_000);

/** `idle 42m` once the window is covered; `idle so far: 12m of 30m observed` before. */
export function idleText(row: Pick<GpuIdlePaneRow, 'covered' | 'idleForMs' | 'observedMs' | 'windowMs'>): string {
	if (row.covered) return `idle ${formatMinutes(minutes(row.idleForMs))}`;
	return `idle so far: ${formatObserved(row.observedMs)} of ${formatMinutes(minutes(row.windowMs))} observed`;
}

/** Seconds while under a minute (a fresh start is not "0m"), then minutes. */
export function formatObserved(ms: number): string {
	return ms < 60_000 ? `${Math.floor(ms / 1000)}s` : formatMinutes(minutes(ms));
}

export function formatMinutes(total: number): string {
	if (total < 60) return `${total}m`;
	const h = Math.floor(total / 60);
	const m = total % 60;
	return m === 0 ? `${h}h` : `${h}h${m}m`;
}

export function formatMoney(amount: number): string {
	return `$${amount.toFixed(2)}`;
}

export const gpuIdleColumns: Array<Column<GpuIdlePaneRow>> = [
	{id: 'namespace', title: 'NAMESPACE', allNamespaces: true, cell: (r) => r.namespace},
	{id: 'name', title: 'POD', cell: (r) => r.name},
	{id: 'gpus', title: 'GPUS', cell: (r) => r.devices.join(',')},
	// 'status' so a narrow terminal keeps it longest: it is the verdict, and it says how sure it is.
	{id: 'status', title: 'IDLE', cell: (r) => idleText(r), sortValue: (r) => (r.covered ? 1e12 : 0) + r.idleForMs},
	{id: 'gpuhours', title: 'GPU-H', align: 'right', cell: (r) => r.gpuHours.toFixed(2), sortValue: (r) => r.gpuHours},
	{id: 'cost', title: 'COST', align: 'right', cell: (r) => (r.cost === undefined ? '-' : formatMoney(r.cost)), sortValue: (r) => r.cost ?? -1},
	{id: 'owner', title: 'WORKLOAD', cell: (r) => r.owner},
	{id: 'node', title: 'NODE', cell: (r) => r.node},
	{id: 'model', title: 'MODEL', wide: true, cell: (r) => r.model || '-'},
	{id: 'history', title: 'HISTORY', wide: true, cell: (r) => sparkline(r.recent.slice(-12))},
];

/** The line above `:gpuidle`: GPU-hours and cost in total (covered windows only), then the pods still being observed. */
export function gpuIdleSummary(rows: readonly GpuIdlePaneRow[], thresholdPct: number, windowMs: number): string {
	const rule = `below ${thresholdPct}% for ${formatMinutes(minutes(windowMs))}`;
	if (rows.length === 0) return `no GPU held idle (${rule})`;
	const covered = rows.filter((r) => r.covered);
	const pending = rows.filter((r) => !r.covered);
	const parts: string[] = [];
	if (covered.length > 0) {
		let hours = 0;
		let cost: number | undefined;
		const workloads = new Set<string>();
		for (const row of covered) {
			hours += row.gpuHours;
			workloads.add(`${row.namespace}/${row.owner}`);
			if (row.cost !== undefined) cost = (cost ?? 0) + row.cost;
		}
		parts.push(`${plural(covered.length, 'pod')} idle (${rule}) in ${plural(workloads.size, 'workload')}: ${hours.toFixed(2)} GPU-h${cost === undefined ? '' : ` · ${formatMoney(cost)}`}`);
	}
	if (pending.length > 0) {
		const observed = Math.max(...pending.map((r) => r.observedMs));
		const window = formatMinutes(minutes(windowMs));
		parts.push(`${plural(pending.length, 'pod')} idle so far: below ${thresholdPct}% for all ${formatObserved(observed)} observed of the ${window} window`);
	}
	return parts.join(' │ ');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
