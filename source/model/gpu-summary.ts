// The line above the GPU table: where the free accelerators are, what is broken, who waits.
import type {GpuNodeRow} from './gpu.js';
import {migProfileOf} from './gpu-resources.js';
import type {GpuPendingRow} from './gpu-triage.js';
import {formatCount} from './quantity.js';

export interface GpuModelTotals {
	/** 'NVIDIA H100-80GB-HBM3', 'NVIDIA A100-SXM4-40GB mig-1g.10gb', 'NVIDIA Tesla-T4 (shared)'. */
	model: string;
	allocatable: number;
	allocated: number;
	/** Free on nodes where a new pod can land (Ready, schedulable, device plugin up). */
	free: number;
	nodes: number;
}

export interface GpuSummaryData {
	allocatable: number;
	allocated: number;
	free: number;
	/** Free units on NotReady, cordoned or GPU-UNAVAILABLE nodes: counted, but no pod can get them. */
	unusable: number;
	byModel: GpuModelTotals[];
	/** Physical devices on the nodes that say how many they have. */
	devices: number;
	/** Nodes whose device count is unknown (MIG without a count label). */
	devicesUnknown: number;
	nodes: number;
	nodesUnavailable: number;
	nodesNotReady: number;
	nodesCordoned: number;
	pendingPods: number;
	pendingDevices: number;
}

// Units differ per resource (a device, a MIG slice, a time-slice replica), so they are totalled apart.
function modelKey(row: GpuNodeRow, resource: string): string {
	const base = row.accelerator || resource;
	const profile = migProfileOf(resource);
	if (profile) return `${base} mig-${profile}`;
	if (row.migStrategy === 'single' && row.mig[0]) return `${base} mig-${row.mig[0].profile}`;
	if (row.sharing && (resource === 'nvidia.com/gpu' || resource === 'nvidia.com/gpu.shared')) return `${base} (shared)`;
	return base;
}

export function gpuSummary(rows: readonly GpuNodeRow[], pending: readonly GpuPendingRow[]): GpuSummaryData {
	const byModel = new Map<string, GpuModelTotals & {nodeNames: Set<string>}>();
	const summary: GpuSummaryData = {
		allocatable: 0,
		allocated: 0,
		free: 0,
		unusable: 0,
		byModel: [],
		devices: 0,
		devicesUnknown: 0,
		nodes: rows.length,
		nodesUnavailable: 0,
		nodesNotReady: 0,
		nodesCordoned: 0,
		pendingPods: pending.length,
		pendingDevices: 0,
	};
	for (const row of rows) {
		if (row.devices === undefined) summary.devicesUnknown++;
		else summary.devices += row.devices;
		if (row.unavailable) summary.nodesUnavailable++;
		if (!row.ready) summary.nodesNotReady++;
		if (row.unschedulable) summary.nodesCordoned++;
		const usable = row.ready && !row.unschedulable && !row.unavailable;
		for (const [resource, account] of Object.entries(row.resources)) {
			// A MIG node still lists nvidia.com/gpu at 0: nothing to count, and no line to print.
			if (account.capacity === 0 && account.allocatable === 0 && account.allocated === 0) continue;
			const key = modelKey(row, resource);
			let totals = byModel.get(key);
			if (!totals) {
				totals = {model: key, allocatable: 0, allocated: 0, free: 0, nodes: 0, nodeNames: new Set()};
				byModel.set(key, totals);
			}
			const free = Math.max(0, account.allocatable - account.allocated);
			totals.allocatable += account.allocatable;
			totals.allocated += account.allocated;
			totals.nodeNames.add(row.name);
			summary.allocatable += account.allocatable;
			summary.allocated += account.allocated;
			if (usable) {
				totals.free += free;
				summary.free += free;
			} else summary.unusable += free;
		}
	}
	summary.byModel = [...byModel.values()]
		.map(({nodeNames, ...totals}) => ({...totals, nodes: nodeNames.size}))
		.sort((a, b) => a.model.localeCompare(b.model));
	for (const row of pending) summary.pendingDevices += row.total;
	return summary;
}

function plural(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}

/** The summary as plain text parts (the view colours them; the words carry the meaning on their own). */
export function gpuSummaryParts(summary: GpuSummaryData): {totals: string; models: string; problems: string[]} {
	// Units (devices, MIG slices, time-slicing replicas) are what pods ask for; devices are what people count.
	const devices = `${formatCount(summary.devices)}${summary.devicesUnknown > 0 ? '+' : ''} ${summary.devices === 1 && !summary.devicesUnknown ? 'device' : 'devices'}`;
	let totals = `${devices}: ${formatCount(summary.allocated)}/${formatCount(summary.allocatable)} units allocated · ${formatCount(summary.free)} free`;
	if (summary.unusable > 0) totals += ` (+${formatCount(summary.unusable)} on unusable nodes)`;
	const models = summary.byModel.map(m => `${m.model} ${formatCount(m.free)} free of ${formatCount(m.allocatable)}`).join(' · ');
	const problems: string[] = [];
	if (summary.nodesUnavailable > 0) problems.push(`${plural(summary.nodesUnavailable, 'node', 'nodes')} GPU-UNAVAILABLE`);
	if (summary.nodesNotReady > 0) problems.push(`${plural(summary.nodesNotReady, 'node', 'nodes')} NotReady`);
	if (summary.nodesCordoned > 0) problems.push(`${plural(summary.nodesCordoned, 'node', 'nodes')} cordoned`);
	if (summary.pendingPods > 0) {
		problems.push(`${plural(summary.pendingPods, 'pod', 'pods')} pending for ${plural(summary.pendingDevices, 'accelerator', 'accelerators')}`);
	}
	return {totals, models, problems};
}

export function formatGpuSummary(summary: GpuSummaryData): string {
	const parts = gpuSummaryParts(summary);
	// Problems before the per-model breakdown: on a narrow terminal the line is cut at the end.
	return [parts.totals, ...parts.problems, parts.models].filter(part => part !== '').join(' │ ');
}
