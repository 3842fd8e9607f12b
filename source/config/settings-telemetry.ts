// The `gpu:` and `prometheus:` blocks of the settings file: where GPU telemetry comes from and how
// hard kubedeck may pull on it. Validated here, apart from settings.ts, so every problem names its
// key (`gpu.scrapeInterval`) and what is allowed. Durations are written as the cluster writes
// them ('15s', '2m', '1m30s') or as a plain number of seconds.
import {parseLabelSelector} from '../store/labelSelector.js';

/** The `gpu:` block as the file writes it (so saving settings writes it back unchanged). */
export interface GpuTelemetrySettings {
	/** Label selector for the DCGM exporter pods (default: the GPU operator's labels). */
	exporterSelector?: string;
	/** The exporter's port, a number or a declared port name (default 9400). */
	exporterPort?: number | string;
	/** Label selector for AMD's device-metrics-exporter pods (default: its Helm chart's labels); false: do not look for them. */
	amdExporterSelector?: string | false;
	/** AMD's exporter port, a number or a declared port name (default 5000). */
	amdExporterPort?: number | string;
	/** Between scrape rounds: '15s' or seconds (default 15 s, the exporter's own collect interval). */
	scrapeInterval?: string | number;
	/** Scrapes in flight at once (default 8). */
	maxConcurrentScrapes?: number;
	/** No new scrape starts this long into a round: '10s' or seconds (default 10 s). */
	scrapeBudget?: string | number;
}

/** The `prometheus:` block as the file writes it. */
export interface PrometheusSettings {
	/** A Prometheus (or compatible: Thanos, Mimir, VictoriaMetrics) base URL, e.g. http://prometheus.example:9090. */
	url?: string;
	/** Or a Service reached through the API server's services/proxy: 'namespace/name:port'. */
	service?: string;
}

export interface TelemetrySettings {
	gpu?: GpuTelemetrySettings;
	prometheus?: PrometheusSettings;
}

/** Where Prometheus is, resolved: a URL, or a Service behind the API server's services/proxy. */
export type PrometheusTarget = {url: string} | {service: {namespace: string; name: string; port: string}};

/** The poller's knobs from the settings, in ms. */
export interface GpuTelemetryConfig {
	selector?: string;
	port?: number | string;
	amd?: {selector?: string; port?: number | string} | false;
	intervalMs?: number;
	concurrency?: number;
	budgetMs?: number;
	prometheus?: PrometheusTarget;
}

const UNITS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/** '15s', '1m30s', '500ms' or a number of seconds → ms; undefined when it is none of those. */
export function parseDurationSetting(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return undefined;
	let total = 0;
	for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(amount) * UNITS[unit!]!;
	return Math.round(total);
}

const GPU_KEYS = ['exporterSelector', 'exporterPort', 'amdExporterSelector', 'amdExporterPort', 'scrapeInterval', 'maxConcurrentScrapes', 'scrapeBudget'];
const PROMETHEUS_KEYS = ['url', 'service'];

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** A port name as Kubernetes allows it (IANA_SVC_NAME): 1–15 lower-case letters, digits and inner dashes, at least one letter. */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

function validateGpu(input: unknown, problems: string[]): GpuTelemetrySettings | undefined {
	if (!isMapping(input)) {
		problems.push(`gpu must be a mapping, e.g. "gpu: {exporterPort: 9400}", got ${show(input)}`);
		return undefined;
	}
	const out: GpuTelemetrySettings = {};
	for (const key of Object.keys(input)) if (!GPU_KEYS.includes(key)) problems.push(`unknown setting "gpu.${key}" (known: ${GPU_KEYS.map((k) => `gpu.${k}`).join(', ')})`);
	const selectorOf = (key: 'exporterSelector' | 'amdExporterSelector', example: string): string | undefined => {
		const selector = input[key];
		if (selector === undefined) return undefined;
		const parsed = typeof selector === 'string' && selector.trim() !== '' ? parseLabelSelector(selector) : undefined;
		if (parsed?.ok) return parsed.selector;
		problems.push(`gpu.${key} must be a label selector such as "${example}"${key === 'amdExporterSelector' ? ' (or false to not look for AMD exporters)' : ''}${parsed && !parsed.ok ? ` (${parsed.error})` : `, got ${show(selector)}`}`);
		return undefined;
	};
	const portOf = (key: 'exporterPort' | 'amdExporterPort'): number | string | undefined => {
		const port = input[key];
		if (port === undefined) return undefined;
		if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535) return port;
		if (typeof port === 'string' && PORT_NAME.test(port)) return port;
		problems.push(`gpu.${key} must be a port number from 1 to 65535 or a port name such as "metrics", got ${show(port)}`);
		return undefined;
	};
	const selector = selectorOf('exporterSelector', 'app=nvidia-dcgm-exporter');
	if (selector !== undefined) out.exporterSelector = selector;
	const port = portOf('exporterPort');
	if (port !== undefined) out.exporterPort = port;
	if (input['amdExporterSelector'] === false) out.amdExporterSelector = false;
	else {
		const amd = selectorOf('amdExporterSelector', 'app.kubernetes.io/name=metrics-exporter');
		if (amd !== undefined) out.amdExporterSelector = amd;
	}
	const amdPort = portOf('amdExporterPort');
	if (amdPort !== undefined) out.amdExporterPort = amdPort;
	const duration = (key: 'scrapeInterval' | 'scrapeBudget', min: number, max: number): number | undefined => {
		const value = input[key];
		if (value === undefined) return undefined;
		const ms = parseDurationSetting(value);
		if (ms === undefined || ms < min || ms > max) {
			problems.push(`gpu.${key} must be a duration from ${min / 1000}s to ${max / 60_000}m such as "15s" or "1m30s" (or a number of seconds), got ${show(value)}`);
			return undefined;
		}
		return ms;
	};
	if (duration('scrapeInterval', 1000, 3_600_000) !== undefined) out.scrapeInterval = input['scrapeInterval'] as string | number;
	if (duration('scrapeBudget', 100, 600_000) !== undefined) out.scrapeBudget = input['scrapeBudget'] as string | number;
	const concurrent = input['maxConcurrentScrapes'];
	if (concurrent !== undefined) {
		if (typeof concurrent !== 'number' || !Number.isInteger(concurrent) || concurrent < 1 || concurrent > 256) problems.push(`gpu.maxConcurrentScrapes must be a whole number from 1 to 256, got ${show(concurrent)}`);
		else out.maxConcurrentScrapes = concurrent;
	}
	return out;
}

