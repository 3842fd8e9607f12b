// Describe text on screen: cells line up by terminal columns whatever script or emoji a value
// holds, control sequences are gone before anything is measured, and a long annotation is cut
// between graphemes.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {alignTabs} from '../../source/model/tabwriter.js';
import {annotationLines, DescribeWriter} from '../../source/model/describe-format.js';
import {displayWidth} from '../../source/terminal/width.js';

const WOMAN_CODING = '\u{1F469}\u200D\u{1F4BB}'; // 👩‍💻, 2 columns
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // 👨‍👩‍👧, 2 columns
const FLAG_JP = '\u{1F1EF}\u{1F1F5}'; // 2 columns
const E_ACUTE = 'e\u0301'; // 1 column

/** UTF-8 cannot hold a lone surrogate (it becomes U+FFFD), so only well-formed text survives the round trip. */
const wellFormed = (text: string): boolean => Buffer.from(text, 'utf8').toString('utf8') === text;

/**
 * The display column where each cell after the first starts in an aligned line, found by
 * walking the known cells: a cell's text, then the spaces that pad it.
 */
function cellColumns(line: string, cells: readonly string[]): number[] {
	const columns: number[] = [];
	let at = 0;
	cells.forEach((cell, c) => {
		if (c > 0) columns.push(displayWidth(line.slice(0, at)));
		assert.ok(line.startsWith(cell, at), `${JSON.stringify(cell)} at ${at} in ${JSON.stringify(line)}`);
		at += cell.length;
		while (line[at] === ' ') at++;
	});
	return columns;
}

test('every line of a tab block starts its columns at the same display column', () => {
	const cases: Array<[string, string[][]]> = [
		['CJK key', [['Name:', 'web'], ['名前:', 'api'], ['Namespace:', 'shop']]],
		['Hangul and halfwidth katakana', [['한국어:', 'a'], ['ｶﾀｶﾅ:', 'b'], ['k:', 'c']]],
		['emoji ZWJ sequences and a flag', [[`${WOMAN_CODING}:`, 'dev'], [`${FAMILY}-${FLAG_JP}:`, 'home'], ['plain:', 'x']]],
		['combining marks', [[`caf${E_ACUTE}:`, '1'], ['cafe:', '2'], [`${E_ACUTE}${E_ACUTE}${E_ACUTE}:`, '3']]],
		[
			'three columns with wide cells in the middle',
			[
				['Type', 'Reason', 'Message'],
				['Normal', '起動', 'started'],
				['Warning', `${FAMILY}x`, 'odd'],
				['Normal', `r${E_ACUTE}sum${E_ACUTE}`, 'ok'],
			],
		],
		['indented nested lines', [['  State:', '実行中'], ['    Started:', 'today'], ['  Ready:', 'True']]],
	];
	for (const [name, rows] of cases) {
		const lines = alignTabs(rows.map((cells) => cells.join('\t')).join('\n'));
		assert.equal(lines.length, rows.length, name);
		const columns = lines.map((line, i) => cellColumns(line, rows[i]!));
		for (const [i, line] of columns.entries()) assert.deepEqual(line, columns[0], `${name}: line ${i} ${JSON.stringify(lines[i])}`);
	}
});

test('the widest cell gets exactly the padding after it, counted in columns', () => {
	assert.deepEqual(alignTabs('日本:\tx\nab:\ty'), ['日本:  x', 'ab:    y']);
	assert.deepEqual(alignTabs(`${WOMAN_CODING}\tx\nabc\ty`), [`${WOMAN_CODING}   x`, 'abc  y']);
});

test('describe cells are sanitised before they are measured, so values still line up', () => {
	const w = new DescribeWriter();
	w.kv(0, 'Name', 'web\x1b[31m-red\x1b[0m');
	w.kv(0, 'Namespace', 'shop');
	w.kv(0, 'Node', 'n\u202Eevil');
	const lines = w.lines();
	for (const line of lines) assert.doesNotMatch(line, /[\x00-\x1f\x7f-\x9f\u202E]/, JSON.stringify(line));
	assert.deepEqual(lines, ['Name:       web-red', 'Namespace:  shop', 'Node:       n<U+202E>evil']);
});

test('a long annotation is cut at 140 columns between graphemes', () => {
	const cut = (value: string): string => annotationLines({a: value})[0]!.slice('a: '.length);
	const cases: Array<[string, string, string]> = [
		['fits exactly', 'x'.repeat(140), 'x'.repeat(140)],
		['ASCII over the limit', 'x'.repeat(150), `${'x'.repeat(140)}...`],
		['an emoji across the cut is left out, never split', `${'x'.repeat(139)}${WOMAN_CODING}tail`, `${'x'.repeat(139)}...`],
		['an emoji that fits before the cut stays whole', `${'x'.repeat(138)}${WOMAN_CODING}tail`, `${'x'.repeat(138)}${WOMAN_CODING}...`],
		['a ZWJ family across the cut is left out whole', `${'x'.repeat(139)}${FAMILY}tail`, `${'x'.repeat(139)}...`],
		['a ZWJ family that ends at the cut stays whole', `${'x'.repeat(138)}${FAMILY}tail`, `${'x'.repeat(138)}${FAMILY}...`],
		['a combining mark stays with its letter', `${'x'.repeat(139)}${E_ACUTE}tail`, `${'x'.repeat(139)}${E_ACUTE}...`],
		['wide glyphs count two columns', '日'.repeat(80), `${'日'.repeat(70)}...`],
	];
	for (const [name, value, expected] of cases) {
		const shown = cut(value);
		assert.equal(shown, expected, name);
		assert.ok(wellFormed(shown), `${name}: no lone surrogate`);
		assert.ok(displayWidth(shown) <= 140 + '...'.length, `${name}: at most 140 columns and the mark`);
	}
});
