// The help pager scrolls like the other pagers (describe, YAML): arrows, page keys, top and
// bottom, and space for a page as in less. Pure: state + keys → state.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {InkKey} from '../../source/config/keys.js';
import type {Msg} from '../../source/ui/messages.js';
import {top, type UiState} from '../../source/ui/state.js';
import {env, keys, run, state} from './ui-harness.js';

const press = (input: string, key: Partial<InkKey> = {}): Msg => ({type: 'key', key: [input, key]});
// A pager has one line more than a table (no column header): a page is that many lines.
const pageSize = env().pageSize + 1;

function offsetOf(s: UiState): number {
	const view = top(s);
	assert.ok(view.type === 'pager' && view.context === 'help', 'still on help');
	return view.offset;
}

test('the help pager scrolls with arrows, page keys, space, g/G and home/end', () => {
	const help = run(state(), keys('?')).state;
	const view = top(help);
	assert.ok(view.type === 'pager' && view.lines.length > 3 * pageSize, 'help is longer than three pages (or this test says nothing)');
	const last = view.lines.length - pageSize;
	const cases: Array<[string, Msg[], number]> = [
		['down arrow', [press('', {downArrow: true})], 1],
		['j', [press('j')], 1],
		['down then up arrow', [press('', {downArrow: true}), press('', {downArrow: true}), press('', {upArrow: true})], 1],
		['page down', [press('', {pageDown: true})], pageSize],
		['ctrl-f', [press('f', {ctrl: true})], pageSize],
		['space', [press(' ')], pageSize],
		['page down twice, page up', [press('', {pageDown: true}), press('', {pageDown: true}), press('', {pageUp: true})], pageSize],
		['G', [press('G', {shift: true})], last],
		['end', [press('', {end: true})], last],
		['G then g', [press('G', {shift: true}), press('g')], 0],
		['G then home', [press('G', {shift: true}), press('', {home: true})], 0],
	];
	for (const [name, msgs, offset] of cases) {
		const after = run(help, msgs).state;
		assert.equal(offsetOf(after), offset, name);
		assert.equal(after.message?.level === 'error' ? after.message.text : undefined, undefined, `${name}: no error`);
	}
});

test('space pages down in the describe and YAML pagers too', () => {
	for (const context of ['describe', 'yaml'] as const) {
		const base = state();
		const lines = Array.from({length: 5 * pageSize}, (_, i) => `line ${i}`);
		const pager: UiState = {...base, stack: [...base.stack, {type: 'pager', context, title: context, lines, offset: 0}]};
		const view = top(run(pager, [press(' ')]).state);
		assert.ok(view.type === 'pager' && view.offset === pageSize, `${context}: ${view.type === 'pager' ? view.offset : view.type}`);
	}
});
