// The log view's memory: a ring buffer with a fixed line cap, so following a chatty pod for
// hours (or a 1,000,000-line replay) costs the same memory as the first 10,000 lines.

export class LogBuffer<T> {
	private readonly items: Array<T | undefined>;
	private start = 0;
	private count = 0;
	/** Lines pushed out by the cap since creation (or the last clear). */
	dropped = 0;
	/** Every push bumps this, so a view can tell "changed" without comparing contents. */
	version = 0;

	constructor(readonly capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`log buffer capacity must be a positive whole number, got ${capacity}`);
		this.items = new Array<T | undefined>(capacity);
	}

	get size(): number {
		return this.count;
	}

	push(item: T): void {
		const end = (this.start + this.count) % this.capacity;
		this.items[end] = item;
		if (this.count < this.capacity) this.count++;
		else {
			this.start = (this.start + 1) % this.capacity;
			this.dropped++;
		}
		this.version++;
	}

	/**
	 * Replaces the line pushed as number `absolute` (dropped + its position then), if the cap has
	 * not pushed it out yet: a notice that updates in place (a count) instead of adding lines.
	 */
	replace(absolute: number, item: T): boolean {
		const index = absolute - this.dropped;
		if (index < 0 || index >= this.count) return false;
		this.items[(this.start + index) % this.capacity] = item;
		this.version++;
		return true;
	}

	/** Line i counted from the oldest kept line. */
	at(index: number): T | undefined {
		if (index < 0 || index >= this.count) return undefined;
		return this.items[(this.start + index) % this.capacity];
	}

	/** Lines [from, to) from the oldest, for the visible window. */
	slice(from: number, to: number = this.count): T[] {
		const out: T[] = [];
		const end = Math.min(to, this.count);
		for (let i = Math.max(0, from); i < end; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
		return out;
	}

	toArray(): T[] {
		return this.slice(0);
	}

	/** Indexes of lines whose text matches, for search and n/N. */
	find(matches: (item: T) => boolean): number[] {
		const hits: number[] = [];
		for (let i = 0; i < this.count; i++) if (matches(this.items[(this.start + i) % this.capacity] as T)) hits.push(i);
		return hits;
	}

	clear(): void {
		this.items.fill(undefined);
		this.start = 0;
		this.count = 0;
		this.dropped = 0;
		this.version++;
	}
}
