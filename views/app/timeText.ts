// What of a table frame depends on the clock: the header's watch labels, the summary line and
// the cells of the rows that can be on screen. useTextClock compares it between two moments to
// decide whether a tick needs a frame at all.
import type {BaseRow, Column} from '../../source/model/types.js';
import {visibleColumns} from '../../source/ui/window.js';
import {watchLabel, type WatchBadge} from '../Header.js';

export interface TableTimeParts {
	badges: readonly WatchBadge[];
	summary?: (now: number) => string | undefined;
	rows: readonly BaseRow[];
	columns: readonly Column<BaseRow>[];
	selectedIndex: number;
	/** Data lines of the table. */
	height: number;
	wide: boolean;
	allNamespaces: boolean;
}

/**
 * The time-dependent text of a table frame at `now`. The window on screen always holds the
 * selected row, so the rows within `height` of it on either side cover it wherever it scrolled
 * to: a superset, so a change is never missed (at worst a tick draws a frame that changes an
 * off-screen cell, which the renderer then writes as nothing).
 */
export function tableTimeText(parts: TableTimeParts): (now: number) => string {
	const shown = visibleColumns(parts.columns, {wide: parts.wide, allNamespaces: parts.allNamespaces});
	const from = Math.max(0, parts.selectedIndex - parts.height);
	const to = Math.min(parts.rows.length, parts.selectedIndex + parts.height + 1);
	return (now) => {
		const out: string[] = parts.badges.map((badge) => watchLabel(badge, now));
		out.push(parts.summary?.(now) ?? '');
		for (let i = from; i < to; i++) {
			const row = parts.rows[i]!;
			for (const column of shown) out.push(column.cell(row, now));
		}
		return out.join('\u0000');
	};
}
