// Discovery kept fresh for one session: read from the cache at once (so ':' knows the kinds on
// the first keystroke), asked again when the cache is older than its TTL, every TTL after that
// in the background, and on demand (an unknown ':' word may be a CRD created a moment ago).
// Concurrent asks share one request.
import {cachedDiscovery, discoveryCacheDir, discoveryCacheFile, readDiscoveryCache, DISCOVERY_TTL_MS, type Discovery} from './discovery.js';
import type {DiscoveredResource} from './discovery-documents.js';
import {genericName, type GenericResource} from './resources.js';
import type {Transport} from './transport.js';

export interface DiscoverySource {
	context: string;
	server: string;
	/** The cache directory (default ${XDG_CACHE_HOME}/kubedeck/discovery). */
	cacheDir: string;
	ttlMs: number;
	now: () => number;
}

export class DiscoveryKeeper {
	private current: Discovery | undefined;
	private byKey = new Map<GenericResource, DiscoveredResource>();
	private pending: Promise<void> | undefined;
	private pendingForced = false;
	private timer: NodeJS.Timeout | undefined;
	private stopped = false;
	private readonly file: string;
	private readonly ttlMs: number;
	private readonly now: () => number;

	constructor(
		private readonly transport: Transport,
		source: Partial<DiscoverySource> & Pick<DiscoverySource, 'context' | 'server'>,
		private readonly onChange: () => void,
	) {
		this.file = discoveryCacheFile(source.cacheDir ?? discoveryCacheDir(), source.context, source.server);
		this.ttlMs = source.ttlMs ?? DISCOVERY_TTL_MS;
		this.now = source.now ?? Date.now;
	}

	/** Reads the cache, asks the server when it is stale, and keeps asking every TTL. */
	start(): void {
		const cached = readDiscoveryCache(this.file);
		if (cached) this.take(cached);
		void this.ask(false);
		this.timer = setInterval(() => void this.ask(true), this.ttlMs);
		// A refresh timer must not keep a finished process alive.
		this.timer.unref();
	}

	stop(): void {
		this.stopped = true;
		if (this.timer) clearInterval(this.timer);
	}

	resources(): readonly DiscoveredResource[] {
		return this.current?.resources ?? [];
	}

	byName(name: GenericResource): DiscoveredResource | undefined {
		return this.byKey.get(name);
	}

	/** Asks the server now, whatever the cache's age. */
	refresh(): Promise<void> {
		return this.ask(true);
	}

	/** Resolves once the first answer (cache or server) is in; for tests and `-c` of a discovered kind. */
	async ready(): Promise<void> {
		if (this.current) return;
		await (this.pending ?? this.ask(false));
	}

	private ask(force: boolean): Promise<void> {
		if (this.stopped) return Promise.resolve();
		// A forced ask joins only a forced one: a cache read under way says nothing new.
		if (this.pending && (this.pendingForced || !force)) return this.pending;
		if (this.pending) return this.pending.then(() => this.ask(true));
		this.pendingForced = force;
		this.pending = cachedDiscovery(this.transport, this.file, {now: this.now, ttlMs: this.ttlMs, force})
			.then((discovery) => {
				if (!this.stopped) this.take(discovery);
			})
			.catch(() => {
				// Unreachable server: the built-in kinds work without discovery; the next ask tries again.
			})
			.finally(() => {
				this.pending = undefined;
			});
		return this.pending;
	}

	private take(discovery: Discovery): void {
		const same = this.current && JSON.stringify(this.current.resources) === JSON.stringify(discovery.resources);
		this.current = discovery;
		if (same) return;
		this.byKey = new Map(discovery.resources.map((resource) => [genericName(resource), resource]));
		this.onChange();
	}
}
