// How much room text takes on the terminal, and cutting it to a room. Columns, not code
// points: '日本語' takes 6, '👩‍💻' takes 2, 'é' written as e + U+0301 takes 1. Widths come from
// string-width, the measure Ink itself lays out with, so our padding and Ink's agree. Text is
// only ever cut between graphemes (Intl.Segmenter): never inside a ZWJ emoji, a flag or a
// letter with its marks, and so never into a lone surrogate.
//
// Input must already be sanitised (sanitize.ts): control characters, tabs and escape
// sequences are gone by then, so what is measured is exactly what the terminal will draw.
import stringWidth from 'string-width';
import {detachedCopy} from './detach.js';

export const ELLIPSIS = '…';

/** Printable ASCII is one column a character: the common case needs no segmenting. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const segmenter = new Intl.Segmenter();

/**
 * string-width costs tens of µs for a short non-ASCII name (a Unicode-property regex per
 * grapheme), and a table frame measures every cell on screen more than once. Graphemes are a
 * small vocabulary and the names on screen repeat frame after frame, so both are remembered.
 * A full cache is simply emptied: the next frame refills it with what is on screen. Keys are
 * copied, so a remembered piece never keeps the long line it was cut from alive.
 */
const CACHE_LIMIT = 8192;
/** Longer strings (log lines) are measured grapheme by grapheme, not remembered whole. */
const CACHED_TEXT_LENGTH = 256;
const graphemeWidths = new Map<string, number>();
const textWidths = new Map<string, number>();

function remember(cache: Map<string, number>, key: string, width: number): number {
	if (cache.size >= CACHE_LIMIT) cache.clear();
	cache.set(detachedCopy(key), width);
	return width;
}

function graphemeWidth(grapheme: string): number {
	return graphemeWidths.get(grapheme) ?? remember(graphemeWidths, grapheme, stringWidth(grapheme));
}

function* graphemes(text: string): Generator<{text: string; width: number}> {
	for (const {segment} of segmenter.segment(text)) yield {text: segment, width: graphemeWidth(segment)};
}

/** Where the grapheme that UTF-16 index `index` falls in starts: cutting there splits nothing. */
export function graphemeStart(text: string, index: number): number {
	if (index <= 0) return 0;
	if (index >= text.length) return text.length;
	return segmenter.segment(text).containing(index)?.index ?? index;
}

/** Columns `text` takes: string-width's measure (which is the sum over graphemes), remembered. */
export function displayWidth(text: string): number {
	if (PRINTABLE_ASCII.test(text)) return text.length;
	const known = textWidths.get(text);
	if (known !== undefined) return known;
	let width = 0;
	for (const g of graphemes(text)) width += g.width;
	return text.length <= CACHED_TEXT_LENGTH ? remember(textWidths, text, width) : width;
}

/** The longest start of `text` that fits in `width` columns, cut between graphemes. */
export function cutToWidth(text: string, width: number): string {
	if (width <= 0) return '';
	if (PRINTABLE_ASCII.test(text)) return text.length <= width ? text : text.slice(0, width);
	let used = 0;
	let end = 0;
	for (const g of graphemes(text)) {
		if (used + g.width > width) break;
		used += g.width;
		end += g.text.length;
	}
	return end === text.length ? text : text.slice(0, end);
}

/**
 * What a window `width` columns wide starting at display column `from` shows of `text` (horizontal
 * scroll): cut between graphemes; a wide glyph across the left edge is dropped rather than halved.
 */
export function sliceColumns(text: string, from: number, width: number): string {
	if (from <= 0) return cutToWidth(text, width);
	const skipped = cutToWidth(text, from);
	let rest = text.slice(skipped.length);
	if (displayWidth(skipped) < from && rest.length > 0) rest = rest.slice(graphemeEnd(rest));
	return cutToWidth(rest, width);
}

function graphemeEnd(text: string): number {
	for (const {segment} of segmenter.segment(text)) return segment.length;
	return 0;
}

/** `text` if it fits in `width` columns, else its start and '…' in at most `width` columns. */
export function truncateToWidth(text: string, width: number): string {
	if (width <= 0) return '';
	if (displayWidth(text) <= width) return text;
	return cutToWidth(text, width - 1) + ELLIPSIS;
}

/** Exactly `width` columns: cut with '…' when too long, filled with spaces when short. */
export function fitToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	const natural = displayWidth(text);
	const cut = natural <= width ? text : cutToWidth(text, width - 1) + ELLIPSIS;
	// A wide glyph that does not fit in the last column leaves a one-column gap; the fill covers it.
	const fill = ' '.repeat(Math.max(0, width - (cut === text ? natural : displayWidth(cut))));
	return align === 'right' ? fill + cut : cut + fill;
}

/**
 * Pieces of at most `width` columns (the first at most `firstWidth`), cut between graphemes.
 * Always at least one piece; a first piece too narrow for the first grapheme is empty. A width
 * below 2 is taken as 2, the widest a code point can be. A grapheme wider than a whole row (a
 * letter with many spacing marks) is the one thing split, between its code points, since it
 * cannot fit anywhere whole.
 */
export function wrapToWidth(text: string, width: number, firstWidth: number = width): string[] {
	const rest = Math.max(2, width);
	let room = Math.max(0, firstWidth);
	if (PRINTABLE_ASCII.test(text)) return wrapAscii(text, room, rest);
	const pieces: string[] = [];
	let start = 0;
	let at = 0;
	let used = 0;
	const place = (length: number, unitWidth: number): void => {
		if (used + unitWidth > room) {
			pieces.push(text.slice(start, at));
			start = at;
			used = 0;
			room = rest;
		}
		used += unitWidth;
		at += length;
	};
	for (const g of graphemes(text)) {
		if (g.width <= rest) place(g.text.length, g.width);
		else for (const codePoint of g.text) place(codePoint.length, graphemeWidth(codePoint));
	}
	pieces.push(text.slice(start));
	return pieces;
}

function wrapAscii(text: string, first: number, rest: number): string[] {
	const pieces: string[] = [];
	let at = 0;
	let room = first;
	// An empty first room still yields a piece, so the first row (with its prefix) is never lost.
	if (room === 0 && text.length > 0) {
		pieces.push('');
		room = rest;
	}
	while (at < text.length || pieces.length === 0) {
		pieces.push(text.slice(at, at + room));
		at += room;
		room = rest;
	}
	return pieces;
}
