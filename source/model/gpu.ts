// The GPU nodes pane: one row per node with any accelerator resource or label, joined with
// the accelerator requests of the pods bound to it. Pure over the current node and pod rows,
// so the pane updates from the same watches as everything else.
import type {BaseRow, Labels, OwnerRef, Severity} from './types.js';
import {acceleratorDisplayName, parseAcceleratorLabels, type AcceleratorLabels, type SharingStrategy} from './gpu-labels.js';
import {acceleratorVendorOf, acceleratorsOf, isAcceleratorResource, migProfileOf} from './gpu-resources.js';

/** What the GPU accounting needs of a node; the model's NodeRow satisfies it. */
export interface GpuNodeInput {
	uid: string;
	name: string;
	createdAt?: number;
	labels?: Labels;
	/** kubectl's STATUS text: 'Ready', 'NotReady', 'Ready,SchedulingDisabled', 'Unknown'. */
	status: string;
	unschedulable?: boolean;
	allocatable: Readonly<Record<string, number>>;
	capacity: Readonly<Record<string, number>>;
	taints?: readonly string[];
}

/** What the GPU accounting needs of a pod; the model's PodRow satisfies it. */
export interface GpuPodInput {
	uid: string;
	name: string;
	namespace?: string;
	createdAt?: number;
	phase?: string;
	/** kubectl's STATUS text. */
	status: string;
	node?: string;
	/** Effective requests (all resources); used instead of `accelerators` when extra resource names are configured. */
	requests?: Readonly<Record<string, number>>;
	accelerators: Readonly<Record<string, number>>;
	owners?: readonly OwnerRef[];
	scheduled?: {status: string; reason?: string; message?: string; since?: number};
	deleting?: boolean;
}

export interface GpuOptions {
	/** Extra accelerator resource names from the user settings. */
	extraResources?: readonly string[];
}

export interface ResourceAccount {
	capacity: number;
	allocatable: number;
	allocated: number;
}

export interface GpuNodeRow extends BaseRow {
	kind: 'GpuNode';
	status: string;
	ready: boolean;
	unschedulable: boolean;
	/** Accelerator labels but nothing allocatable: device plugin or driver failing. */
	unavailable: boolean;
	vendor?: string;
	model?: string;
	/** 'NVIDIA H100-80GB-HBM3' */
	accelerator: string;
	memoryBytes?: number;
	/** Per accelerator resource name. */
	resources: Record<string, ResourceAccount>;
	capacity: number;
	allocatable: number;
	allocated: number;
	free: number;
	/** Pods on the node holding at least one accelerator; undefined when only a summed allocation was known. */
	pods?: number;
	/** Physical devices, when known: a count label, sharing's physical GPUs, else whole-device capacity (not for MIG). */
	devices?: number;
	/** `renamed`: the plugin advertises nvidia.com/gpu.shared instead of nvidia.com/gpu (renameByDefault). */
	sharing?: {strategy: SharingStrategy | 'shared'; replicas?: number; physical?: number; renamed: boolean};
	migStrategy?: 'single' | 'mixed';
	mig: Array<{profile: string; allocated: number; allocatable: number}>;
	driver?: string;
	cuda?: string;
	taints: string[];
}

const terminalPhases = new Set(['Succeeded', 'Failed']);

/** A pod holds its devices until it is gone or terminal; a deleting pod still holds them. */
export function holdsAccelerators(pod: GpuPodInput): boolean {
	return pod.node !== undefined && pod.node !== '' && !terminalPhases.has(pod.phase ?? '');
}

/** The accelerator requests of a pod, honouring extra resource names when configured. */
export function podAccelerators(pod: GpuPodInput, options?: GpuOptions): Readonly<Record<string, number>> {
	if (options?.extraResources?.length && pod.requests) return acceleratorsOf(pod.requests, options.extraResources);
	return pod.accelerators;
}

export function sumValues(amounts: Readonly<Record<string, number>>): number {
	let total = 0;
	for (const value of Object.values(amounts)) total += value;
	return total;
}

