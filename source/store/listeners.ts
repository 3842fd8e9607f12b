// A set of change listeners, each called in isolation: one failing listener (a view, say) must
// not keep the others from hearing about the change, nor break whoever reported it.

export class Listeners {
	private readonly set = new Set<() => void>();

	get size(): number {
		return this.set.size;
	}

	/** Returns the unsubscribe function. */
	add(listener: () => void): () => void {
		this.set.add(listener);
		return () => {
			this.set.delete(listener);
		};
	}

	/** Calls every listener subscribed now; one added or removed meanwhile does not disturb the round. */
	notify(): void {
		for (const listener of [...this.set]) {
			try {
				listener();
			} catch {
				// Isolated on purpose; see the file comment.
			}
		}
	}

	clear(): void {
		this.set.clear();
	}
}
