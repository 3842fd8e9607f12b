// Rows joined with the metrics poller's usage: a store over another store, recomputed lazily at
// most once per change of either side. A row whose source object and usage did not change keeps
// its joined object, so the table's memoised rows stay memoised between samples.
import type {BaseRow} from '../model/types.js';
import type {Usage, UsageTable} from '../model/metrics.js';
import type {UsageFields} from '../model/metrics-columns.js';
import {FrameNotifier, defaultFrameMs, nextVersion, snapshotOf, type RowStore, type Snapshot} from './rowStore.js';

/** Where usage comes from: a snapshot with a version, and change notifications. */
export interface UsageSource {
	snapshot(): UsageTable & {version: number};
	subscribe(listener: () => void): () => void;
}

/** Where GPU telemetry per pod comes from (the GPU telemetry poller), by `namespace/name`. */
export interface GpuUseSource {
	snapshot(): {version: number; byPod: ReadonlyMap<string, NonNullable<UsageFields['gpuUse']>>};
	subscribe(listener: () => void): () => void;
}

type GpuUse = UsageFields['gpuUse'];

/** The join itself, pure: each row with its usage (or marked unavailable). */
export function joinUsage<R extends BaseRow & UsageFields>(rows: readonly R[], table: UsageTable, keyOf: (row: R) => string, gpu?: ReadonlyMap<string, NonNullable<GpuUse>>): R[] {
	return rows.map((row) => withUsage(row, table.byKey.get(keyOf(row)), table.unavailable !== undefined, gpu?.get(keyOf(row))));
}

function withUsage<R extends BaseRow & UsageFields>(row: R, usage: Usage | undefined, unavailable: boolean, gpuUse: GpuUse): R {
	const joined: R = {...row};
	if (usage) joined.usage = usage;
	else delete joined.usage;
	if (unavailable && !usage) joined.usageUnavailable = true;
	else delete joined.usageUnavailable;
	if (gpuUse) joined.gpuUse = gpuUse;
	else delete joined.gpuUse;
	return joined;
}

export class RowsWithUsage<R extends BaseRow & UsageFields> implements RowStore<R> {
	private readonly notifier: FrameNotifier;
	private readonly detach: Array<() => void>;
	private cached: Snapshot<R> | undefined;
	private seen = {rows: -1, usage: -1, gpu: -1};
	private previous = new Map<string, {source: R; usage: Usage | undefined; unavailable: boolean; gpuUse: GpuUse; joined: R}>();

	constructor(
		private readonly rows: RowStore<R>,
		private readonly usage: UsageSource,
		private readonly keyOf: (row: R) => string,
		frameMs = defaultFrameMs,
		private readonly gpu?: GpuUseSource,
	) {
		this.notifier = new FrameNotifier(frameMs);
		// Row changes are already coalesced into frames by the source store: they pass straight
		// through (a second frame here would add a frame of latency to every pods update); only
		// usage and GPU samples are coalesced here.
		this.detach = [usage.subscribe(() => this.notifier.changed())];
		if (gpu) this.detach.push(gpu.subscribe(() => this.notifier.changed()));
	}

	subscribe(listener: () => void): () => void {
		const offSamples = this.notifier.subscribe(listener);
		const offRows = this.rows.subscribe(listener);
		return () => {
			offSamples();
			offRows();
		};
	}

	snapshot(): Snapshot<R> {
		const rows = this.rows.snapshot();
		const table = this.usage.snapshot();
		const gpu = this.gpu?.snapshot();
		const gpuVersion = gpu?.version ?? -1;
		if (this.cached && this.seen.rows === rows.version && this.seen.usage === table.version && this.seen.gpu === gpuVersion) return this.cached;
		const unavailable = table.unavailable !== undefined;
		const next = new Map<string, {source: R; usage: Usage | undefined; unavailable: boolean; gpuUse: GpuUse; joined: R}>();
		const out: R[] = [];
		for (const row of rows.rows) {
			const key = this.keyOf(row);
			const usage = table.byKey.get(key);
			const gpuUse = gpu?.byPod.get(key);
			const before = this.previous.get(row.uid);
			const same = before && before.source === row && sameUsage(before.usage, usage) && before.unavailable === unavailable && sameGpu(before.gpuUse, gpuUse);
			const joined = same ? before.joined : withUsage(row, usage, unavailable, gpuUse);
			next.set(row.uid, {source: row, usage, unavailable, gpuUse, joined});
			out.push(joined);
		}
		this.previous = next;
		this.seen = {rows: rows.version, usage: table.version, gpu: gpuVersion};
		this.cached = snapshotOf(out, nextVersion());
		return this.cached;
	}

	close(): void {
		for (const off of this.detach) off();
		this.notifier.cancel();
	}
}

const sameUsage = (a: Usage | undefined, b: Usage | undefined): boolean =>
	a === b || (a !== undefined && b !== undefined && a.cpuMilli === b.cpuMilli && a.memoryBytes === b.memoryBytes && a.timestamp === b.timestamp);

const sameGpu = (a: GpuUse, b: GpuUse): boolean =>
	a === b || (a !== undefined && b !== undefined && a.util === b.util && a.fbUsedMiB === b.fbUsedMiB && a.devices === b.devices);
