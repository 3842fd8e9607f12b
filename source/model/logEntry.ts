// A log line from the cluster as the log view keeps it. Untrusted text is neutralised once, when a
// line enters the buffer (escape sequences, controls, and a length cap so a 1 MB line costs a
// bounded amount of memory and layout); search and the saved file read these entries as they are.
import {sanitizeLine} from '../terminal/sanitize.js';

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

export interface EntrySource {
	readonly size: number;
	/** Lines dropped by the ring buffer: absolute index = dropped + position. */
	readonly dropped: number;
	at(index: number): LogEntry | undefined;
}

/** Case-insensitive plain-text search: operators search for IDs and error words, not regexes. */
export function entryMatches(entry: LogEntry, query: string): boolean {
	if (query === '' || entry.notice) return false;
	const q = query.toLowerCase();
	return entry.text.toLowerCase().includes(q) || (entry.source?.toLowerCase().includes(q) ?? false);
}
