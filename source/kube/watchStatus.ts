// What a watch reports about itself, the knobs that pace it, and the small pure rules the
// watch engine decides by (resourceVersion order, the RBAC message). Kept apart from the
// engine so the header and tests can read them without the loop.

export type WatchState = 'connecting' | 'listing' | 'relisting' | 'live' | 'stalled' | 'reconnecting' | 'forbidden' | 'error';

export interface WatchStatus {
	state: WatchState;
	message?: string;
	/** Epoch ms of the last state change; for 'stalled', when the stream last showed a sign of life. */
	since: number;
	/** Epoch ms of the next attempt, while waiting ('reconnecting', 'forbidden', 'error'). */
	retryAt?: number;
	/**
	 * Epoch ms when the rows were last known to match the server: a list completed, or an event,
	 * a bookmark or the watch's timed end arrived. Undefined until the first list completes.
	 */
	dataAt?: number;
}

/** Counters kept by each watch, for benches and tests. */
export interface WatchStats {
	/** Lists begun, paged or streamed. */
	lists: number;
	pages: number;
	/** Of those lists, the ones streamed on a watch (WatchList). */
	streamingLists: number;
	watches: number;
	events: number;
	relists: number;
	stalls: number;
	/** Streams or lists whose resourceVersion was older than the one held: another server history. */
	regressions: number;
	projectionErrors: number;
}

export interface WatchTuning {
	/** List page size (limit). */
	pageSize: number;
	/**
	 * The longest the server should stay silent on a healthy watch. Each watch asks the server to
	 * end it after about this long (timeoutSeconds; kube-apiserver sends a bookmark just before
	 * that, the simulator sends them at its own interval), so an event, a bookmark or the timed
	 * end arrives at least this often. Silence for twice this means the stream is stalled.
	 */
	bookmarkIntervalMs: number;
	backoffInitialMs: number;
	backoffMaxMs: number;
	/** How long to wait before asking again after a 403 or another 4xx (RBAC may be fixed meanwhile). */
	deniedRetryMs: number;
	/**
	 * The shortest pause after a 401 (then the backoff, never past deniedRetryMs): the transport
	 * reads the credentials again at most this often, so an earlier retry could only meet the
	 * same refusal. A re-read by any other request ends the pause at once.
	 */
	authRetryMs?: number;
	/** Lists streamed on a watch (WatchList) where the server serves them; default true. */
	streamingLists?: boolean;
}

/** 6 s: a stalled stream is noticed 12 s after its last sign of life, within the 15 s the header promises. */
export const defaultTuning: WatchTuning = {
	pageSize: 500,
	bookmarkIntervalMs: 6000,
	backoffInitialMs: 500,
	backoffMaxMs: 30_000,
	deniedRetryMs: 60_000,
	authRetryMs: 5000,
};

/** The server-side timeout for one watch: about one bookmark interval, ± 10% so many watches do not restart together. */
export function watchTimeoutSeconds(tuning: Pick<WatchTuning, 'bookmarkIntervalMs'>, random: () => number = Math.random): number {
	const jitter = 0.9 + random() * 0.2;
	return Math.max(1, Math.round((tuning.bookmarkIntervalMs / 1000) * jitter));
}

/** No event, bookmark or end for this long: the stream is stalled. */
export function stallAfterMs(tuning: Pick<WatchTuning, 'bookmarkIntervalMs'>): number {
	return 2 * tuning.bookmarkIntervalMs;
}

const decimal = /^(0|[1-9]\d*)$/;

/**
 * True when `next` is an older resourceVersion than `held`: the server's history went backwards
 * (it was restarted with another store, or it is another server behind the same address).
 * resourceVersions are opaque by contract, so only two decimal integers (what etcd and the
 * simulator hand out) are compared; anything else is never called a regression.
 */
export function isOlderVersion(next: string | undefined, held: string | undefined): boolean {
	if (next === undefined || held === undefined || !decimal.test(next) || !decimal.test(held)) return false;
	if (next.length !== held.length) return next.length < held.length;
	return next < held;
}

/** The message a person sees for a 403: what, where, and what to do. */
export function forbiddenMessage(resource: string, namespace: string | undefined, clusterScoped = false): string {
	if (clusterScoped) return `forbidden: cannot list ${resource} (cluster-scoped, RBAC) — needs a ClusterRole that allows list/watch on ${resource}`;
	return namespace === undefined
		? `forbidden: cannot list ${resource} in all namespaces (RBAC) — pick one namespace with :ns`
		: `forbidden: cannot list ${resource} in namespace ${namespace} (RBAC) — switch namespace with :ns`;
}
