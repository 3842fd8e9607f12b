// Wide and composed text on screen: CJK, emoji sequences, flags, combining marks, invisible
// and bidi characters, tabs. Every line of a table must take the same number of columns, and
// no log row may pass the width or split a grapheme.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {ResourceTable} from '../../views/ResourceTable.js';
import {entryRows} from '../../views/actions/logText.js';
import {toEntry} from '../../source/model/logEntry.js';
import {hintLine} from '../../views/Footer.js';
import {displayWidth} from '../../source/terminal/width.js';
import {NOW, row, testColumns} from './fakes.js';

afterEach(() => cleanup());

const names = [
	'web-0',
	'web-日本語-1',
	'api-한국어-서비스-2',
	'dev-\u{1F469}\u200D\u{1F4BB}-3',
	'family-\u{1F468}\u200D\u{1F469}\u200D\u{1F467}-4',
	'flags-\u{1F1EF}\u{1F1F5}\u{1F1FA}\u{1F1F8}-5',
	'cafe\u0301-6',
	'zero\u200Bwidth-7',
	'bidi-\u202Eevil-8',
	'tab\there-9',
	'ｶﾀｶﾅ-10',
];

function tableLines(width: number): string[] {
	const rows = names.map((name, i) => row(name, {uid: `u${i}`, node: i % 2 ? 'ノード-1' : 'node-1'}));
	const {lastFrame} = render(
		<ResourceTable rows={rows} columns={testColumns} selectedIndex={0} height={20} width={width} wide={false} allNamespaces={false} now={NOW} title="pods" scope="default" />,
	);
	return (lastFrame() ?? '').split('\n');
}

for (const width of [120, 44, 30]) {
	test(`at ${width} columns every table line takes the same number of columns`, () => {
		const [, header, ...rows] = tableLines(width);
		assert.equal(rows.length, names.length);
		const expected = displayWidth(header!);
		assert.ok(expected <= width);
		for (const line of rows) assert.equal(displayWidth(line), expected, JSON.stringify(line));
		// AGE is right-aligned and last: it ends in the same column on every line.
		for (const line of rows) assert.ok(line.endsWith('60s'), JSON.stringify(line));
	});
}

test('a wide name is shown whole when it fits, and the cells after it line up', () => {
	const lines = tableLines(120);
	const status = (line: string) => displayWidth(line.slice(0, line.indexOf('Running')));
	const cjk = lines.find((line) => line.includes('web-日本語-1'));
	const ascii = lines.find((line) => line.includes('web-0'));
	assert.ok(cjk && ascii);
	assert.equal(status(cjk), status(ascii), 'STATUS starts in the same column after a CJK name');
	assert.ok(lines.some((line) => line.includes('family-\u{1F468}\u200D\u{1F469}\u200D\u{1F467}-4')), 'a ZWJ sequence is drawn whole');
	assert.ok(lines.some((line) => line.includes('tab here-9')), 'a tab in a cell is one space');
	assert.ok(lines.some((line) => line.includes('bidi-<U+202E>evil-8')), 'a bidi override is shown as an escape, never sent');
	assert.ok(lines.some((line) => line.includes('zero<U+200B>width-7')), 'a zero-width space is shown as an escape');
});

test('log rows never pass the width and never split a grapheme', () => {
	const text = `start 日本語のログ \u{1F469}\u200D\u{1F4BB}\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u{1F1EF}\u{1F1F5} cafe\u0301 end`.repeat(3);
	const entry = toEntry({text, source: 'pod-日本/app', timestamp: '2026-12-04T16:00:00Z'});
	for (const width of [10, 11, 17, 40]) {
		for (const timestamps of [false, true]) {
			const options = {timestamps, json: false, wrap: true, width};
			const rows = entryRows(entry, 0, options);
			rows.forEach((r, i) => {
				const lead = displayWidth(r.prefix?.text ?? '') + displayWidth(r.timestamp ?? '');
				// A prefix wider than the line leaves its first row no room for text (Ink cuts the prefix).
				assert.ok(displayWidth(r.text) <= Math.max(0, width - lead), `row ${i} at ${width}: ${JSON.stringify(r.text)}`);
				assert.doesNotMatch(r.text, /^[\u200D\u0301\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\uDC00-\uDFFF]/u, 'no row starts inside a grapheme');
			});
			assert.equal(rows.map((r) => r.text).join(''), entry.text, 'wrapping loses nothing');
			const cut = entryRows(entry, 0, {...options, wrap: false});
			assert.equal(cut.length, 1);
			const lead = displayWidth(cut[0]!.prefix?.text ?? '') + displayWidth(cut[0]!.timestamp ?? '');
			assert.ok(displayWidth(cut[0]!.text) <= Math.max(0, width - lead));
		}
	}
});

test('the footer hint line is cut by columns', () => {
	const hints = [
		{keys: ['d'], action: 'describe', description: '説明を表示'},
		{keys: ['y'], action: 'yaml', description: 'YAML'},
	];
	for (const width of [5, 12, 20]) assert.ok(displayWidth(hintLine(hints, width)) <= width, `at ${width}`);
});
