// Building blocks for kubectl-describe-like text: a writer that emits tab-separated lines
// (aligned at the end by alignTabs, as kubectl's tabwriter would), timestamps in kubectl's
// RFC 1123Z form, multi-line label/annotation maps, and the Events table.
import type {KubeObject} from './types.js';
import {rec, str, num, stringMap} from './json.js';
import {formatAge, parseTime} from './age.js';
import {alignTabs} from './tabwriter.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {cutToWidth, displayWidth} from '../terminal/width.js';
import {wrapWords} from '../terminal/wrapWords.js';

/** Longer values are cut: describe is a summary, and the YAML view shows them whole (e). */
export const MAX_VALUE = 2048;

function jsonOf(value: object): string {
	try {
		return JSON.stringify(value);
	} catch {
		return '<nested too deeply to show here; see the YAML view>'; // JSON.stringify recurses per level
	}
}

/** Any value from the cluster as one safe line: no newlines, no tabs (they would split cells), at most MAX_VALUE units. */
export function flat(value: unknown): string {
	if (value === undefined || value === null) return '';
	const whole = typeof value === 'string' ? value : typeof value === 'object' ? jsonOf(value) : String(value);
	const cut = whole.length > MAX_VALUE;
	const text = cut ? whole.slice(0, MAX_VALUE) : whole;
	const line = text.replace(/\t/g, ' ').replace(/\s*[\r\n]+\s*/g, ' ').trim();
	return cut ? `${line}… (${whole.length} characters in all; y shows the YAML, e there shows it whole)` : line;
}

export class DescribeWriter {
	private readonly buffer: string[] = [];

	/** A line at an indentation level (2 spaces each, like kubectl's LEVEL_n); '\t' separates columns. */
	line(level: number, text: string): void {
		this.buffer.push('  '.repeat(level) + text);
	}

	/** 'Key:\tvalue' — the value is flattened to one line. */
	kv(level: number, key: string, value: unknown): void {
		this.line(level, `${key}:\t${flat(value)}`);
	}

	/** 'Key:\tfirst' then '\tsecond'…: kubectl's multi-line maps (Labels, Taints); '<none>' when empty. */
	multi(level: number, key: string, values: string[]): void {
		if (values.length === 0) {
			this.kv(level, key, '<none>');
			return;
		}
		this.line(level, `${key}:\t${flat(values[0])}`);
		for (const v of values.slice(1)) this.line(level, `\t${flat(v)}`);
	}

	/** A table with a header row and, like kubectl for events and conditions, an optional dashes row. */
	table(level: number, header: string[], rows: unknown[][], dashes = false): void {
		this.line(level, header.join('\t'));
		if (dashes) this.line(level, header.map((h) => '-'.repeat(h.length)).join('\t'));
		for (const row of rows) this.line(level, row.map(flat).join('\t'));
	}

