// WatchList, the streaming list: instead of paged lists, one watch with sendInitialEvents=true
// sends every object as ADDED, then a bookmark annotated k8s.io/initial-events-end, and goes on
// as an ordinary watch — rows appear while the list streams, and the server serves it from its
// watch cache instead of building pages. A server that refuses it (400/422: too old, or the
// feature off), or that ignores it (the stream ends before the end bookmark), gets paged lists
// for the rest of the session: the refusal is remembered once for every watch of the session.
import type {BaseRow, KubeObject} from '../model/types.js';
import type {MutableRowStore} from '../store/rowStore.js';
import {KubeError} from './kubeError.js';

export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** Whether a session's server serves streaming lists; unknown (tried) until it refuses one. */
export class StreamingListSupport {
	private why: string | undefined;

	constructor(enabled = true, why = 'not used') {
		if (!enabled) this.why = why;
	}

	get enabled(): boolean {
		return this.why === undefined;
	}

	/** Why lists are paged instead (for tests and benches); undefined while streaming is used. */
	get refusal(): string | undefined {
		return this.why;
	}

	refuse(why: string): void {
		this.why ??= why;
	}
}

/** The query of a streaming list: every object, at least as fresh as a consistent read, then its end bookmark. */
export function streamingListQuery(): Record<string, string> {
	return {sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: 'true'};
}

export function isInitialEventsEnd(object: KubeObject | undefined): boolean {
	return object?.metadata?.annotations?.[INITIAL_EVENTS_END] === 'true';
}

/** A server that does not serve streaming lists answers the request itself with 400 or 422. */
export function refusesStreamingList(error: unknown): boolean {
	return error instanceof KubeError && (error.status === 400 || error.status === 422);
}

/**
 * The initial events of a streaming list. Into an empty store rows go as they come (the first
 * screen fills while the list streams); into one that has rows (a relist) they are gathered and
 * swapped in at the end bookmark, so no stale or duplicate row is ever visible.
 */
export class InitialEvents<R extends BaseRow> {
	private readonly gathered: Map<string, R> | undefined;
	done = false;

	constructor(private readonly store: MutableRowStore<R>) {
		this.gathered = store.size === 0 ? undefined : new Map();
	}

	upsert(row: R): void {
		if (this.gathered) this.gathered.set(row.uid, row);
		else this.store.upsert(row);
	}

	remove(uid: string): void {
		if (this.gathered) this.gathered.delete(uid);
		else this.store.remove(uid);
	}

	finish(): void {
		if (this.gathered) this.store.replace(this.gathered.values());
		this.done = true;
	}
}
