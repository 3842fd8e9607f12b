// The log view's note line (a saved file's path, a search that found nothing) is measured in
// columns: a note with CJK text is twice as wide as it is long.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {LogView} from '../../views/actions/LogView.js';
import {openLogView} from '../../source/ui/logView.js';
import {displayWidth} from '../../source/terminal/width.js';

afterEach(() => cleanup());

const noLines = {size: 0, dropped: 0, at: () => undefined};
const WIDTH = 40;
const HEIGHT = 10;

function frameWithNote(note: string): string[] {
	const {lastFrame} = render(<LogView view={{...openLogView('logs web'), note}} lines={noLines} height={HEIGHT} width={WIDTH} />);
	return (lastFrame() ?? '').split('\n');
}

function assertFits(lines: readonly string[]): void {
	assert.ok(lines.length <= HEIGHT, `${lines.length} lines in a ${HEIGHT}-line pane: ${JSON.stringify(lines)}`);
	for (const line of lines) assert.ok(displayWidth(line) <= WIDTH, JSON.stringify(line));
}

test('a note shorter than the line in code units but wider in columns wraps and is shown whole', () => {
	const note = `saved 3 lines to /tmp/${'日本語'.repeat(4)}.log`;
	assert.ok(note.length <= WIDTH && displayWidth(note) > WIDTH, 'the case this test is about');
	const lines = frameWithNote(note);
	assertFits(lines);
	assert.ok(lines.join(' ').replace(/\s+/g, ' ').includes(note), JSON.stringify(lines));
});

test('a note too wide for its three rows is cut by columns and the pane keeps its height', () => {
	const note = `saved 3 lines to /tmp/${'日本語'.repeat(40)}.log`;
	assert.ok(note.length < WIDTH * 4, 'few enough code units that a cut by length would keep too many columns');
	const lines = frameWithNote(note);
	assertFits(lines);
	assert.ok(lines.at(-1)!.endsWith('…'), JSON.stringify(lines));
	assert.doesNotMatch(lines.join('\n'), /\.log/);
});
