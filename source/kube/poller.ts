// The lifecycle both pollers share (metrics.k8s.io usage, GPU telemetry): subscribe, start once,
// stop for good, and one round after another on an unref'd timer, each round saying how long to
// wait before the next. What a round does, and how its delay is chosen, is the subclass's.
import {Listeners} from '../store/listeners.js';

export abstract class Poller {
	protected readonly listeners = new Listeners();
	private timer: NodeJS.Timeout | undefined;
	private stopped = false;

	/** One round; resolves to the delay before the next. */
	abstract poll(): Promise<number>;

	subscribe(listener: () => void): () => void {
		return this.listeners.add(listener);
	}

	start(): void {
		if (this.timer || this.stopped) return;
		this.starting();
		this.schedule(0);
	}

	stop(): void {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.listeners.clear();
	}

	/** Called once, as polling begins. */
	protected starting(): void {}

	/** The pause after a round that took `tookMs` and asked for `delay` (default: the delay itself). */
	protected pauseAfter(delay: number, _tookMs: number): number {
		return delay;
	}

	private schedule(ms: number): void {
		if (this.stopped) return;
		this.timer = setTimeout(() => void this.tick(), ms);
		this.timer.unref();
	}

	private async tick(): Promise<void> {
		this.timer = undefined;
		const started = performance.now();
		const delay = await this.poll();
		this.schedule(this.pauseAfter(delay, performance.now() - started));
	}
}
