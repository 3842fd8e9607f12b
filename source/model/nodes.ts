// Node rows, as `kubectl get nodes` prints them, plus allocatable CPU/MEM and accelerators.
import type {BaseRow, Column, KindModel, KubeObject, Severity} from './types.js';
import {arr, rec, str} from './json.js';
import {rowBase} from './rowBase.js';
import {formatBytes, formatCount, formatCpu, parseQuantity} from './quantity.js';
import {isAcceleratorResource} from './gpu-resources.js';
import {ageColumn, nameColumn} from './columns.js';
import {nodeUsageColumns, type UsageFields} from './metrics-columns.js';
import {nodeProblemTimes, type ProblemTimes} from './problems-since.js';

export interface NodeRow extends BaseRow, UsageFields {
	kind: 'Node';
	/** kubectl's STATUS: 'Ready', 'NotReady', 'Unknown', with ',SchedulingDisabled' when cordoned. */
	status: string;
	ready: boolean;
	unschedulable: boolean;
	roles: string[];
	version: string;
	allocatable: Record<string, number>;
	capacity: Record<string, number>;
	/** 'key=value:Effect' (or 'key:Effect' without a value), in spec order. */
	taints: string[];
	/** Node conditions other than Ready that are True (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable). */
	pressures: string[];
	internalIP?: string;
	externalIP?: string;
	osImage?: string;
	kernelVersion?: string;
	containerRuntime?: string;
	/** Accelerators requested by non-terminal pods bound here; filled by the store's join with the pods watch. */
	gpuAllocated?: Record<string, number>;
	/** How many of those pods hold at least one accelerator here; filled by the same join. */
	gpuPods?: number;
	/** Since when it is not ready, under each pressure, cordoned: :problems' SINCE (problems-since.ts). */
	problemSince?: ProblemTimes;
	/** The Ready condition is Unknown: the kubelet stopped reporting (kubectl still prints NotReady). */
	unreachable?: true;
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

/** ROLES as kubectl finds them: node-role.kubernetes.io/<role> keys and the legacy kubernetes.io/role value, sorted, unique. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
	const roles = new Set<string>();
	for (const [k, v] of Object.entries(labels ?? {})) {
		if (k.startsWith(ROLE_PREFIX)) {
			const role = k.slice(ROLE_PREFIX.length);
			if (role) roles.add(role);
		} else if (k === LEGACY_ROLE_LABEL && v !== '') {
			roles.add(v);
		}
	}
	return [...roles].sort();
}

export function formatTaint(taint: Record<string, unknown>): string {
	const key = str(taint.key) ?? '';
	const value = str(taint.value);
	const effect = str(taint.effect) ?? '';
	return `${value ? `${key}=${value}` : key}:${effect}`;
}

function resources(value: unknown): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [k, v] of Object.entries(rec(value) ?? {})) out[k] = parseQuantity(v as string | number);
	return out;
}

const PRESSURES = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];

export function projectNode(object: KubeObject): NodeRow {
	const meta = object.metadata;
	const spec = rec(object.spec);
	const status = rec(object.status);
	const conditions = arr(status?.conditions);
	// kubectl keeps the last condition of each type and only looks at Ready: anything but True is NotReady.
	const readyCondition = conditions.filter((c) => c.type === 'Ready').at(-1);
	const parts = [readyCondition ? (readyCondition.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
	const unschedulable = spec?.unschedulable === true;
	if (unschedulable) parts.push('SchedulingDisabled');
	const base = rowBase(meta);
	const nodeInfo = rec(status?.nodeInfo);
	const addresses = arr(status?.addresses);
	const row: NodeRow = {
		kind: 'Node',
		...base,
		status: parts.join(','),
		ready: readyCondition?.status === 'True',
		unschedulable,
		roles: nodeRoles(base.labels),
		version: str(nodeInfo?.kubeletVersion) ?? '',
		allocatable: resources(status?.allocatable),
		capacity: resources(status?.capacity),
		taints: arr(spec?.taints).map(formatTaint),
		pressures: PRESSURES.filter((type) => conditions.some((c) => c.type === type && c.status === 'True')),
		severity: 'ok',
	};
	const internalIP = str(addresses.find((a) => a.type === 'InternalIP')?.address);
	const externalIP = str(addresses.find((a) => a.type === 'ExternalIP')?.address);
	if (internalIP) row.internalIP = internalIP;
	if (externalIP) row.externalIP = externalIP;
	const osImage = str(nodeInfo?.osImage);
	const kernel = str(nodeInfo?.kernelVersion);
	const runtime = str(nodeInfo?.containerRuntimeVersion);
	if (osImage) row.osImage = osImage;
	if (kernel) row.kernelVersion = kernel;
	if (runtime) row.containerRuntime = runtime;
	if (readyCondition?.status === 'Unknown') row.unreachable = true;
	const since = nodeProblemTimes(object);
	if (since) row.problemSince = since;
	row.severity = nodeSeverity(row);
	return row;
}

export function nodeSeverity(row: Pick<NodeRow, 'ready' | 'unschedulable' | 'pressures'>): Severity {
	if (!row.ready) return 'error';
	if (row.unschedulable || row.pressures.length > 0) return 'warn';
	return 'ok';
}

function acceleratorSum(values: Readonly<Record<string, number>> | undefined): number {
	let sum = 0;
	for (const [name, value] of Object.entries(values ?? {})) if (isAcceleratorResource(name)) sum += value;
	return sum;
}

function hasAccelerators(row: NodeRow): boolean {
	return [row.allocatable, row.capacity, row.gpuAllocated ?? {}].some((m) => Object.keys(m).some((k) => isAcceleratorResource(k)));
}

/**
 * The GPU cell: 'allocated/allocatable' summed over accelerator resources; '' for nodes without
 * any; '-' for allocated until the store has joined the pods (it needs an all-namespaces pods watch).
 */
export function nodeGpuCell(row: NodeRow): string {
	if (!hasAccelerators(row)) return '';
	const allocatable = formatCount(acceleratorSum(row.allocatable));
	const allocated = row.gpuAllocated ? formatCount(acceleratorSum(row.gpuAllocated)) : '-';
	return `${allocated}/${allocatable}`;
}

export const nodeColumns: Array<Column<NodeRow>> = [
	nameColumn<NodeRow>(),
	{id: 'status', title: 'STATUS', cell: (r) => r.status},
	{id: 'roles', title: 'ROLES', cell: (r) => (r.roles.length > 0 ? r.roles.join(',') : '<none>')},
	ageColumn<NodeRow>(),
	{id: 'version', title: 'VERSION', cell: (r) => r.version},
	{id: 'cpu', title: 'CPU', align: 'right', cell: (r) => formatCpu(r.allocatable.cpu ?? 0), sortValue: (r) => r.allocatable.cpu ?? 0},
	{id: 'mem', title: 'MEM', align: 'right', cell: (r) => formatBytes(r.allocatable.memory ?? 0), sortValue: (r) => r.allocatable.memory ?? 0},
	{
		id: 'gpu',
		title: 'GPU',
		align: 'right',
		cell: nodeGpuCell,
		sortValue: (r) => acceleratorSum(r.allocatable) - acceleratorSum(r.gpuAllocated),
	},
	{id: 'taints', title: 'TAINTS', wide: true, align: 'right', cell: (r) => String(r.taints.length), sortValue: (r) => r.taints.length},
	{id: 'internalip', title: 'INTERNAL-IP', wide: true, cell: (r) => r.internalIP ?? '<none>'},
	{id: 'externalip', title: 'EXTERNAL-IP', wide: true, cell: (r) => r.externalIP ?? '<none>'},
	{id: 'osimage', title: 'OS-IMAGE', wide: true, cell: (r) => r.osImage ?? '<unknown>'},
	{id: 'kernel', title: 'KERNEL-VERSION', wide: true, cell: (r) => r.kernelVersion ?? '<unknown>'},
	{id: 'runtime', title: 'CONTAINER-RUNTIME', wide: true, cell: (r) => r.containerRuntime ?? '<unknown>'},
	// kubectl's STATUS reads only Ready and cordoning, so pressure gets a column of its own
	// (STATUS stays kubectl's, case for case): 'Memory,Disk', 'PID', 'NetworkUnavailable'.
	{id: 'pressure', title: 'PRESSURE', cell: (r) => pressureCell(r.pressures), sortValue: (r) => -r.pressures.length},
	...nodeUsageColumns<NodeRow>(),
];

/** The PRESSURE cell: the True pressure conditions without their 'Pressure' suffix; '' when none. */
export function pressureCell(pressures: readonly string[]): string {
	return pressures.map((p) => p.replace(/Pressure$/, '')).join(',');
}

export const nodeModel: KindModel<NodeRow> = {kind: 'Node', project: projectNode, columns: nodeColumns};
