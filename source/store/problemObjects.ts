// The statefulsets, jobs and PVCs behind :problems, as one store: a watch per kind is attached
// when discovery lists the kind (the first :problems may open before discovery has answered,
// and a server may not serve a kind at all), and the rows of every attached watch are read as
// one list. Attaching is idempotent: call attach() on every discovery change.
import type {ProblemObjectKind, ProblemObjectRow} from '../model/problems-objects.js';
import {FrameNotifier, defaultFrameMs, nextVersion, snapshotOf, type RowStore, type Snapshot} from './rowStore.js';

export interface ProblemObjectSource {
	/** Whether discovery lists the resource now. */
	served(resource: ProblemObjectKind['resource']): boolean;
	/** The watch of that resource's objects, projected for :problems. */
	open(kind: ProblemObjectKind): RowStore<ProblemObjectRow>;
}

export class ProblemObjectStores implements RowStore<ProblemObjectRow> {
	private readonly attached = new Map<string, {store: RowStore<ProblemObjectRow>; off: () => void}>();
	private readonly notifier: FrameNotifier;
	private cached: Snapshot<ProblemObjectRow> | undefined;
	private seen: number[] = [];
	private attaching = false;
	/** attach() was called again while attaching: one more pass. */
	private again = false;

	constructor(
		private readonly kinds: readonly ProblemObjectKind[],
		private readonly source: ProblemObjectSource,
		frameMs: number = defaultFrameMs,
	) {
		this.notifier = new FrameNotifier(frameMs);
		this.attach();
	}

	/**
	 * Opens the watch of every kind discovery now lists and that is not attached yet. Opening a
	 * watch announces its status at once, and the session's status listeners call attach() again
	 * from inside open(): such a call only asks the running one for another pass, which then finds
	 * the kind attached (re-entering opened the same kind again and again, until the stack overflowed).
	 */
	attach(): void {
		if (this.attaching) {
			this.again = true;
			return;
		}
		this.attaching = true;
		try {
			do {
				this.again = false;
				for (const kind of this.kinds) {
					if (this.attached.has(kind.resource) || !this.source.served(kind.resource)) continue;
					const store = this.source.open(kind);
					this.attached.set(kind.resource, {store, off: store.subscribe(() => this.notifier.changed())});
					this.notifier.changed();
				}
			} while (this.again);
		} finally {
			this.attaching = false;
		}
	}

	/** The resources attached so far, in the order of `kinds`. */
	resources(): string[] {
		return [...this.attached.keys()];
	}

	subscribe(listener: () => void): () => void {
		return this.notifier.subscribe(listener);
	}

	snapshot(): Snapshot<ProblemObjectRow> {
		const snaps = [...this.attached.values()].map((entry) => entry.store.snapshot());
		const versions = snaps.map((s) => s.version);
		if (this.cached && versions.length === this.seen.length && versions.every((v, i) => v === this.seen[i])) return this.cached;
		this.seen = versions;
		this.cached = snapshotOf(snaps.flatMap((s) => s.rows), nextVersion());
		return this.cached;
	}

	close(): void {
		for (const entry of this.attached.values()) entry.off();
		this.attached.clear();
		this.notifier.cancel();
	}
}
