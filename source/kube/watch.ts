// The watch engine: one supervised list+watch loop per (resource, scope, label selector),
// writing projected rows into a row store. Shaped like client-go's reflector:
// list (paged) → watch from the list's resourceVersion (bookmarks keep it fresh) →
// resume on a normal end → relist on 410 Gone → back off on network errors and 5xx.
import type {BaseRow, KubeObject} from '../model/types.js';
import type {MutableRowStore} from '../store/rowStore.js';
import {asKubeError, KubeError, statusError} from './kubeError.js';
import {backoffDelay, sleep} from './timing.js';
import type {Transport} from './transport.js';

export type WatchState = 'connecting' | 'listing' | 'live' | 'reconnecting' | 'forbidden' | 'error';

export interface WatchStatus {
	state: WatchState;
	message?: string;
	/** epoch ms of the last state change */
	since: number;
}

export interface WatchTuning {
	/** List page size (limit). */
	pageSize: number;
	/** Server-side watch timeout; each watch gets this ± 10% so many watches do not restart together. */
	timeoutSeconds: number;
	/** A watch silent for timeoutSeconds + this is presumed dead (half-open TCP) and restarted. */
	stallMarginMs: number;
	backoffInitialMs: number;
	backoffMaxMs: number;
	/** How long to wait before asking again after a 403 or another 4xx (RBAC may be fixed meanwhile). */
	deniedRetryMs: number;
}

export const defaultTuning: WatchTuning = {
	pageSize: 500,
	timeoutSeconds: 300,
	stallMarginMs: 30_000,
	backoffInitialMs: 500,
	backoffMaxMs: 30_000,
	deniedRetryMs: 60_000,
};

export interface WatchTarget<R extends BaseRow> {
	/** Collection path, e.g. /api/v1/namespaces/shop/pods. */
	path: string;
	labelSelector?: string;
	/** For messages: "pods in namespace payments". */
	describe: string;
	/** Resource and namespace for the RBAC message. */
	resource: string;
	namespace?: string;
	/** Cluster-scoped kinds (nodes, namespaces) get a different RBAC hint: no namespace helps. */
	clusterScoped?: boolean;
	project(object: KubeObject): R;
}

/** The longest pause a server's Retry-After can impose on a watch before it asks again. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Internal signal: the resourceVersion we hold is too old; only a relist helps. */
class Gone extends Error {}

interface ListPage {
	metadata?: {resourceVersion?: string; continue?: string};
	items?: KubeObject[];
}

interface WatchEvent {
	type?: string;
	object?: KubeObject & {code?: number; reason?: string; message?: string};
}

/** The message a person sees for a 403: what, where, and what to do. */
export function forbiddenMessage(resource: string, namespace: string | undefined, clusterScoped = false): string {
	if (clusterScoped) return `forbidden: cannot list ${resource} (cluster-scoped, RBAC) — needs a ClusterRole that allows list/watch on ${resource}`;
	return namespace === undefined
		? `forbidden: cannot list ${resource} in all namespaces (RBAC) — pick one namespace with :ns`
		: `forbidden: cannot list ${resource} in namespace ${namespace} (RBAC) — switch namespace with :ns`;
}

export class Watcher<R extends BaseRow> {
	private current: WatchStatus = {state: 'connecting', since: Date.now()};
	private readonly abort = new AbortController();
	private running: Promise<void> | undefined;
	private failures = 0;
	/** Counters for benches and tests. */
	readonly stats = {lists: 0, pages: 0, watches: 0, events: 0, relists: 0, stalls: 0, projectionErrors: 0};

	constructor(
		private readonly transport: Transport,
		private readonly target: WatchTarget<R>,
		readonly store: MutableRowStore<R>,
		private readonly tuning: WatchTuning,
		private readonly onStatus: () => void,
	) {}

	get status(): WatchStatus {
		return this.current;
	}

