// Pure layout for the windowed table: which columns show, how wide each is, and the
// exact text of the header and of each row. Kept free of React so it is cheap to test
// and so the component only decides colour and highlight.
import type {BaseRow, Column} from '../../source/model/types.js';
import {sanitizeLine} from '../../source/terminal/sanitize.js';

/** No column grows past this, so one absurd pod name cannot push the rest off screen. */
export const MAX_COLUMN_WIDTH = 48;
export const COLUMN_GAP = 2;

export interface SortState {
	column: string;
	ascending: boolean;
}

export function visibleColumns<R extends BaseRow>(
	columns: readonly Column<R>[],
	options: {wide: boolean; allNamespaces: boolean},
): Column<R>[] {
	return columns.filter(
		(column) => (!column.wide || options.wide) && (!column.allNamespaces || options.allNamespaces),
	);
}

/** Display width by code point; wide CJK glyphs are rare in object names and counted as one. */
export function textWidth(text: string): number {
	let width = 0;
	for (const _ of text) width++;
	return width;
}

export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	if (textWidth(text) <= width) return text;
	if (width === 1) return '…';
	return Array.from(text).slice(0, width - 1).join('') + '…';
}

function pad(text: string, width: number, align: 'left' | 'right' | undefined): string {
	const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
	return align === 'right' ? fill + text : text + fill;
}

export function headerLabel<R extends BaseRow>(column: Column<R>, sort: SortState | undefined): string {
	if (sort && sort.column === column.id) return `${column.title}${sort.ascending ? '↑' : '↓'}`;
	return column.title;
}

/** Every cell is untrusted cluster text: sanitised to one inert line before it is measured. */
export function cellTexts<R extends BaseRow>(row: R, columns: readonly Column<R>[], now: number): string[] {
	return columns.map((column) => sanitizeLine(column.cell(row, now)));
}

/** Columns never shrink below this while others can still give way. */
const MIN_SHRUNK_WIDTH = 8;

/**
 * What a narrow terminal keeps longest. NAME and STATUS carry the meaning (STATUS is how a
 * bad row reads without colour); READY, RESTARTS and AGE are what an SRE scans next, and on
 * the GPU panes the accelerator model and the allocated/free counts.
 */
export type ColumnRank = 'name' | 'status' | 'essential' | 'other';

const essentialColumns = new Set(['namespace', 'ready', 'restarts', 'age', 'accelerator', 'allocated', 'free', 'gpus']);

export function columnRank(id: string): ColumnRank {
	if (id === 'name') return 'name';
	if (id === 'status') return 'status';
	return essentialColumns.has(id) ? 'essential' : 'other';
}

/**
 * Widths from the header and the rows on screen only (not all 50,000), capped. When the
 * total exceeds the terminal, in order: other columns shrink (widest first, to 8), NAME
 * shrinks to two thirds, other columns are dropped from the right (width 0; NAME gets the room
 * back), essential ones
 * shrink, and STATUS gives way last of all.
 */
export function columnWidths(headers: readonly string[], cells: readonly string[][], totalWidth: number, ranks: readonly ColumnRank[] = []): number[] {
	const widths = headers.map((header, i) => {
		let width = textWidth(header);
		for (const row of cells) width = Math.max(width, textWidth(row[i] ?? ''));
		return Math.min(width, MAX_COLUMN_WIDTH);
	});
	const rank = (i: number): ColumnRank => ranks[i] ?? 'other';
	const total = () => {
		const shown = widths.filter((w) => w > 0);
		return shown.reduce((a, b) => a + b, 0) + COLUMN_GAP * Math.max(0, shown.length - 1);
	};
	let over = total() - totalWidth;
	const shrink = (which: (r: ColumnRank) => boolean, floor: (i: number) => number): void => {
		while (over > 0) {
			let widest = -1;
			widths.forEach((w, i) => {
				if (w > 0 && which(rank(i)) && w > floor(i) && (widest < 0 || w > widths[widest]!)) widest = i;
			});
			if (widest < 0) return;
			widths[widest]!--;
			over--;
		}
	};
	shrink((r) => r === 'other', () => MIN_SHRUNK_WIDTH);
	const natural = [...widths];
	shrink((r) => r === 'name', (i) => Math.max(MIN_SHRUNK_WIDTH, Math.ceil(((natural[i] ?? 0) * 2) / 3)));
	for (let i = widths.length - 1; i >= 0 && over > 0; i--) {
		if (rank(i) !== 'other' || widths[i] === 0) continue;
		widths[i] = 0;
		over = total() - totalWidth;
	}
	// Room freed by a dropped column goes back to NAME first.
	widths.forEach((w, i) => {
		if (over >= 0 || rank(i) !== 'name') return;
		const back = Math.min(-over, (natural[i] ?? w) - w);
		widths[i] = w + back;
		over += back;
	});
	shrink((r) => r !== 'status', () => 4);
	shrink(() => true, () => 4);
	return widths;
}

/** One table line; columns of width 0 were dropped for lack of room and leave no gap. */
export function formatLine(
	texts: readonly string[],
	widths: readonly number[],
	columns: ReadonlyArray<{align?: 'left' | 'right'}>,
	totalWidth: number,
): string {
	const parts: string[] = [];
	texts.forEach((text, i) => {
		const width = widths[i] ?? 0;
		if (width > 0) parts.push(pad(truncate(text, width), width, columns[i]?.align));
	});
	return truncate(parts.join(' '.repeat(COLUMN_GAP)), totalWidth);
}

/** 'pods(production)[42]'; the scope reads 'all' across namespaces, and is omitted for cluster-scoped kinds. */
export function tableTitle(title: string, scope: string | undefined, count: number, detail?: string): string {
	const scoped = scope === undefined ? title : `${title}(${scope})`;
	return detail ? `${scoped}[${count}] <${detail}>` : `${scoped}[${count}]`;
}