/** Groups the pods that hold accelerators by node name. */
export function acceleratorHoldersByNode(pods: readonly GpuPodInput[], options?: GpuOptions): Map<string, GpuPodInput[]> {
	const byNode = new Map<string, GpuPodInput[]>();
	for (const pod of pods) {
		if (!holdsAccelerators(pod) || sumValues(podAccelerators(pod, options)) <= 0) continue;
		const list = byNode.get(pod.node!);
		if (list) list.push(pod);
		else byNode.set(pod.node!, [pod]);
	}
	return byNode;
}

// Models for resources that no label describes (a node with only the device plugin running).
const defaultModels: Record<string, string> = {
	'habana.ai/gaudi': 'Gaudi',
	'aws.amazon.com/neuron': 'Neuron',
	'aws.amazon.com/neuroncore': 'NeuronCore',
	'google.com/tpu': 'TPU',
};

function isReady(status: string): boolean {
	return status.split(',')[0] === 'Ready';
}

function sharingOf(labels: AcceleratorLabels, resources: Record<string, ResourceAccount>): GpuNodeRow['sharing'] {
	const renamed = 'nvidia.com/gpu.shared' in resources;
	if (!labels.sharing && !renamed && !labels.sharedProduct) return undefined;
	const strategy = labels.sharing?.strategy ?? 'shared';
	const replicas = labels.sharing?.replicas;
	const shared = resources[renamed ? 'nvidia.com/gpu.shared' : 'nvidia.com/gpu'];
	let physical = labels.count;
	if (physical === undefined && replicas && shared && shared.capacity > 0) physical = Math.round(shared.capacity / replicas);
	const result: NonNullable<GpuNodeRow['sharing']> = {strategy, renamed};
	if (replicas !== undefined) result.replicas = replicas;
	if (physical !== undefined) result.physical = physical;
	return result;
}

function migOf(labels: AcceleratorLabels, resources: Record<string, ResourceAccount>): Pick<GpuNodeRow, 'mig' | 'migStrategy'> {
	const mixed = Object.keys(resources)
		.map(name => ({name, profile: migProfileOf(name)}))
		.filter((entry): entry is {name: string; profile: string} => entry.profile !== undefined)
		.sort((a, b) => a.profile.localeCompare(b.profile, undefined, {numeric: true}));
	if (mixed.length > 0) {
		return {
			migStrategy: 'mixed',
			mig: mixed.map(({name, profile}) => ({profile, allocated: resources[name]!.allocated, allocatable: resources[name]!.allocatable})),
		};
	}
	const single = resources['nvidia.com/gpu'];
	if (labels.migProfile && single) {
		return {migStrategy: 'single', mig: [{profile: labels.migProfile, allocated: single.allocated, allocatable: single.allocatable}]};
	}
	return {mig: []};
}

/** Accelerator requests of the holders bound to `nodeName`, and how many pods they are. */
export function allocationOf(nodeName: string, holders: readonly GpuPodInput[], options?: GpuOptions): {allocated: Record<string, number>; pods: number} {
	const allocated: Record<string, number> = {};
	let pods = 0;
	for (const pod of holders) {
		if (!holdsAccelerators(pod) || pod.node !== nodeName) continue;
		const accelerators = podAccelerators(pod, options);
		if (sumValues(accelerators) <= 0) continue;
		pods++;
		for (const [name, value] of Object.entries(accelerators)) allocated[name] = (allocated[name] ?? 0) + value;
	}
	return {allocated, pods};
}

/**
 * One node's GPU row, or undefined when the node has no accelerator resource or label.
 * `holders` are the pods bound to this node that hold accelerators (see acceleratorHoldersByNode).
 */
export function gpuNodeRow(node: GpuNodeInput, holders: readonly GpuPodInput[], options?: GpuOptions): GpuNodeRow | undefined {
	const {allocated, pods} = allocationOf(node.name, holders, options);
	return gpuNodeRowFromAllocation(node, allocated, pods, options);
}

/**
 * The same row from an allocation already summed per resource (the data layer's nodes ⋈ pods
 * join fills NodeRow.gpuAllocated). `pods` is undefined when the join does not count holders.
 */