	start(): void {
		this.running ??= this.loop().catch(() => {
			// loop() handles its own errors; this only guards against a bug leaving a rejected promise.
		});
	}

	/** Stops the loop and any open request; resolves when nothing is left running. */
	async stop(): Promise<void> {
		this.abort.abort();
		await this.running;
	}

	private setStatus(state: WatchState, message?: string): void {
		if (this.current.state === state && this.current.message === message) return;
		this.current = {state, message, since: Date.now()};
		this.onStatus();
	}

	private async loop(): Promise<void> {
		const signal = this.abort.signal;
		let resourceVersion: string | undefined;
		let quickEnds = 0;
		let goneStreak = 0;
		let lastGone = 0;
		while (!signal.aborted) {
			try {
				if (resourceVersion === undefined) {
					if (this.current.state !== 'reconnecting') this.setStatus('listing');
					resourceVersion = await this.list(signal);
				}
				const started = Date.now();
				const eventsBefore = this.stats.events;
				resourceVersion = await this.watch(resourceVersion, signal);
				// A watch that ends at once with nothing in it (a proxy cutting streams, say) must
				// not become a tight request loop: pause as after a failure, keeping the state.
				if (Date.now() - started < 1000 && this.stats.events === eventsBefore) {
					quickEnds++;
					await sleep(backoffDelay(quickEnds, this.tuning.backoffInitialMs, this.tuning.backoffMaxMs), signal);
				} else quickEnds = 0;
			} catch (error) {
				if (signal.aborted || (error instanceof KubeError && error.aborted)) break;
				// 410 as an HTTP status (not only as an ERROR event) means the same: relist.
				if (error instanceof Gone || (error instanceof KubeError && error.status === 410)) {
					resourceVersion = undefined;
					this.stats.relists++;
					// Relists are the most expensive request there is; a server answering 410 to every
					// fresh watch must not get one relist after another without a pause.
					const now = Date.now();
					goneStreak = now - lastGone < 5000 ? goneStreak + 1 : 0;
					lastGone = now;
					if (goneStreak > 0) await sleep(backoffDelay(goneStreak, this.tuning.backoffInitialMs, this.tuning.backoffMaxMs), signal);
					continue;
				}
				await this.failed(error, signal);
			}
		}
	}

