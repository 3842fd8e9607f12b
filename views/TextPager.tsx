// Scrollable text for describe, YAML and help. Presentational: the App owns the offset and
// moves it through the same key map as the tables. Only the lines that can appear are
// sanitised and cut, so a 50,000-line YAML costs what a page costs. Long lines either wrap
// (w; between words, a word wider than the screen alone broken) or are shown from a column
// (left/right), with the position in the title line.
import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../source/terminal/sanitize.js';
import {displayWidth, sliceColumns, truncateToWidth} from '../source/terminal/width.js';
import {wrapWords} from '../source/terminal/wrapWords.js';
import {clampOffset} from '../source/ui/state.js';

export interface TextPagerProps {
	title: string;
	lines: readonly string[];
	/** Index of the first line shown; clamped here so callers can overshoot freely. */
	offset: number;
	height: number;
	width: number;
	wrap?: boolean;
	/** First display column shown when not wrapping. */
	column?: number;
	/** Colour unified-diff lines by their first character (the character itself says it without colour). */
	diff?: boolean;
}

function diffColour(line: string): string | undefined {
	if (line.startsWith('+')) return 'green';
	if (line.startsWith('-')) return 'red';
	if (line.startsWith('@@')) return 'cyan';
	return undefined;
}

/**
 * A visible line as drawn, capped so a huge line is never sanitised whole: a display column
 * takes at least a quarter of a UTF-16 unit's worth after escapes, so 4 units a column reaches
 * past what the screen can show.
 */
function drawn(line: string, columns: number): string {
	return sanitizeLine(line, {maxLength: Math.max(64, columns * 4 + 64)});
}

/** The rows on screen: whole lines from `start`, each wrapped or sliced at `column`. */
export function pagerRows(lines: readonly string[], start: number, rows: number, width: number, wrap: boolean, column: number): {rows: string[]; end: number; widest: number; sources: number[]} {
	const out: string[] = [];
	/** The line each row comes from (a wrapped line gives several rows). */
	const sources: number[] = [];
	let at = start;
	let widest = 0;
	while (at < lines.length && out.length < rows) {
		const text = drawn(lines[at]!, wrap ? width * rows : column + width);
		widest = Math.max(widest, displayWidth(text));
		if (wrap) {
			for (const piece of wrapWords(text, width)) {
				if (out.length >= rows) break;
				out.push(piece);
				sources.push(at);
			}
		} else {
			out.push(column > 0 ? sliceColumns(text, column, width) : truncateToWidth(text, width));
			sources.push(at);
		}
		at++;
	}
	return {rows: out, end: at, widest, sources};
}

export function TextPager({title, lines, offset, height, width, wrap = false, column = 0, diff = false}: TextPagerProps) {
	const rows = Math.max(1, height);
	const start = clampOffset(offset, lines.length, rows);
	const shown = pagerRows(lines, start, rows, width, wrap, column);
	const position = wrap ? ' wrap' : column > 0 || shown.widest > width ? ` col ${column + 1}-${column + width}/${shown.widest}` : '';
	return (
		<Box flexDirection="column" width={width}>
			<Text bold color="cyan" wrap="truncate-end">
				{sanitizeLine(title)} [{lines.length === 0 ? 0 : start + 1}-{shown.end}/{lines.length}]{position}
			</Text>
			{shown.rows.map((line, i) => (
				<Text key={start + i} color={diff ? diffColour(lines[shown.sources[i]!] ?? '') : undefined}>
					{line || ' '}
				</Text>
			))}
		</Box>
	);
}