export function gpuNodeRowFromAllocation(
	node: GpuNodeInput,
	allocation: Readonly<Record<string, number>>,
	pods: number | undefined,
	options?: GpuOptions,
): GpuNodeRow | undefined {
	const extra = options?.extraResources;
	const labels = parseAcceleratorLabels(node.labels);
	const resources: Record<string, ResourceAccount> = {};
	const account = (name: string): ResourceAccount => (resources[name] ??= {capacity: 0, allocatable: 0, allocated: 0});
	for (const [name, value] of Object.entries(node.capacity)) if (isAcceleratorResource(name, extra)) account(name).capacity = value;
	for (const [name, value] of Object.entries(node.allocatable)) if (isAcceleratorResource(name, extra)) account(name).allocatable = value;
	// Only the node itself says it has accelerators; a pod bound with a request it cannot get
	// (a stale or hand-bound pod) must not invent a GPU row for a CPU node.
	const names = Object.keys(resources);
	if (names.length === 0 && !labels.present) return undefined;
	for (const [name, value] of Object.entries(allocation)) {
		if (value > 0 && isAcceleratorResource(name, extra)) account(name).allocated += value;
	}

	let capacity = 0;
	let allocatable = 0;
	let allocated = 0;
	for (const entry of Object.values(resources)) {
		capacity += entry.capacity;
		allocatable += entry.allocatable;
		allocated += entry.allocated;
	}
	const unavailable = (labels.present || capacity > 0) && allocatable === 0;
	const ready = isReady(node.status);
	const unschedulable = node.unschedulable ?? node.status.includes('SchedulingDisabled');
	// The GPU problem first: a narrow STATUS cell is cut at the end, and this is the news.
	const status = unavailable ? `GPU-UNAVAILABLE,${node.status}` : node.status;
	const severity: Severity = !ready || unavailable ? 'error' : unschedulable ? 'warn' : 'ok';

	let vendor: string | undefined = labels.vendor;
	let model = labels.model;
	if (!vendor && names.length > 0) {
		const main = names.find(name => acceleratorVendorOf(name) !== 'Other') ?? names[0]!;
		vendor = acceleratorVendorOf(main);
		model = defaultModels[main] ?? (vendor === 'Other' ? main : undefined);
	}
	const row: GpuNodeRow = {
		kind: 'GpuNode',
		uid: node.uid,
		name: node.name,
		severity,
		status,
		ready,
		unschedulable,
		unavailable,
		accelerator: acceleratorDisplayName({vendor: vendor as AcceleratorLabels['vendor'], model}),
		resources,
		capacity,
		allocatable,
		allocated,
		free: Math.max(0, allocatable - allocated),
		...migOf(labels, resources),
		taints: [...(node.taints ?? [])],
	};
	if (pods !== undefined) row.pods = pods;
	if (node.createdAt !== undefined) row.createdAt = node.createdAt;
	if (node.labels) row.labels = node.labels;
	if (vendor) row.vendor = vendor;
	if (model) row.model = model;
	if (labels.memoryBytes !== undefined) row.memoryBytes = labels.memoryBytes;
	const sharing = sharingOf(labels, resources);
	if (sharing) row.sharing = sharing;
	// Allocatable counts what the scheduler hands out (slices, replicas); people also ask how many GPUs there are.
	const devices = labels.count ?? sharing?.physical ?? (row.mig.length > 0 ? undefined : capacity);
	if (devices !== undefined) row.devices = devices;
	if (labels.driver) row.driver = labels.driver;
	if (labels.cuda) row.cuda = labels.cuda;
	return row;
}

/** GPU rows for every node that has accelerators, in node order; O(nodes + pods). */
export function gpuNodeRows(nodes: readonly GpuNodeInput[], pods: readonly GpuPodInput[], options?: GpuOptions): GpuNodeRow[] {
	const byNode = acceleratorHoldersByNode(pods, options);
	const rows: GpuNodeRow[] = [];
	for (const node of nodes) {
		const row = gpuNodeRow(node, byNode.get(node.name) ?? [], options);
		if (row) rows.push(row);
	}
	return rows;
}
