// Polls the DCGM exporters (scrapeAll) at an interval, off the render path: keeps each exporter's
// last rows (a skipped or failed exporter does not blank its GPUs), records utilisation into the
// bounded history, and publishes one snapshot per round — rows per GPU, GPU usage per pod, health
// problems, and why there is nothing when no exporter runs (then it asks again only rarely).
import {gpuHealthProblems, gpusSeenByNode, podGpuUsage, type GpuProblem, type GpuTelemetryRow, type PodGpuUsage} from '../model/dcgm.js';
import {UtilHistory} from '../model/dcgm-history.js';
import {Listeners} from '../store/listeners.js';
import {DEFAULT_EXPORTER_SELECTOR, scrapeAll, type ScrapeOptions} from './metrics-dcgm.js';
import type {Transport} from './transport.js';

export interface GpuTelemetrySnapshot {
	version: number;
	rows: readonly GpuTelemetryRow[];
	byPod: ReadonlyMap<string, PodGpuUsage>;
	problems: readonly GpuProblem[];
	/** Distinct GPUs each node's exporter reports (for "GPUs missing from the exporter"). */
	gpusByNode: ReadonlyMap<string, number>;
	/** When the last round ended (epoch ms). */
	sampledAt?: number;
	/** One line: no exporter found, or how many failed or were skipped this round. */
	note?: string;
}

export interface GpuTelemetryPollerOptions extends ScrapeOptions {
	intervalMs?: number;
	/** Between rounds while no exporter runs (default 5 min). */
	absentRecheckMs?: number;
}

export class GpuTelemetryPoller {
	readonly history = new UtilHistory();
	private current: GpuTelemetrySnapshot = {version: 0, rows: [], byPod: new Map(), problems: [], gpusByNode: new Map()};
	private readonly last = new Map<string, GpuTelemetryRow[]>();
	private readonly listeners = new Listeners();
	private timer: NodeJS.Timeout | undefined;
	private stopped = false;

	constructor(
		private readonly transport: Transport,
		private readonly options: GpuTelemetryPollerOptions = {},
	) {}

	snapshot(): GpuTelemetrySnapshot {
		return this.current;
	}

	subscribe(listener: () => void): () => void {
		return this.listeners.add(listener);
	}

	start(): void {
		if (this.timer || this.stopped) return;
		this.schedule(0);
	}

	stop(): void {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.listeners.clear();
	}

	/** One round; returns the delay before the next. */
	async poll(): Promise<number> {
		const now = this.options.now ?? Date.now;
		const interval = this.options.intervalMs ?? 15_000;
		let round;
		try {
			round = await scrapeAll(this.transport, this.options);
		} catch (error) {
			this.publish({note: `GPU telemetry unavailable: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`});
			return interval;
		}
		if (round.exporters === 0) {
			this.last.clear();
			this.publish({note: `no DCGM exporter pods (selector ${this.options.selector ?? DEFAULT_EXPORTER_SELECTOR}): GPU columns show allocation only`});
			return this.options.absentRecheckMs ?? 300_000;
		}
		for (const [key, rows] of round.byExporter) this.last.set(key, rows);
		const rows = [...this.last.values()].flat();
		const at = now();
		this.history.record(rows, at);
		const troubles = [round.errors.length > 0 ? `${round.errors.length} of ${round.exporters} exporters failed (${round.errors[0]})` : '', round.skipped > 0 ? `${round.skipped} skipped (time budget)` : ''].filter(Boolean);
		this.publish({rows, byPod: podGpuUsage(rows), problems: gpuHealthProblems(rows), gpusByNode: gpusSeenByNode(rows), sampledAt: at, ...(troubles.length > 0 ? {note: troubles.join('; ')} : {})});
		return interval;
	}

	private publish(next: Partial<Omit<GpuTelemetrySnapshot, 'version'>>): void {
		this.current = {rows: [], byPod: new Map(), problems: [], gpusByNode: new Map(), ...next, version: this.current.version + 1};
		this.listeners.notify();
	}

	private schedule(ms: number): void {
		if (this.stopped) return;
		this.timer = setTimeout(() => void this.tick(), ms);
		this.timer.unref();
	}

	/**
	 * Rounds start an interval apart (a 4 s round at a 15 s interval waits 11 s, not 15), so
	 * samples keep the exporter's cadence; a round longer than the interval still leaves a
	 * second's pause, so a slow cluster is never scraped back to back.
	 */
	private async tick(): Promise<void> {
		this.timer = undefined;
		const now = this.options.now ?? Date.now;
		const started = now();
		const delay = await this.poll();
		this.schedule(Math.max(Math.min(1000, delay), delay - (now() - started)));
	}
}
