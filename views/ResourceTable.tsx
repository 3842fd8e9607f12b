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

export function ResourceTable<R extends BaseRow>(props: ResourceTableProps<R>) {
	const {rows, columns, width, wide, allNamespaces, sort, now} = props;
	const height = Math.max(1, props.height);
	const offsetRef = useRef(0);

	const shown = visibleColumns(columns, {wide, allNamespaces});
	const selectedIndex = Math.min(Math.max(0, props.selectedIndex), Math.max(0, rows.length - 1));
	const window = windowRows(rows, selectedIndex, height, offsetRef.current);
	offsetRef.current = window.offset;

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
	const title = tableTitle(props.title, props.scope, rows.length, props.detail);

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
						selected={row.uid === (rows[selectedIndex]?.uid ?? '')}
						marked={props.marked?.has(row.uid) ?? false}
					/>
				))
			)}
		</Box>
	);
}
