// The session's watch wiring: which watch serves which store, shared by (kind, scope, selector)
// and counted by its users, re-pointed when the scope changes, and stopped with the last user.
// The session (session.ts) decides the scope; this file only starts, shares and stops watches.
import type {BaseRow, KubeObject} from '../model/types.js';
import type {TableColumnDefinition, TableRow} from '../model/table.js';
import {createRowStore, type RowStore} from '../store/rowStore.js';
import {StoreHandle} from '../store/derived.js';
import type {Transport} from './transport.js';
import {collectionPath, isGeneric, namespacedFacts, resourceOf, scopeText, type GenericResource, type PathFacts, type ResourceKind, type RowFor} from './resources.js';
import {Watcher, type WatchTuning} from './watch.js';
import {createTableWatcher} from './tableWatch.js';
import {projectedWatch} from './projectedWatch.js';
import {StreamingListSupport} from './watchList.js';

interface Slot {
	watcher: Watcher<never>;
	users: number;
}

export type AnyHandle = StoreHandle<RowFor<ResourceKind>>;

/** Where a store of a kind looks: its namespace (undefined = all) and label selector. */
export interface WatchScope {
	namespace: string | undefined;
	selector: string | undefined;
}

export interface WatchWiring {
	transport: Transport;
	frameMs: number | undefined;
	tuning: WatchTuning;
	/** A watch's status changed (the header redraws). */
	emitStatus: () => void;
	/** How the kind's paths are built (built-in, or as discovery said). */
	facts: (kind: ResourceKind) => PathFacts;
	/** The session's scope for a kind; `all` = cluster-wide, whatever the session says. */
	scopeOf: (kind: ResourceKind, all: boolean) => WatchScope;
}

export class SessionWatches {
	private readonly watchers = new Map<string, Slot>();
	/** key: `${kind}|session` or `${kind}|all` → the handle and the watcher key it uses. */
	private readonly handles = new Map<string, {handle: AnyHandle; watcherKey: string}>();
	private readonly columns = new Map<GenericResource, readonly TableColumnDefinition[]>();
	/** watchProjected's watches, by the caller's key. */
	private readonly projected = new Map<string, Watcher<never>>();
	/** Whether the server streams lists (WatchList); once it refuses, every watch of the session pages. */
	readonly streaming: StreamingListSupport;
	private closed = false;

	constructor(private readonly wiring: WatchWiring) {
		this.streaming = new StreamingListSupport(wiring.tuning.streamingLists !== false, 'turned off in the watch tuning');
	}

	private watcherKey(kind: ResourceKind, namespace: string | undefined, selector: string | undefined): string {
		return `${kind}|${namespace ?? '*'}|${selector ?? ''}`;
	}

	/** Takes a reference on the watcher for (kind, scope, selector), starting it if needed. */
	/**
	 * The shared watch for a scope, counted as one more user. A new watch is returned NOT started:
	 * starting announces its status at once, and the session's status listeners may ask for the
	 * same store again from inside that call (:problems attaches watches on every status change).
	 * So the caller records what it built first, then calls start() (see `started`).
	 */
	private acquire(kind: ResourceKind, namespace: string | undefined, selector: string | undefined): {key: string; watcher: Watcher<never>} {
		const key = this.watcherKey(kind, namespace, selector);
		let slot = this.watchers.get(key);
		if (!slot) {
			slot = {watcher: this.createWatcher(kind, namespace, selector), users: 0};
			this.watchers.set(key, slot);
		}
		slot.users++;
		return {key, watcher: slot.watcher};
	}

	/** Starts a watch once it is recorded (starting twice is a no-op); a closed session starts none. */
	private started(watcher: Watcher<never>): void {
		if (!this.closed) watcher.start();
	}

