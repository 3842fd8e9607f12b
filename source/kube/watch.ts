// The watch engine: one supervised list+watch loop per (resource, scope, label selector),
// writing projected rows into a row store. Shaped like client-go's reflector — list (paged),
// then watch from the list's resourceVersion, resume after a watch's timed end — plus what the
// reflector lacks: every other end of a stream (an error, a cut connection, a stall, a
// resourceVersion that went backwards) is followed by a relist that replaces the rows at once,
// because after a fault the history we would resume from may belong to another server.
import type {BaseRow, KubeObject} from '../model/types.js';
import type {MutableRowStore} from '../store/rowStore.js';
import {asKubeError, KubeError} from './kubeError.js';
import {Gone} from './watchEvents.js';
import {HistoryWentBack, type ListPage, WatchRows} from './watchRows.js';
import {failurePause} from './watchFailure.js';
import {backoffDelay, sleep} from './timing.js';
import type {Transport} from './transport.js';
import {InitialEvents, refusesStreamingList, streamingListQuery, StreamingListSupport} from './watchList.js';
import {stallAfterMs, watchTimeoutSeconds, type WatchState, type WatchStats, type WatchStatus, type WatchTuning} from './watchStatus.js';

export {defaultTuning, forbiddenMessage} from './watchStatus.js';
export type {WatchState, WatchStats, WatchStatus, WatchTuning} from './watchStatus.js';

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


/** Internal signal: the server does not serve streaming lists (it refused, or ended before the end bookmark). */
class NoStreamingList extends Error {}

/** How a watch ended when it did not fail. */
type WatchEnd = {kind: 'timeout'; version: string} | {kind: 'stalled'; lastSign: number} | {kind: 'renewed'; version: string | undefined};



export class Watcher<R extends BaseRow> {
	private current: WatchStatus = {state: 'connecting', since: Date.now()};
	private readonly abort = new AbortController();
	private running: Promise<void> | undefined;
	private failures = 0;
	/** Epoch ms the rows last matched the server (see WatchStatus.dataAt). */
	private dataAt: number | undefined;
	/** Counters for benches and tests. */
	readonly stats: WatchStats = {lists: 0, pages: 0, streamingLists: 0, watches: 0, events: 0, relists: 0, stalls: 0, regressions: 0, projectionErrors: 0};
	/** Applies what the server sends to the rows. */
	private readonly rows: WatchRows<R>;

	constructor(
		private readonly transport: Transport,
		private readonly target: WatchTarget<R>,
		readonly store: MutableRowStore<R>,
		private readonly tuning: WatchTuning,
		private readonly onStatus: () => void,
		/** Shared by a session's watches: one refusal sends them all to paged lists. */
		private readonly streaming: StreamingListSupport = new StreamingListSupport(),
	) {
		this.rows = new WatchRows(store, (object) => target.project(object), this.stats);
	}

