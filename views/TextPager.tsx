// Scrollable text for describe, YAML and help. Presentational: the App owns the offset and
// moves it through the same key map as the tables.
import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../source/terminal/sanitize.js';
import {truncateToWidth} from '../source/terminal/width.js';
import {clampOffset} from '../source/ui/state.js';

export interface TextPagerProps {
	title: string;
	lines: readonly string[];
	/** Index of the first line shown; clamped here so callers can overshoot freely. */
	offset: number;
	height: number;
	width: number;
}

export function TextPager({title, lines, offset, height, width}: TextPagerProps) {
	const rows = Math.max(1, height);
	const start = clampOffset(offset, lines.length, rows);
	const visible = lines.slice(start, start + rows);
	const end = Math.min(lines.length, start + rows);
	return (
		<Box flexDirection="column" width={width}>
			<Text bold color="cyan" wrap="truncate-end">
				{sanitizeLine(title)} [{lines.length === 0 ? 0 : start + 1}-{end}/{lines.length}]
			</Text>
			{visible.map((line, i) => (
				<Text key={start + i}>{truncateToWidth(sanitizeLine(line), width) || ' '}</Text>
			))}
		</Box>
	);
}
