// The pickers draw ink-select-input's rows (Indicator, Item) from the controller's state: the
// pointer marks the choice under the cursor, every choice takes exactly one row, and the
// window follows the cursor.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {ChoiceList, ContextPicker} from '../../views/Pickers.js';
import {displayWidth} from '../../source/terminal/width.js';

afterEach(() => cleanup());

/** ink-select-input's pointer: '❯', or '>' on a terminal that cannot draw it. */
const POINTER = /^[❯>] /;
/** ink-testing-library draws on a 100-column terminal. */
const COLUMNS = 100;

function frameLines(element: React.ReactElement): string[] {
	const {lastFrame} = render(element);
	return (lastFrame() ?? '').split('\n');
}

test('the pointer marks the choice under the cursor, the others are indented the same', () => {
	const [title, ...rows] = frameLines(<ChoiceList title={'logs of shop/web\x1b]0;owned\x07-1'} labels={['app', 'proxy', 'all containers']} index={1} limit={5} />);
	assert.equal(title, 'logs of shop/web-1', 'the title (it names a pod) is sanitised too');
	assert.deepEqual(
		rows.map((row) => row.replace(POINTER, '* ')),
		['  app', '* proxy', '  all containers'],
	);
});

test('a choice wider than the screen takes one row, cut with …, and the window still fits', () => {
	const labels = ['short', 'b'.repeat(150), `dev-${'日本語'.repeat(40)}`, `\u{1F469}\u200D\u{1F4BB}-${'x'.repeat(120)}`, 'last'];
	for (let index = 0; index < labels.length; index++) {
		const [, ...rows] = frameLines(<ChoiceList title="t" labels={labels} index={index} limit={3} />);
		assert.equal(rows.length, 3, `cursor on ${index}: ${JSON.stringify(rows)}`);
		for (const row of rows) assert.ok(displayWidth(row) <= COLUMNS, JSON.stringify(row));
		assert.equal(rows.filter((row) => POINTER.test(row)).length, 1, 'one pointer');
		const pointed = rows.find((row) => POINTER.test(row))!;
		const label = labels[index]!;
		if (displayWidth(label) + 2 <= COLUMNS) assert.equal(pointed.replace(POINTER, ''), label);
		else assert.ok(pointed.endsWith('…') && label.startsWith(pointed.replace(POINTER, '').slice(0, -1)), JSON.stringify(pointed));
	}
});

test('the context picker marks the current context and sanitises names from the kubeconfig', () => {
	const [, ...rows] = frameLines(<ContextPicker choices={['prod', 'dev\x1b[2J', 'staging']} current="prod" index={2} limit={5} />);
	assert.deepEqual(
		rows.map((row) => row.replace(POINTER, '* ')),
		['  prod (current)', '  dev', '* staging'],
	);
});

test('an empty list says so', () => {
	const lines = frameLines(<ChoiceList title="t" labels={[]} index={0} limit={3} />);
	assert.deepEqual(lines, ['t', 'nothing to choose from']);
});
