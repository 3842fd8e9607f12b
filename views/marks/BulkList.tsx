// The objects a bulk question is about, under the question: as many names as fit in a few
// lines of the terminal, then "and K more" — the count is always there, the names as room allows.
import React from 'react';
import {Text} from 'ink';
import stringWidth from 'string-width';

/** Lines a bulk question's list takes under the question (the App gives the table that much less). */
export const BULK_LIST_LINES = 3;

/** How many names are tried at most: past that many, no terminal line shows them anyway. */
const MAX_TRIED = 200;

function pack(tokens: readonly string[], width: number, lines: number): string[] | undefined {
	const out: string[] = [];
	let line = '';
	for (const token of tokens) {
		const next = line === '' ? token : `${line} ${token}`;
		if (stringWidth(next) <= width || line === '') {
			line = next;
			continue;
		}
		out.push(line);
		line = token;
	}
	if (line !== '') out.push(line);
	return out.length <= lines && out.every((l) => stringWidth(l) <= width) ? out : undefined;
}

/** 'web-1, web-2, web-3 and 4 more' wrapped into at most `lines` lines of `width` columns. */
export function fitNames(names: readonly string[], width: number, lines = BULK_LIST_LINES): string[] {
	for (let shown = Math.min(names.length, MAX_TRIED); shown >= 1; shown--) {
		const rest = names.length - shown;
		const tokens = names.slice(0, shown).map((name, i) => (i < shown - 1 ? `${name},` : name));
		if (rest > 0) tokens.push(`and ${rest} more`);
		const packed = pack(tokens, width, lines);
		if (packed) return packed;
	}
	// Not even one name fits whole: the first one, cut by the line, and the count.
	return [names[0] ?? '', ...(names.length > 1 ? [`and ${names.length - 1} more`] : [])].slice(0, lines);
}

export function BulkList({names, width}: {names: readonly string[]; width: number}) {
	const lines = fitNames(names, Math.max(10, width - 2));
	return (
		<>
			{Array.from({length: BULK_LIST_LINES}, (_, i) => (
				<Text key={i} wrap="truncate-end">
					{'  '}
					{lines[i] ?? ''}
				</Text>
			))}
		</>
	);
}
