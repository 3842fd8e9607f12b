// How a pending question reads. Its answers are keys of the key map's confirm context
// (y yes; n, Esc and Enter no: a stray Enter mid-incident must not delete). A question that does
// not fit one row wraps onto up to three, between words: at 80 columns a warning that opens the
// question (an HPA owning the replicas an edit changes) must not push the question itself off.
import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../source/terminal/sanitize.js';
import {wrapWords} from '../source/terminal/wrapWords.js';
import {truncateToWidth} from '../source/terminal/width.js';

/** Rows a question may take; past them the last row is cut with an ellipsis. */
export const MAX_QUESTION_ROWS = 3;

/** The question's rows at this width, `[y/N]` at the end. */
export function questionRows(question: string, width: number): string[] {
	const rows = wrapWords(`${sanitizeLine(question)} [y/N]`, Math.max(2, width));
	if (rows.length <= MAX_QUESTION_ROWS) return rows;
	const kept = rows.slice(0, MAX_QUESTION_ROWS);
	kept[MAX_QUESTION_ROWS - 1] = truncateToWidth(`${kept[MAX_QUESTION_ROWS - 1]} ${rows[MAX_QUESTION_ROWS]}`, width);
	return kept;
}

export function ConfirmLine({question, width = 80}: {question: string; width?: number}) {
	return (
		<Box flexDirection="column">
			{questionRows(question, width).map((row, i) => (
				<Text key={i} color="yellow" bold wrap="truncate-end">
					{row}
				</Text>
			))}
		</Box>
	);
}
