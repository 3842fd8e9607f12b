// The log view's state and what each key does to it, kept pure: the buffer is read, never
// changed here; restarting the stream or saving are returned for the caller to run.
import type {InkKey} from '../config/keys.js';
import {editText} from './dialogs.js';
import {entryMatches, MAX_LINE_LENGTH, type EntrySource, type LogEntry} from '../model/logEntry.js';
import {SCROLL_COLUMNS} from './pagerSteps.js';

/** kubectl's --since choices behind keys 0–5; 0 means "the last logTailLines lines". */
export const SINCE_CHOICES: ReadonlyArray<{label: string; seconds?: number}> = [
	{label: 'tail'},
	{label: '1m', seconds: 60},
	{label: '5m', seconds: 300},
	{label: '15m', seconds: 900},
	{label: '30m', seconds: 1800},
	{label: '1h', seconds: 3600},
];

export interface LogViewState {
	title: string;
	/** Follow the newest line; off while the operator reads back. */
	autoscroll: boolean;
	/** Absolute index of the last entry shown when not following. */
	bottom: number;
	timestamps: boolean;
	wrap: boolean;
	/** First display column of the text when not wrapping (left/right). */
	column: number;
	json: boolean;
	previous: boolean;
	since: number;
	/** The search being typed after '/'. */
	searchInput?: string;
	/** The applied search, highlighted. */
	search?: string;
	/** Absolute index of the match n/N last jumped to. */
	match?: number;
	/** One line about the stream: streaming, reconnecting, ended. */
	stream: string;
	/** The last thing a key did, e.g. the saved file's path. */
	note?: string;
	/** Key help shown over the lines ('?'), generated from the key map by the caller. */
	help?: string[];
}

export function openLogView(title: string, options: {previous?: boolean} = {}): LogViewState {
	return {title, autoscroll: true, bottom: 0, timestamps: false, wrap: false, column: 0, json: false, previous: options.previous ?? false, since: 0, stream: 'connecting…'};
}

export type LogEffect = 'restart' | 'save' | 'close';

export interface LogKeyResult {
	state: LogViewState;
	effect?: LogEffect;
}

/** Absolute index of the newest entry (or -1 when empty). */
export function lastIndex(source: EntrySource): number {
	return source.dropped + source.size - 1;
}

/** The entry the window ends on. */
export function bottomOf(state: LogViewState, source: EntrySource): number {
	if (state.autoscroll) return lastIndex(source);
	return Math.min(Math.max(state.bottom, source.dropped), lastIndex(source));
}

function findMatch(source: EntrySource, query: string, from: number, direction: 1 | -1): number | undefined {
	const first = source.dropped;
	const last = lastIndex(source);
	if (last < first) return undefined;
	const span = last - first + 1;
	// Start just past `from` and go round once, so n at the last match wraps to the first.
	let at = Math.min(Math.max(from, first - 1), last + 1);
	for (let step = 0; step < span; step++) {
		at += direction;
		if (at > last) at = first;
		if (at < first) at = last;
		const entry = source.at(at - first) as LogEntry | undefined;
		if (entry && entryMatches(entry, query)) return at;
	}
	return undefined;
}

function jump(state: LogViewState, source: EntrySource, direction: 1 | -1, pageSize: number): LogViewState {
	const query = state.search;
	if (!query) return {...state, note: 'no search yet: press / to search'};
	const from = state.match ?? (direction === 1 ? source.dropped - 1 : lastIndex(source) + 1);
	const hit = findMatch(source, query, from, direction);
	if (hit === undefined) return {...state, match: undefined, note: `no line matches "${query}"`};
	// Keep the match near the middle so the lines around it are readable.
	const bottom = Math.min(lastIndex(source), hit + Math.floor(pageSize / 2));
	const wrapped = direction === 1 ? hit <= from : hit >= from;
	return {...state, match: hit, autoscroll: false, bottom, note: wrapped && state.match !== undefined ? 'search wrapped around' : undefined};
}

function scroll(state: LogViewState, source: EntrySource, delta: number): LogViewState {
	const last = lastIndex(source);
	const bottom = Math.min(Math.max(bottomOf(state, source) + delta, Math.min(source.dropped, last)), last);
	return {...state, autoscroll: false, bottom};
}

