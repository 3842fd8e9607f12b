// A session: one cluster connection, lazily started watches, and stable stores for the views.
//
// Scoping: store(kind) follows the session namespace (undefined = all namespaces) and the
// kind's label selector; store(kind, {allNamespaces: true}) is always cluster-wide (GPU panes).
// Watches are shared by (kind, scope, selector): in all-namespaces mode the pods pane and the
// GPU/nodes join use one pods watch; in a single namespace they are two watches (the namespaced
// one is small, and keeping it separate means a namespace switch never disturbs the GPU view).
// store('nodes') is nodes joined with gpuAllocated from the all-namespaces pods store, so opening
// the nodes pane also starts the all-namespaces pods watch; the join updates live with pods.
import type {KubeConfig} from '@kubernetes/client-node';
import type {BaseRow, KubeObject} from '../model/types.js';
import type {PodRow} from '../model/pods.js';
import type {NodeRow} from '../model/nodes.js';
import type {RowStore} from '../store/rowStore.js';
import {NodesWithAllocation} from '../store/derived.js';
import {Listeners} from '../store/listeners.js';
import {SessionUsage} from './sessionUsage.js';
import type {GpuTelemetrySource} from '../store/gpuTelemetryStores.js';
import type {GpuTelemetryConfig} from '../config/settings-telemetry.js';
import {readEventsOf, readObject} from './objectReads.js';
import {createTransport, type Transport} from './transport.js';
import {isGeneric, namespacedFacts, pathFacts, resourceKinds, type GenericResource, type PathFacts, type ResourceKind, type RowFor} from './resources.js';
import {defaultTuning, type Watcher, type WatchStats, type WatchStatus, type WatchTuning} from './watch.js';
import type {StreamingListSupport} from './watchList.js';
import type {TableColumnDefinition} from '../model/table.js';
import {SessionWatches, type WatchScope} from './sessionWatches.js';
import {DiscoveryKeeper, type DiscoverySource} from './discoveryKeeper.js';
import type {DiscoveredResource} from './discovery-documents.js';

export type {ResourceKind, RowFor, GenericResource} from './resources.js';
export {isGeneric, genericName} from './resources.js';
export type {WatchStats, WatchStatus, WatchState, WatchTuning} from './watch.js';

export interface ClusterInfo {
	context: string;
	cluster: string;
	user: string;
	server: string;
	/** The context's default namespace, if it names one. */
	namespace?: string;
	serverVersion?: string;
}

export interface ScopeOptions {
	/** Ignore the session namespace and label selector: every object of the kind in the cluster. */
	allNamespaces?: boolean;
}

export interface Session {
	info: ClusterInfo;
	/** undefined = all namespaces */
	namespace: string | undefined;
	store<K extends ResourceKind>(kind: K, options?: ScopeOptions): RowStore<RowFor<K>>;
	/** Every pod in the cluster (for GPU panes), whatever the session namespace. */
	allPods(): RowStore<PodRow>;
	status(kind: ResourceKind, options?: ScopeOptions): WatchStatus;
	onStatus(listener: () => void): () => void;
	setNamespace(ns: string | undefined): void;
	/** Applies to the session-scoped store of that kind (not to allNamespaces stores). */
	setLabelSelector(kind: ResourceKind, selector: string | undefined): void;
	labelSelector(kind: ResourceKind): string | undefined;
	fetchObject(kind: ResourceKind, namespace: string | undefined, name: string): Promise<KubeObject>;
	fetchEvents(object: {kind: string; namespace?: string; name: string; uid: string}): Promise<KubeObject[]>;
	/** What the server serves, as discovery last said (empty until it has answered). */
	discovered(): readonly DiscoveredResource[];
	/** A discovered resource by its session name ('statefulsets.apps'). */
	discoveredResource(name: GenericResource): DiscoveredResource | undefined;
	/** Asks the server again now (an unknown ':' word); resolves when the answer is in. */
	rediscover(): Promise<void>;
	/** The server's Table columns for a generic resource (empty until its first list answers). */
	tableColumns(name: GenericResource): readonly TableColumnDefinition[];
	close(): Promise<void>;
	/**
	 * Every object of a discovered resource, cluster-wide, each projected by `project`: for a
	 * consumer that needs fields a Table does not print. One watch per `key`, kept for the session.
	 */
	watchProjected?<R extends BaseRow>(name: GenericResource, key: string, project: (object: KubeObject) => R): RowStore<R>;
	/** The CPU/MEM sample behind the pods or nodes pane, as a badge status (age, or why there is none); undefined before the pane opens. */
	metricsStatus?(resource: ResourceKind): WatchStatus | undefined;
	/** GPU telemetry (DCGM exporters or Prometheus): rows per GPU, use per pod, health, history; started by the first caller. */
	gpuTelemetry?(): GpuTelemetrySource;
	/** Why GPU telemetry is degraded (Prometheus not usable, exporters failing), as a badge for the pods pane; undefined while well. */
	gpuTelemetryStatus?(resource: ResourceKind): WatchStatus | undefined;
}