	private async failed(error: unknown, signal: AbortSignal): Promise<void> {
		const api = asKubeError(error);
		if (api.status === 403) {
			this.setStatus('forbidden', forbiddenMessage(this.target.resource, this.target.namespace, this.target.clusterScoped));
			await sleep(this.tuning.deniedRetryMs, signal);
			return;
		}
		if (api.status === 401) {
			// Credentials belong to the connection, not to this resource: the error says it all.
			this.setStatus('error', api.message);
			await sleep(this.tuning.deniedRetryMs, signal);
			return;
		}
		if (api.status >= 400 && api.status < 500 && api.status !== 429 && api.status !== 408) {
			// 400 (a label selector the server rejects), 401, 404: retrying fast will not help.
			this.setStatus('error', `${this.target.describe}: ${api.message}`);
			await sleep(this.tuning.deniedRetryMs, signal);
			return;
		}
		this.failures++;
		// A server that says how long to wait (429, 503 with Retry-After) is taken at its word, within reason.
		const asked = Math.min(api.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
		const delay = Math.max(asked, backoffDelay(this.failures, this.tuning.backoffInitialMs, this.tuning.backoffMaxMs));
		this.setStatus('reconnecting', `${this.target.describe}: ${api.message} — retrying in ${(delay / 1000).toFixed(1)}s`);
		await sleep(delay, signal);
	}

	private query(extra: Record<string, string>): Record<string, string | undefined> {
		return {...extra, labelSelector: this.target.labelSelector};
	}

	private project(object: KubeObject): R | undefined {
		try {
			return this.target.project(object);
		} catch {
			// One malformed object must not take the whole pane down; it is counted, not shown.
			this.stats.projectionErrors++;
			return undefined;
		}
	}

	/**
	 * Lists in pages. Into an empty store rows are shown page by page (first screen fast);
	 * into a store that already has rows (a relist) the pages are gathered and swapped in at
	 * once, so no stale or duplicate row is ever visible.
	 */
	private async list(signal: AbortSignal): Promise<string> {
		this.stats.lists++;
		const incremental = this.store.size === 0;
		const gathered: R[] = [];
		let continueToken: string | undefined;
		let listVersion: string | undefined;
		do {
			const params: Record<string, string> = {limit: String(this.tuning.pageSize)};
			if (continueToken) params.continue = continueToken;
			let page: ListPage;
			try {
				page = await this.transport.request<ListPage>({path: this.target.path, query: this.query(params), signal, timeoutMs: 60_000});
			} catch (error) {
				// An expired continue token: start the list again from the top.
				if (error instanceof KubeError && error.status === 410) throw new Gone();
				throw error;
			}
			this.stats.pages++;
			listVersion ??= page.metadata?.resourceVersion;
			for (const object of page.items ?? []) {
				const row = this.project(object);
				if (!row) continue;
				if (incremental) this.store.upsert(row);
				else gathered.push(row);
			}
			continueToken = page.metadata?.continue || undefined;
		} while (continueToken);
		if (!incremental) this.store.replace(gathered);
		if (!listVersion) throw new KubeError(0, 'BadResponse', 'the list carried no resourceVersion');
		return listVersion;
	}

	/** Watches from `resourceVersion`; returns the last version seen when the stream ends normally. */
	private async watch(resourceVersion: string, signal: AbortSignal): Promise<string> {
		const jitter = 0.9 + Math.random() * 0.2;
		const timeoutSeconds = Math.max(1, Math.round(this.tuning.timeoutSeconds * jitter));
		const request = new AbortController();
		const forward = () => request.abort();
		signal.addEventListener('abort', forward, {once: true});
		let stalled = false;
		// Armed now, pushed back by every line: refresh() restarts the same timer, so a burst of
		// thousands of events does not create and clear a timer each.
		const stallTimer = setTimeout(() => {
			stalled = true;
			this.stats.stalls++;
			request.abort();
		}, timeoutSeconds * 1000 + this.tuning.stallMarginMs);
		stallTimer.unref();
		let version = resourceVersion;
		try {
			await this.transport.stream({
				path: this.target.path,
				query: this.query({watch: '1', resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds: String(timeoutSeconds)}),
				signal: request.signal,
				timeoutMs: 30_000,
				onOpen: () => {
					this.stats.watches++;
					this.failures = 0;
					this.setStatus('live');
				},
				onLine: (line) => {
					stallTimer.refresh();
					version = this.apply(line, version);
				},
			});
			return version;
		} catch (error) {
			if (stalled && !signal.aborted) return version;
			throw error;
		} finally {
			clearTimeout(stallTimer);
			signal.removeEventListener('abort', forward);
		}
	}

	private apply(line: string, version: string): string {
		let event: WatchEvent;
		try {
			event = JSON.parse(line) as WatchEvent;
		} catch {
			throw new KubeError(0, 'BadResponse', 'the watch stream sent a line that is not JSON');
		}
		const object = event.object;
		if (!object) return version;
		this.stats.events++;
		switch (event.type) {
			case 'ADDED':
			case 'MODIFIED': {
				const row = this.project(object);
				if (row) this.store.upsert(row);
				break;
			}
			case 'DELETED':
				if (object.metadata?.uid) this.store.remove(object.metadata.uid);
				break;
			case 'BOOKMARK':
				break;
			case 'ERROR': {
				if (object.code === 410) throw new Gone();
				throw statusError(object.code ?? 500, object.reason || 'InternalError', object.message ?? 'the watch reported an error');
			}
			default:
				return version;
		}
		return object.metadata?.resourceVersion ?? version;
	}
}
