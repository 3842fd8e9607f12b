// Watch-stream faults the simulator can be told to produce — by tests, never by the client:
// a stream that stays open and says nothing, a stream cut in the middle of an event, 410 Gone
// on a resume, and a restart on the same port with a new, lower resourceVersion history.
// Each store has its own switches (watchFaultsOf), so tests running simulators side by side
// never see each other's faults, and the HTTP routing needs no extra wiring.
import type {ObjectStore} from '../contracts.js';
import {SimStore} from '../store.js';

/** What one open watch stream asks of the switches. */
export interface StreamFaults {
	/** True while this stream must stay silent: no events, no bookmarks, no timed end. */
	readonly stalled: boolean;
	/** True (once, counted) when this event must be cut in half and the connection dropped. */
	takeCut(): boolean;
	/** The stream is gone; it no longer counts. */
	closed(): void;
}

export interface WatchFaultCounts {
	/** Watch streams opened (whatever happened to them next). */
	watches: number;
	/** Streams that went silent. */
	stalled: number;
	/** Streams cut mid-event. */
	cut: number;
	/** Resumes answered 410 Gone. */
	gone: number;
}

export class WatchFaults {
	private stallNew = false;
	private watchListOff = false;
	private goneLeft = 0;
	private readonly open = new Set<{stalled: boolean; cutNext: boolean}>();
	readonly counts: WatchFaultCounts = {watches: 0, stalled: 0, cut: 0, gone: 0};

	/**
	 * Every open stream, and every stream opened until clear(), goes silent: a half-open
	 * connection. Like a real one it never recovers; only a new request (after clear()) does.
	 */
	stall(): void {
		this.stallNew = true;
		for (const stream of this.open) this.silence(stream);
	}

	/** Every stream open now is cut inside its next event: half a line, then the connection drops. */
	closeMidEvent(): void {
		for (const stream of this.open) stream.cutNext = true;
	}

	/** The next `count` watches that resume from a resourceVersion are answered 410 Gone (Expired). */
	goneOnResume(count = 1): void {
		this.goneLeft += count;
	}

	/**
	 * Serves watches as a server without WatchList (feature gate off): a streaming list is
	 * refused with 422, until clear(). Clients must fall back to paged lists.
	 */
	refuseWatchList(): void {
		this.watchListOff = true;
	}

	/** For serveWatch: whether a streaming list (sendInitialEvents) is served. */
	get watchListEnabled(): boolean {
		return !this.watchListOff;
	}

	/** New streams are healthy again (streams already silenced stay dead, as half-open ones do). */
	clear(): void {
		this.stallNew = false;
		this.goneLeft = 0;
		this.watchListOff = false;
	}

	/** Streams open right now. */
	get openStreams(): number {
		return this.open.size;
	}

	/** For serveWatch: is this resume to be refused with 410? Counts it if so. */
	takeGone(): boolean {
		if (this.goneLeft <= 0) return false;
		this.goneLeft--;
		this.counts.gone++;
		return true;
	}

	/** For serveWatch: registers a stream that has just sent its headers. */
	opened(): StreamFaults {
		this.counts.watches++;
		const stream = {stalled: false, cutNext: false};
		if (this.stallNew) this.silence(stream);
		this.open.add(stream);
		const counts = this.counts;
		return {
			get stalled() {
				return stream.stalled;
			},
			takeCut: () => {
				if (!stream.cutNext) return false;
				stream.cutNext = false;
				counts.cut++;
				return true;
			},
			closed: () => {
				this.open.delete(stream);
			},
		};
	}

	private silence(stream: {stalled: boolean}): void {
		if (stream.stalled) return;
		stream.stalled = true;
		this.counts.stalled++;
	}
}

const byStore = new WeakMap<object, WatchFaults>();

/** The watch-fault switches of one simulated cluster (keyed by its object store). */
export function watchFaultsOf(store: ObjectStore | SimStore): WatchFaults {
	let faults = byStore.get(store);
	if (!faults) byStore.set(store, (faults = new WatchFaults()));
	return faults;
}

/** What restartWithHistory needs of a running simulator (startSim's Sim has it). */
export interface RestartableSim {
	store: ObjectStore;
	stopServer(): Promise<void>;
	startServer(): Promise<void>;
}

/**
 * Restarts the API server on the same port as if on a fresh etcd: every connection is cut,
 * every object is gone, resourceVersions start again from `resourceVersion`, and `populate`
 * writes what the new server holds before it listens. The credentials stay the same.
 */
export async function restartWithHistory(sim: RestartableSim, resourceVersion: number, populate: (store: SimStore) => void): Promise<void> {
	const store = sim.store;
	if (!(store instanceof SimStore)) throw new Error('restartWithHistory needs the simulator\'s own store');
	await sim.stopServer();
	store.reset(resourceVersion);
	populate(store);
	await sim.startServer();
}
