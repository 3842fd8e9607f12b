// Pure layout for the windowed table: how wide each shown column is, and the
// exact text of the header and of each row. Kept free of React so it is cheap to test
// and so the component only decides colour and highlight.
import type {BaseRow, Column} from '../../source/model/types.js';
import type {SortState} from '../../source/store/selectors.js';
import {sanitizeLine} from '../../source/terminal/sanitize.js';
import {displayWidth, fitToWidth, truncateToWidth} from '../../source/terminal/width.js';

/** No column grows past this, so one absurd pod name cannot push the rest off screen. */
export const MAX_COLUMN_WIDTH = 48;
export const COLUMN_GAP = 2;

export function headerLabel<R extends BaseRow>(column: Column<R>, sort: SortState | undefined): string {
	if (sort && sort.column === column.id) return `${column.title}${sort.ascending ? '↑' : '↓'}`;
	return column.title;
}

/**
 * A tab in a cell becomes one space: a cell has no tab stops of its own (where it starts
 * depends on the columns to its left), so expanding would only spend up to 8 columns of a
 * capped cell on blanks.
 */
const CELL_TAB_WIDTH = 1;

/** Every cell is untrusted cluster text: sanitised to one inert line before it is measured. */
export function cellTexts<R extends BaseRow>(row: R, columns: readonly Column<R>[], now: number): string[] {
	return columns.map((column) => sanitizeLine(column.cell(row, now), {tabWidth: CELL_TAB_WIDTH}));
}

/** Columns never shrink below this while others can still give way. */
const MIN_SHRUNK_WIDTH = 8;

/**
 * What a narrow terminal keeps longest. NAME and STATUS carry the meaning (STATUS is how a
 * bad row reads without colour); READY, RESTARTS and AGE are what an SRE scans next, and on
 * the GPU panes the accelerator model and the allocated/free counts.
 */
export type ColumnRank = 'name' | 'status' | 'essential' | 'useful' | 'other';

const essentialColumns = new Set(['namespace', 'ready', 'restarts', 'age', 'accelerator', 'allocated', 'free', 'gpus', 'health']);
/** Kept after the other columns have gone, but not at the price of a NAME too short to tell rows apart (LAST: a pod's last termination). */
const usefulColumns = new Set(['cpuuse', 'gpu', 'gpuutil', 'last']);

/** A column's rank by its id, or 'essential' when its kind marks it so (:hpa's REPLICAS). */
export function columnRank(id: string, essential = false): ColumnRank {
	if (id === 'name') return 'name';
	if (id === 'status') return 'status';
	if (usefulColumns.has(id)) return 'useful';
	return essential || essentialColumns.has(id) ? 'essential' : 'other';
}

/**
 * Widths from the header and the rows on screen only (not all 50,000), capped. When the
 * total exceeds the terminal, in order: other columns shrink (widest first, to 8), NAME
 * shrinks to two thirds, other columns are dropped from the right, then the useful ones (CPU-USE,
 * GPU, GPU%, LAST: width 0; NAME gets the room back), essential ones shrink, and STATUS gives way last of all.
 * When room is left over, a column that `grows` takes it past the cap, up to its longest text.
 */
export function columnWidths(headers: readonly string[], cells: readonly string[][], totalWidth: number, ranks: readonly ColumnRank[] = [], grows: readonly boolean[] = []): number[] {
	const wanted = headers.map((header, i) => {
		let width = displayWidth(header);
		for (const row of cells) width = Math.max(width, displayWidth(row[i] ?? ''));
		return width;
	});
	const widths = wanted.map((width) => Math.min(width, MAX_COLUMN_WIDTH));
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
	for (const dropped of ['other', 'useful'] as const) {
		for (let i = widths.length - 1; i >= 0 && over > 0; i--) {
			if (rank(i) !== dropped || widths[i] === 0) continue;
			widths[i] = 0;
			over = total() - totalWidth;
		}
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
	// The cap keeps one long cell from pushing the others off screen; room nobody else needs is
	// better spent on a reason or message than left blank at the right edge.
	widths.forEach((w, i) => {
		if (over >= 0 || !grows[i] || w === 0) return;
		const more = Math.min(-over, (wanted[i] ?? w) - w);
		if (more <= 0) return;
		widths[i] = w + more;
		over += more;
	});
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
	let lineWidth = 0;
	texts.forEach((text, i) => {
		const width = widths[i] ?? 0;
		if (width <= 0) return;
		parts.push(fitToWidth(text, width, columns[i]?.align));
		lineWidth += (parts.length > 1 ? COLUMN_GAP : 0) + width;
	});
	const line = parts.join(' '.repeat(COLUMN_GAP));
	// Every part is exactly its width, so the line's width is known without measuring it again.
	return lineWidth <= totalWidth ? line : truncateToWidth(line, totalWidth);
}

/** 'pods(production)[42]'; the scope reads 'all' across namespaces, and is omitted for cluster-scoped kinds. */
export function tableTitle(title: string, scope: string | undefined, count: number, detail?: string): string {
	const scoped = scope === undefined ? title : `${title}(${scope})`;
	return detail ? `${scoped}[${count}] <${detail}>` : `${scoped}[${count}]`;
}
