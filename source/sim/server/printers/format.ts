// The text helpers the API server's printers share: column definitions, ages
// (apimachinery's duration.HumanDuration), label maps and label selectors as their
// String() methods write them. The simulator's own implementation of that behaviour.
import type {KubeObject} from '../../../model/types.js';
import {parseTime} from '../../time.js';

export interface ColumnDefinition {
	name: string;
	type: string;
	format: string;
	description: string;
	priority: number;
}

/** A Table cell: Go int64s serialise as JSON numbers; custom resources' columns may also hold booleans or null. */
export type Cell = string | number | boolean | null;

export type Printer = {columns: ColumnDefinition[]; cells(object: KubeObject, now: number): Cell[]};

export const col = (name: string, type = 'string', priority = 0, format = ''): ColumnDefinition => ({name, type, format, description: name, priority});
export const wide = (name: string, type = 'string') => col(name, type, 1);
export const nameColumn = col('Name', 'string', 0, 'name');

/** Walks plain JSON; anything missing on the way reads as undefined. */
export function get(object: unknown, ...keys: string[]): unknown {
	let cursor = object;
	for (const k of keys) cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string, unknown>)[k] : undefined;
	return cursor;
}
/** A Go integer field: absent is zero. */
export const int = (v: unknown): number => (typeof v === 'number' ? v : 0);
/** A Go string field: absent is "". */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const orNone = (text: string): string => text || '<none>';
export const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

type Unit = readonly [ms: number, suffix: string];
const [s, m, h, d, y]: Unit[] = [[SECOND, 's'], [MINUTE, 'm'], [HOUR, 'h'], [DAY, 'd'], [YEAR, 'y']];
/** Below each bound: the duration in whole `unit`s, and the remainder in whole `rest`s when non-zero. */
const PRECISION: ReadonlyArray<{below: number; unit: Unit; rest?: Unit}> = [
	{below: 2 * MINUTE, unit: s},
	{below: 10 * MINUTE, unit: m, rest: s},
	{below: 3 * HOUR, unit: m},
	{below: 8 * HOUR, unit: h, rest: m},
	{below: 2 * DAY, unit: h},
	{below: 8 * DAY, unit: d, rest: h},
	{below: 2 * YEAR, unit: d},
	{below: 8 * YEAR, unit: y, rest: d},
	{below: Infinity, unit: y},
];

/**
 * duration.HumanDuration: two or three significant figures, coarser as durations grow. Go
 * truncates toward zero, and up to 1.999s in the future (clock skew) still reads "0s".
 */
export function humanDuration(ms: number): string {
	if (ms <= -2 * SECOND) return '<invalid>';
	if (ms < SECOND) return '0s';
	const rule = PRECISION.find(p => ms < p.below)!;
	const text = `${Math.trunc(ms / rule.unit[0])}${rule.unit[1]}`;
	const rest = rule.rest ? Math.trunc((ms % rule.unit[0]) / rule.rest[0]) : 0;
	return rest ? `${text}${rest}${rule.rest![1]}` : text;
}

/** translateTimestampSince: "<unknown>" for an absent time. */
export function since(timestamp: unknown, now: number): string {
	const at = parseTime(timestamp);
	return at === undefined ? '<unknown>' : humanDuration(now - at);
}

export const age = (o: KubeObject, now: number): string => since(o.metadata.creationTimestamp, now);

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** labels.FormatLabels: k=v pairs sorted by key, or <none>. */
export function formatLabels(labels: unknown): string {
	const keys = Object.keys((labels as Record<string, string> | undefined) ?? {}).sort(byText);
	return keys.length ? keys.map(k => `${k}=${(labels as Record<string, string>)[k]}`).join(',') : '<none>';
}

type Expression = {key?: string; operator?: string; values?: string[]};
const operatorText: Record<string, (key: string, values: string[]) => string | undefined> = {
	In: (key, values) => (values.length ? `${key} in (${values.join(',')})` : undefined),
	NotIn: (key, values) => (values.length ? `${key} notin (${values.join(',')})` : undefined),
	Exists: (key, values) => (values.length ? undefined : key),
	DoesNotExist: (key, values) => (values.length ? undefined : `!${key}`),
};

/**
 * metav1.LabelSelectorAsSelector(...).String(): requirements ordered by key, set values sorted.
 * undefined when the selector cannot be converted (unknown operator, bad value count); "" for a
 * missing or empty selector, which select nothing and everything respectively but print alike.
 */
export function selectorText(selector: unknown): string | undefined {
	if (!selector || typeof selector !== 'object') return '';
	const {matchLabels, matchExpressions} = selector as {matchLabels?: Record<string, string>; matchExpressions?: Expression[]};
	const requirements: Array<{key: string; text: string}> = Object.entries(matchLabels ?? {}).map(([key, value]) => ({key, text: `${key}=${value}`}));
	for (const e of matchExpressions ?? []) {
		const key = e.key ?? '';
		const text = operatorText[e.operator ?? '']?.(key, [...(e.values ?? [])].sort(byText));
		if (text === undefined) return undefined;
		requirements.push({key, text});
	}
	return requirements.sort((a, b) => byText(a.key, b.key)).map(r => r.text).join(',');
}

/** metav1.FormatLabelSelector: as selectorText, but <none> when empty and <error> when invalid. */
export function formatSelector(selector: unknown): string {
	const text = selectorText(selector);
	return text === undefined ? '<error>' : orNone(text);
}

type ContainerSpec = {name?: string; image?: string};
/** layoutContainerCells: the template's container names and images, comma-joined. */
export function containerCells(o: KubeObject): [string, string] {
	const containers = list<ContainerSpec>(get(o, 'spec', 'template', 'spec', 'containers'));
	return [containers.map(c => c.name ?? '').join(','), containers.map(c => c.image ?? '').join(',')];
}