export interface SessionOptions {
	namespace?: string;
	allNamespaces?: boolean;
	/** Store notification frame in ms (default 33); settings.refreshFps sets it (see frameMsForFps). */
	frameMs?: number;
	/** Accelerator resource names beyond the built-in vendors (settings.extraAcceleratorResources), for the nodes ⋈ pods join. */
	extraAcceleratorResources?: readonly string[];
	/** GPU telemetry from the settings (gpu.*, prometheus.*): exporter selector and port, scrape pacing, a Prometheus to ask instead. */
	gpuTelemetry?: GpuTelemetryConfig;
	tuning?: Partial<WatchTuning>;
	/** How long openSession waits for /version before carrying on without it (default 1500 ms). */
	versionWaitMs?: number;
	/** Where discovery is cached and how often it is refreshed (default: the XDG cache, 10 min). */
	discovery?: Partial<DiscoverySource>;
}

const notStarted: WatchStatus = {state: 'connecting', since: 0};

class KubeSession implements Session {
	namespace: string | undefined;
	private readonly selectors = new Map<ResourceKind, string>();
	private readonly statusListeners = new Listeners();
	private nodesJoin: NodesWithAllocation | undefined;
	/** Session-scoped pods and nodes joined with metrics.k8s.io usage and GPU telemetry (sessionUsage.ts). */
	private readonly usage: SessionUsage;
	/** Which watch serves which store, shared and re-pointed as the scope changes (sessionWatches.ts). */
	private readonly watches: SessionWatches;
	private closed = false;
	discovery: DiscoveryKeeper | undefined;

	constructor(
		readonly info: ClusterInfo,
		private readonly transport: Transport,
		namespace: string | undefined,
		private readonly frameMs: number | undefined,
		tuning: Partial<WatchTuning> | undefined,
		private readonly extraAcceleratorResources: readonly string[] | undefined = undefined,
		gpuTelemetry: GpuTelemetryConfig = {},
	) {
		this.namespace = namespace;
		this.watches = new SessionWatches({
			transport,
			frameMs,
			tuning: {...defaultTuning, ...tuning},
			emitStatus: this.emitStatus,
			facts: (kind) => this.facts(kind),
			scopeOf: (kind, all) => this.scopeOf(kind, all),
		});
		this.usage = new SessionUsage(transport, frameMs, () => this.emitStatus(), gpuTelemetry);
	}

	/** Whether the server streams lists (WatchList); once it refuses, every watch of the session pages. */
	get streaming(): StreamingListSupport {
		return this.watches.streaming;
	}

	private emitStatus = (): void => {
		this.statusListeners.notify();
	};

	/** A new discovery answer redraws like a watch status change (':' words and titles follow it). */
	emitDiscovery(): void {
		this.statusListeners.notify();
	}

	private facts(kind: ResourceKind): PathFacts {
		return pathFacts(kind, (name) => this.discoveredResource(name));
	}

	private namespaced(kind: ResourceKind): boolean {
		return namespacedFacts(this.facts(kind));
	}

	private scopeOf(kind: ResourceKind, all: boolean): WatchScope {
		if (all) return {namespace: undefined, selector: undefined};
		return {namespace: this.namespaced(kind) ? this.namespace : undefined, selector: this.selectors.get(kind)};
	}

	store<K extends ResourceKind>(kind: K, options: ScopeOptions = {}): RowStore<RowFor<K>> {
		if (kind === 'nodes') {
			if (!this.nodesJoin) {
				const nodes = this.watches.handle('nodes', false) as unknown as RowStore<NodeRow>;
				this.nodesJoin = new NodesWithAllocation(nodes, this.allPods(), this.frameMs, {extraResources: this.extraAcceleratorResources});
			}
			return this.usage.joined('nodes', this.nodesJoin as unknown as RowStore<never>) as unknown as RowStore<RowFor<K>>;
		}
		const handle = this.watches.handle(kind, options.allNamespaces === true) as unknown as RowStore<RowFor<K>>;
		if (kind === 'pods' && options.allNamespaces !== true) return this.usage.joined('pods', handle as unknown as RowStore<never>) as unknown as RowStore<RowFor<K>>;
		return handle;
	}

	metricsStatus(resource: ResourceKind): WatchStatus | undefined {
		return this.usage.status(resource);
	}

	gpuTelemetry(): GpuTelemetrySource {
		return this.usage.gpu();
	}

	gpuTelemetryStatus(resource: ResourceKind): WatchStatus | undefined {
		return this.usage.gpuStatus(resource);
	}

