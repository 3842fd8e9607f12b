// Row stores: slim rows keyed by uid, with change notifications coalesced per frame.
// A watch can deliver thousands of events in a burst; the screen only needs to hear
// about them once per frame, so listeners are called at most once per `frameMs`.
import type {BaseRow} from '../model/types.js';
import {FRAME_MS} from '../kube/timing.js';
import {Listeners} from './listeners.js';

export interface Snapshot<R extends BaseRow> {
	rows: readonly R[];
	byUid: ReadonlyMap<string, R>;
	/** Unique across every store in the process, so a view keyed on it never confuses two stores. */
	version: number;
}

export interface RowStore<R extends BaseRow> {
	snapshot(): Snapshot<R>;
	/** At most one call per frame (~33ms) however many events; returns unsubscribe. */
	subscribe(listener: () => void): () => void;
}

/** The writing side, held by the watch engine only. */
export interface MutableRowStore<R extends BaseRow> extends RowStore<R> {
	upsert(row: R): void;
	remove(uid: string): void;
	/** Replaces the whole contents at once (a relist): no stale or duplicate rows survive. */
	replace(rows: Iterable<R>): void;
	clear(): void;
	readonly size: number;
}

export interface StoreOptions {
	/** Notification coalescing window in ms (default 33, about 30 frames a second). */
	frameMs?: number;
}

export const defaultFrameMs = FRAME_MS;

let versionCounter = 0;
/** Versions come from one process-wide counter: strictly increasing, never reused. */
export function nextVersion(): number {
	versionCounter += 1;
	return versionCounter;
}

/**
 * Coalesces bursts of `changed()` calls into one listener round per frame.
 * Shared by row stores and the derived (joined) stores.
 */
export class FrameNotifier {
	private readonly listeners = new Listeners();
	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly frameMs: number = defaultFrameMs) {}

	subscribe(listener: () => void): () => void {
		return this.listeners.add(listener);
	}

	changed(): void {
		if (this.timer !== undefined || this.listeners.size === 0) return;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.listeners.notify();
		}, this.frameMs);
		// A pending repaint is never a reason to keep the process alive.
		this.timer.unref();
	}

	/** Drops a pending notification (on close). */
	cancel(): void {
		if (this.timer !== undefined) clearTimeout(this.timer);
		this.timer = undefined;
	}
}

/**
 * A snapshot over rows that no one will change. Its uid index is built from the rows on first
 * use: the views only walk rows, and copying a 50,000-entry map every frame costs ~10 ms where
 * copying the rows array costs ~0.5 ms.
 */
export function snapshotOf<R extends BaseRow>(rows: readonly R[], version: number): Snapshot<R> {
	let index: Map<string, R> | undefined;
	return {
		rows,
		version,
		get byUid(): ReadonlyMap<string, R> {
			index ??= new Map(rows.map((row) => [row.uid, row]));
			return index;
		},
	};
}

export function createRowStore<R extends BaseRow>(options: StoreOptions = {}): MutableRowStore<R> {
	const byUid = new Map<string, R>();
	const notifier = new FrameNotifier(options.frameMs ?? defaultFrameMs);
	let version = nextVersion();
	let cached: Snapshot<R> | undefined;

	const touch = (): void => {
		version = nextVersion();
		cached = undefined;
		notifier.changed();
	};

	return {
		get size() {
			return byUid.size;
		},
		snapshot() {
			// The rows are copied so a snapshot handed to a view never changes under it.
			cached ??= snapshotOf(Array.from(byUid.values()), version);
			return cached;
		},
		subscribe(listener) {
			return notifier.subscribe(listener);
		},
		upsert(row) {
			const previous = byUid.get(row.uid);
			if (previous === row) return;
			byUid.set(row.uid, row);
			touch();
		},
		remove(uid) {
			if (byUid.delete(uid)) touch();
		},
		replace(rows) {
			byUid.clear();
			for (const row of rows) byUid.set(row.uid, row);
			touch();
		},
		clear() {
			if (byUid.size === 0) return;
			byUid.clear();
			touch();
		},
	};
}
