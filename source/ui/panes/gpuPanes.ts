// The GPU panes for the App's pane registry. They are views over the nodes and pods kinds, not
// kinds of their own (see source/kinds/views.ts). They read the same stores as everything else:
// `:gpu` is the cluster-wide nodes store (NodeRow, with gpuAllocated joined from the pods
// watch by the data layer), `:gpupending` the cluster-wide pods store. Rows stay NodeRow /
// PodRow, so describe, YAML, cordon, drain, logs and kill work on them unchanged; the GPU
// columns project each row once (cached per row object: unchanged rows keep their object).
import type {BaseRow, Column, Severity} from '../../model/types.js';
import type {Session} from '../../kube/session.js';
import type {RowStore} from '../../store/rowStore.js';
import {nodesWithGpuHealth, type WithGpuHealth} from '../../store/gpuTelemetryStores.js';
import type {NodeRow} from '../../model/nodes.js';
import type {PodRow} from '../../model/pods.js';
import {gpuNodeRowFromAllocation, holdsAccelerators, podAccelerators, sumValues, type GpuNodeRow, type GpuOptions} from '../../model/gpu.js';
import {gpuNodeColumns} from '../../model/gpu-columns.js';
import {gpuHolderColumns, gpuHolders, gpuPendingColumns, gpuPendingRows, isPendingForAccelerators, type GpuHolderRow, type GpuPendingRow} from '../../model/gpu-triage.js';
import {formatGpuSummary, gpuSummary} from '../../model/gpu-summary.js';
import {formatAge} from '../../model/age.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {pane, type PaneSpec, type PaneToggle} from './panes.js';
import {podContainers} from '../../kinds/pods.js';

/** NodeRow as the joins deliver it (gpuAllocated and gpuPods by the data layer, gpuHealth from DCGM telemetry). */
type JoinedNode = WithGpuHealth<NodeRow>;

/**
 * Columns over source rows S that show a projection T. The projection is cached per source
 * object, so a 30 fps redraw of unchanged rows projects nothing.
 */
export function projectedColumns<S extends object & BaseRow, T extends BaseRow>(columns: readonly Column<T>[], project: (row: S) => T | undefined): Array<Column<S>> {
	const cache = new WeakMap<S, T | null>();
	const of = (row: S): T | undefined => {
		let value = cache.get(row);
		if (value === undefined) {
			value = project(row) ?? null;
			cache.set(row, value);
		}
		return value ?? undefined;
	};
	return columns.map(column => {
		const adapted: Column<S> = {
			id: column.id,
			title: column.title,
			cell: (row, now) => {
				const projected = of(row);
				return projected ? column.cell(projected, now) : '';
			},
		};
		if (column.wide) adapted.wide = true;
		if (column.allNamespaces) adapted.allNamespaces = true;
		if (column.align) adapted.align = column.align;
		const sortValue = column.sortValue;
		if (sortValue) {
			adapted.sortValue = (row, now) => {
				const projected = of(row);
				return projected ? sortValue(projected, now) : '';
			};
		}
		return adapted;
	});
}

export type GpuPaneOptions = GpuOptions;

