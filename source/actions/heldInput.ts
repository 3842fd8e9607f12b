// The runner's half of type-ahead (source/ui/typeAhead.ts is the controller's): the bytes typed
// while a session opens wait here, in order, until the session has the terminal; then they go
// to its stdin ahead of anything typed later. Bounded: bytes past the cap are dropped.

/** At most this many bytes are held: the size of a terminal's own input line (MAX_CANON). */
export const TYPE_AHEAD_CAP = 4096;

export interface HeldInput {
	/** Keeps data until release(); after release() it goes straight on. */
	hold(data: string): void;
	/** Sends what is held, in order, to `to`, and everything held later straight after it. */
	release(to: (data: string) => void): void;
	/** Drops what is held and whatever comes later; returns how many bytes were dropped. */
	discard(): number;
}

export function createHeldInput(cap: number = TYPE_AHEAD_CAP): HeldInput {
	let held: string[] = [];
	let size = 0;
	let dropped = 0;
	let sink: ((data: string) => void) | undefined;
	let discarded = false;
	return {
		hold(data) {
			if (sink) return sink(data);
			const bytes = Buffer.byteLength(data, 'utf8');
			if (discarded || size + bytes > cap) {
				dropped += bytes;
				return;
			}
			held.push(data);
			size += bytes;
		},
		release(to) {
			if (discarded) return;
			sink = to;
			const pending = held;
			held = [];
			size = 0;
			// One write: the remote side reads the typed line as it would from a fast typist.
			if (pending.length > 0) to(pending.join(''));
		},
		discard() {
			discarded = true;
			sink = undefined;
			const total = size + dropped;
			held = [];
			size = 0;
			dropped = 0;
			return total;
		},
	};
}
