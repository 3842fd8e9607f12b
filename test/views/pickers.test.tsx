// The pickers draw ink-select-input's rows (Indicator, Item) from the controller's state: the
// pointer marks the choice under the cursor, every choice takes exactly one row, and the
// window follows the cursor.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {ChoiceList, ContextPicker} from '../../views/Pickers.js';
import {displayWidth} from '../../source/terminal/width.js';
import {ActionBody} from '../../views/actions/ActionViews.js';
import {manifestChoices} from '../../source/actions/manifestDir.js';

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

test("set image's container picker names the kind it changes (a statefulset is not called a deploy)", () => {
	const setImage = {target: {kind: 'StatefulSet', namespace: 'db', name: 'pg'}, containers: [{name: 'pg', image: 'postgres:16'}, {name: 'exporter', image: 'exp:1'}]};
	const [title] = frameLines(<ActionBody overlay={{type: 'picker', namespace: 'db', pod: 'pg', choices: [{label: 'pg', value: 'pg'}, {label: 'exporter', value: 'exporter'}], index: 0, setImage}} height={10} width={100} now={0} />);
	assert.equal(title, 'set image of statefulset db/pg: which container? (Enter edits its image, Esc cancels)');
});

test(':apply over a directory: the directory in the title, `..`, subdirectories and manifests, the cursor where the controller put it', () => {
	const listing = manifestChoices('/srv/deploy', [
		{name: 'web.yaml', isDir: false},
		{name: 'base', isDir: true},
		{name: 'notes.txt', isDir: false},
	]);
	const [title, ...rows] = frameLines(<ActionBody overlay={{type: 'files', listing, index: 2}} height={10} width={100} now={0} />);
	assert.match(title ?? '', /^:apply: which manifest in \/srv\/deploy\? \(Enter opens/);
	assert.deepEqual(
		rows.map((row) => row.replace(POINTER, '* ')),
		['  ../', '  base/', '* web.yaml'],
	);
});
