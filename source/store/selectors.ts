// Selectors: the pure steps between a store snapshot and the rows a table shows (filter → sort,
// and where the selection lands). No I/O, no React: the controller's selector (source/ui/visible.ts)
// calls these once per change; the window of rows that fits on screen is source/ui/window.ts.
import {RE2JS, RE2JSSyntaxException} from 're2js';
import type {BaseRow, Column} from '../model/types.js';
import {compareIdentity, IdentityOrder} from './identityOrder.js';
import {CELL_SEPARATOR, dropHaystacks, haystacksFor} from './filterHaystack.js';

/** Which column orders a table, and which way. */
export interface SortState {
	column: string;
	ascending: boolean;
}

export interface ViewQuery {
	/** Text over the visible cells (see compileFilter); '-l k=v' is a label selector (server-side, ignored here). */
	filter?: string;
	/** Keep only rows whose severity is error or warn. */
	badOnly?: boolean;
	sort?: SortState;
	/** Without a sort, keep the rows in the order given (a pane whose rows come ranked). */
	keepOrder?: boolean;
}

export type TextMatcher = (text: string) => boolean;

/** `needle`: a plain filter's lowercased text, which the row's haystack (filterHaystack.ts) can answer. */
export type CompiledFilter = {match: TextMatcher; invert: boolean; needle?: string} | {error: string};

/** The mark that turns a filter into a regular expression: '/~^api-[0-9]+'. */
export const REGEX_MARK = '~';

/**
 * Compiles a filter: 'web' matches cells containing "web" (case-insensitive), '~re' is a
 * regular expression, '!' in front inverts either. Substring is the default because names are
 * full of '.', '-' and '[' that a regex would read as operators. Regexes run on RE2 (re2js):
 * matching time is linear in the text whatever the pattern, so '~(a+)+$' over 50k rows
 * cannot freeze the keys the way a backtracking engine does. An invalid regex is an error the
 * prompt shows; nothing else throws. Undefined when the filter selects everything.
 */
export function compileFilter(filter: string | undefined): CompiledFilter | undefined {
	if (filter === undefined) return undefined;
	let text = filter.trim();
	if (text === '' || isLabelFilter(text)) return undefined;
	let invert = false;
	if (text.startsWith('!')) {
		invert = true;
		text = text.slice(1);
	}
	if (!text.startsWith(REGEX_MARK)) {
		if (text === '') return undefined;
		const needle = text.toLowerCase();
		return {match: (s) => s.toLowerCase().includes(needle), invert, needle};
	}
	const pattern = text.slice(REGEX_MARK.length);
	if (pattern === '') return undefined;
	try {
		const regex = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
		return {match: (s) => regex.test(s), invert};
	} catch (error) {
		const reason = error instanceof RE2JSSyntaxException ? error.error || error.message : error instanceof Error ? error.message : String(error);
		return {error: `invalid regex ${pattern}: ${reason} (a filter without ${REGEX_MARK} matches plain text)`};
	}
}

/** Why a filter cannot run, for the prompt to show; undefined when it can. */
export function filterError(filter: string): string | undefined {
	const compiled = compileFilter(filter);
	return compiled && 'error' in compiled ? compiled.error : undefined;
}

/** '/-l app=web' is a label selector for the server, not a text filter. */
export function isLabelFilter(filter: string): boolean {
	return /^-l(\s|$)/.test(filter.trim());
}

/** A row matches when any visible cell does: '~^api' anchors at the start of a cell, as a user expects. */
function rowMatches<R extends BaseRow>(row: R, columns: readonly Column<R>[], now: number, match: TextMatcher): boolean {
	for (const column of columns) {
		if (match(column.cell(row, now))) return true;
	}
	return false;
}

/** The matcher for one row: a plain needle searches the row's kept haystack, anything else its cells. */
function rowMatcher<R extends BaseRow>(columns: readonly Column<R>[], now: number, filter: {match: TextMatcher; needle?: string}): (row: R) => boolean {
	const needle = filter.needle;
	// A needle holding the separator could match across two cells: those go cell by cell.
	if (needle !== undefined && !needle.includes(CELL_SEPARATOR)) {
		const haystackOf = haystacksFor(columns, now);
		return (row) => haystackOf(row).includes(needle);
	}
	return (row) => rowMatches(row, columns, now, filter.match);
}

type SortKey = string | number;