/** 'monitoring/prometheus-k8s:9090' (or a port name: ':web') → its parts. */
export function parsePrometheusService(text: string): {namespace: string; name: string; port: string} | undefined {
	const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z]([-a-z0-9]*[a-z0-9])?):([0-9]{1,5}|[a-z0-9-]{1,15})$/.exec(text);
	if (!match) return undefined;
	const port = match[5]!;
	if (/^\d+$/.test(port) && (Number(port) < 1 || Number(port) > 65535)) return undefined;
	if (!/^\d+$/.test(port) && !PORT_NAME.test(port)) return undefined;
	return {namespace: match[1]!, name: match[3]!, port};
}

function validatePrometheus(input: unknown, problems: string[]): PrometheusSettings | undefined {
	if (!isMapping(input)) {
		problems.push(`prometheus must be a mapping, e.g. "prometheus: {url: http://prometheus:9090}", got ${show(input)}`);
		return undefined;
	}
	const out: PrometheusSettings = {};
	for (const key of Object.keys(input)) if (!PROMETHEUS_KEYS.includes(key)) problems.push(`unknown setting "prometheus.${key}" (known: ${PROMETHEUS_KEYS.map((k) => `prometheus.${k}`).join(', ')})`);
	const url = input['url'];
	if (url !== undefined) {
		let parsed: URL | undefined;
		try {
			parsed = typeof url === 'string' ? new URL(url) : undefined;
		} catch {
			parsed = undefined;
		}
		if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.search !== '' || parsed.hash !== '') problems.push(`prometheus.url must be an http(s) URL without query, such as "http://prometheus.monitoring:9090", got ${show(url)}`);
		else out.url = parsed.href.replace(/\/+$/, '');
	}
	const service = input['service'];
	if (service !== undefined) {
		const parsed = typeof service === 'string' ? parsePrometheusService(service) : undefined;
		if (!parsed) problems.push(`prometheus.service must be namespace/name:port, such as "monitoring/prometheus-k8s:9090", got ${show(service)}`);
		else out.service = service as string;
	}
	if (out.url !== undefined && out.service !== undefined) problems.push('prometheus.url and prometheus.service name two Prometheus servers: set one');
	return out;
}

/** The telemetry keys of a settings document (the caller has already checked it is a mapping). */
export function validateTelemetrySettings(input: Record<string, unknown>, problems: string[]): TelemetrySettings {
	const out: TelemetrySettings = {};
	if (input['gpu'] !== undefined) {
		const gpu = validateGpu(input['gpu'], problems);
		if (gpu) out.gpu = gpu;
	}
	if (input['prometheus'] !== undefined) {
		const prometheus = validatePrometheus(input['prometheus'], problems);
		if (prometheus) out.prometheus = prometheus;
	}
	return out;
}

/** The settings as the GPU telemetry poller takes them: durations in ms, the Prometheus target parsed. */
export function gpuTelemetryConfig(settings: TelemetrySettings): GpuTelemetryConfig {
	const gpu = settings.gpu ?? {};
	const out: GpuTelemetryConfig = {};
	if (gpu.exporterSelector !== undefined) out.selector = gpu.exporterSelector;
	if (gpu.exporterPort !== undefined) out.port = gpu.exporterPort;
	if (gpu.amdExporterSelector === false) out.amd = false;
	else if (gpu.amdExporterSelector !== undefined || gpu.amdExporterPort !== undefined) {
		out.amd = {...(gpu.amdExporterSelector !== undefined ? {selector: gpu.amdExporterSelector} : {}), ...(gpu.amdExporterPort !== undefined ? {port: gpu.amdExporterPort} : {})};
	}
	const interval = parseDurationSetting(gpu.scrapeInterval);
	if (interval !== undefined) out.intervalMs = interval;
	const budget = parseDurationSetting(gpu.scrapeBudget);
	if (budget !== undefined) out.budgetMs = budget;
	if (gpu.maxConcurrentScrapes !== undefined) out.concurrency = gpu.maxConcurrentScrapes;
	const service = settings.prometheus?.service === undefined ? undefined : parsePrometheusService(settings.prometheus.service);
	if (settings.prometheus?.url !== undefined) out.prometheus = {url: settings.prometheus.url};
	else if (service) out.prometheus = {service};
	return out;
}
