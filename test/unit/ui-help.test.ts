// Help lines are laid out in terminal columns, whatever characters the key map binds.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {helpLines} from '../../source/ui/help.js';
import {displayWidth} from '../../source/terminal/width.js';

test('descriptions line up by display width when a key label is a wide character', () => {
	const lines = helpLines([
		{keys: ['漢'], action: 'a', description: 'wide key', context: 'table'},
		{keys: ['x'], action: 'b', description: 'narrow key', context: 'table'},
	]);
	const rows = lines.filter((l) => l.startsWith('  '));
	assert.equal(rows.length, 2);
	const columnOf = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
	assert.equal(columnOf(rows[0]!, 'wide key'), columnOf(rows[1]!, 'narrow key'));
});
