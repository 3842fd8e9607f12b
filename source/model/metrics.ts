// CPU and memory usage from metrics.k8s.io/v1beta1 (PodMetrics, NodeMetrics), read and printed
// the way `kubectl top` does, so the two agree: CPU in whole millicores rounded up
// (Quantity.MilliValue), memory in whole MiB rounded down, percentages truncated.
import type {KubeObject} from './types.js';
import {arr, rec, str} from './json.js';
import {tryParseQuantity} from './quantity.js';

/** One pod's or node's sample: CPU in millicores, memory in bytes. */
export interface Usage {
	cpuMilli: number;
	memoryBytes: number;
	/** Sample time (epoch ms) and the window it covers (ms), as the metrics API gives them. */
	timestamp?: number;
	windowMs?: number;
}

/** What the metrics columns read: usage by `namespace/name` (pods) or name (nodes), or why there is none. */
export interface UsageTable {
	byKey: ReadonlyMap<string, Usage>;
	/** Set when the metrics API is absent or failing: one line saying why. */
	unavailable?: string;
	/** The newest sample's timestamp (epoch ms), for the age shown beside the columns. */
	sampledAt?: number;
}

export const emptyUsage: UsageTable = {byKey: new Map()};

/** Whole nanocores of a CPU quantity ("1234567n", "250m", "2"); 0 if unreadable. */
export function nanoCpu(text: unknown): number {
	const cores = tryParseQuantity(typeof text === 'string' ? text : undefined);
	return cores === undefined ? 0 : Math.round(cores * 1e9);
}

/** Millicores rounded up, as Quantity.MilliValue reads "1234567n". */
export const milliCpu = (text: unknown): number => milliOfNano(nanoCpu(text));

const milliOfNano = (nano: number): number => Math.ceil(nano / 1e6);

/** Bytes, as Quantity.Value reads "12345Ki". */
export function bytesOf(text: unknown): number {
	return Math.ceil(tryParseQuantity(typeof text === 'string' ? text : undefined) ?? 0);
}

/** metav1.Duration text ("15s", "1m0.5s", "15.012s") → ms; undefined if unreadable. */
export function durationMs(text: unknown): number | undefined {
	if (typeof text !== 'string') return undefined;
	const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/gy;
	let total = 0;
	let matched = 0;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		const unit = {h: 3_600_000, m: 60_000, s: 1000, ms: 1}[m[2] as 'h' | 'm' | 's' | 'ms'];
		total += Number(m[1]) * unit;
		matched = re.lastIndex;
	}
	return matched === text.length && matched > 0 ? total : undefined;
}

function sampleTimes(item: KubeObject): Pick<Usage, 'timestamp' | 'windowMs'> {
	const out: Pick<Usage, 'timestamp' | 'windowMs'> = {};
	const ts = Date.parse(str((item as Record<string, unknown>).timestamp) ?? '');
	if (!Number.isNaN(ts)) out.timestamp = ts;
	const window = durationMs((item as Record<string, unknown>).window);
	if (window !== undefined) out.windowMs = window;
	return out;
}

/**
 * PodMetricsList items → usage by `namespace/name`. A pod sums its containers exactly and rounds
 * once, as kubectl top adds the Quantities before MilliValue (rounding each container first reads
 * a millicore high).
 */
export function podUsageTable(items: readonly KubeObject[]): UsageTable {
	const byKey = new Map<string, Usage>();
	let sampledAt: number | undefined;
	for (const item of items) {
		let cpuNano = 0;
		let memoryBytes = 0;
		for (const container of arr((item as Record<string, unknown>).containers)) {
			const usage = rec(rec(container)?.usage) ?? {};
			cpuNano += nanoCpu(usage.cpu);
			memoryBytes += bytesOf(usage.memory);
		}
		const times = sampleTimes(item);
		if (times.timestamp !== undefined) sampledAt = Math.max(sampledAt ?? 0, times.timestamp);
		byKey.set(`${item.metadata.namespace ?? ''}/${item.metadata.name}`, {cpuMilli: milliOfNano(cpuNano), memoryBytes, ...times});
	}
	return sampledAt === undefined ? {byKey} : {byKey, sampledAt};
}

/** NodeMetricsList items → usage by node name. */
export function nodeUsageTable(items: readonly KubeObject[]): UsageTable {
	const byKey = new Map<string, Usage>();
	let sampledAt: number | undefined;
	for (const item of items) {
		const usage = rec((item as Record<string, unknown>).usage) ?? {};
		const times = sampleTimes(item);
		if (times.timestamp !== undefined) sampledAt = Math.max(sampledAt ?? 0, times.timestamp);
		byKey.set(item.metadata.name, {cpuMilli: milliCpu(usage.cpu), memoryBytes: bytesOf(usage.memory), ...times});
	}
	return sampledAt === undefined ? {byKey} : {byKey, sampledAt};
}

/** kubectl top's CPU cell: "250m". */
export const formatMilli = (milli: number): string => `${milli}m`;

/** kubectl top's MEMORY cell: whole MiB, rounded down. */
export const formatMi = (bytes: number): string => `${Math.floor(bytes / (1024 * 1024))}Mi`;

/** A share as kubectl top prints CPU% / MEMORY%: truncated to a whole percent; '' without a base. */
export function percentOf(used: number, base: number | undefined): string {
	if (base === undefined || !(base > 0)) return '';
	return `${Math.trunc((used / base) * 100)}%`;
}

/** The numeric share for sorting (-1 when there is no base, so those rows sort together). */
export const shareOf = (used: number, base: number | undefined): number => (base !== undefined && base > 0 ? used / base : -1);

/** "12s" / "3m" — how old the newest sample is, for the line beside the columns. */
export function sampleAge(sampledAt: number | undefined, now: number): string {
	if (sampledAt === undefined) return '?';
	const seconds = Math.max(0, Math.floor((now - sampledAt) / 1000));
	return seconds < 120 ? `${seconds}s` : `${Math.floor(seconds / 60)}m`;
}
