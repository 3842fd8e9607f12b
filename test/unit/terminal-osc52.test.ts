// OSC 52 copy (issue 14): the payload is base64 of sanitised text, capped without splitting
// a character; `c` copies the selected name on tables and the lines on screen in pagers.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {osc52} from '../../source/terminal/osc52.js';
import {topTable} from '../../source/ui/state.js';
import {env, keys, row, run, state} from './ui-harness.js';

const payload = (sequence: string) => {
	const match = /^\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007$/.exec(sequence);
	assert.ok(match, JSON.stringify(sequence));
	return Buffer.from(match[1]!, 'base64').toString('utf8');
};

test('osc52 wraps base64 of the text; escapes from the cluster do not ride along', () => {
	assert.equal(osc52('web-1').sequence, '\u001B]52;c;d2ViLTE=\u0007');
	assert.equal(payload(osc52('evil\u001B]0;title\u0007name\u001B[2J').sequence), 'evilname');
	assert.equal(payload(osc52('two\nlines').sequence), 'two\nlines');
});

test('osc52 caps the payload between characters and says it did', () => {
	const cut = osc52('ab€€', 5); // a b (1+1) € (3) = 5; the next € would pass the cap
	assert.deepEqual([payload(cut.sequence), cut.bytes, cut.truncated], ['ab€', 5, true]);
	const inside = osc52('a€', 2); // the cap falls inside €: it is dropped whole
	assert.deepEqual([payload(inside.sequence), inside.truncated], ['a', true]);
	fc.assert(fc.property(fc.string({unit: 'grapheme', maxLength: 200}), fc.integer({min: 0, max: 300}), (text, cap) => {
		const out = osc52(text, cap);
		const decoded = payload(out.sequence);
		assert.ok(out.bytes <= cap);
		assert.ok(!decoded.includes('\uFFFD') || text.includes('\uFFFD'));
	}));
});

test('c on a table copies the selected name; in describe the lines on screen; the message says what', () => {
	const e = env({rows: {pods: [row('web-1'), row('web-2')]}});
	const table = run(state(), keys('j', 'c'), e);
	assert.deepEqual(table.effects, [{type: 'copy', text: 'web-2'}]);
	assert.equal(table.state.message?.text, 'copied pod/web-2 name (OSC 52)');
	assert.equal(topTable(table.state)?.pane, 'pods');
	const paged = {...state(), stack: [...state().stack, {type: 'pager' as const, context: 'describe' as const, title: 'd', lines: Array.from({length: 30}, (_, i) => `line ${i}`), offset: 5}]};
	const copied = run(paged, keys('c'), e);
	assert.deepEqual(copied.effects, [{type: 'copy', text: Array.from({length: 10}, (_, i) => `line ${i + 5}`).join('\n')}]);
	assert.equal(copied.state.message?.text, 'copied 10 lines on screen (OSC 52)');
});

test('on nodes, c stays cordon', () => {
	const e = env({rows: {nodes: [row('node-a', {namespace: undefined})]}});
	const {state: after, effects} = run(state('nodes'), keys('c'), e);
	assert.ok(!effects.some((x) => x.type === 'copy'));
	assert.equal(after.overlay?.type, 'confirm');
});
