// The text a plain filter searches in a row: its cells, lowercased, in one string. Building it
// means formatting every cell (quantities, ages, accelerators): ~40 ms for 50k pods, which a
// filter typed a key at a time would pay on every key. Rows are immutable (a change makes a new
// object), so the string is kept per row object and only rows that changed since are formatted
// again; a clock step (cells that read `now`, such as AGE) starts a new generation.
// Kept only while a filter is in use: selectRows drops a table's haystacks when it runs without
// one, so the strings (~100 B a row) are not held all day for a filter typed once.
import type {BaseRow, Column} from '../model/types.js';

/** Between cells: a needle holding it is matched cell by cell instead (selectors.ts, rowMatcher). */
export const CELL_SEPARATOR = '\u0000';

interface Generation {
	now: number;
	byRow: WeakMap<BaseRow, string>;
}

/** One table's haystacks (its columns stand for the table), for one rounded clock reading. */
const generations = new WeakMap<object, Generation>();

/**
 * The haystack of each row of one table at one clock reading: its lowercased cells joined by
 * CELL_SEPARATOR, formatted once per row object and clock reading. Asked once per filter pass, so
 * the table's generation is looked up once, not once per row.
 */
export function haystacksFor<R extends BaseRow>(columns: readonly Column<R>[], now: number): (row: R) => string {
	let generation = generations.get(columns);
	if (generation === undefined || generation.now !== now) {
		generation = {now, byRow: new WeakMap()};
		generations.set(columns, generation);
	}
	const byRow = generation.byRow;
	return (row) => {
		let text = byRow.get(row);
		if (text === undefined) {
			text = cellsOf(row, columns, now);
			byRow.set(row, text);
		}
		return text;
	};
}

/** Forgets a table's haystacks (no filter in use). */
export function dropHaystacks(columns: readonly Column<never>[]): void {
	generations.delete(columns);
}

function cellsOf<R extends BaseRow>(row: R, columns: readonly Column<R>[], now: number): string {
	let text = '';
	for (let i = 0; i < columns.length; i++) {
		if (i > 0) text += CELL_SEPARATOR;
		text += columns[i]!.cell(row, now);
	}
	return text.toLowerCase();
}
