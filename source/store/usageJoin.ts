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

/** The join itself, pure: each row with its usage (or marked unavailable). */
export function joinUsage<R extends BaseRow & UsageFields>(rows: readonly R[], table: UsageTable, keyOf: (row: R) => string): R[] {
	return rows.map((row) => withUsage(row, table.byKey.get(keyOf(row)), table.unavailable !== undefined));
}

function withUsage<R extends BaseRow & UsageFields>(row: R, usage: Usage | undefined, unavailable: boolean): R {
	const joined: R = {...row};
	if (usage) joined.usage = usage;
	else delete joined.usage;
	if (unavailable && !usage) joined.usageUnavailable = true;
	else delete joined.usageUnavailable;
	return joined;
}

export class RowsWithUsage<R extends BaseRow & UsageFields> implements RowStore<R> {
	private readonly notifier: FrameNotifier;
	private readonly detach: Array<() => void>;
	private cached: Snapshot<R> | undefined;
	private seen = {rows: -1, usage: -1};
	private previous = new Map<string, {source: R; usage: Usage | undefined; unavailable: boolean; joined: R}>();

	constructor(
		private readonly rows: RowStore<R>,
		private readonly usage: UsageSource,
		private readonly keyOf: (row: R) => string,
		frameMs = defaultFrameMs,
	) {
		this.notifier = new FrameNotifier(frameMs);
		this.detach = [rows.subscribe(() => this.notifier.changed()), usage.subscribe(() => this.notifier.changed())];
	}

	subscribe(listener: () => void): () => void {
		return this.notifier.subscribe(listener);
	}

	snapshot(): Snapshot<R> {
		const rows = this.rows.snapshot();
		const table = this.usage.snapshot();
		if (this.cached && this.seen.rows === rows.version && this.seen.usage === table.version) return this.cached;
		const unavailable = table.unavailable !== undefined;
		const next = new Map<string, {source: R; usage: Usage | undefined; unavailable: boolean; joined: R}>();
		const out: R[] = [];
		for (const row of rows.rows) {
			const usage = table.byKey.get(this.keyOf(row));
			const before = this.previous.get(row.uid);
			const same = before && before.source === row && sameUsage(before.usage, usage) && before.unavailable === unavailable;
			const joined = same ? before.joined : withUsage(row, usage, unavailable);
			next.set(row.uid, {source: row, usage, unavailable, joined});
			out.push(joined);
		}
		this.previous = next;
		this.seen = {rows: rows.version, usage: table.version};
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
