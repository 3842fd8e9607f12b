// Log entries → rows on the screen: pure layout of the visible lines (the entries themselves,
// already sanitised, are source/model/logEntry.ts).
import {sanitizeLine} from '../../source/terminal/sanitize.js';
import {displayWidth, sliceColumns, wrapToWidth} from '../../source/terminal/width.js';
import {MAX_LINE_LENGTH, type EntrySource, type LogEntry} from '../../source/model/logEntry.js';

export interface LayoutOptions {
	timestamps: boolean;
	json: boolean;
	wrap: boolean;
	width: number;
	/** First display column of the text when not wrapping. */
	column?: number;
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
		const pieces = options.wrap ? wrapToWidth(line, width, room) : [sliceColumns(line, options.column ?? 0, room)];
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