	allPods(): RowStore<PodRow> {
		return this.watches.handle('pods', true) as unknown as RowStore<PodRow>;
	}

	status(kind: ResourceKind, options: ScopeOptions = {}): WatchStatus {
		return this.watcherOf(kind, options)?.status ?? notStarted;
	}

	watcherOf(kind: ResourceKind, options: ScopeOptions = {}): Watcher<never> | undefined {
		return this.watches.watcherOf(kind, options.allNamespaces === true);
	}

	onStatus(listener: () => void): () => void {
		return this.statusListeners.add(listener);
	}

	setNamespace(ns: string | undefined): void {
		const next = ns === '' ? undefined : ns;
		if (next === this.namespace) return;
		this.namespace = next;
		const open = this.watches.openKinds();
		this.watches.rescope([...new Set([...resourceKinds, ...open])].filter((kind) => (isGeneric(kind) ? this.discoveredResource(kind) !== undefined : true) && this.namespaced(kind)));
	}

	setLabelSelector(kind: ResourceKind, selector: string | undefined): void {
		const next = selector?.trim() || undefined;
		if (next === this.selectors.get(kind)) return;
		if (next === undefined) this.selectors.delete(kind);
		else this.selectors.set(kind, next);
		this.watches.rescope([kind]);
	}

	labelSelector(kind: ResourceKind): string | undefined {
		return this.selectors.get(kind);
	}

	fetchObject(kind: ResourceKind, namespace: string | undefined, name: string): Promise<KubeObject> {
		return readObject(this.transport, this.facts(kind), kind, this.namespaced(kind) ? (namespace ?? this.namespace) : undefined, name);
	}

	fetchEvents(object: {kind: string; namespace?: string; name: string; uid: string}): Promise<KubeObject[]> {
		return readEventsOf(this.transport, this.facts('events'), object);
	}

	watchProjected<R extends BaseRow>(name: GenericResource, key: string, project: (object: KubeObject) => R): RowStore<R> {
		return this.watches.watchProjected(name, key, project);
	}

	discovered(): readonly DiscoveredResource[] {
		return this.discovery?.resources() ?? [];
	}

	discoveredResource(name: GenericResource): DiscoveredResource | undefined {
		return this.discovery?.byName(name);
	}

	rediscover(): Promise<void> {
		return this.discovery?.refresh() ?? Promise.resolve();
	}

	tableColumns(name: GenericResource): readonly TableColumnDefinition[] {
		return this.watches.tableColumns(name);
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.discovery?.stop();
		const stopping = this.watches.close();
		this.nodesJoin?.close();
		this.usage.close();
		this.statusListeners.clear();
		await stopping;
		this.transport.close();
	}
}

/** The counters of the watch behind a store (lists, relists, stalls…), for benches and tests; undefined if none runs. */
export function watchStats(session: Session, kind: ResourceKind, options?: ScopeOptions): Readonly<WatchStats> | undefined {
	return session instanceof KubeSession ? session.watcherOf(kind, options)?.stats : undefined;
}

/** Why the session's lists are paged rather than streamed (WatchList); undefined while they stream. */
export function streamingListRefusal(session: Session): string | undefined {
	return session instanceof KubeSession ? session.streaming.refusal : undefined;
}

/** Reads the server's version; undefined if it does not answer in time (the header shows '?'). */
async function fetchVersion(transport: Transport, waitMs: number): Promise<string | undefined> {
	try {
		const version = await transport.request<{gitVersion?: string}>({path: '/version', timeoutMs: waitMs});
		return version.gitVersion;
	} catch {
		return undefined;
	}
}

export async function openSession(kubeConfig: KubeConfig, options: SessionOptions = {}): Promise<Session> {
	const contextName = kubeConfig.getCurrentContext();
	const context = kubeConfig.getContextObject(contextName);
	const cluster = kubeConfig.getCurrentCluster();
	const user = kubeConfig.getCurrentUser();
	const transport = createTransport(kubeConfig);
	const info: ClusterInfo = {
		context: contextName,
		cluster: cluster?.name ?? context?.cluster ?? '',
		user: user?.name ?? context?.user ?? '',
		server: transport.server,
		namespace: context?.namespace,
	};
	const namespace = options.allNamespaces ? undefined : (options.namespace ?? context?.namespace ?? 'default');
	const session = new KubeSession(info, transport, namespace, options.frameMs, options.tuning, options.extraAcceleratorResources, options.gpuTelemetry);
	// Discovery runs in the background: the first pane is a built-in one and needs none of it.
	session.discovery = new DiscoveryKeeper(transport, {context: contextName, server: transport.server, ...options.discovery}, () => session.emitDiscovery());
	session.discovery.start();
	info.serverVersion = await fetchVersion(transport, options.versionWaitMs ?? 1500);
	return session;
}