	get status(): WatchStatus {
		// dataAt moves with every bookmark: read when drawn, never announced (no repaint per bookmark).
		if (this.current.dataAt !== this.dataAt) this.current = {...this.current, dataAt: this.dataAt};
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

	private setStatus(state: WatchState, extra: {message?: string; since?: number; retryAt?: number} = {}): void {
		const {message, retryAt} = extra;
		if (this.current.state === state && this.current.message === message && this.current.retryAt === retryAt) return;
		this.current = {state, since: extra.since ?? Date.now(), dataAt: this.dataAt, ...(message !== undefined ? {message} : {}), ...(retryAt !== undefined ? {retryAt} : {})};
		this.onStatus();
	}

	/**
	 * The server spoke: the rows are as fresh as this moment. Only a stream's own line or timed
	 * end ends a stall; a relist in between refreshes the rows but proves nothing about streams.
	 */
	private fresh(fromStream: boolean): void {
		this.dataAt = Date.now();
		if (fromStream && this.current.state === 'stalled') this.setStatus('live');
	}

	private async loop(): Promise<void> {
		const signal = this.abort.signal;
		let resourceVersion: string | undefined;
		let quickEnds = 0;
		let goneStreak = 0;
		let lastGone = 0;
		// After a stall the relist is paged: a streamed one would come down the same silent path.
		let pageNext = false;
		while (!signal.aborted) {
			try {
				// Without a version, the list is either paged or streamed on the watch itself (WatchList).
				if (resourceVersion === undefined && (pageNext || !this.streaming.enabled)) {
					pageNext = false;
					resourceVersion = await this.list(signal);
				}
				const started = Date.now();
				const eventsBefore = this.stats.events;
				const end = await this.watch(resourceVersion, signal);
				if (end.kind === 'stalled') {
					this.stats.stalls++;
					this.stats.relists++;
					resourceVersion = undefined;
					pageNext = true;
					// A stall that repeats keeps its first moment: that is when the rows stopped following.
					const since = this.current.state === 'stalled' ? this.current.since : end.lastSign;
					const seconds = Math.round((Date.now() - since) / 1000);
					this.setStatus('stalled', {since, message: `${this.target.describe}: no event or bookmark for ${seconds}s — watching again after a relist`});
					continue;
				}
				resourceVersion = end.version;
				// Cut by us to carry re-read credentials: resume at once from where it was.
				if (end.kind === 'renewed') continue;
				// A watch that ends at once with nothing in it (a proxy cutting streams, say) must
				// not become a tight request loop: pause as after a failure, keeping the state.
				if (Date.now() - started < 1000 && this.stats.events === eventsBefore) {
					quickEnds++;
					await sleep(backoffDelay(quickEnds, this.tuning.backoffInitialMs, this.tuning.backoffMaxMs), signal);
				} else quickEnds = 0;
			} catch (error) {
				if (signal.aborted || (error instanceof KubeError && error.aborted)) break;
				if (error instanceof NoStreamingList) {
					this.streaming.refuse(error.message);
					resourceVersion = undefined;
					continue;
				}
				// Whatever broke the stream, the history it came from may be gone or another
				// server's: the next round starts from a fresh list, never from the old version.
				resourceVersion = undefined;
				this.stats.relists++;
				if (error instanceof HistoryWentBack) {
					this.stats.regressions++;
					continue;
				}
				// 410 as an HTTP status (not only as an ERROR event) means the same: relist.
				if (error instanceof Gone || (error instanceof KubeError && error.status === 410)) {
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

	/**
	 * Waits before the next attempt. A wait for credentials or permissions (401, 403) ends early
	 * when the credentials are read again elsewhere: a login fixed meanwhile is used at once.
	 */
	private async wait(state: WatchState, message: string, ms: number, signal: AbortSignal, untilRenewed = false): Promise<void> {
		this.setStatus(state, {message, retryAt: Date.now() + ms});
		const renewals = untilRenewed ? this.transport.onCredentialsRenewed : undefined;
		if (!renewals) return sleep(ms, signal);
		const renewed = new AbortController();
		const off = renewals(() => renewed.abort());
		try {
			await sleep(ms, AbortSignal.any([signal, renewed.signal]));
		} finally {
			off();
		}
	}

	private async failed(error: unknown, signal: AbortSignal): Promise<void> {
		const pause = failurePause(asKubeError(error), this.failures, this.tuning, this.target);
		if (pause.counts) this.failures++;
		await this.wait(pause.state, pause.message, pause.ms, signal, pause.untilRenewed);
	}

	private query(extra: Record<string, string>): Record<string, string | undefined> {
		return {...extra, labelSelector: this.target.labelSelector};
	}

	/** A list (paged or streamed) begins: counted, and said in the header. */
	private listing(): void {
		const first = this.stats.lists === 0;
		this.stats.lists++;
		// While waiting out a fault the fault stays on screen; the relist that mends it is quick.
		if (this.current.state !== 'stalled' && this.current.state !== 'reconnecting') this.setStatus(first ? 'listing' : 'relisting');
	}

	/** A paged list (see WatchRows.listInPages for how rows are swapped in). */
	private async list(signal: AbortSignal): Promise<string> {
		this.listing();
		const version = await this.rows.listInPages(async (continueToken) => {
			const params: Record<string, string> = {limit: String(this.tuning.pageSize)};
			if (continueToken) params.continue = continueToken;
			try {
				return await this.transport.request<ListPage>({path: this.target.path, query: this.query(params), signal, timeoutMs: 60_000});
			} catch (error) {
				// An expired continue token: start the list again from the top.
				if (error instanceof KubeError && error.status === 410) throw new Gone();
				throw error;
			}
		});
		this.fresh(false);
		return version;
	}

	/**
	 * Watches from `resourceVersion` until the server ends the stream (its timeout: resume from
	 * the last version seen) or it stays silent past the stall window. Anything else throws.
	 * Without a version it is a streaming list first: the initial events, up to their end bookmark.
	 */
	private async watch(resourceVersion: string | undefined, signal: AbortSignal): Promise<WatchEnd> {
		let initial: InitialEvents<R> | undefined;
		if (resourceVersion === undefined) {
			this.listing();
			this.stats.streamingLists++;
			initial = new InitialEvents(this.store);
		}
		const timeoutSeconds = watchTimeoutSeconds(this.tuning);
		const request = new AbortController();
		const forward = () => request.abort();
		signal.addEventListener('abort', forward, {once: true});
		let lastSign = Date.now();
		let stalled = false;
		// Armed now (a server may stall before its headers), pushed back by every line: refresh()
		// restarts the same timer, so a burst of thousands of events does not create a timer each.
		const stallTimer = setTimeout(() => {
			stalled = true;
			request.abort();
		}, stallAfterMs(this.tuning));
		stallTimer.unref();
		let version = resourceVersion ?? '';
		// The server checks a token once, when a stream opens: after a re-read elsewhere (a 401
		// met by another request), a stream opened with the old credentials is restarted with the
		// new ones, resuming from its version, so every open stream runs as who kubedeck now is.
		let openedWith: number | undefined;
		let renewed = false;
		const offRenewed = this.transport.onCredentialsRenewed?.(() => {
			const now = this.transport.credentialsGeneration;
			if (openedWith === undefined || now === undefined || now <= openedWith) return;
			renewed = true;
			request.abort();
		});
		try {
			await this.transport.stream({
				path: this.target.path,
				query: this.query(
					initial
						? {watch: '1', ...streamingListQuery(), timeoutSeconds: String(timeoutSeconds)}
						: {watch: '1', resourceVersion: version, allowWatchBookmarks: 'true', timeoutSeconds: String(timeoutSeconds)},
				),
				signal: request.signal,
				timeoutMs: 30_000,
				onOpen: () => {
					openedWith = this.transport.credentialsGeneration;
					this.stats.watches++;
					this.failures = 0;
					// A stream that replaces a stalled one has to prove itself with a line first; a
					// streaming list is live once its initial events are all in.
					if (this.current.state !== 'stalled' && !initial) this.setStatus('live');
				},
				onLine: (line) => {
					stallTimer.refresh();
					lastSign = Date.now();
					if (initial && !initial.done) {
						const step = this.rows.applyInitial(line, initial, version);
						version = step.version;
						if (step.ended) {
							this.fresh(true);
							this.setStatus('live');
						}
						return;
					}
					version = this.rows.apply(line, version);
					this.fresh(true);
				},
			});
			if (initial && !initial.done) throw new NoStreamingList('the server ended a streaming list before its end bookmark (it ignores sendInitialEvents)');
			this.fresh(true);
			return {kind: 'timeout', version};
		} catch (error) {
			if (stalled && !signal.aborted) return {kind: 'stalled', lastSign};
			if (initial && !initial.done && refusesStreamingList(error)) throw new NoStreamingList(error instanceof Error ? error.message : String(error));
			// A streaming list cut before its end starts over; a watch resumes where it was.
			if (renewed && !signal.aborted) return {kind: 'renewed', version: initial && !initial.done ? undefined : version};
			throw error;
		} finally {
			offRenewed?.();
			clearTimeout(stallTimer);
			signal.removeEventListener('abort', forward);
		}
	}
}
