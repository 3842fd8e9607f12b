// The usage columns appended to the pods and nodes panes, and the pod limits they divide by.
// Rows carry `usage` from the store's join with the metrics poller (store/usageJoin.ts);
// `usageUnavailable` marks every row when the metrics API is absent or failing, so the cells
// read n/a rather than blank.
import type {BaseRow, Column, KubeObject} from './types.js';
import {arr, rec} from './json.js';
import {tryParseQuantity} from './quantity.js';
import {formatMi, formatMilli, percentOf, shareOf, type Usage} from './metrics.js';

export interface UsageFields {
	usage?: Usage;
	usageUnavailable?: boolean;
	/** DCGM telemetry of the GPUs the pod holds (pods only; joined from the GPU telemetry poller). */
	gpuUse?: {util: number; fbUsedMiB: number; devices: number};
}

/**
 * Summed limits of the app containers, for cpu (cores) and memory (bytes); a resource is left out
 * when any container has no limit for it (the pod as a whole is then unlimited).
 */
export function podLimits(pod: KubeObject): Record<string, number> {
	const containers = arr(rec(pod.spec)?.containers);
	const out: Record<string, number> = {};
	if (containers.length === 0) return out;
	for (const resource of ['cpu', 'memory']) {
		let total = 0;
		let every = true;
		for (const c of containers) {
			const value = tryParseQuantity(rec(rec(rec(c)?.resources)?.limits)?.[resource] as string | undefined);
			if (value === undefined) every = false;
			else total += value;
		}
		if (every) out[resource] = total;
	}
	return out;
}

const NA = 'n/a';

function usageCell<R extends BaseRow & UsageFields>(row: R, text: (usage: Usage) => string): string {
	if (row.usage) return text(row.usage);
	return row.usageUnavailable ? NA : '';
}

type Base = (row: never) => number | undefined;

/** CPU and MEM usage as kubectl top prints them; sorted by the numbers. */
export function usageColumns<R extends BaseRow & UsageFields>(options: {wide?: boolean} = {}): Array<Column<R>> {
	const wide = options.wide === true ? {wide: true} : {};
	return [
		{id: 'cpuuse', title: 'CPU-USE', align: 'right', sortLetter: 'C', ...wide, cell: (r) => usageCell(r, (u) => formatMilli(u.cpuMilli)), sortValue: (r) => r.usage?.cpuMilli ?? -1},
		{id: 'memuse', title: 'MEM-USE', align: 'right', sortLetter: 'M', ...wide, cell: (r) => usageCell(r, (u) => formatMi(u.memoryBytes)), sortValue: (r) => r.usage?.memoryBytes ?? -1},
	];
}

/** A usage share column: used over a base the row knows (requests, limits, allocatable), in milli / bytes. */
export function shareColumn<R extends BaseRow & UsageFields>(id: string, title: string, resource: 'cpu' | 'memory', base: (row: R) => number | undefined, wide: boolean): Column<R> {
	const used = (u: Usage): number => (resource === 'cpu' ? u.cpuMilli : u.memoryBytes);
	return {
		id,
		title,
		align: 'right',
		...(wide ? {wide: true} : {}),
		cell: (r) => usageCell(r, (u) => percentOf(used(u), base(r))),
		sortValue: (r) => (r.usage ? shareOf(used(r.usage), base(r)) : -1),
	};
}

/** Cores → millicores as kubectl top divides (MilliValue of the request or allocatable). */
export const milliOfCores = (cores: number | undefined): number | undefined => (cores === undefined ? undefined : Math.ceil(Math.round(cores * 1e6) / 1e3));

/** Rows that carry requests and limits in base units (cores, bytes), as pod rows do. */
interface Sized {
	requests: Record<string, number>;
	limits?: Record<string, number>;
}

/**
 * The pods pane's usage columns: CPU-USE and MEM-USE shown always (shift-c / shift-m sort by
 * them); the four shares of requests and limits only in wide mode — at 80 columns they would
 * push NAME and STATUS out.
 */
export function podUsageColumns<R extends BaseRow & UsageFields & Sized>(): Array<Column<R>> {
	const cpu = (of: (r: R) => number | undefined) => (r: R) => milliOfCores(of(r));
	return [
		...usageColumns<R>(),
		{id: 'gpuutil', title: 'GPU%', align: 'right', cell: (r) => (r.gpuUse ? `${Math.round(r.gpuUse.util)}%` : ''), sortValue: (r) => r.gpuUse?.util ?? -1},
		{id: 'gpumem', title: 'GPU-MEM', align: 'right', wide: true, cell: (r) => (r.gpuUse ? `${r.gpuUse.fbUsedMiB}Mi` : ''), sortValue: (r) => r.gpuUse?.fbUsedMiB ?? -1},
		shareColumn<R>('cpur', '%CPU/R', 'cpu', cpu((r) => r.requests.cpu), true),
		shareColumn<R>('cpul', '%CPU/L', 'cpu', cpu((r) => r.limits?.cpu), true),
		shareColumn<R>('memr', '%MEM/R', 'memory', (r) => r.requests.memory, true),
		shareColumn<R>('meml', '%MEM/L', 'memory', (r) => r.limits?.memory, true),
	];
}

/** The nodes pane's usage columns: used, and its share of allocatable, as kubectl top nodes prints. */
export function nodeUsageColumns<R extends BaseRow & UsageFields & {allocatable: Record<string, number>}>(): Array<Column<R>> {
	const [cpuUse, memUse] = usageColumns<R>();
	return [
		cpuUse!,
		shareColumn<R>('cpupct', '%CPU', 'cpu', (r) => milliOfCores(r.allocatable.cpu), false),
		memUse!,
		shareColumn<R>('mempct', '%MEM', 'memory', (r) => r.allocatable.memory, false),
	];
}

export type {Base};