function compareKeys(a: SortKey, b: SortKey): number {
	if (typeof a === 'number' && typeof b === 'number') {
		if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
		if (Number.isNaN(b)) return -1;
		return a - b;
	}
	// Mixed kinds: numbers before strings, so blanks ('', '<none>') gather at one end.
	if (typeof a === 'number') return -1;
	if (typeof b === 'number') return 1;
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Each table's identity order (its columns stand for the table), kept while the table exists. */
const identityOrders = new WeakMap<object, IdentityOrder>();

function identityOrderFor(columns: object): IdentityOrder {
	let order = identityOrders.get(columns);
	if (!order) identityOrders.set(columns, (order = new IdentityOrder()));
	return order;
}

/**
 * Filter, keep bad rows only if asked, then sort. Without a sort (or with an unknown
 * column) rows are ordered by namespace/name, so the table never reshuffles by arrival order.
 * Ties always break by namespace/name/uid: the order is total and stable across frames.
 */
export function selectRows<R extends BaseRow>(rows: readonly R[], columns: Column<R>[], query: ViewQuery, now: number): R[] {
	const compiled = compileFilter(query.filter);
	// An invalid regex selects nothing; the prompt refuses it before it gets here.
	if (compiled && 'error' in compiled) return [];
	const matches = compiled ? rowMatcher(columns, now, compiled) : undefined;
	const invert = compiled?.invert ?? false;
	if (compiled?.needle === undefined) dropHaystacks(columns);
	const picked: number[] = [];
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i]!;
		if (query.badOnly && row.severity !== 'error' && row.severity !== 'warn') continue;
		if (matches && matches(row) === invert) continue;
		picked.push(i);
	}

	const column = query.sort ? columns.find((c) => c.id === query.sort!.column) : undefined;
	if (!column && query.keepOrder) return picked.map((i) => rows[i]!);
	const direction = query.sort?.ascending === false ? -1 : 1;
	const keys = column ? picked.map((i) => sortKeyOf(column, rows[i]!, now)) : undefined;
	const distinct = keys && new Set(keys);
	// Keys that rarely tie (AGE, NAME, IP) seldom reach the tie-break: ranking every row would cost
	// more than the few string compares it saves.
	if (keys && distinct!.size > keys.length / 2) return plainSort(picked.map((i) => rows[i]!), keys, direction);
	// Ranks of every row, not only those picked: the cache prunes against the whole table.
	const order = identityOrderFor(columns);
	const allRanks = order.ranks(rows);
	if (!allRanks) return plainSort(picked.map((i) => rows[i]!), keys, direction);
	const ranks = new Int32Array(picked.length);
	for (let p = 0; p < picked.length; p++) ranks[p] = allRanks[picked[p]!]!;
	const positions = keys ? sortedByKey(keys, distinct!, ranks, direction) : sortedByRank(ranks, order.size);
	return positions.map((p) => rows[picked[p]!]!);
}

/**
 * Positions 0..n-1 ordered by key, then by identity rank. Keys become numbers first: strings by
 * their place among the distinct values (a column such as STATUS has a handful), so the sort itself
 * compares numbers only. (Packing key and rank into one Float64Array for the engine's own numeric
 * sort was measured too: no faster at 150k, the distinct-key pass costing what the sort saved.)
 */
function sortedByKey(keys: SortKey[], distinct: ReadonlySet<SortKey>, ranks: Int32Array, direction: 1 | -1): number[] {
	const numeric = numericKeys(keys, distinct);
	const positions = Array.from({length: keys.length}, (_, p) => p);
	if (numeric) positions.sort((a, b) => (numeric[a]! - numeric[b]!) * direction || ranks[a]! - ranks[b]!);
	else positions.sort((a, b) => compareKeys(keys[a]!, keys[b]!) * direction || ranks[a]! - ranks[b]!);
	return positions;
}

/** Keys as numbers in the same order; undefined when they mix numbers and strings or hold NaN. */
function numericKeys(keys: SortKey[], distinct: ReadonlySet<SortKey>): Float64Array | undefined {
	const out = new Float64Array(keys.length);
	if (keys.every((k) => typeof k === 'number')) {
		for (let i = 0; i < keys.length; i++) {
			if (Number.isNaN(keys[i])) return undefined;
			out[i] = keys[i] as number;
		}
		return out;
	}
	if (!keys.every((k) => typeof k === 'string')) return undefined;
	// Without a comparator strings sort by UTF-16 code units, as `<` compares them.
	const ordinal = new Map([...(distinct as ReadonlySet<string>)].sort().map((k, i) => [k, i]));
	for (let i = 0; i < keys.length; i++) out[i] = ordinal.get(keys[i] as string)!;
	return out;
}

/** Positions 0..n-1 in rank order: ranks are below `size`, so they are placed, not compared. */
function sortedByRank(ranks: Int32Array, size: number): number[] {
	const slots = new Int32Array(size).fill(-1);
	for (let p = 0; p < ranks.length; p++) {
		// Two rows with one identity: let a stable sort keep them in the order given.
		if (slots[ranks[p]!] !== -1) return Array.from({length: ranks.length}, (_, q) => q).sort((a, b) => ranks[a]! - ranks[b]!);
		slots[ranks[p]!] = p;
	}
	const positions: number[] = [];
	for (const p of slots) if (p !== -1) positions.push(p);
	return positions;
}

/** The same order, comparing the strings: for keys that rarely tie, and rows whose uids do not name one identity each. */
function plainSort<R extends BaseRow>(selected: R[], keys: SortKey[] | undefined, direction: 1 | -1): R[] {
	if (!keys) return selected.sort(compareIdentity);
	const keyed = selected.map((row, i) => ({row, key: keys[i]!}));
	keyed.sort((a, b) => compareKeys(a.key, b.key) * direction || compareIdentity(a.row, b.row));
	return keyed.map((k) => k.row);
}

function sortKeyOf<R extends BaseRow>(column: Column<R>, row: R, now: number): SortKey {
	if (column.sortValue) return column.sortValue(row, now);
	return column.cell(row, now).toLowerCase();
}

/** Where the selection lands after the rows changed: the same object if it is still there, else the nearest index. */
export function followSelection<R extends BaseRow>(rows: readonly R[], selectedUid: string | undefined, previousIndex: number): number {
	if (rows.length === 0) return 0;
	if (selectedUid !== undefined) {
		const index = rows.findIndex((r) => r.uid === selectedUid);
		if (index >= 0) return index;
	}
	return Math.min(Math.max(0, previousIndex), rows.length - 1);
}
