// Scraping the GPU exporters through the API server's pods/proxy — NVIDIA's DCGM exporter and
// AMD's device-metrics-exporter — no Prometheus needed, the same kubeconfig works from a bastion.
// Exporter pods are found by label (the GPU operator's app=nvidia-dcgm-exporter and AMD's Helm
// chart's app.kubernetes.io/name=metrics-exporter by default; settings can name others), scraped at most
// `concurrency` at a time, and a round stops starting new scrapes once its time budget is spent:
// the exporters not reached keep their last rows and the round says how many it skipped.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type {KubeObject} from '../model/types.js';
import {gpuTelemetryRows, type GpuTelemetryRow, type MetricFamily} from '../model/dcgm.js';
import {amdTelemetryRows, isAmdExposition} from '../model/amd-exporter.js';
import {KubeError} from './kubeError.js';
import type {Transport} from './transport.js';

import {compileLabelSelector} from '../store/labelSelector.js';

export const DEFAULT_EXPORTER_SELECTOR = 'app=nvidia-dcgm-exporter';
export const DEFAULT_EXPORTER_PORT = 9400;
/** AMD's device-metrics-exporter as its Helm chart (and the AMD GPU operator) labels it, and its port. */
export const DEFAULT_AMD_EXPORTER_SELECTOR = 'app.kubernetes.io/name=metrics-exporter';
export const DEFAULT_AMD_EXPORTER_PORT = 5000;

export interface ScrapeOptions {
	selector?: string;
	/** A port number or the exporter container's port name (settings gpu.exporterPort). */
	port?: number | string;
	/** AMD's exporters (settings gpu.amdExporterSelector / amdExporterPort); false: not looked for. */
	amd?: {selector?: string; port?: number | string} | false;
	/** Scrapes in flight at once (default 8). */
	concurrency?: number;
	/** No new scrape starts after this many ms into the round (default 10 s). */
	budgetMs?: number;
	/** Per scrape (default 5 s). */
	timeoutMs?: number;
	now?: () => number;
}

export interface ScrapeRound {
	/** Rows per exporter pod (`namespace/name`), so a skipped or failed exporter can keep its last rows. */
	byExporter: Map<string, GpuTelemetryRow[]>;
	/** One line per exporter that failed: why. */
	errors: string[];
	/** Every exporter pod found (`namespace/name`), scraped or not: the ones gone since are forgotten. */
	found: Set<string>;
	/** Exporters not started within the budget. */
	skipped: number;
	exporters: number;
	tookMs: number;
}

/**
 * Running exporter pods by the selector, all namespaces. The selector is applied here again: a
 * server or proxy that ignores labelSelector must not turn one scrape round into a proxied
 * request to every pod of the cluster.
 */
/** Which exporters a round looks for: NVIDIA's, then AMD's unless turned off. */
export function exporterKinds(options: ScrapeOptions = {}): Array<{vendor: 'nvidia' | 'amd'; selector: string; port: number | string}> {
	const kinds: Array<{vendor: 'nvidia' | 'amd'; selector: string; port: number | string}> = [{vendor: 'nvidia', selector: options.selector ?? DEFAULT_EXPORTER_SELECTOR, port: options.port ?? DEFAULT_EXPORTER_PORT}];
	if (options.amd !== false) kinds.push({vendor: 'amd', selector: options.amd?.selector ?? DEFAULT_AMD_EXPORTER_SELECTOR, port: options.amd?.port ?? DEFAULT_AMD_EXPORTER_PORT});
	return kinds;
}

export async function findExporters(transport: Transport, selector = DEFAULT_EXPORTER_SELECTOR): Promise<KubeObject[]> {
	const list = await transport.request<{items?: KubeObject[]}>({path: '/api/v1/pods', query: {labelSelector: selector}, timeoutMs: 10_000});
	const matches = compileLabelSelector(selector);
	return (list?.items ?? []).filter((pod) => matches(pod.metadata?.labels) && (pod.status as {phase?: string} | undefined)?.phase === 'Running' && typeof pod.spec?.nodeName === 'string');
}

/** The Prometheus text format → families, by the maintained parser; malformed text is a KubeError with the pod named. */
export function parseExposition(text: string, where: string): MetricFamily[] {
	try {
		return parsePrometheusTextFormat(text) as MetricFamily[];
	} catch (error) {
		throw new KubeError(0, 'BadResponse', `${where}: not Prometheus text format (${error instanceof Error ? error.message : String(error)})`);
	}
}

/** One exporter's /metrics through pods/proxy, read as lines and parsed. */
export async function scrapeExporter(transport: Transport, pod: KubeObject, port: number | string = DEFAULT_EXPORTER_PORT, timeoutMs = 5000): Promise<GpuTelemetryRow[]> {
	const ns = pod.metadata.namespace ?? 'default';
	const where = `${ns}/${pod.metadata.name}:${port}`;
	const lines: string[] = [];
	await transport.stream({path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod.metadata.name)}:${port}/proxy/metrics`, accept: 'text/plain', timeoutMs, onLine: (line) => lines.push(line)});
	return exporterRows(parseExposition(`${lines.join('\n')}\n`, where), String(pod.spec?.nodeName ?? ''));
}

/** A scrape's rows, read by whichever exporter's names it carries (AMD's, else DCGM's). */
export function exporterRows(families: readonly MetricFamily[], node: string): GpuTelemetryRow[] {
	return isAmdExposition(families) ? amdTelemetryRows(families, node) : gpuTelemetryRows(families, node);
}

/** One round over every exporter, with the concurrency cap and the time budget. */
export async function scrapeAll(transport: Transport, options: ScrapeOptions = {}): Promise<ScrapeRound> {
	const now = options.now ?? Date.now;
	const started = now();
	const budget = options.budgetMs ?? 10_000;
	// One list per exporter kind; a pod both selectors match is scraped once, at the first kind's port.
	const exporters: Array<{pod: KubeObject; port: number | string}> = [];
	const listed = new Set<string>();
	const errors: string[] = [];
	const kinds = exporterKinds(options);
	// A kind whose list fails (AMD's selector forbidden, say) costs its line, not the other kind's rows.
	const lists = await Promise.allSettled(kinds.map((kind) => findExporters(transport, kind.selector)));
	if (lists.every((l) => l.status === 'rejected')) throw (lists[0] as PromiseRejectedResult).reason;
	for (const [i, kind] of kinds.entries()) {
		const list = lists[i]!;
		if (list.status === 'rejected') {
			errors.push(`${kind.vendor === 'amd' ? 'AMD' : 'DCGM'} exporters (${kind.selector}): ${list.reason instanceof Error ? list.reason.message.split('\n')[0] : String(list.reason)}`);
			continue;
		}
		for (const pod of list.value) {
			const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
			if (listed.has(key)) continue;
			listed.add(key);
			exporters.push({pod, port: kind.port});
		}
	}
	const byExporter = new Map<string, GpuTelemetryRow[]>();
	let next = 0;
	let skipped = 0;
	const worker = async (): Promise<void> => {
		while (next < exporters.length) {
			const {pod, port} = exporters[next++]!;
			if (now() - started > budget) {
				skipped++;
				continue;
			}
			const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
			try {
				byExporter.set(key, await scrapeExporter(transport, pod, port, options.timeoutMs));
			} catch (error) {
				errors.push(`${key}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
			}
		}
	};
	await Promise.all(Array.from({length: Math.max(1, Math.min(options.concurrency ?? 8, exporters.length))}, worker));
	const found = listed;
	return {byExporter, errors, skipped, exporters: exporters.length, found, tookMs: now() - started};
}
