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
 * Widths from the header and the rows on screen only (not all 50,000), capped. When the
 * total exceeds the terminal, the widest columns give way first so narrow ones stay whole,
 * and the protected column (NAME: what you act on) gives way only after all the others.
 */
export function columnWidths(headers: readonly string[], cells: readonly string[][], totalWidth: number, protect = -1): number[] {
	const widths = headers.map((header, i) => {
		let width = textWidth(header);
		for (const row of cells) width = Math.max(width, textWidth(row[i] ?? ''));
		return Math.min(width, MAX_COLUMN_WIDTH);
	});
	const budget = totalWidth - COLUMN_GAP * Math.max(0, widths.length - 1);
	let total = widths.reduce((a, b) => a + b, 0);
	const shrink = (floor: number, skip: number): void => {
		while (total > budget) {
			let widest = -1;
			widths.forEach((w, i) => {
				if (i !== skip && w > floor && (widest < 0 || w > widths[widest]!)) widest = i;
			});
			if (widest < 0) return;
			widths[widest]!--;
			total--;
		}
	};
	shrink(MIN_SHRUNK_WIDTH, protect);
	shrink(4, -1);
	return widths;
}

export function formatLine(
	texts: readonly string[],
	widths: readonly number[],
	columns: ReadonlyArray<{align?: 'left' | 'right'}>,
	totalWidth: number,
): string {
	const parts = texts.map((text, i) => pad(truncate(text, widths[i] ?? 0), widths[i] ?? 0, columns[i]?.align));
	return truncate(parts.join(' '.repeat(COLUMN_GAP)), totalWidth);
}

/** 'pods(production)[42]'; the scope reads 'all' across namespaces, and is omitted for cluster-scoped kinds. */
export function tableTitle(title: string, scope: string | undefined, count: number, detail?: string): string {
	const scoped = scope === undefined ? title : `${title}(${scope})`;
	return detail ? `${scoped}[${count}] <${detail}>` : `${scoped}[${count}]`;
}