	private createWatcher(kind: ResourceKind, namespace: string | undefined, selector: string | undefined): Watcher<never> {
		const {transport, frameMs, tuning, emitStatus} = this.wiring;
		const facts = this.wiring.facts(kind);
		const namespaced = namespacedFacts(facts);
		if (isGeneric(kind)) {
			const store = createRowStore<TableRow>({frameMs});
			const target = {
				path: collectionPath(facts, namespace),
				labelSelector: selector,
				describe: scopeText(kind, facts, namespace),
				resource: facts.plural,
				namespace: namespaced ? namespace : undefined,
				clusterScoped: !namespaced,
			};
			const watcher = createTableWatcher(transport, target, store, tuning, emitStatus, (columns) => {
				this.columns.set(kind, columns);
			});
			return watcher as unknown as Watcher<never>;
		}
		{
			const model = resourceOf(kind).model;
			const store = createRowStore<RowFor<ResourceKind>>({frameMs});
			const watcher = new Watcher(
				transport,
				{
					path: collectionPath(facts, namespace),
					// A kind read from another resource (Helm releases: Secrets labelled owner=helm) always sends its own selector.
					labelSelector: [resourceOf(kind).source?.labelSelector, selector].filter(Boolean).join(',') || undefined,
					describe: scopeText(kind, facts, namespace),
					resource: kind,
					namespace: namespaced ? namespace : undefined,
					clusterScoped: !namespaced,
					project: (object) => model.project(object) as RowFor<ResourceKind>,
				},
				store,
				tuning,
				emitStatus,
				this.streaming,
			);
			return watcher as unknown as Watcher<never>;
		}
	}

	private release(key: string): void {
		const slot = this.watchers.get(key);
		if (!slot) return;
		slot.users--;
		if (slot.users <= 0) {
			this.watchers.delete(key);
			void slot.watcher.stop();
		}
	}

	/** The stable store handle for a kind, session-scoped or cluster-wide; its watch starts on first use. */
	handle(kind: ResourceKind, all: boolean): AnyHandle {
		const handleKey = `${kind}|${all ? 'all' : 'session'}`;
		const existing = this.handles.get(handleKey);
		if (existing) return existing.handle;
		const scope = this.wiring.scopeOf(kind, all);
		const {key, watcher} = this.acquire(kind, scope.namespace, scope.selector);
		const handle = new StoreHandle(watcher.store as unknown as RowStore<RowFor<ResourceKind>>, this.wiring.frameMs);
		this.handles.set(handleKey, {handle, watcherKey: key});
		this.started(watcher);
		return handle;
	}

	/** The kinds that have a store open, in either scope. */
	openKinds(): ResourceKind[] {
		return [...this.handles.keys()].map((key) => key.slice(0, key.lastIndexOf('|')) as ResourceKind);
	}

	/** Re-points every session-scoped handle whose scope changed; old watches stop, new ones start empty. */
	rescope(kinds: ResourceKind[]): void {
		for (const kind of kinds) {
			const entry = this.handles.get(`${kind}|session`);
			if (!entry) continue;
			const scope = this.wiring.scopeOf(kind, false);
			const key = this.watcherKey(kind, scope.namespace, scope.selector);
			if (key === entry.watcherKey) continue;
			const {watcher} = this.acquire(kind, scope.namespace, scope.selector);
			entry.handle.point(watcher.store as unknown as RowStore<RowFor<ResourceKind>>);
			this.release(entry.watcherKey);
			entry.watcherKey = key;
			this.started(watcher);
		}
		this.wiring.emitStatus();
	}

	/** The watch behind a store, if it runs; nodes have no cluster-wide variant. */
	watcherOf(kind: ResourceKind, allNamespaces: boolean): Watcher<never> | undefined {
		const all = allNamespaces && kind !== 'nodes';
		const entry = this.handles.get(`${kind}|${all ? 'all' : 'session'}`);
		return entry ? this.watchers.get(entry.watcherKey)?.watcher : undefined;
	}

	watchProjected<R extends BaseRow>(name: GenericResource, key: string, project: (object: KubeObject) => R): RowStore<R> {
		let watcher = this.projected.get(`${name}|${key}`);
		if (!watcher) {
			const {transport, frameMs, tuning, emitStatus} = this.wiring;
			const options = {frameMs, tuning, onStatus: emitStatus, streaming: this.streaming};
			watcher = projectedWatch(transport, name, this.wiring.facts(name), project, options) as unknown as Watcher<never>;
			// Recorded before it starts: see acquire().
			this.projected.set(`${name}|${key}`, watcher);
			this.started(watcher);
		}
		return watcher.store as unknown as RowStore<R>;
	}

	tableColumns(name: GenericResource): readonly TableColumnDefinition[] {
		return this.columns.get(name) ?? [];
	}

	/** Stops every watch and closes the handles; resolves when the watches have stopped. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		const stopping = [...this.watchers.values()].map((slot) => slot.watcher.stop()).concat([...this.projected.values()].map((watcher) => watcher.stop()));
		this.watchers.clear();
		for (const {handle} of this.handles.values()) handle.close();
		await Promise.all(stopping);
	}
}