/** Everything the GPU panes need, built once per settings (extra accelerator names). */
export function createGpuPanes(options: GpuPaneOptions = {}) {
	const nodeCache = new WeakMap<NodeRow, GpuNodeRow | null>();
	/** The GPU view of a node row; undefined for nodes without accelerators. */
	const gpuRowOf = (node: JoinedNode): GpuNodeRow | undefined => {
		let value = nodeCache.get(node);
		if (value === undefined) {
			value = gpuNodeRowFromAllocation(node, node.gpuAllocated ?? {}, node.gpuPods, options) ?? null;
			nodeCache.set(node, value);
		}
		return value ?? undefined;
	};
	const pendingOf = (pod: PodRow): GpuPendingRow | undefined => gpuPendingRows([pod], [], options)[0];

	// HEALTH right after STATUS: what DCGM says is wrong with the node's GPUs (see gpuNodeHealthColumn).
	const projected = projectedColumns<JoinedNode, GpuNodeRow>(gpuNodeColumns, gpuRowOf);
	const statusAt = projected.findIndex(column => column.id === 'status');
	const nodeColumns = [...projected.slice(0, statusAt + 1), gpuNodeHealthColumn as Column<JoinedNode>, ...projected.slice(statusAt + 1)];
	/** A node's whole-GPU count where allocatable vouches for it (NVIDIA, not MIG): the exporter should report that many. */
	const expectedGpus = (node: JoinedNode): number | undefined => {
		const row = gpuRowOf(node);
		return row && row.vendor === 'NVIDIA' && row.allocatable > 0 && row.mig.length === 0 && !row.sharing ? row.devices : undefined;
	};
	const healthStores = new WeakMap<Session, RowStore<JoinedNode>>();
	const nodesWithHealth = (session: Session): RowStore<JoinedNode> => {
		let store = healthStores.get(session);
		if (!store) {
			const nodes = session.store('nodes', {allNamespaces: true}) as RowStore<NodeRow>;
			const telemetry = session.gpuTelemetry?.();
			store = telemetry ? nodesWithGpuHealth(nodes, telemetry, expectedGpus, undefined, (node) => gpuRowOf(node) !== undefined) : nodes;
			healthStores.set(session, store);
		}
		return store;
	};
	const pendingColumns = projectedColumns<PodRow, GpuPendingRow>(gpuPendingColumns, pendingOf);
	const holderColumns = projectedColumns<PodRow, GpuHolderRow>(gpuHolderColumns, pod => (pod.node ? gpuHolders(pod.node, [pod], options)[0] : undefined));
	const isHolder = (pod: PodRow) => holdsAccelerators(pod) && sumValues(podAccelerators(pod, options)) > 0;
	const nodeHasAllocation = (node: JoinedNode) => (gpuRowOf(node)?.allocated ?? 0) > 0;
	// The pending rows for the :gpu summary, once per pods snapshot (its rows array is kept until the next change).
	const pendingCache = new WeakMap<readonly BaseRow[], GpuPendingRow[]>();
	const pendingOfAll = (pods: readonly BaseRow[]): GpuPendingRow[] => {
		let rows = pendingCache.get(pods);
		if (!rows) {
			rows = gpuPendingRows(pods as readonly PodRow[], [], options);
			pendingCache.set(pods, rows);
		}
		return rows;
	};

	const gpu = pane<JoinedNode>({
		id: 'gpu',
		title: 'gpu',
		resource: 'nodes',
		objectKind: 'Node',
		namespaced: false,
		clusterWide: true,
		contexts: ['gpu', 'nodes', 'table', 'global'],
		columns: nodeColumns,
		include: row => gpuRowOf(row) !== undefined,
		// The node row is 'ok' while Ready; its GPU row is an error when the device plugin fails,
		// and telemetry can make it worse (an XID, a pending remap, throttling, missing GPUs).
		severity: row => worseSeverity(gpuRowOf(row)?.severity ?? row.severity, row.gpuHealth?.severity ?? 'ok'),
		store: session => nodesWithHealth(session),
		// Every pod on the node, cluster-wide (the device plugin and daemons are what fail there,
		// not only the holders); the pods pane's GPU column marks the holders.
		enter: row => ({type: 'drill', target: {pane: 'pods', nodeName: row.name, allNamespaces: true, detail: `node/${row.name}`}}),
		summaryFrom: 'pods',
		summary: (rows, _now, pods) => {
			const gpuRows = rows.map(gpuRowOf).filter((row): row is GpuNodeRow => row !== undefined);
			// Model names come from node labels: untrusted text, and the summary is printed as is.
			// Telemetry's verdict and age right after the device counts: the rest of the line is
			// cut first on a narrow terminal.
			const [first, ...rest] = formatGpuSummary(gpuSummary(gpuRows, pods ? pendingOfAll(pods) : [])).split(' │ ');
			const telemetry = telemetrySummary(rows, _now);
			return sanitizeLine([first, ...(telemetry ? [telemetry] : []), ...rest].join(' │ '));
		},
		toggles: {'gpu.holdersOnly': {label: 'allocated only', include: nodeHasAllocation}},
		// The selected node's GPU health in full (the HEALTH cell has it in a few words).
		footnote: row => (row?.gpuHealth ? sanitizeLine(`${row.name}: ${row.gpuHealth.reasons.join('; ')} — t: its GPUs`) : row?.gpuUnreported ? sanitizeLine(`${row.name}: no GPU exporter reports on this node (DCGM or AMD's; see gpu.* settings): its GPUs show allocation only`) : undefined),
		jumps: {'gpu.pending': 'gpupending'},
	});

	// Issue 5: Enter on a GPU node → who holds its accelerators. Rows stay PodRow, so the pods
	// keys (logs, kill, describe, delete) act on them as in the pods pane.
	const holders = pane<PodRow>({
		id: 'gpuholders',
		title: 'holders',
		resource: 'pods',
		objectKind: 'Pod',
		namespaced: true,
		clusterWide: true,
		contexts: ['pods', 'table', 'global'],
		columns: holderColumns,
		include: isHolder,
		// A holder row is a pod row: Enter opens what it opens in the pods pane.
		enter: podContainers,
	});

	const pending = pane<PodRow>({
		id: 'gpupending',
		title: 'gpupending',
		resource: 'pods',
		objectKind: 'Pod',
		namespaced: true,
		clusterWide: true,
		contexts: ['gpupending', 'pods', 'table', 'global'],
		columns: pendingColumns,
		// Runs over every pod in the cluster on each change: the cheap test, not the projection.
		include: row => isPendingForAccelerators(row, options),
		enter: podContainers,
		summary: (rows, now) => pendingSummaryText(rows.map(pendingOf).filter((row): row is GpuPendingRow => row !== undefined), now),
	});

	return {
		panes: [gpu, pending, holders] as readonly PaneSpec[],
		gpuRowOf,
		nodeColumns,
		pendingColumns,
		/** Pods-pane columns for a node's holders (namespace, pod, devices, age, status, owner). */
		holderColumns,
		/** :gpu restriction for gpu.holdersOnly: only nodes where some accelerator is allocated. */
		nodeHasAllocation,
		/** Pods pane restriction: only pods holding accelerators (the holders-only filter). */
		holdsAccelerators: isHolder,
		/** The pods pane's gpu.holdersOnly toggle (defaultPanes adds it to the core pods pane). */
		podToggles: {'gpu.holdersOnly': {label: 'GPU holders only', include: isHolder}} as Record<string, PaneToggle<PodRow>>,
	};
}

