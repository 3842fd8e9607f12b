// In-memory stand-ins for the data layer, shaped exactly like the contracts (Session,
// RowStore), so view tests exercise the App as the CLI wires it, without a cluster.
import type {BaseRow, Column, KubeObject} from '../../source/model/types.js';
import type {ClusterInfo, GenericResource, ResourceKind, RowFor, ScopeOptions, Session, WatchStatus} from '../../source/kube/session.js';
import type {DiscoveredResource} from '../../source/kube/discovery-documents.js';
import type {TableColumnDefinition} from '../../source/model/table.js';
import type {PodRow} from '../../source/model/pods.js';
import {createRowStore, type MutableRowStore, type RowStore} from '../../source/store/rowStore.js';
import {buildKeymap, loadKeymap, type Keymap} from '../../source/config/keymap.js';
import {paneRegistry, type PaneRegistry, type PaneSpec} from '../../source/ui/panes/panes.js';
import {kindPane} from '../../source/ui/panes/corePanes.js';
import {isNamespaced, kindOf, type AnyKind} from '../../source/kinds/index.js';

export const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

export interface TestRow extends BaseRow {
	status: string;
	node?: string;
	/** For deployment-like rows: what Enter drills into. */
	selector?: string;
}

export function row(name: string, extra: Partial<TestRow> = {}): TestRow {
	return {
		uid: `uid-${extra.namespace ?? 'default'}-${name}`,
		name,
		namespace: 'default',
		createdAt: NOW - 60_000,
		severity: 'ok',
		status: 'Running',
		...extra,
	};
}

export const testColumns: Column<TestRow>[] = [
	{id: 'namespace', title: 'NAMESPACE', allNamespaces: true, cell: (r) => r.namespace ?? ''},
	{id: 'name', title: 'NAME', cell: (r) => r.name},
	{id: 'status', title: 'STATUS', cell: (r) => r.status},
	{id: 'node', title: 'NODE', cell: (r) => r.node ?? '<none>'},
	{id: 'age', title: 'AGE', align: 'right', cell: (r, now) => `${Math.round((now - (r.createdAt ?? now)) / 1000)}s`, sortValue: (r, now) => now - (r.createdAt ?? now)},
	{id: 'labels', title: 'LABELS', wide: true, cell: (r) => Object.entries(r.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',')},
];

/**
 * Panes over TestRow so App tests do not depend on the real row models' columns; everything
 * else (ids, contexts, Enter) is the kinds registry's, as the App gets it.
 */
export const testPanes: PaneRegistry = paneRegistry(
	(['pods', 'deployments', 'nodes', 'namespaces'] as const).map((name) => {
		const kind = kindOf(name) as AnyKind;
		return kindPane(kind, {columns: (isNamespaced(kind) ? testColumns : testColumns.filter((c) => c.id !== 'namespace')) as PaneSpec['columns']});
	}),
);

/** Only 'k=v' terms, which is all the tests send; the real filtering is the API server's. */
function matchesSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
	if (!selector) return true;
	return selector.split(',').every((term) => {
		const [k, v] = term.split('=');
		return k !== undefined && labels?.[k] === v;
	});
}

/**
 * A Session whose "server" is an in-memory list of rows per kind. Stores show what a real
 * watch would: rows in the session namespace matching the kind's label selector.
 */
export class FakeSession implements Session {
	info: ClusterInfo = {context: 'test-ctx', cluster: 'test-cluster', user: 'tester', server: 'http://127.0.0.1:1', serverVersion: 'v1.31.0'};
	namespace: string | undefined;
	readonly calls = {
		setNamespace: [] as Array<string | undefined>,
		setLabelSelector: [] as Array<[ResourceKind, string | undefined]>,
		fetchObject: [] as Array<[ResourceKind, string | undefined, string]>,
	};
	readonly objects = new Map<string, KubeObject>();
	private readonly server = new Map<ResourceKind, BaseRow[]>();
	private readonly selectors = new Map<ResourceKind, string | undefined>();
	private readonly stores = new Map<string, MutableRowStore<BaseRow>>();
	private readonly statuses = new Map<ResourceKind, WatchStatus>();
	private readonly statusListeners = new Set<() => void>();

	constructor(namespace: string | undefined = 'default') {
		this.namespace = namespace;
	}

	setRows(kind: ResourceKind, rows: BaseRow[]): void {
		this.server.set(kind, rows);
		this.refresh();
	}

	/** What discovery answers, and the Table columns of each generic resource (tests set them). */
	discovery: DiscoveredResource[] = [];
	readonly columns = new Map<GenericResource, TableColumnDefinition[]>();
	rediscoveries = 0;
	/** What the next rediscover() adds (a CRD created while kubedeck runs). */
	onRediscover: DiscoveredResource[] = [];

	discovered(): readonly DiscoveredResource[] {
		return this.discovery;
	}

	discoveredResource(name: GenericResource): DiscoveredResource | undefined {
		return this.discovery.find((r) => `${r.plural}.${r.group}` === name);
	}

	async rediscover(): Promise<void> {
		this.rediscoveries++;
		this.discovery = [...this.discovery, ...this.onRediscover];
		this.onRediscover = [];
	}

	tableColumns(name: GenericResource): readonly TableColumnDefinition[] {
		return this.columns.get(name) ?? [];
	}

	setStatus(kind: ResourceKind, status: WatchStatus): void {
		this.statuses.set(kind, status);
		for (const listener of this.statusListeners) listener();
	}

	private key(kind: ResourceKind, options?: ScopeOptions): string {
		return options?.allNamespaces ? `${kind}@all` : kind;
	}

