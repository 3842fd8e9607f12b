// Stores built from other stores: a handle whose source can be swapped (a namespace switch
// keeps the view's store object stable), and the nodes ⋈ pods join for GPU allocation.
import type {BaseRow} from '../model/types.js';
import type {PodRow} from '../model/pods.js';
import type {NodeRow} from '../model/nodes.js';
import {acceleratorHoldersByNode, allocationOf, type GpuOptions} from '../model/gpu.js';
import {FrameNotifier, defaultFrameMs, nextVersion, snapshotOf, type RowStore, type Snapshot} from './rowStore.js';
import {Listeners} from './listeners.js';

/** A stable RowStore that delegates to a replaceable source. */
export class StoreHandle<R extends BaseRow> implements RowStore<R> {
	private readonly notifier: FrameNotifier;
	private readonly listeners = new Listeners();
	private detach: () => void;

	constructor(
		private source: RowStore<R>,
		frameMs = defaultFrameMs,
	) {
		// Only a re-point is announced through this notifier; the source's own notifications are
		// already one per frame and are passed straight on (no second frame of latency).
		this.notifier = new FrameNotifier(frameMs);
		this.notifier.subscribe(() => this.forward());
		this.detach = source.subscribe(() => this.forward());
	}

	private forward(): void {
		this.listeners.notify();
	}

	snapshot(): Snapshot<R> {
		return this.source.snapshot();
	}

	subscribe(listener: () => void): () => void {
		return this.listeners.add(listener);
	}

	/** Points at another store (e.g. the new namespace's); listeners hear about it once. */
	point(source: RowStore<R>): void {
		if (source === this.source) return;
		this.detach();
		this.source = source;
		this.detach = source.subscribe(() => this.forward());
		this.notifier.changed();
	}

	close(): void {
		this.detach();
		this.notifier.cancel();
		this.listeners.clear();
	}
}

export interface NodeAllocation {
	/** Accelerator requests of the holder pods, per resource name. */
	allocated: Record<string, number>;
	/** Pods holding at least one accelerator on this node. */
	pods: number;
}

/**
 * Accelerators held per node name, with the holder count. The rule for "holds" and for which
 * resources are accelerators is the GPU model's (one copy: gpu.ts), including the names the
 * user added in settings.extraAcceleratorResources. Pure.
 */
export function allocationByNode(pods: readonly PodRow[], options?: GpuOptions): Map<string, NodeAllocation> {
	const byNode = new Map<string, NodeAllocation>();
	for (const [node, holders] of acceleratorHoldersByNode(pods, options)) byNode.set(node, allocationOf(node, holders, options));
	return byNode;
}

/** Sum of accelerator requests of resource-holding pods, per node name. Pure. */
export function acceleratorsByNode(pods: readonly PodRow[], options?: GpuOptions): Map<string, Record<string, number>> {
	const byNode = new Map<string, Record<string, number>>();
	for (const [node, entry] of allocationByNode(pods, options)) byNode.set(node, entry.allocated);
	return byNode;
}

function sameAllocation(joined: NodeRow, b: NodeAllocation): boolean {
	const a = joined.gpuAllocated;
	if (!a || joined.gpuPods !== b.pods) return false;
	const allocated = b.allocated;
	const keys = Object.keys(allocated);
	if (keys.length !== Object.keys(a).length) return false;
	return keys.every((k) => a[k] === allocated[k]);
}

/**
 * Node rows with gpuAllocated and gpuPods filled from the pods store. Recomputed lazily, at most once per
 * change of either source; a node whose row and allocation did not change keeps its object,
 * so the table's memoised rows stay memoised.
 */
export class NodesWithAllocation implements RowStore<NodeRow> {
	private readonly notifier: FrameNotifier;
	private readonly detach: Array<() => void>;
	private cached: Snapshot<NodeRow> | undefined;
	private seen = {nodes: -1, pods: -1};
	private previous = new Map<string, {source: NodeRow; joined: NodeRow}>();

	constructor(
		private readonly nodes: RowStore<NodeRow>,
		private readonly pods: RowStore<PodRow>,
		frameMs = defaultFrameMs,
		private readonly options: GpuOptions = {},
	) {
		this.notifier = new FrameNotifier(frameMs);
		this.detach = [nodes.subscribe(() => this.notifier.changed()), pods.subscribe(() => this.notifier.changed())];
	}

	subscribe(listener: () => void): () => void {
		return this.notifier.subscribe(listener);
	}

	snapshot(): Snapshot<NodeRow> {
		const nodes = this.nodes.snapshot();
		const pods = this.pods.snapshot();
		if (this.cached && this.seen.nodes === nodes.version && this.seen.pods === pods.version) return this.cached;
		const allocation = allocationByNode(pods.rows, this.options);
		const next = new Map<string, {source: NodeRow; joined: NodeRow}>();
		const rows: NodeRow[] = [];
		for (const node of nodes.rows) {
			const allocated = allocation.get(node.name) ?? {allocated: {}, pods: 0};
			const before = this.previous.get(node.uid);
			const joined =
				before && before.source === node && sameAllocation(before.joined, allocated)
					? before.joined
					: {...node, gpuAllocated: allocated.allocated, gpuPods: allocated.pods};
			next.set(node.uid, {source: node, joined});
			rows.push(joined);
		}
		this.previous = next;
		this.seen = {nodes: nodes.version, pods: pods.version};
		this.cached = snapshotOf(rows, nextVersion());
		return this.cached;
	}

	close(): void {
		for (const off of this.detach) off();
		this.notifier.cancel();
	}
}
