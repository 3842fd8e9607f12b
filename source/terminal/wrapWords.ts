// Wrapping text for reading (describe, YAML, help, event messages): lines break between words,
// so "FailedScheduling" or a node name is never cut in two across rows. Only a word wider than
// a whole row (a URL, an image digest) is broken, between graphemes, by wrapToWidth. The space
// at a break is dropped, as a reader expects. Leading indentation is not a place to break: it
// stays with the first word (describe's aligned values), which is broken where it stands if it
// does not fit after it, rather than moved to column 0 where it would read as a new key.
// Input must be sanitised (no tabs or controls): a space is the only separator considered.
import {displayWidth, wrapToWidth} from './width.js';

/**
 * Rows of at most `width` columns (the first at most `firstWidth`), broken at spaces. Always at
 * least one row; a first row too narrow for the first word is empty. A width below 2 is taken
 * as 2, as wrapToWidth does.
 */
export function wrapWords(text: string, width: number, firstWidth: number = width): string[] {
	const rest = Math.max(2, width);
	let room = Math.max(0, firstWidth);
	const rows: string[] = [];
	let line = '';
	let used = 0;
	const breakLine = (): void => {
		rows.push(line);
		line = '';
		used = 0;
		room = rest;
	};
	let space = '';
	for (const token of text.match(/ +|[^ ]+/g) ?? []) {
		if (token.startsWith(' ')) {
			space = token;
			continue;
		}
		const gap = space.length;
		space = '';
		const word = displayWidth(token);
		if (used + gap + word <= room) {
			line += ' '.repeat(gap) + token;
			used += gap + word;
		} else if (word <= rest && !(line === '' && rows.length === 0 && gap > 0 && gap < room)) {
			// A fresh row takes it whole; the spaces before it are the break.
			if (line !== '' || room !== rest) breakLine();
			line = token;
			used = word;
		} else {
			// Wider than any row: it starts where it is, if anything of it fits there.
			if (used + gap < room) {
				line += ' '.repeat(gap);
				used += gap;
			} else if (line !== '' || room !== rest) breakLine();
			const [first = '', ...more] = wrapToWidth(token, rest, room - used);
			line += first;
			used += displayWidth(first);
			for (const part of more) {
				breakLine();
				line = part;
				used = displayWidth(part);
			}
		}
	}
	if (space !== '' && used + space.length <= room) line += space;
	rows.push(line);
	return rows;
}
