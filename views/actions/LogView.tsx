// The log pane: a header with what is followed and the toggles, then only the lines that fit.
// Text was sanitised when it entered the buffer; here it is only laid out and highlighted.
import React from 'react';
import {Box, Text} from 'ink';
import {bottomOf, SINCE_CHOICES, type LogViewState} from '../../source/ui/logView.js';
import type {EntrySource} from '../../source/model/logEntry.js';
import {highlight, windowRows, type DisplayRow} from './logText.js';
import {sanitizeLine} from '../../source/terminal/sanitize.js';
import {displayWidth, truncateToWidth} from '../../source/terminal/width.js';

/** Source colours for multi-pod logs; the prefix text is always there too (colour is never the only signal). */
export const SOURCE_PALETTE = ['cyan', 'magenta', 'green', 'yellow', 'blue', 'red'] as const;

function flags(view: LogViewState, tailLines: number | undefined): string {
	const since = SINCE_CHOICES[view.since]!;
	const parts = [
		since.seconds === undefined ? `tail ${tailLines ?? ''}`.trim() : `since ${since.label}`,
		view.autoscroll ? 'following' : 'PAUSED',
		view.previous ? 'previous' : undefined,
		view.timestamps ? 'timestamps' : undefined,
		view.wrap ? 'wrap' : view.column > 0 ? `col ${view.column + 1}+` : undefined,
		view.json ? 'json' : undefined,
	];
	return parts.filter(Boolean).join(' · ');
}

/** Rows the header and the search line take above/below the lines. */
export const LOG_CHROME_ROWS = 2;

function Row({row, search, current}: {row: DisplayRow; search: string | undefined; current: boolean}) {
	if (row.notice) {
		return (
			<Text dimColor={row.notice === 'info'} color={row.notice === 'error' ? 'red' : row.notice === 'warn' ? 'yellow' : undefined} wrap="truncate-end">
				{row.text}
			</Text>
		);
	}
	const pieces = highlight(row.text, search ?? '');
	return (
		<Text wrap="truncate-end">
			{row.prefix ? <Text color={row.prefix.colour === undefined ? undefined : SOURCE_PALETTE[row.prefix.colour % SOURCE_PALETTE.length]}>{row.prefix.text}</Text> : null}
			{row.timestamp ? <Text dimColor>{row.timestamp}</Text> : null}
			{pieces.map((piece, i) =>
				piece.match ? (
					<Text key={i} inverse bold={current}>
						{piece.text}
					</Text>
				) : (
					<Text key={i}>{piece.text}</Text>
				),
			)}
		</Text>
	);
}

export function LogView({view, lines: buffer, height, width, tailLines}: {view: LogViewState; lines: EntrySource & {capacity?: number}; height: number; width: number; tailLines?: number}) {
	const hint = sanitizeLine(view.note ?? (view.search ? `search "${view.search}": n next · N previous · / new search` : 'p previous · t timestamps · w wrap · ←/→ scroll · s pause · 0-5 since · / search · j json · ctrl-s save · Esc back'));
	// A note (a saved file's path) may be longer than the line; it wraps and the lines give way.
	// Measured in columns: a path with CJK folder names is twice as wide as it is long.
	// Word wrapping can need a row more than the width alone says; 2 widths of text fit in 3 rows.
	const noteRows = view.searchInput === undefined && view.note && displayWidth(hint) > width ? 3 : 1;
	const lines = Math.max(1, height - LOG_CHROME_ROWS - (noteRows - 1));
	const bottom = bottomOf(view, buffer);
	const rows = view.help ? [] : windowRows(buffer, bottom, lines, {timestamps: view.timestamps, json: view.json, wrap: view.wrap, width, column: view.column});
	const dropped = buffer.dropped > 0 ? ` · ${buffer.dropped} older lines dropped (cap ${buffer.capacity})` : '';
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end">
				<Text bold color="cyan">
					{sanitizeLine(view.title)}
				</Text>
				<Text> [{flags(view, tailLines)}]</Text>
				<Text dimColor>
					{' '}
					{sanitizeLine(view.stream)}
					{dropped}
				</Text>
			</Text>
			{view.help ? (
				<Box flexDirection="column" height={lines}>
					{view.help.slice(0, lines).map((line, i) => (
						<Text key={`help-${i}`} wrap="truncate-end">
							{line}
						</Text>
					))}
				</Box>
			) : rows.length === 0 ? (
				<Text dimColor>waiting for log lines…</Text>
			) : null}
			{rows.map((row, i) => (
				<Row key={i} row={row} search={view.search} current={view.match === row.entry} />
			))}
			{Array.from({length: view.help ? 0 : Math.max(0, lines - Math.max(rows.length, 1))}, (_, i) => (
				<Text key={`pad-${i}`}> </Text>
			))}
			{view.searchInput !== undefined ? (
				<Text wrap="truncate-end">
					<Text color="cyan" bold>
						search:{' '}
					</Text>
					{view.searchInput}
					<Text inverse> </Text>
					<Text dimColor> Enter finds · Esc cancels</Text>
				</Text>
			) : (
				<Text dimColor wrap={noteRows > 1 ? 'wrap' : 'truncate-end'}>
					{truncateToWidth(hint, noteRows > 1 ? width * 2 : width)}
				</Text>
			)}
		</Box>
	);
}