/**
 * HEALTH on :gpu: `ok`, or the reasons from DCGM telemetry, worst first (`GPU 3: XID 79 (fallen
 * off the bus)`); `no exporter` when exporters answer for other nodes but not this one (its GPUs
 * show allocation only); `-` before any exporter answered. Plain text: it reads without colour.
 */
export const gpuNodeHealthColumn: Column<WithGpuHealth<NodeRow>> = {
	id: 'health',
	title: 'HEALTH',
	cell: row => (row.gpuHealth ? row.gpuHealth.short : row.gpuUnreported ? 'no exporter' : row.gpuTelemetryAt === undefined ? '-' : 'ok'),
	sortValue: row => (row.gpuHealth?.severity === 'error' ? 0 : row.gpuHealth?.severity === 'warn' ? 1 : 2),
};

/** `GPUs: 2 nodes unhealthy, 1 without exporter, 8s ago` — or nothing before any exporter answered. */
export function telemetrySummary(rows: readonly WithGpuHealth<NodeRow>[], now: number): string | undefined {
	const at = rows.find(row => row.gpuTelemetryAt !== undefined)?.gpuTelemetryAt;
	if (at === undefined) return undefined;
	const bad = rows.filter(row => row.gpuHealth !== undefined).length;
	const unreported = rows.filter(row => row.gpuUnreported).length;
	return `GPUs: ${bad === 0 ? 'healthy' : `${bad} ${bad === 1 ? 'node' : 'nodes'} unhealthy`}${unreported > 0 ? `, ${unreported} without exporter` : ''}, ${formatAge(at, now)} ago`;
}

const worseSeverity = (a: Severity, b: Severity): Severity => (a === 'error' || b === 'error' ? 'error' : a === 'warn' || b === 'warn' ? 'warn' : a);

/** '3 pods pending for 7 accelerators · longest waiting 12m' — or a plain all-clear. */
export function pendingSummaryText(rows: readonly GpuPendingRow[], now: number): string {
	if (rows.length === 0) return 'no pods pending for accelerators';
	let devices = 0;
	let oldest = Infinity;
	for (const row of rows) {
		devices += row.total;
		if (row.waitingSince !== undefined) oldest = Math.min(oldest, row.waitingSince);
	}
	const pods = `${rows.length} ${rows.length === 1 ? 'pod' : 'pods'}`;
	const wait = Number.isFinite(oldest) ? ` · longest waiting ${formatAge(oldest, now)}` : '';
	return `${pods} pending for ${devices} ${devices === 1 ? 'accelerator' : 'accelerators'}${wait}`;
}

/** The default GPU panes (no extra accelerator names); the App registry adds these. */
export const gpuPanes: readonly PaneSpec[] = createGpuPanes().panes;
