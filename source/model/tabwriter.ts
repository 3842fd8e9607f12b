// Column alignment the way kubectl describe gets it from Go's text/tabwriter (minwidth 0,
// padding 2, space padding): a cell is text terminated by a tab; the text after a line's last
// tab is not part of any column. A column block is a run of adjacent lines that all have a
// cell in that column, so a line without tabs (a section title like "Containers:") ends the
// alignment above it. The leading indentation is part of the first cell, which is why nested
// "Started:" lines line up with their parent "State:" value.
//
// Widths are terminal columns, not Go's rune count: a CJK label value or an emoji in an
// annotation takes two columns on screen, and counting it as one would push every cell after
// it out of line. Cells must already be sanitised, so what is measured is what is drawn.
import {displayWidth} from '../terminal/width.js';

const PADDING = 2;

/** Aligns tab-separated text (lines split on '\n') into padded lines without tabs. */
export function alignTabs(text: string): string[] {
	const lines = text.split('\n').map((line) => line.split('\t'));
	if (lines.length > 0 && lines[lines.length - 1]!.length === 1 && lines[lines.length - 1]![0] === '') lines.pop();
	const out: string[] = lines.map(() => '');
	const widths: number[] = [];

	// Number of tab-terminated cells in a line.
	const cellsOf = (i: number): number => lines[i]!.length - 1;

	const emit = (from: number, to: number): void => {
		for (let i = from; i < to; i++) {
			const cells = lines[i]!;
			let text = '';
			for (let c = 0; c < cells.length; c++) {
				const cell = cells[c]!;
				if (c < cells.length - 1 && c < widths.length) text += cell + ' '.repeat(Math.max(0, widths[c]! - displayWidth(cell)));
				else text += cell;
			}
			out[i] = text.replace(/\s+$/, '');
		}
	};

	const format = (line0: number, line1: number): void => {
		const column = widths.length;
		let start = line0;
		for (let i = line0; i < line1; i++) {
			if (column >= cellsOf(i)) continue;
			// Lines before this one have no cell in this column: they are done at the current depth.
			emit(start, i);
			let w = 0;
			let end = i;
			for (; end < line1 && column < cellsOf(end); end++) {
				w = Math.max(w, displayWidth(lines[end]![column]!) + PADDING);
			}
			widths.push(w);
			format(i, end);
			widths.pop();
			start = end;
			i = end - 1;
		}
		emit(start, line1);
	};

	format(0, lines.length);
	return out;
}
