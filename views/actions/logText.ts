// Log lines from the cluster → rows on the screen. Untrusted text is neutralised once, when a
// line enters the buffer (escape sequences, controls, and a length cap so a 1 MB line costs a
// bounded amount of memory and layout); everything after that is pure layout of visible lines.
import {sanitizeLine} from '../../source/terminal/sanitize.js';
import {cutToWidth, displayWidth, wrapToWidth} from '../../source/terminal/width.js';

/** Longest line kept; longer ones end with '…' (the saved file gets the same text). */
export const MAX_LINE_LENGTH = 4096;

export interface LogEntry {
	text: string;
	timestamp?: string;
	/** 'pod/container' when several sources share the view. */
	source?: string;
	colour?: number;
	/** kubedeck's own line (stream ended, reconnecting, pod joined): shown dimmed, never saved as a log line. */
	notice?: 'info' | 'warn' | 'error';
}

export interface RawLine {
	text: string;
	timestamp?: string;
	truncated?: boolean;
	source?: string;
	colour?: number;
}

/**
 * A cut string in V8 may be a view into the original: kept in the ring buffer, a 4 KB slice
 * of a 1 MB line would hold the whole megabyte (10,000 of them: 10 GB). Copy it out.
 */
function detach(text: string, original: string): string {
	return text.length < original.length / 2 ? Buffer.from(text, 'utf16le').toString('utf16le') : text;
}

export function toEntry(line: RawLine): LogEntry {
	let text = detach(sanitizeLine(line.text, {maxLength: MAX_LINE_LENGTH}), line.text);
	if (line.truncated && !text.endsWith('…')) text += '…';
	const entry: LogEntry = {text};
	if (line.timestamp) entry.timestamp = sanitizeLine(line.timestamp, {maxLength: 40});
	if (line.source !== undefined) entry.source = sanitizeLine(line.source, {maxLength: 200});
	if (line.colour !== undefined) entry.colour = line.colour;
	return entry;
}

export function noticeEntry(text: string, level: 'info' | 'warn' | 'error' = 'info'): LogEntry {
	return {text: sanitizeLine(text, {maxLength: MAX_LINE_LENGTH}), notice: level};
}

/** The saved form of an entry: what the operator saw, with its source and timestamp. */
export function entryToFileLine(entry: LogEntry): string {
	const parts: string[] = [];
	if (entry.timestamp) parts.push(entry.timestamp);
	if (entry.source) parts.push(entry.source);
	parts.push(entry.text);
	return parts.join(' ');
}

export interface LayoutOptions {
	timestamps: boolean;
	json: boolean;
	wrap: boolean;
	width: number;
}

export interface DisplayRow {
	/** Absolute index of the entry (counting lines dropped by the ring buffer). */
	entry: number;
	/** Continuation rows of a wrapped or pretty-printed entry have no prefix. */
	prefix?: {text: string; colour?: number};
	timestamp?: string;
	text: string;
	notice?: LogEntry['notice'];
}

/** JSON objects/arrays pretty-printed; string values may hold escaped controls, so every line is sanitised again. */
export function prettyJson(text: string): string[] | undefined {
	const first = text.trimStart()[0];
	if (first !== '{' && first !== '[') return undefined;
	try {
		const value: unknown = JSON.parse(text);
		if (value === null || typeof value !== 'object') return undefined;
		return JSON.stringify(value, null, 2)
			.split('\n')
			.map((line) => sanitizeLine(line, {maxLength: MAX_LINE_LENGTH}));
	} catch {
		return undefined;
	}
}

/**
 * The rows one entry occupies, each at most `width` columns, cut between graphemes. Without
 * wrap a row is cut to the width here (cheap for Ink to lay out).
 */
export function entryRows(entry: LogEntry, index: number, options: LayoutOptions): DisplayRow[] {
	const width = Math.max(10, options.width);
	const prefix = entry.source ? {text: `${entry.source} `, ...(entry.colour !== undefined ? {colour: entry.colour} : {})} : undefined;
	const stamp = options.timestamps && entry.timestamp ? `${entry.timestamp} ` : undefined;
	const lead = displayWidth(prefix?.text ?? '') + displayWidth(stamp ?? '');
	const logical = (!entry.notice && options.json && prettyJson(entry.text)) || [entry.text];
	const rows: DisplayRow[] = [];
	logical.forEach((line, lineIndex) => {
		const room = lineIndex === 0 ? width - lead : width;
		const pieces = options.wrap ? wrapToWidth(line, width, room) : [cutToWidth(line, room)];
		pieces.forEach((text, pieceIndex) => {
			const row: DisplayRow = {entry: index, text};
			if (lineIndex === 0 && pieceIndex === 0) {
				if (prefix) row.prefix = prefix;
				if (stamp) row.timestamp = stamp;
			}
			if (entry.notice) row.notice = entry.notice;
			rows.push(row);
		});
	});
	return rows;
}

export interface EntrySource {
	readonly size: number;
	/** Lines dropped by the ring buffer: absolute index = dropped + position. */
	readonly dropped: number;
	at(index: number): LogEntry | undefined;
}

/**
 * The rows that fill `height` lines ending with entry `bottom` (absolute). Only the entries
 * that can appear are laid out: a 10,000-line buffer costs the same as a 30-line one.
 */
export function windowRows(source: EntrySource, bottom: number, height: number, options: LayoutOptions): DisplayRow[] {
	if (source.size === 0 || height <= 0) return [];
	const last = Math.min(Math.max(bottom - source.dropped, 0), source.size - 1);
	const rows: DisplayRow[] = [];
	for (let i = last; i >= 0 && rows.length < height; i--) {
		const entry = source.at(i);
		if (!entry) continue;
		rows.unshift(...entryRows(entry, source.dropped + i, options));
	}
	return rows.slice(Math.max(0, rows.length - height));
}

/** Case-insensitive plain-text search: operators search for IDs and error words, not regexes. */
export function entryMatches(entry: LogEntry, query: string): boolean {
	if (query === '' || entry.notice) return false;
	const q = query.toLowerCase();
	return entry.text.toLowerCase().includes(q) || (entry.source?.toLowerCase().includes(q) ?? false);
}

/** Splits text into plain and matching pieces for highlighting. */
export function highlight(text: string, query: string): Array<{text: string; match: boolean}> {
	if (query === '') return [{text, match: false}];
	const lower = text.toLowerCase();
	const q = query.toLowerCase();
	// Rare letters change length when lower-cased; offsets would then point elsewhere.
	if (lower.length !== text.length) return [{text, match: false}];
	const parts: Array<{text: string; match: boolean}> = [];
	let at = 0;
	for (let hit = lower.indexOf(q); hit >= 0; hit = lower.indexOf(q, hit + q.length)) {
		if (hit > at) parts.push({text: text.slice(at, hit), match: false});
		parts.push({text: text.slice(hit, hit + q.length), match: true});
		at = hit + q.length;
	}
	if (at < text.length || parts.length === 0) parts.push({text: text.slice(at), match: false});
	return parts;
}
