// What the store keeps per object, and the bounded event history watches resume from.
import type {KubeObject} from '../../model/types.js';
import type {ResourceKey, WatchEventType} from '../contracts.js';

/**
 * An object as stored: its JSON text is the source of truth. The parsed form (for selectors,
 * table printing, field reads) is cached only weakly: a request that reads many records can
 * reuse it, but 50,000 parsed pods are not kept alive next to their JSON once a full table
 * listing has read them all. Never handed out — `object` must not be mutated.
 */
export class StoredRecord {
	private parsed: WeakRef<KubeObject> | undefined;
	/** metadata.labels, kept apart so label selectors need no parse. */
	readonly labels: Readonly<Record<string, string>> | undefined;
	constructor(
		readonly json: string,
		readonly resourceVersion: number,
		readonly namespace: string | undefined,
		labels: Record<string, string> | undefined,
		parsed?: KubeObject,
	) {
		this.labels = labels ? {...labels} : undefined;
		if (parsed) this.parsed = new WeakRef(parsed);
	}

	get object(): KubeObject {
		let object = this.parsed?.deref();
		if (!object) {
			object = JSON.parse(this.json) as KubeObject;
			this.parsed = new WeakRef(object);
		}
		return object;
	}
}

export interface HistoryEntry {
	readonly type: WatchEventType;
	readonly resource: ResourceKey;
	readonly record: StoredRecord;
	/** For MODIFIED: the record it replaced (watch selectors need to know whether it used to match). */
	readonly previous?: StoredRecord;
}

/** A ring buffer of the most recent events, ordered by resourceVersion. */
export class EventHistory {
	private readonly entries: HistoryEntry[] = [];
	private start = 0; // index of the oldest entry once full
	private readonly size: number;

	constructor(size: number) {
		this.size = Math.max(1, size);
	}

	push(entry: HistoryEntry): void {
		if (this.entries.length < this.size) this.entries.push(entry);
		else {
			this.entries[this.start] = entry;
			this.start = (this.start + 1) % this.size;
		}
	}

	/** Forgets every event (a server that comes back with a new store). */
	clear(): void {
		this.entries.length = 0;
		this.start = 0;
	}

	/** Resuming from this resourceVersion (or later) misses nothing. */
	get oldestResumableVersion(): number {
		if (this.entries.length < this.size) return 1;
		return this.entries[this.start]!.record.resourceVersion - 1;
	}

	since(rv: number): HistoryEntry[] | undefined {
		if (rv < this.oldestResumableVersion) return undefined;
		const n = this.entries.length;
		const result: HistoryEntry[] = [];
		// Walk back from the newest until we pass rv.
		for (let i = n - 1; i >= 0; i--) {
			const entry = this.entries[(this.start + i) % n]!;
			if (entry.record.resourceVersion <= rv) break;
			result.push(entry);
		}
		return result.reverse();
	}
}
