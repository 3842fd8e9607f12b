// Polls the DCGM exporters (scrapeAll) at an interval, off the render path: keeps each exporter's
// last rows (a skipped or failed exporter does not blank its GPUs), records utilisation into the
// bounded history, and publishes one snapshot per round — rows per GPU, GPU usage per pod, health
// problems, and why there is nothing when no exporter runs (then it asks again only rarely).
import {emptyTelemetry, GpuTelemetryRound, type GpuTelemetrySnapshot} from '../model/dcgm-round.js';
import type {UtilHistory} from '../model/dcgm-history.js';
import {Poller} from './poller.js';
import {exporterKinds, scrapeAll, type ScrapeOptions} from './metrics-dcgm.js';
import type {Transport} from './transport.js';
import type {PrometheusTarget} from '../config/settings-telemetry.js';
import {prometheusApi, type PrometheusApi} from './prometheus.js';
import {prometheusTelemetryRows, seedHistory} from './prometheus-telemetry.js';

export type {GpuTelemetrySnapshot} from '../model/dcgm-round.js';

export interface GpuTelemetryPollerOptions extends ScrapeOptions {
	intervalMs?: number;
	/** Between rounds while no exporter runs (default 5 min). */
	absentRecheckMs?: number;
	/** Read telemetry from this Prometheus (settings prometheus.url / prometheus.service) instead of scraping. */
	prometheus?: PrometheusTarget;
	/** After Prometheus failed, scrape the exporters this long before asking it again (default 5 min). */
	prometheusRetryMs?: number;
	/** How much utilisation history to read from Prometheus at the first answer (default 35 min: the idle window and a margin). */
	seedWindowMs?: number;
}

const PROMETHEUS_SOURCE = 'prometheus';

export class GpuTelemetryPoller extends Poller {
	private readonly round = new GpuTelemetryRound();
	private current: GpuTelemetrySnapshot = emptyTelemetry;
	private readonly prometheus: PrometheusApi | undefined;
	private prometheusRetryAt = 0;
	/** Why Prometheus is not used right now (it failed; the exporters are scraped meanwhile). */
	private prometheusTrouble: string | undefined;

	constructor(
		private readonly transport: Transport,
		private readonly options: GpuTelemetryPollerOptions = {},
	) {
		super();
		this.prometheus = options.prometheus ? prometheusApi(options.prometheus, transport) : undefined;
	}

	/** Utilisation per series over the last hour (sparklines, :gpuidle). */
	get history(): UtilHistory {
		return this.round.history;
	}

	snapshot(): GpuTelemetrySnapshot {
		return this.current;
	}

	/** One round; returns the delay before the next. */
	override async poll(): Promise<number> {
		const now = this.options.now ?? Date.now;
		const interval = this.options.intervalMs ?? 15_000;
		if (this.prometheus && now() >= this.prometheusRetryAt) {
			try {
				return await this.pollPrometheus(this.prometheus, interval);
			} catch (error) {
				// One line, and the exporters meanwhile; Prometheus is asked again only after a while.
				this.prometheusRetryAt = now() + (this.options.prometheusRetryMs ?? 300_000);
				this.prometheusTrouble = `Prometheus not used: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} — scraping the exporters instead`;
			}
		}
		return this.pollExporters(interval);
	}

	private async pollPrometheus(api: PrometheusApi, interval: number): Promise<number> {
		const now = this.options.now ?? Date.now;
		const rows = await prometheusTelemetryRows(api, this.options.timeoutMs ?? 10_000);
		let note: string | undefined;
		// History only into empty rings: samples must reach a ring oldest first.
		if (this.round.history.series === 0) {
			try {
				await seedHistory(api, this.round.history, now(), this.options.seedWindowMs ?? 35 * 60_000, interval);
			} catch (error) {
				note = `no history from Prometheus (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
			}
		}
		this.prometheusTrouble = undefined;
		this.round.keepOnly(new Set([PROMETHEUS_SOURCE]));
		this.round.set(PROMETHEUS_SOURCE, rows);
		this.current = {...this.round.publish(now(), note), source: `Prometheus ${api.where}`, version: this.current.version + 1};
		this.listeners.notify();
		return interval;
	}

	private async pollExporters(interval: number): Promise<number> {
		const now = this.options.now ?? Date.now;
		let round;
		try {
			round = await scrapeAll(this.transport, this.options);
		} catch (error) {
			this.publish({trouble: true, note: `GPU telemetry unavailable: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`});
			return interval;
		}
		if (round.exporters === 0) {
			this.round.clear();
			const looked = exporterKinds(this.options).map((k) => `${k.vendor === 'amd' ? 'AMD' : 'DCGM'}: ${k.selector}`).join('; ');
			this.publish({note: `no GPU exporter pods (${looked}): GPU columns show allocation only`});
			return this.options.absentRecheckMs ?? 300_000;
		}
		this.round.keepOnly(round.found);
		for (const [key, rows] of round.byExporter) this.round.set(key, rows);
		const troubles = [this.prometheusTrouble ?? '', round.errors.length > 0 ? `${round.errors.length} of ${round.exporters} exporters failed (${round.errors[0]})` : '', round.skipped > 0 ? `${round.skipped} skipped (time budget)` : ''].filter(Boolean);
		const trouble = troubles.length > 0 ? troubles.join('; ') : undefined;
		this.current = {...this.round.publish(now(), trouble), ...(trouble ? {trouble} : {}), source: 'DCGM exporters', version: this.current.version + 1};
		this.listeners.notify();
		return interval;
	}

	/** A round without rows (no exporter, or the list failed): only the note (and why Prometheus was not used). */
	private publish(next: {note: string; trouble?: boolean}): void {
		const note = this.prometheusTrouble ? `${this.prometheusTrouble}; ${next.note}` : next.note;
		this.current = {...emptyTelemetry, note, ...(next.trouble || this.prometheusTrouble ? {trouble: note} : {}), version: this.current.version + 1};
		this.listeners.notify();
	}

	/**
	 * Rounds start an interval apart (a 4 s round at a 15 s interval waits 11 s, not 15), so
	 * samples keep the exporter's cadence; a round longer than the interval still leaves a
	 * second's pause, so a slow cluster is never scraped back to back.
	 */
	protected override pauseAfter(delay: number, tookMs: number): number {
		return Math.max(Math.min(1000, delay), delay - tookMs);
	}
}
