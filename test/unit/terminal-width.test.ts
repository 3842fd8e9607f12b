import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import {cutToWidth, displayWidth, fitToWidth, truncateToWidth, wrapToWidth} from '../../source/terminal/width.js';
import {sanitizeLine} from '../../source/terminal/sanitize.js';

const WOMAN_CODING = '\u{1F469}\u200D\u{1F4BB}'; // 👩‍💻
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // 👨‍👩‍👧
const FLAG_JP = '\u{1F1EF}\u{1F1F5}';
const E_ACUTE = 'e\u0301'; // é as e + combining acute

const segmenter = new Intl.Segmenter();
/** A lone surrogate is a high one not followed by a low one, or a low one not after a high one. */
const wellFormed = (text: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

test('display width counts terminal columns, not code points', () => {
	const cases: Array<[string, string, number]> = [
		['empty', '', 0],
		['ASCII', 'nginx-7d4f', 10],
		['CJK', '日本語', 6],
		['Hangul', '한국어', 6],
		['halfwidth katakana', 'ｱｲｳ', 3],
		['emoji ZWJ sequence', WOMAN_CODING, 2],
		['family ZWJ sequence', FAMILY, 2],
		['flag', FLAG_JP, 2],
		['emoji with VS16', '\u2764\uFE0F', 2],
		['keycap', '1\uFE0F\u20E3', 2],
		['combining mark', E_ACUTE, 1],
		['zero-width joiner alone between letters', 'a\u200Db', 2],
		['ellipsis (ambiguous width, narrow like Ink)', '…', 1],
		['mixed', `a日${WOMAN_CODING}${E_ACUTE}`, 1 + 2 + 2 + 1],
	];
	for (const [name, text, width] of cases) assert.equal(displayWidth(text), width, name);
});

test('truncation cuts between graphemes and marks the cut with …', () => {
	const cases: Array<[string, number, string]> = [
		['abcdef', 10, 'abcdef'],
		['abcdef', 6, 'abcdef'],
		['abcdef', 4, 'abc…'],
		['abcdef', 1, '…'],
		['abcdef', 0, ''],
		['\u0301', 0, ''],
		['日本語の名前', 12, '日本語の名前'],
		['日本語の名前', 11, '日本語の名…'],
		['日本語の名前', 6, '日本…'], // a wide glyph does not fit in the one column left: it is not split
		['日本語', 2, '…'],
		[`dev${WOMAN_CODING}${WOMAN_CODING}`, 6, `dev${WOMAN_CODING}…`],
		[`${FAMILY}x`, 2, '…'],
		[`${FLAG_JP}${FLAG_JP}${FLAG_JP}`, 5, `${FLAG_JP}${FLAG_JP}…`],
		[`caf${E_ACUTE}-bar`, 5, `caf${E_ACUTE}…`],
	];
	for (const [text, width, expected] of cases) assert.equal(truncateToWidth(text, width), expected, `${text}@${width}`);
});

test('fitting pads to exactly the width, on either side', () => {
	const cases: Array<[string, number, 'left' | 'right', string]> = [
		['ab', 4, 'left', 'ab  '],
		['ab', 4, 'right', '  ab'],
		['日本', 5, 'left', '日本 '],
		['日本語', 5, 'left', '日本…'], // 5 columns: 日 and 本 take 2 each
		['日本語', 4, 'left', '日… '], // '日…' is 3 columns; the fill covers the glyph that did not fit
		[E_ACUTE, 3, 'right', `  ${E_ACUTE}`],
		[WOMAN_CODING, 3, 'left', `${WOMAN_CODING} `],
	];
	for (const [text, width, align, expected] of cases) {
		const fitted = fitToWidth(text, width, align);
		assert.equal(fitted, expected, `${text}@${width} ${align}`);
		assert.equal(displayWidth(fitted), width, `${text}@${width} is exactly ${width} columns`);
	}
});

test('cutting without a mark keeps the longest start that fits', () => {
	assert.equal(cutToWidth('abcdef', 3), 'abc');
	assert.equal(cutToWidth('日本語', 5), '日本');
	assert.equal(cutToWidth(`${FAMILY}x`, 1), '');
	assert.equal(cutToWidth(`${FAMILY}x`, 3), `${FAMILY}x`);
	assert.equal(cutToWidth('abc', 0), '');
});

test('wrapping splits between graphemes, never over the width', () => {
	const cases: Array<[string, number, number, string[]]> = [
		['abcdefg', 3, 3, ['abc', 'def', 'g']],
		['abcdefg', 3, 1, ['a', 'bcd', 'efg']],
		['abc', 3, 0, ['', 'abc']],
		['', 5, 5, ['']],
		['日本語', 3, 3, ['日', '本', '語']],
		['日本語ab', 4, 4, ['日本', '語ab']],
		[`${WOMAN_CODING}${WOMAN_CODING}${WOMAN_CODING}`, 5, 5, [`${WOMAN_CODING}${WOMAN_CODING}`, WOMAN_CODING]],
		[`${FLAG_JP}${FLAG_JP}`, 3, 3, [FLAG_JP, FLAG_JP]],
		[`${E_ACUTE}${E_ACUTE}${E_ACUTE}`, 2, 2, [`${E_ACUTE}${E_ACUTE}`, E_ACUTE]],
		['日本', 1, 2, ['日', '本']], // widths below 2 are taken as 2: a wide glyph is never split
		['日本', 1, 1, ['', '日', '本']],
		['x\u{1D158}\u{1D165}\u{1D16E}', 2, 2, ['x\u{1D158}', '\u{1D165}\u{1D16E}']], // a 3-column grapheme cannot fit a 2-column row whole
		['日本', 4, 1, ['', '日本']],
	];
	for (const [text, width, first, expected] of cases) assert.deepEqual(wrapToWidth(text, width, first), expected, `${text}@${first}/${width}`);
});

/** Open-ended text: printable ASCII, CJK, emoji and their sequences, marks, joiners, and raw controls to be sanitised. */
const piece = fc.oneof(
	fc.string({unit: 'grapheme-ascii', maxLength: 6}),
	fc.string({unit: 'grapheme', maxLength: 4}),
	fc.constantFrom('日本語', '한', 'ｱ', WOMAN_CODING, FAMILY, FLAG_JP, E_ACUTE, '\u2764\uFE0F', '\u200D', '\u200B', '\u0301', '\t', '\x1b[31m', '\u202E', '\u{1F600}'),
);
/** A fixed seed keeps the run deterministic; a failure prints the seed and the shrunk case to add to the tables. */
const runs = {numRuns: 500, seed: 20261204};
const text = fc.array(piece, {maxLength: 12}).map((pieces) => sanitizeLine(pieces.join('')));

test('property: a fitted cell is exactly N columns wide, and a truncated one at most N', () => {
	fc.assert(
		fc.property(text, fc.integer({min: 0, max: 40}), fc.constantFrom<'left' | 'right'>('left', 'right'), (s, n, align) => {
			assert.equal(displayWidth(fitToWidth(s, n, align)), n);
			const cut = truncateToWidth(s, n);
			assert.ok(displayWidth(cut) <= n);
			// No room means nothing, not even a zero-width mark that would land on a neighbour.
			if (n === 0) assert.equal(cut, '');
			else if (displayWidth(s) <= n) assert.equal(cut, s);
			else assert.ok(cut.endsWith('…'));
			assert.ok(wellFormed(cut), 'no lone surrogate');
		}),
		runs,
	);
});

test('property: wrapping never splits a grapheme and never exceeds the width', () => {
	fc.assert(
		fc.property(text, fc.integer({min: 2, max: 30}), fc.integer({min: -5, max: 30}), (s, width, first) => {
			const pieces = wrapToWidth(s, width, first);
			assert.ok(pieces.length >= 1);
			assert.equal(pieces.join(''), s, 'nothing lost or added');
			pieces.forEach((p, i) => {
				assert.ok(displayWidth(p) <= (i === 0 ? Math.max(0, first) : width), `piece ${i} fits`);
				assert.ok(wellFormed(p), 'no lone surrogate');
				if (i > 0) assert.notEqual(p, '', 'only the first piece may be empty');
			});
			// Every cut is between graphemes, except inside one wider than a whole row.
			let cut = 0;
			for (const p of pieces.slice(0, -1)) {
				cut += p.length;
				const around = segmenter.segment(s).containing(cut);
				if (around === undefined || around.index === cut) continue;
				assert.ok(displayWidth(around.segment) > width, `cut at ${cut} inside ${JSON.stringify(around.segment)}`);
			}
		}),
		runs,
	);
});

test('property: the remembered measure is string-width\'s, grapheme by grapheme or whole', () => {
	fc.assert(
		fc.property(text, (s) => {
			assert.equal(displayWidth(s), stringWidth(s));
			assert.equal(displayWidth(s), stringWidth(s), 'the second, remembered answer is the same');
		}),
		runs,
	);
});