	private refresh(): void {
		for (const [key, store] of this.stores) {
			const [kind, scope] = key.split('@') as [ResourceKind, string | undefined];
			const all = scope === 'all';
			const rows = (this.server.get(kind) ?? []).filter(
				(r) =>
					(all || this.namespace === undefined || r.namespace === undefined || r.namespace === this.namespace) &&
					(all || matchesSelector(r.labels, this.selectors.get(kind))),
			);
			store.replace(rows);
		}
	}

	store<K extends ResourceKind>(kind: K, options?: ScopeOptions): RowStore<RowFor<K>> {
		const key = this.key(kind, options);
		let store = this.stores.get(key);
		if (!store) {
			store = createRowStore<BaseRow>({frameMs: 1});
			this.stores.set(key, store);
			this.refresh();
		}
		return store as unknown as RowStore<RowFor<K>>;
	}

	allPods(): RowStore<PodRow> {
		return this.store('pods', {allNamespaces: true});
	}

	status(kind: ResourceKind): WatchStatus {
		return this.statuses.get(kind) ?? {state: 'live', since: NOW};
	}

	onStatus(listener: () => void): () => void {
		this.statusListeners.add(listener);
		return () => this.statusListeners.delete(listener);
	}

	setNamespace(ns: string | undefined): void {
		this.calls.setNamespace.push(ns);
		this.namespace = ns;
		this.refresh();
	}

	setLabelSelector(kind: ResourceKind, selector: string | undefined): void {
		this.calls.setLabelSelector.push([kind, selector]);
		this.selectors.set(kind, selector);
		this.refresh();
	}

	labelSelector(kind: ResourceKind): string | undefined {
		return this.selectors.get(kind);
	}

	async fetchObject(kind: ResourceKind, namespace: string | undefined, name: string): Promise<KubeObject> {
		this.calls.fetchObject.push([kind, namespace, name]);
		const object = this.objects.get(`${kind}/${namespace ?? ''}/${name}`);
		if (!object) throw new Error(`${kind} "${name}" not found`);
		return object;
	}

	async fetchEvents(): Promise<KubeObject[]> {
		return [];
	}

	async close(): Promise<void> {}
}

/** The shipped key map, so tests also prove the defaults dispatch what the help says. */
export function defaultKeymap(): Keymap {
	return loadKeymap({});
}

export function keymapFrom(text: string): Keymap {
	return buildKeymap([{file: 'test-keymap.yaml', text}]);
}

/** Polls a condition until it holds or the deadline passes (then throws with `what`). */
export async function until(condition: () => boolean, what: () => string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
		await new Promise<void>((resolve) => setTimeout(resolve, 5));
	}
}

/**
 * What the App reports after each committed frame (its `probe` prop): the controller version
 * that frame shows and the controller's latest. A key is handled once both have moved past it.
 */
export function renderProbe() {
	let rendered = -1;
	let latest = () => -1;
	return {
		rendered(version: number, current: () => number) {
			rendered = version;
			latest = current;
		},
		/** True when every message so far is on screen. */
		caughtUp: () => rendered >= 0 && rendered >= latest(),
		latest: () => latest(),
	};
}

export type RenderProbe = ReturnType<typeof renderProbe>;

/**
 * A rendered app with frame() (the last frame, '' before the first), settle() (the first
 * frame is drawn), press(...keys) (each key written, reduced and drawn before the next) and
 * frameMatching(pattern) (for answers that arrive later). No fixed pauses anywhere.
 */
export function driven<I extends {lastFrame(): string | undefined; stdin: {write(data: string): unknown}}>(
	instance: I,
	probe: RenderProbe,
): I & {
	frame(): string;
	settle(): Promise<void>;
	press(...sequence: string[]): Promise<void>;
	/** Runs `change` (log lines arriving, say) and waits until the controller repainted for it. */
	repaintAfter(change: () => void): Promise<void>;
	until(condition: () => boolean): Promise<void>;
	frameMatching(pattern: RegExp, timeoutMs?: number): Promise<string>;
} {
	const frame = () => instance.lastFrame() ?? '';
	const settle = () => until(() => probe.caughtUp(), () => 'the first frame');
	const press = async (...sequence: string[]) => {
		for (const key of sequence) {
			const before = probe.latest();
			instance.stdin.write(key);
			// Ink holds a lone ESC briefly to tell it from an escape sequence; the wait covers that too.
			await until(() => probe.latest() > before && probe.caughtUp(), () => `key ${JSON.stringify(key)} to be handled and drawn; frame:\n${frame()}`);
		}
	};
	const repaintAfter = async (change: () => void) => {
		const before = probe.latest();
		change();
		await until(() => probe.latest() > before && probe.caughtUp(), () => `a repaint; frame:\n${frame()}`);
	};
	const waitFor = (condition: () => boolean) => until(condition, () => `a condition; frame:\n${frame()}`);
	const frameMatching = async (pattern: RegExp, timeoutMs = 10_000) => {
		await until(() => pattern.test(frame()), () => `${pattern}; frame:\n${frame()}`, timeoutMs);
		return frame();
	};
	return {...instance, frame, settle, press, repaintAfter, until: waitFor, frameMatching};
}

/** Key escape sequences as a terminal sends them. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	enter: '\r',
	esc: '\u001B',
	tab: '\t',
	backspace: '\u007F',
	pgdn: '\u001B[6~',
	pgup: '\u001B[5~',
	ctrl: (c: string) => String.fromCharCode(c.toLowerCase().charCodeAt(0) - 96),
};
