// Prometheus' HTTP API (/api/v1/query, /api/v1/query_range), reached either at a URL from the
// settings or as a Service through the API server's services/proxy — the second works over the
// kubeconfig alone, from a bastion. Answers are checked for the documented JSON shape; anything
// else (unreachable, 4xx/5xx, not JSON, status "error") is one PrometheusError whose message says
// where and why in a line, for the GPU header.
import type {PrometheusTarget} from '../config/settings-telemetry.js';
import {KubeError} from './kubeError.js';
import type {Transport} from './transport.js';

export class PrometheusError extends Error {}

export interface InstantSample {
	metric: Readonly<Record<string, string>>;
	/** [unix seconds, value as text] */
	value: [number, string];
}

export interface RangeSeries {
	metric: Readonly<Record<string, string>>;
	values: Array<[number, string]>;
}

export interface PrometheusApi {
	/** 'http://prom:9090' or 'service monitoring/prometheus:9090': for messages. */
	readonly where: string;
	get(path: 'query' | 'query_range', params: Record<string, string>, timeoutMs: number): Promise<unknown>;
}

type FetchLike = (url: string, init: {signal: AbortSignal; headers: Record<string, string>}) => Promise<{ok: boolean; status: number; text(): Promise<string>}>;

const firstLine = (text: string): string => text.split('\n')[0]!.slice(0, 200);

/** The API at a URL (fetch), or behind a Service through the API server (the session's transport). */
export function prometheusApi(target: PrometheusTarget, transport: Transport, fetchFn: FetchLike = fetch): PrometheusApi {
	if ('url' in target) {
		return {
			where: target.url,
			async get(path, params, timeoutMs) {
				const url = `${target.url}/api/v1/${path}?${new URLSearchParams(params).toString()}`;
				let text: string;
				let status: number;
				try {
					const res = await fetchFn(url, {signal: AbortSignal.timeout(timeoutMs), headers: {accept: 'application/json'}});
					status = res.status;
					text = await res.text();
				} catch (error) {
					const cause = (error as {cause?: {code?: string; message?: string}}).cause;
					const why = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000}s` : (cause?.code ?? cause?.message ?? (error as Error).message);
					throw new PrometheusError(`${target.url} unreachable (${why})`);
				}
				return parseAnswer(text, status, target.url);
			},
		};
	}
	const {namespace, name, port} = target.service;
	const where = `service ${namespace}/${name}:${port}`;
	return {
		where,
		async get(path, params, timeoutMs) {
			try {
				const answer = await transport.request<unknown>({path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(`${name}:${port}`)}/proxy/api/v1/${path}`, query: params, timeoutMs});
				return parseAnswer(answer, 200, where);
			} catch (error) {
				if (error instanceof PrometheusError) throw error;
				if (error instanceof KubeError) throw new PrometheusError(`${where}: ${error.status > 0 ? `${error.status} ` : ''}${firstLine(error.message)}`);
				throw new PrometheusError(`${where}: ${error instanceof Error ? firstLine(error.message) : String(error)}`);
			}
		},
	};
}

/** Prometheus' envelope: {status: 'success', data} or {status: 'error', errorType, error}. */
function parseAnswer(body: unknown, status: number, where: string): unknown {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			throw new PrometheusError(`${where} answered ${status} with something that is not JSON${body.trim() ? ` (${firstLine(body.trim()).slice(0, 60)})` : ''}`);
		}
	}
	const envelope = parsed as {status?: unknown; data?: unknown; errorType?: unknown; error?: unknown} | undefined;
	if (!envelope || typeof envelope !== 'object') throw new PrometheusError(`${where} answered ${status} without Prometheus' JSON envelope`);
	if (envelope.status === 'error') throw new PrometheusError(`${where} answered ${status}: ${String(envelope.errorType ?? 'error')}: ${firstLine(String(envelope.error ?? ''))}`);
	if (envelope.status !== 'success' || status >= 400) throw new PrometheusError(`${where} answered ${status} without a success status`);
	return envelope.data;
}

function resultOf(data: unknown, type: 'vector' | 'matrix', where: string): unknown[] {
	const d = data as {resultType?: unknown; result?: unknown} | undefined;
	if (!d || d.resultType !== type || !Array.isArray(d.result)) throw new PrometheusError(`${where}: expected a ${type} result, got ${JSON.stringify(d?.resultType ?? null)}`);
	return d.result;
}

const isLabels = (x: unknown): x is Record<string, string> => typeof x === 'object' && x !== null && Object.values(x).every((v) => typeof v === 'string');
const isPoint = (x: unknown): x is [number, string] => Array.isArray(x) && x.length === 2 && typeof x[0] === 'number' && typeof x[1] === 'string';

/** An instant query: the vector's samples (malformed entries are a PrometheusError, not skipped quietly). */
export async function instantQuery(api: PrometheusApi, promql: string, timeoutMs = 10_000, atSeconds?: number): Promise<InstantSample[]> {
	const data = await api.get('query', {query: promql, ...(atSeconds !== undefined ? {time: String(atSeconds)} : {})}, timeoutMs);
	const result = resultOf(data, 'vector', api.where);
	for (const sample of result) {
		const s = sample as {metric?: unknown; value?: unknown};
		if (!isLabels(s.metric) || !isPoint(s.value)) throw new PrometheusError(`${api.where}: a sample without metric labels and [time, "value"]`);
	}
	return result as InstantSample[];
}

/** A range query: the matrix's series. */
export async function rangeQuery(api: PrometheusApi, promql: string, startSeconds: number, endSeconds: number, stepSeconds: number, timeoutMs = 30_000): Promise<RangeSeries[]> {
	const data = await api.get('query_range', {query: promql, start: String(startSeconds), end: String(endSeconds), step: String(stepSeconds)}, timeoutMs);
	const result = resultOf(data, 'matrix', api.where);
	for (const series of result) {
		const s = series as {metric?: unknown; values?: unknown};
		if (!isLabels(s.metric) || !Array.isArray(s.values) || !s.values.every(isPoint)) throw new PrometheusError(`${api.where}: a series without metric labels and [[time, "value"], …]`);
	}
	return result as RangeSeries[];
}
