// The windowed resource table. It renders only the rows that fit (a 50,000-pod cluster
// costs the same per frame as a 20-pod one), keeps column widths steady from the window
// on screen, and highlights the selected object by uid so updates never move the cursor
// onto a different pod.
import React, {memo, useRef} from 'react';
import {Box, Text} from 'ink';
import type {BaseRow, Column, Severity} from '../source/model/types.js';
import type {SortState} from '../source/store/selectors.js';
import {visibleColumns, windowRows} from '../source/ui/window.js';
import {cellTexts, columnRank, columnWidths, formatLine, headerLabel, tableTitle} from './table/layout.js';

export interface ResourceTableProps<R extends BaseRow> {
	/** Already filtered and sorted. */
	rows: readonly R[];
	columns: readonly Column<R>[];
	/** Where the cursor is, as the selector computed it (it follows the object by uid). */
	selectedIndex: number;
	/** Lines available for data rows (title and header are extra). */
	height: number;
	width: number;
	wide: boolean;
	allNamespaces: boolean;
	sort?: SortState;
	now: number;
	/** e.g. 'pods'; with scope and the row count it makes 'pods(production)[42]'. */
	title: string;
	scope?: string;
	/** Extra title text, such as an active filter or drill-down. */
	detail?: string;
	/** Shown instead of rows when there are none (e.g. a forbidden watch). */
	emptyText?: string;
	/** Uids of the rows marked with space: drawn with MARK beside the cursor column. */
	marked?: ReadonlySet<string>;
}

const severityColour: Record<Severity, string | undefined> = {
	ok: undefined,
	warn: 'yellow',
	error: 'red',
	done: 'gray',
};

interface LineProps {
	text: string;
	severity: Severity;
	selected: boolean;
	marked: boolean;
}

// The cursor is drawn as text as well as in inverse: with NO_COLOR every style is dropped,
// and the selection must still be visible.
const CURSOR = '> ';
const NO_CURSOR = '  ';
// A marked row carries a character too (second column of the gutter), for the same reason.
const MARK = '*';

// Memoised on its final text: an unchanged row on screen costs nothing on the next frame.
const TableLine = memo(function TableLine({text, severity, selected, marked}: LineProps) {
	return (
		<Text color={severityColour[severity]} inverse={selected} bold={marked} wrap="truncate-end">
			{(selected ? CURSOR : NO_CURSOR).slice(0, 1)}
			{marked ? MARK : ' '}
			{text}
		</Text>
	);
});

/** The rows of a table that are on screen, and what the frame needs to know of the rest. */
export interface TableWindow<R extends BaseRow> {
	rows: readonly R[];
	/** Every row of the table (for its title). */
	total: number;
	selectedUid: string | undefined;
}

/**
 * The window of rows that fits in `height`, scrolling as little as possible (the offset is kept
 * between frames). A component that draws only the window holds only the window: React keeps each
 * component's props of the frame before too, and a table handed all 50,000 rows would keep the
 * previous generation of every row alive until the next frame (after each metrics poll, a whole
 * generation of joined rows).
 */
export function useTableWindow<R extends BaseRow>(rows: readonly R[], selectedIndex: number, height: number): TableWindow<R> {
	const offsetRef = useRef(0);
	const selected = Math.min(Math.max(0, selectedIndex), Math.max(0, rows.length - 1));
	const window = windowRows(rows, selected, Math.max(1, height), offsetRef.current);
	offsetRef.current = window.offset;
	return {rows: window.rows, total: rows.length, selectedUid: rows[selected]?.uid};
}

export type TableFrameProps<R extends BaseRow> = Omit<ResourceTableProps<R>, 'rows' | 'selectedIndex' | 'height'> & {window: TableWindow<R>};

/** The table drawn from its window (see useTableWindow). */
export function TableFrame<R extends BaseRow>(props: TableFrameProps<R>) {
	const {window, columns, width, wide, allNamespaces, sort, now} = props;
	const shown = visibleColumns(columns, {wide, allNamespaces});
	const headers = shown.map((column) => headerLabel(column, sort));
	const cells = window.rows.map((row) => cellTexts(row, shown, now));
	const inner = width - CURSOR.length;
	const widths = columnWidths(
		headers,
		cells,
		inner,
		shown.map((column) => columnRank(column.id, column.essential)),
		shown.map((column) => column.grows === true),
	);
	const title = tableTitle(props.title, props.scope, window.total, props.detail);

	return (
		<Box flexDirection="column" width={width}>
			<Text bold color="cyan" wrap="truncate-end">
				{title}
			</Text>
			<Text bold wrap="truncate-end">
				{NO_CURSOR}
				{formatLine(headers, widths, shown, inner)}
			</Text>
			{window.rows.length === 0 ? (
				<Text dimColor>{props.emptyText ?? 'no rows'}</Text>
			) : (
				window.rows.map((row, i) => (
					<TableLine
						key={row.uid}
						text={formatLine(cells[i] ?? [], widths, shown, inner)}
						severity={row.severity}
						selected={row.uid === (window.selectedUid ?? '')}
						marked={props.marked?.has(row.uid) ?? false}
					/>
				))
			)}
		</Box>
	);
}

/** The whole table from all its rows: the window is taken here. */
export function ResourceTable<R extends BaseRow>(props: ResourceTableProps<R>) {
	const {rows, selectedIndex, height, ...rest} = props;
	const window = useTableWindow(rows, selectedIndex, height);
	return <TableFrame {...rest} window={window} />;
}
