// Long lines in the describe and YAML pagers: w wraps, left/right scroll sideways (never past the
// start nor far beyond the widest line), e fetches the YAML again with long strings whole.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {top, type PagerView} from '../../source/ui/state.js';
import {splitKeys} from '../../source/ui/keys.js';
import type {Msg} from '../../source/ui/messages.js';
import {env, keys, row, run, state} from './ui-harness.js';

const arrow = (which: 'leftArrow' | 'rightArrow'): Msg[] => splitKeys('', {[which]: true}).map((key) => ({type: 'key' as const, key}));
const RIGHT = arrow('rightArrow');
const LEFT = arrow('leftArrow');
const rows = {pods: [row('web-1')]};

function pager(step: ReturnType<typeof run>): PagerView {
	const view = top(step.state);
	assert.equal(view.type, 'pager');
	return view as PagerView;
}

function yamlOpen() {
	const e = env({rows});
	const opened = run(state(), keys('y'), e);
	const req = (opened.effects[0] as {req: number}).req;
	const filled = run(opened.state, [{type: 'detail', req, lines: ['kind: Pod', `data: ${'x'.repeat(200)}`]}], e);
	return {e, state: filled.state, effects: opened.effects};
}

test('y keeps the object it shows, and e fetches it again with long strings whole, then cut again', () => {
	const {e, state: shown, effects} = yamlOpen();
	assert.deepEqual(effects.map((x) => x.type), ['fetch']);
	const expanded = run(shown, keys('e'), e);
	const fetch = expanded.effects[0] as {type: string; ref: {expand?: boolean; name: string}; as: string};
	assert.equal(fetch.type, 'fetch');
	assert.equal(fetch.as, 'yaml');
	assert.equal(fetch.ref.expand, true);
	assert.equal(fetch.ref.name, 'web-1');
	assert.match(pager(expanded).title, /long strings whole/);
	const again = run(expanded.state, keys('e'), e);
	assert.equal((again.effects[0] as {ref: {expand?: boolean}}).ref.expand, false);
});

test('right and left scroll by columns, clamped to the widest line; w wraps and resets the column', () => {
	const {e, state: shown} = yamlOpen();
	assert.equal(pager(run(shown, LEFT, e)).column ?? 0, 0, 'never left of the start');
	const once = run(shown, RIGHT, e);
	assert.equal(pager(once).column, 20);
	const far = run(shown, Array.from({length: 30}, () => RIGHT).flat(), e);
	assert.equal(pager(far).column, 206 - 20, 'stops one step before the end of the widest line (206 columns)');
	const wrapped = run(far.state, keys('w'), e);
	assert.equal(pager(wrapped).wrap, true);
	assert.equal(pager(wrapped).column, 0);
	const refused = run(wrapped.state, RIGHT, e);
	assert.match(refused.state.message?.text ?? '', /w turns wrap off/);
});

test('e in the describe view edits the object it shows (the YAML view keeps e for expand)', () => {
	const e = env({rows});
	const described = run(state(), keys('d'), e);
	const pressed = run(described.state, keys('e'), e);
	assert.equal(pressed.effects.length, 1);
	const effect = pressed.effects[0]!;
	assert.ok(effect.type === 'edit' && effect.target.kind === 'Pod' && effect.target.name === rows.pods[0]!.name, JSON.stringify(pressed.effects));
});
