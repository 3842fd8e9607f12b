// A tiny Prometheus behind the demo's Service monitoring/prometheus:9090, reached as a client
// reaches a real one from a bastion: through the API server's services/proxy. It "scrapes" the
// simulated GPU exporters (their /metrics text: world/dcgm.ts, world/amdExporter.ts) at the moment asked and answers
// the HTTP API's /api/v1/query and /api/v1/query_range in Prometheus' JSON, for the selectors a
// GPU dashboard uses: a metric name, or {__name__=~"A|B"} — anything else is bad_data, as
// Prometheus says of a query it cannot parse. Series carry the labels a Prometheus scraping the
// exporter's pod gives them: the target's job, instance, namespace and pod, and the exporter's
// own pod/namespace/container renamed exported_* (honor_labels off, the kube-prometheus default).
import type {ServerResponse} from 'node:http';
import {ApiError} from '../contracts.js';
import type {SimStore} from '../store.js';
import type {KubeObject} from '../../model/types.js';
import {DCGM_LABELS, DCGM_PORT, dcgmMetricsText} from '../world/dcgm.js';
import {AMD_EXPORTER_LABELS, AMD_EXPORTER_PORT, amdMetricsText} from '../world/amdExporter.js';
import {sendJson} from './status.js';

export const PROMETHEUS_SERVICE = {namespace: 'monitoring', name: 'prometheus', port: 9090};

/** Prometheus' own cap on points per series in a range query. */
const MAX_POINTS = 11_000;

type Labels = Record<string, string>;
interface Sample {
	labels: Labels;
	value: number;
}

/** One exposition line of our own exporter's output: NAME{k="v",…} value. */
const LINE = /^([A-Za-z_:][\w:]*)\{(.*)\} (\S+)$/;
const PAIR = /([A-Za-z_]\w*)="((?:[^"\\]|\\.)*)"/g;

function parseLines(text: string): Array<{name: string; labels: Labels; value: number}> {
	const out: Array<{name: string; labels: Labels; value: number}> = [];
	for (const line of text.split('\n')) {
		const match = LINE.exec(line);
		if (!match) continue;
		const labels: Labels = {};
		for (const [, key, value] of match[2]!.matchAll(PAIR)) labels[key!] = value!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
		out.push({name: match[1]!, labels, value: Number(match[3])});
	}
	return out;
}

/** The scrape targets: each exporter kind's text, job, port and container. */
const KINDS = [
	{app: DCGM_LABELS.app, text: dcgmMetricsText, job: 'nvidia-dcgm-exporter', port: DCGM_PORT, container: 'nvidia-dcgm-exporter', endpoint: 'gpu-metrics'},
	{app: AMD_EXPORTER_LABELS.app, text: amdMetricsText, job: 'amd-device-metrics-exporter', port: AMD_EXPORTER_PORT, container: 'metrics-exporter', endpoint: 'metrics'},
];

const exporters = (store: SimStore): Array<{pod: KubeObject; kind: (typeof KINDS)[number]}> =>
	store.list('pods').flatMap(p => {
		const kind = KINDS.find(k => k.app === p.metadata.labels?.app);
		return kind && (p.status as {phase?: string} | undefined)?.phase === 'Running' && typeof p.spec?.nodeName === 'string' ? [{pod: p, kind}] : [];
	});

/** Every exporter's series at a moment, relabelled as the scraping Prometheus stores them. */
function scrapeAt(store: SimStore, atMs: number): Array<Sample & {name: string}> {
	const out: Array<Sample & {name: string}> = [];
	const pods = store.list('pods');
	for (const {pod: exporter, kind} of exporters(store)) {
		const nodeName = exporter.spec!.nodeName as string;
		const node = store.get('nodes', undefined, nodeName);
		if (!node) continue;
		const text = kind.text(node, pods.filter(p => p.spec?.nodeName === nodeName), atMs);
		const target: Labels = {job: kind.job, instance: `${exporter.metadata.name}:${kind.port}`, namespace: exporter.metadata.namespace ?? '', pod: exporter.metadata.name, container: kind.container, endpoint: kind.endpoint, service: kind.job};
		for (const {name, labels, value} of parseLines(text)) {
			const relabelled: Labels = {__name__: name};
			// Prometheus keeps no label whose value is empty (AMD's exporter writes pod="" for a free GPU).
			for (const [key, v] of Object.entries(labels)) if (v !== '') relabelled[key in target ? `exported_${key}` : key] = v;
			out.push({name, labels: {...relabelled, ...target}, value});
		}
	}
	return out;
}