/** prompt.submit on the search line: the first Enter jumps to the newest match at or above the window, as less's ?-search would. */
export function submitSearch(state: LogViewState, source: EntrySource, pageSize: number): LogViewState {
	const query = (state.searchInput ?? '').trim();
	if (query === '') return {...state, searchInput: undefined, search: undefined, match: undefined, note: 'search cleared'};
	const base: LogViewState = {...state, searchInput: undefined, search: query, match: undefined};
	const hit = findMatch(source, query, bottomOf(state, source) + 1, -1);
	if (hit === undefined) return {...base, note: `no line matches "${query}"`};
	return {...base, match: hit, autoscroll: hit === lastIndex(source) ? state.autoscroll : false, bottom: Math.min(lastIndex(source), hit + Math.floor(pageSize / 2)), note: undefined};
}

/** A key the map leaves unbound while the search line is open: it edits the text. */
export function editSearch(state: LogViewState, input: string, key: Partial<InkKey>): LogViewState {
	return {...state, searchInput: editText(state.searchInput ?? '', input, key)};
}

/** One action id, resolved through the key map's [logs, global] contexts. */
export function logAction(state: LogViewState, source: EntrySource, action: string, arg: string | undefined, pageSize: number): LogKeyResult {
	const page = Math.max(1, pageSize);
	const cleared = {...state, note: undefined};
	// Help is a layer over the lines: the keys that close it close only it.
	if (state.help && (action === 'view.back' || action === 'view.help')) return {state: {...cleared, help: undefined}};
	switch (action) {
		case 'view.back':
			return {state, effect: 'close'};
		case 'nav.up':
			return {state: scroll(cleared, source, -1)};
		case 'nav.down':
			return {state: scroll(cleared, source, 1)};
		case 'nav.pageUp':
			return {state: scroll(cleared, source, -page)};
		case 'nav.pageDown':
			return {state: scroll(cleared, source, page)};
		case 'nav.top':
			return {state: {...cleared, autoscroll: false, bottom: source.dropped + page - 1}};
		case 'nav.bottom':
			return {state: {...cleared, autoscroll: true, note: 'following'}};
		case 'logs.autoscroll':
			return state.autoscroll
				? {state: {...cleared, autoscroll: false, bottom: lastIndex(source), note: 'autoscroll paused (s resumes)'}}
				: {state: {...cleared, autoscroll: true, note: 'autoscroll resumed'}};
		case 'logs.timestamps':
			return {state: {...cleared, timestamps: !state.timestamps}};
		case 'logs.wrap':
			return {state: {...cleared, wrap: !state.wrap, column: 0}};
		case 'nav.left':
		case 'nav.right':
			if (state.wrap) return {state: {...cleared, note: 'lines wrap: w turns wrap off to scroll sideways'}};
			return {state: {...cleared, column: Math.max(0, Math.min(state.column + (action === 'nav.left' ? -SCROLL_COLUMNS : SCROLL_COLUMNS), MAX_LINE_LENGTH))}};
		case 'logs.json':
			return {state: {...cleared, json: !state.json, note: state.json ? 'raw lines' : 'JSON lines pretty-printed'}};
		case 'logs.previous':
			return {state: {...cleared, previous: !state.previous, autoscroll: true, match: undefined}, effect: 'restart'};
		case 'logs.since': {
			const since = Number(arg ?? '0');
			if (!Number.isInteger(since) || since < 0 || since >= SINCE_CHOICES.length) return {state: {...cleared, note: `no such since choice: ${arg ?? ''}`}};
			return {state: {...cleared, since, autoscroll: true, match: undefined}, effect: 'restart'};
		}
		case 'logs.search':
			return {state: {...cleared, searchInput: ''}};
		case 'logs.next':
			return {state: jump(cleared, source, 1, page)};
		case 'logs.prev':
			return {state: jump(cleared, source, -1, page)};
		case 'logs.save':
			return {state: cleared, effect: 'save'};
		default:
			return {state: {...cleared, note: `${action} does nothing in the log view`}};
	}
}
