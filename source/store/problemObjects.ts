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

	constructor(
		private readonly kinds: readonly ProblemObjectKind[],
		private readonly source: ProblemObjectSource,
		frameMs: number = defaultFrameMs,
	) {
		this.notifier = new FrameNotifier(frameMs);
		this.attach();
	}

	/** Opens the watch of every kind discovery now lists and that is not attached yet. */
	attach(): void {
		for (const kind of this.kinds) {
			if (this.attached.has(kind.resource) || !this.source.served(kind.resource)) continue;
			const store = this.source.open(kind);
			this.attached.set(kind.resource, {store, off: store.subscribe(() => this.notifier.changed())});
			this.notifier.changed();
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
