// What of a table is on screen: the columns its mode shows (wide, all namespaces) and the rows that
// fit in its height. Pure, shared by the reducer (which acts on what is shown) and the views that draw it.
import type {BaseRow, Column} from '../model/types.js';

export function visibleColumns<R extends BaseRow>(
	columns: readonly Column<R>[],
	options: {wide: boolean; allNamespaces: boolean},
): Column<R>[] {
	return columns.filter(
		(column) => (!column.wide || options.wide) && (!column.allNamespaces || options.allNamespaces),
	);
}

/**
 * The slice of rows that fits in `height` lines, scrolling as little as possible to keep
 * `selectedIndex` visible: the previous offset is kept whenever the selection is still on screen.
 */
export function windowRows<R>(rows: readonly R[], selectedIndex: number, height: number, previousOffset: number): {offset: number; rows: R[]} {
	const size = Math.max(0, Math.floor(height));
	if (size === 0 || rows.length === 0) return {offset: 0, rows: []};
	const maxOffset = Math.max(0, rows.length - size);
	const selected = Math.min(Math.max(0, selectedIndex), rows.length - 1);
	let offset = Math.min(Math.max(0, previousOffset), maxOffset);
	if (selected < offset) offset = selected;
	else if (selected >= offset + size) offset = selected - size + 1;
	return {offset, rows: rows.slice(offset, offset + size)};
}
