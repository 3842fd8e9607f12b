// Pane toggles (gpu.holdersOnly) as pure state transitions: on, off, and independent of each other.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {tableView, toggleRestriction} from '../../source/ui/state.js';

const cases: Array<{name: string; from: readonly string[] | undefined; id: string; want: readonly string[] | undefined}> = [
	{name: 'turns on', from: undefined, id: 'gpu.holdersOnly', want: ['gpu.holdersOnly']},
	{name: 'turns off, leaving no empty list behind', from: ['gpu.holdersOnly'], id: 'gpu.holdersOnly', want: undefined},
	{name: 'another toggle stays on', from: ['a', 'gpu.holdersOnly'], id: 'gpu.holdersOnly', want: ['a']},
	{name: 'adds beside another', from: ['a'], id: 'b', want: ['a', 'b']},
];

for (const c of cases) {
	test(`toggleRestriction ${c.name}`, () => {
		const view = tableView('pods', {toggles: c.from, selectedUid: 'uid-1', selectedIndex: 3});
		const next = toggleRestriction(view, c.id);
		assert.deepEqual(next.toggles, c.want);
		assert.equal(next.selectedUid, 'uid-1', 'the selection follows its object');
		assert.deepEqual(view.toggles, c.from, 'the old view is not changed');
	});
}
