// Rows joined with the metrics poller's usage and the pods' GPU use: a store over other stores.
// The join is incremental both ways: when pods change, only the rows whose object changed (a new
// object for a uid, an added pod) are joined; when a sample changes, only the rows whose sample
// changed are. A row whose source object and samples did not change keeps its joined object, so
// the table's memoised rows stay memoised.
// The join runs off the render path: when a source announces a change (the rows once a frame from
// their store, samples coalesced into a frame here), before this store's listeners hear of it, so
// the pane's snapshot() in render only reads. Nobody listening, nothing is joined until someone reads.
import type {BaseRow} from '../model/types.js';
import type {Usage, UsageTable} from '../model/metrics.js';
import type {UsageFields} from '../model/metrics-columns.js';
import {FrameNotifier, defaultFrameMs, nextVersion, snapshotOf, type RowStore, type Snapshot} from './rowStore.js';
import {Listeners} from './listeners.js';

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
type GpuByPod = ReadonlyMap<string, NonNullable<GpuUse>>;

/** The join itself, pure: each row with its usage (or marked unavailable). */
export function joinUsage<R extends BaseRow & UsageFields>(rows: readonly R[], table: UsageTable, keyOf: (row: R) => string, gpu?: GpuByPod): R[] {
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

/** One row of the last output: what it was joined from, and where it sits. Mutable, owned by the store. */
interface Entry<R> {
	source: R;
	key: string;
	usage: Usage | undefined;
	gpuUse: GpuUse;
	joined: R;
	/** Its position in the last output. */
	at: number;
	/** The pass that last placed it: an entry a pass did not place has left the rows. */
	pass: number;
}

export class RowsWithUsage<R extends BaseRow & UsageFields> implements RowStore<R> {
	private readonly notifier: FrameNotifier;
	private readonly listeners = new Listeners();
	private readonly detach: Array<() => void>;
	private cached: Snapshot<R> | undefined;
	/**
	 * The cached join follows every change announced while someone listened: snapshot() then only
	 * reads (a change not yet announced reaches the screen with its notification, a frame at most).
	 */
	private current = false;
	/** Inside refresh(): a source announcing a change from a listener waits for the next frame. */
	private refreshing = false;
	private seen = {rows: -1, usage: -1, gpu: -1};
	private entries: Array<Entry<R>> = [];
	/** Entry by source row object: a pod whose row object did not change is not joined again. */
	private bySource = new WeakMap<R, Entry<R>>();
	private pass = 0;
	private lastTable: UsageTable | undefined;
	private lastGpu: GpuByPod | undefined;

	constructor(
		private readonly rows: RowStore<R>,
		private readonly usage: UsageSource,
		private readonly keyOf: (row: R) => string,
		frameMs = defaultFrameMs,
		private readonly gpu?: GpuUseSource,
	) {
		// Row changes are already coalesced into frames by the source store: they are joined and
		// passed on at once (a second frame here would add a frame of latency to every pods
		// update); only usage and GPU samples are coalesced here.
		this.notifier = new FrameNotifier(frameMs);
		this.notifier.subscribe(() => this.refresh());
		this.detach = [rows.subscribe(() => this.refresh()), usage.subscribe(() => this.notifier.changed())];
		if (gpu) this.detach.push(gpu.subscribe(() => this.notifier.changed()));
	}

	subscribe(listener: () => void): () => void {
		const off = this.listeners.add(listener);
		return () => {
			off();
			// Changes are no longer joined as they come: the next reader joins.
			if (this.listeners.size === 0) this.current = false;
		};
	}

	/** A source changed: join now, then tell the listeners, whose snapshot() is then a cached read. */
	private refresh(): void {
		if (this.listeners.size === 0) {
			this.current = false;
			return;
		}
		if (this.refreshing) {
			// A listener changed a source and it told us at once: join and tell again next frame,
			// never from inside this round (that recursion has no end while listeners keep reacting).
			this.notifier.changed();
			return;
		}
		this.refreshing = true;
		try {
			this.current = false;
			try {
				this.join();
				this.current = true;
			} catch {
				// Not current: the listeners' own snapshot() meets the failure where it can be seen.
			}
			this.listeners.notify();
		} finally {
			this.refreshing = false;
		}
	}

	snapshot(): Snapshot<R> {
		if (this.current && this.cached) return this.cached;
		const joined = this.join();
		// Read while listened to but before the first change (a pane's first frame): from now on
		// every change is joined in refresh().
		if (this.listeners.size > 0) this.current = true;
		return joined;
	}

	/** The rows joined with the samples as the sources hold them now, from the last join's entries. */
	private join(): Snapshot<R> {
		const rows = this.rows.snapshot();
		const table = this.usage.snapshot();
		const gpu = this.gpu?.snapshot();
		const gpuVersion = gpu?.version ?? -1;
		if (this.cached && this.seen.rows === rows.version && this.seen.usage === table.version && this.seen.gpu === gpuVersion) return this.cached;
		const unavailable = table.unavailable !== undefined;
		let out: R[];
		if (!this.cached || !this.lastTable || (this.lastTable.unavailable !== undefined) !== unavailable) {
			// First read, or the metrics API came or went: every row's marking changes.
			this.entries = [];
			this.bySource = new WeakMap();
			out = this.follow(rows.rows, table, gpu?.byPod, unavailable);
		} else {
			out = this.seen.rows === rows.version ? (this.cached.rows as R[]).slice() : this.follow(rows.rows, table, gpu?.byPod, unavailable);
			// Rows kept from the last output still carry the last samples: re-join those whose sample changed.
			this.patch(out, table, gpu?.byPod, unavailable);
		}
		this.lastTable = table;
		this.lastGpu = gpu?.byPod;
		this.seen = {rows: rows.version, usage: table.version, gpu: gpuVersion};
		this.cached = snapshotOf(out, nextVersion());
		return this.cached;
	}

	/**
	 * The output for new rows: a row object seen before keeps its entry; new objects (changed or
	 * added pods) are joined; entries no row claimed are dropped. The usual case — the same objects
	 * in the same order, give or take a few — costs one comparison per row: a removal shifts the
	 * positions, and the shift is learnt from the next row found by object.
	 */
	private follow(rows: readonly R[], table: UsageTable, gpu: GpuByPod | undefined, unavailable: boolean): R[] {
		const pass = ++this.pass;
		const before = this.entries;
		const next: Array<Entry<R>> = new Array(rows.length);
		const out: R[] = new Array(rows.length);
		let shift = 0;
		for (let i = 0; i < rows.length; i++) {
			const row = rows[i]!;
			let entry = before[i + shift];
			if (entry === undefined || entry.source !== row || entry.pass === pass) {
				const known = this.bySource.get(row);
				if (known !== undefined && known.pass === pass - 1) {
					entry = known;
					shift = known.at - i;
				} else entry = this.added(row, table, gpu, unavailable);
			}
			entry.pass = pass;
			entry.at = i;
			next[i] = entry;
			out[i] = entry.joined;
		}
		for (const entry of before) if (entry.pass !== pass) this.forget(entry);
		this.entries = next;
		return out;
	}

	private added(source: R, table: UsageTable, gpu: GpuByPod | undefined, unavailable: boolean): Entry<R> {
		const key = this.keyOf(source);
		const usage = table.byKey.get(key);
		const gpuUse = gpu?.get(key);
		const entry: Entry<R> = {source, key, usage, gpuUse, joined: withUsage(source, usage, unavailable, gpuUse), at: -1, pass: -1};
		this.bySource.set(source, entry);
		return entry;
	}

	private forget(entry: Entry<R>): void {
		if (this.bySource.get(entry.source) === entry) this.bySource.delete(entry.source);
	}

	/**
	 * Re-joins, in `out`, the rows whose usage or GPU use differs from what they were joined with.
	 * Each row looks up its own key: a metrics poll brings a new sample for nearly every pod, so
	 * diffing the two samples' maps first (and indexing rows by key to find the changed ones) cost
	 * twice as much as asking every row once.
	 */
	private patch(out: R[], table: UsageTable, gpu: GpuByPod | undefined, unavailable: boolean): void {
		if (table.byKey === this.lastTable?.byKey && gpu === this.lastGpu) return;
		for (const entry of this.entries) {
			const usage = table.byKey.get(entry.key);
			const gpuUse = gpu?.get(entry.key);
			// Rows just added were joined with these samples already.
			if (sameUsage(entry.usage, usage) && sameGpu(entry.gpuUse, gpuUse)) continue;
			entry.usage = usage;
			entry.gpuUse = gpuUse;
			entry.joined = withUsage(entry.source, usage, unavailable, gpuUse);
			out[entry.at] = entry.joined;
		}
	}

	close(): void {
		for (const off of this.detach) off();
		this.notifier.cancel();
		this.listeners.clear();
		this.current = false;
	}
}

const sameUsage = (a: Usage | undefined, b: Usage | undefined): boolean =>
	a === b || (a !== undefined && b !== undefined && a.cpuMilli === b.cpuMilli && a.memoryBytes === b.memoryBytes && a.timestamp === b.timestamp);

const sameGpu = (a: GpuUse, b: GpuUse): boolean =>
	a === b || (a !== undefined && b !== undefined && a.util === b.util && a.fbUsedMiB === b.fbUsedMiB && a.devices === b.devices);
