// GPU telemetry from Prometheus instead of the exporters: one instant query for every DCGM series
// (the rows are then made exactly as from a scrape), and once, the utilisation over the idle window
// from a range query, so :gpuidle and the sparklines have history from the first round instead of
// after 30 minutes of polling.
import type {GpuTelemetryRow} from '../model/dcgm.js';
import {dcgmSelector, familiesFromSamples, rowsFromFamilies} from '../model/dcgm-prometheus.js';
import type {UtilHistory} from '../model/dcgm-history.js';
import {instantQuery, PrometheusError, rangeQuery, type PrometheusApi} from './prometheus.js';

/** The rows now, from one instant query; no DCGM series at all is an error (then the exporters are scraped). */
export async function prometheusTelemetryRows(api: PrometheusApi, timeoutMs = 10_000): Promise<GpuTelemetryRow[]> {
	const samples = await instantQuery(api, dcgmSelector(), timeoutMs);
	if (samples.length === 0) throw new PrometheusError(`${api.where} has no GPU exporter series (DCGM_FI_* or AMD's gpu_*; is the exporter scraped?)`);
	return rowsFromFamilies(familiesFromSamples(samples.map((s) => ({metric: s.metric, value: s.value[1]}))));
}

/**
 * Fills the history with utilisation over [now - window, now - step] at the poll's step (oldest
 * first, as the rings take them). Returns how many timestamps were recorded.
 */
export async function seedHistory(api: PrometheusApi, history: UtilHistory, nowMs: number, windowMs: number, stepMs: number, timeoutMs = 30_000): Promise<number> {
	const step = Math.max(1, Math.round(stepMs / 1000));
	const end = Math.floor(nowMs / 1000) - step;
	const start = end - Math.floor(windowMs / 1000);
	const series = await rangeQuery(api, dcgmSelector(['DCGM_FI_DEV_GPU_UTIL', 'DCGM_FI_PROF_GR_ENGINE_ACTIVE', 'gpu_gfx_activity']), start, end, step, timeoutMs);
	const byTime = new Map<number, Array<{metric: Readonly<Record<string, string>>; value: string}>>();
	for (const s of series) {
		for (const [at, value] of s.values) {
			let list = byTime.get(at);
			if (!list) byTime.set(at, (list = []));
			list.push({metric: s.metric, value});
		}
	}
	const times = [...byTime.keys()].sort((a, b) => a - b);
	for (const at of times) history.record(rowsFromFamilies(familiesFromSamples(byTime.get(at)!)), at * 1000);
	return times.length;
}