	/**
	 * Cells are sanitised before they are aligned: an escape sequence or a bidi override in a
	 * value changes how many columns it takes once neutralised, and alignment must measure
	 * what will be drawn. A newline inside a line becomes a space rather than a new row.
	 */
	lines(): string[] {
		return alignTabs(this.buffer.map((line) => line.split('\t').map((cell) => sanitizeLine(cell)).join('\t')).join('\n'));
	}
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Go's time.RFC1123Z, as kubectl describe prints timestamps ('Sat, 01 Jun 2024 12:00:00 +0000').
 * Always UTC: the bastion's local zone is not something a pure function can know.
 */
export function rfc1123z(ms: number | undefined): string {
	if (ms === undefined) return '<unknown>';
	const d = new Date(ms);
	const two = (n: number): string => String(n).padStart(2, '0');
	return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

export function timestamp(value: unknown): string {
	return rfc1123z(parseTime(value));
}

function sortedEntries(map: Record<string, string>): Array<[string, string]> {
	return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function labelLines(labels: unknown): string[] {
	return sortedEntries(stringMap(labels)).map(([k, v]) => `${k}=${v}`);
}

// kubectl hides the applied configuration (a copy of the whole object) and cuts long values.
// kubectl cuts at 140 bytes, which can land inside a character; the cut here is at 140
// columns and between graphemes, so an emoji or a ZWJ sequence is kept whole or left out.
const HIDDEN_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION = 140;

export function annotationLines(annotations: unknown): string[] {
	return sortedEntries(stringMap(annotations))
		.filter(([k]) => !HIDDEN_ANNOTATIONS.has(k))
		.map(([k, v]) => {
			const value = sanitizeLine(flat(v));
			return `${k}: ${displayWidth(value) > MAX_ANNOTATION ? `${cutToWidth(value, MAX_ANNOTATION)}...` : value}`;
		});
}

/** Name/Namespace/Labels/Annotations as most describers open. */
export function describeMeta(w: DescribeWriter, object: KubeObject, options: {created?: boolean} = {}): void {
	w.kv(0, 'Name', object.metadata.name);
	if (object.metadata.namespace !== undefined) w.kv(0, 'Namespace', object.metadata.namespace);
	if (options.created) w.kv(0, 'CreationTimestamp', timestamp(object.metadata.creationTimestamp));
	w.multi(0, 'Labels', labelLines(object.metadata.labels));
	w.multi(0, 'Annotations', annotationLines(object.metadata.annotations));
}

function eventTimes(e: KubeObject): {first?: number; last?: number; count: number; series: boolean} {
	const series = rec(e.series);
	const first = parseTime(e.eventTime) ?? parseTime(e.firstTimestamp);
	if (series) return {first, last: parseTime(series.lastObservedTime), count: num(series.count) ?? 1, series: true};
	return {first, last: parseTime(e.lastTimestamp) ?? first, count: num(e.count) ?? 1, series: false};
}

/** The width describe's Events are laid out for: the narrowest terminal kubedeck is made for. */
export const DESCRIBE_WIDTH = 80;
/** Below this many columns left for Message, each message goes on rows of its own instead. */
const MIN_MESSAGE_COLUMN = 30;

/**
 * The Events table: newest first (what an operator in an incident reads first); Age is '2m' for
 * one occurrence, '2m (x5 over 10m)' for repeats. It is laid out to be read whole in 80
 * columns: kubectl's table when every message fits the room the other columns leave; a long
 * message wraps under the Message column when that room is wide enough; otherwise (long Age and
 * From cells leave too little) each event's message goes on rows of its own under the event,
 * indented, so one long message can neither push the table off the screen nor be cut.
 */
export function describeEvents(w: DescribeWriter, events: readonly KubeObject[], now: number): void {
	if (events.length === 0) {
		w.kv(0, 'Events', '<none>');
		return;
	}
	const sorted = [...events].sort((a, b) => (eventTimes(b).last ?? 0) - (eventTimes(a).last ?? 0));
	w.line(0, 'Events:');
	const header = ['Type', 'Reason', 'Age', 'From'];
	const cells = sorted.map((e) => {
		const t = eventTimes(e);
		const first = formatAge(t.first, now);
		const age = t.series || t.count > 1 ? `${formatAge(t.last, now)} (x${t.count} over ${first})` : first;
		const from = str(rec(e.source)?.component) || str(e.reportingComponent) || str(e.reportingController) || '';
		return {lead: [str(e.type) ?? '', str(e.reason) ?? '', age, from].map((cell) => sanitizeLine(cell)), message: sanitizeLine(flat(str(e.message) ?? ''))};
	});
	// Where Message starts: the indent, then each column as wide as its widest cell plus two.
	const widths = header.map((title, i) => Math.max(displayWidth(title), ...cells.map((c) => displayWidth(c.lead[i]!))));
	const room = DESCRIBE_WIDTH - (2 + widths.reduce((sum, width) => sum + width + 2, 0));
	if (room >= MIN_MESSAGE_COLUMN || cells.every((c) => displayWidth(c.message) <= room)) {
		const rows = cells.flatMap((c) => {
			const [opening, ...more] = wrapWords(c.message, Math.max(room, MIN_MESSAGE_COLUMN));
			return [[...c.lead, opening ?? ''], ...more.map((piece) => ['', '', '', '', piece])];
		});
		w.table(1, [...header, 'Message'], rows, true);
		return;
	}
	// Padded by hand: the message rows have no tabs, and a tab-less row would end the tab-aligned block.
	const pad = (row: readonly string[]) => row.map((cell, i) => (i < row.length - 1 ? cell + ' '.repeat(widths[i]! - displayWidth(cell) + 2) : cell)).join('');
	w.line(1, pad(header));
	w.line(1, pad(header.map((title) => '-'.repeat(title.length))));
	for (const c of cells) {
		w.line(1, pad(c.lead));
		for (const piece of wrapWords(c.message, DESCRIBE_WIDTH - 4)) w.line(2, piece);
	}
}
