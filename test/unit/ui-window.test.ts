// The window of a list that fits on screen: it scrolls as little as possible and keeps the
// selection visible (the resource table and the pickers scroll through it).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {windowRows} from '../../source/ui/window.js';

const list = Array.from({length: 20}, (_, i) => i);
const windowCases: Array<{name: string; selected: number; height: number; previous: number; offset: number}> = [
	{name: 'top of the list', selected: 0, height: 5, previous: 0, offset: 0},
	{name: 'selection inside the window: offset kept', selected: 7, height: 5, previous: 4, offset: 4},
	{name: 'selection one below: scroll by one', selected: 9, height: 5, previous: 4, offset: 5},
	{name: 'selection above: scroll up to it', selected: 2, height: 5, previous: 4, offset: 2},
	{name: 'jump to bottom', selected: 19, height: 5, previous: 0, offset: 15},
	{name: 'offset past the end after rows shrank is clamped', selected: 3, height: 5, previous: 40, offset: 3},
	{name: 'selection beyond the end is clamped to the last row', selected: 99, height: 5, previous: 0, offset: 15},
	{name: 'window taller than the list', selected: 10, height: 50, previous: 3, offset: 0},
	{name: 'negative selection', selected: -3, height: 5, previous: 2, offset: 0},
];

for (const c of windowCases) {
	test(`windowRows: ${c.name}`, () => {
		const result = windowRows(list, c.selected, c.height, c.previous);
		assert.equal(result.offset, c.offset);
		assert.deepEqual(result.rows, list.slice(c.offset, c.offset + c.height));
		const selected = Math.min(Math.max(0, c.selected), list.length - 1);
		assert.ok(result.rows.includes(selected), 'the selection is on screen');
	});
}

test('windowRows: empty list or zero height', () => {
	assert.deepEqual(windowRows([], 3, 10, 2), {offset: 0, rows: []});
	assert.deepEqual(windowRows(list, 3, 0, 2), {offset: 0, rows: []});
});