/** The selectors we answer: `NAME`, `{__name__="NAME"}`, `{__name__=~"A|B|…"}`. */
export function parseSelector(query: string): ((name: string) => boolean) | undefined {
	const text = query.trim();
	if (/^[A-Za-z_:][\w:]*$/.test(text)) return name => name === text;
	const exact = /^\{\s*__name__\s*=\s*"([A-Za-z_:][\w:]*)"\s*\}$/.exec(text);
	if (exact) return name => name === exact[1];
	const regex = /^\{\s*__name__\s*=~\s*"([\w:|]+)"\s*\}$/.exec(text);
	if (regex) {
		const names = new Set(regex[1]!.split('|'));
		return name => names.has(name);
	}
	return undefined;
}

const badData = (res: ServerResponse, message: string): void => sendJson(res, 400, {status: 'error', errorType: 'bad_data', error: message});

/** Prometheus' time parameter: RFC 3339 or unix seconds (fractions allowed). */
function timeParam(value: string | null, fallbackMs: number): number | undefined {
	if (value === null || value === '') return fallbackMs;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** A Prometheus duration (`15s`, `1m`) or float seconds → ms. */
function stepParam(value: string | null): number | undefined {
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
	const match = /^(\d+)(ms|s|m|h)$/.exec(value);
	return match ? Number(match[1]) * {ms: 1, s: 1000, m: 60_000, h: 3_600_000}[match[2] as 'ms' | 's' | 'm' | 'h'] : undefined;
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

/** Answers services/proxy to the demo's Prometheus; false for any other path. */
export function servePrometheus(store: SimStore, method: string, segments: readonly string[], query: URLSearchParams, res: ServerResponse, nowMs = Date.now()): boolean {
	if (segments[0] !== 'api' || segments[1] !== 'v1' || segments[2] !== 'namespaces' || segments[4] !== 'services' || segments[6] !== 'proxy') return false;
	const namespace = segments[3]!;
	const [name, port] = decodeURIComponent(segments[5]!).replace(/^https?:/, '').split(':');
	const service = store.get('services', namespace, name!);
	if (!service) throw new ApiError(404, 'NotFound', `services "${name}" not found`, {name: name!, kind: 'services'});
	const isPrometheus = namespace === PROMETHEUS_SERVICE.namespace && name === PROMETHEUS_SERVICE.name && (port === undefined || port === String(PROMETHEUS_SERVICE.port) || port === 'http');
	if (!isPrometheus) throw new ApiError(503, 'ServiceUnavailable', `no endpoints available for service "${name}"`);
	if (method !== 'GET' && method !== 'HEAD') throw new ApiError(405, 'MethodNotAllowed', 'the simulated Prometheus answers GET only');
	const path = segments.slice(7).join('/');
	if (path !== 'api/v1/query' && path !== 'api/v1/query_range') {
		sendJson(res, 404, {status: 'error', errorType: 'not_found', error: `${path}: not served by the simulator's Prometheus (only /api/v1/query and /api/v1/query_range)`});
		return true;
	}
	const matches = parseSelector(query.get('query') ?? '');
	if (!matches) {
		badData(res, `invalid parameter "query": the simulator's Prometheus answers a metric name or {__name__=~"A|B"}, got ${JSON.stringify(query.get('query'))}`);
		return true;
	}
	if (path === 'api/v1/query') {
		const at = timeParam(query.get('time'), nowMs);
		if (at === undefined) return badData(res, 'invalid parameter "time"'), true;
		const result = scrapeAt(store, at)
			.filter(s => matches(s.name))
			.map(s => ({metric: s.labels, value: [seconds(at), String(s.value)]}));
		sendJson(res, 200, {status: 'success', data: {resultType: 'vector', result}});
		return true;
	}
	const start = timeParam(query.get('start'), NaN);
	const end = timeParam(query.get('end'), NaN);
	const step = stepParam(query.get('step'));
	if (start === undefined || end === undefined || Number.isNaN(start) || Number.isNaN(end)) return badData(res, 'invalid parameter "start" or "end"'), true;
	if (step === undefined || step <= 0) return badData(res, 'invalid parameter "step": zero or negative query resolution step widths are not accepted'), true;
	if (end < start) return badData(res, 'invalid parameter "end": end timestamp must not be before start time'), true;
	if ((end - start) / step > MAX_POINTS) return badData(res, 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)'), true;
	const series = new Map<string, {metric: Labels; values: Array<[number, string]>}>();
	for (let at = start; at <= end; at += step) {
		for (const sample of scrapeAt(store, at)) {
			if (!matches(sample.name)) continue;
			const key = JSON.stringify(sample.labels);
			let entry = series.get(key);
			if (!entry) series.set(key, (entry = {metric: sample.labels, values: []}));
			entry.values.push([seconds(at), String(sample.value)]);
		}
	}
	sendJson(res, 200, {status: 'success', data: {resultType: 'matrix', result: [...series.values()]}});
	return true;
}
