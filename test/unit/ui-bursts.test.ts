// Keys that arrive in one read (a paste, tmux send-keys, a fast typist over SSH) are reduced
// one at a time, each on the state the key before produced, and an Enter that answers a dialog
// never also acts on the pane below it: a repeat of it in the same read is dropped.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createBurstMarker, keyId, splitKeys} from '../../source/ui/keys.js';
import {top, topTable} from '../../source/ui/state.js';
import type {Effect, Msg} from '../../source/ui/messages.js';
import {BACKSPACE, ctrl, env, keys, row, run, state} from './ui-harness.js';

const deployments = [row('web', {selector: 'app=web', desired: 3}), row('api', {selector: 'app=api', desired: 2})];
const pods = [row('web-1'), row('web-2')];
const e = env({rows: {deployments, pods}});
const performs = (effects: readonly Effect[]) => effects.filter((x): x is Extract<Effect, {type: 'perform'}> => x.type === 'perform');

test('j then Enter in one read drills into the row j selected, not the one the last frame showed', () => {
	const step = run(state('deployments'), keys('j\r'), e);
	assert.equal(step.state.stack.length, 2);
	assert.equal(topTable(step.state)?.labelSelector, 'app=api');
	assert.equal(topTable(run(state('deployments'), keys('\r'), e).state)?.labelSelector, 'app=web');
});

test('Enter Enter after the scale prompt scales once and stays on the deployments (it used to drill into the pods)', () => {
	const step = run(state('deployments'), keys('s', `${BACKSPACE}5\r\r`), e);
	assert.deepEqual(performs(step.effects), [{type: 'perform', req: 2, intent: {verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 5}}]);
	assert.equal(step.state.stack.length, 1, 'no drill-down');
	assert.equal(top(step.state).type, 'table');
	assert.equal(step.state.overlay, undefined);
	// A paste of many Enters is dropped the same way.
	assert.equal(run(state('deployments'), keys('s', '\r\r\r\r'), e).state.stack.length, 1);
});

test('only the same read: an Enter in a later read acts again (the user pressed it on purpose)', () => {
	const step = run(state('deployments'), keys('s', `${BACKSPACE}5\r`, '\r'), e);
	assert.equal(performs(step.effects).length, 1);
	assert.equal(step.state.stack.length, 2, 'the next read drills as usual');
});

test('another key after the answer in the same read acts as usual', () => {
	const step = run(state('deployments'), keys('s', `${BACKSPACE}5\rj`), e);
	assert.equal(performs(step.effects).length, 1);
	assert.equal(topTable(step.state)?.selectedUid, 'uid-api');
});

test('a risky scale asks again; the repeated Enter neither cancels that question nor confirms it', () => {
	const step = run(state('deployments'), keys('s', `${BACKSPACE}0\r\r`), e);
	assert.equal(step.state.overlay?.type, 'confirm');
	assert.deepEqual(performs(step.effects), []);
	const confirmed = run(step.state, keys('yy'), e);
	assert.equal(performs(confirmed.effects).length, 1, 'y y confirms once');
	assert.equal(confirmed.state.stack.length, 1, 'and the second y does not open the YAML');
});

test('delete: y y in one read deletes once and does not go on to show YAML', () => {
	const step = run(state('pods'), keys(ctrl('d'), 'yy'), e);
	assert.deepEqual(performs(step.effects).map((x) => x.intent.verb), ['delete']);
	assert.deepEqual(step.effects.filter((x) => x.type === 'fetch'), []);
});

test('prompts: ctrl-u then 2 in one read gives 2; :ns and Enter and j in one read act on the new namespace', () => {
	const step = run(state('deployments'), keys('s', `${ctrl('u')}2\r`), e);
	assert.deepEqual(performs(step.effects).map((x) => (x.intent.verb === 'scale' ? x.intent.replicas : undefined)), [2]);
	const ns = run(state('deployments'), keys(':ns payments\rj'), e);
	assert.equal(ns.state.namespace, 'payments');
	assert.equal(ns.state.overlay, undefined);
});

test('Esc sequences in a read: Esc+key is two keys, Esc Esc closes two levels, arrows move', () => {
	const filtered = run(state('deployments'), keys('/web\r'), e).state;
	const pressed = (input: string, key: Record<string, boolean>): Msg[] => splitKeys(input, key).map((k, i) => ({type: 'key', key: k, ...(i > 0 ? {burst: true} : {})}));
	const escJ = run(filtered, pressed('j', {meta: true}), e).state;
	assert.equal(topTable(escJ)?.filter, undefined, 'Esc cleared the filter');
	assert.equal(topTable(escJ)?.selectedUid, 'uid-api', 'then j moved');
	const prompt = run(state('deployments'), keys(':po'), e).state;
	const twice = run(prompt, pressed('', {escape: true, meta: true}), e).state;
	assert.equal(twice.overlay, undefined, 'the first Esc closed the prompt');
	const down = run(state('deployments'), [{type: 'key', key: ['', {downArrow: true}]}, {type: 'key', key: ['', {return: true}], burst: true}], e).state;
	assert.equal(topTable(down)?.labelSelector, 'app=api');
});

test('a key after one that starts an async effect acts before the answer, and the late answer changes nothing', () => {
	// s asks the API for the current count; 7 and Enter arrive before it answers.
	const typed = run(state('deployments'), keys('s', `${BACKSPACE}7\r`), e);
	assert.deepEqual(performs(typed.effects).map((x) => (x.intent.verb === 'scale' ? x.intent.replicas : undefined)), [7]);
	const late = run(typed.state, [{type: 'replicas', req: 1, answer: {ok: true, replicas: 9}}], e);
	assert.deepEqual(late.state, typed.state);
	// d fetches the description; j in the pager scrolls it (nothing to scroll yet), and the answer still lands.
	const described = run(state('pods'), keys('dj'), e);
	const filled = run(described.state, [{type: 'detail', req: 1, lines: ['Name: web-1']}], e).state;
	const view = top(filled);
	assert.deepEqual(view.type === 'pager' ? view.lines : [], ['Name: web-1']);
});

test('keyId tells keys apart by input and flags', () => {
	assert.equal(keyId(['', {return: true}]), keyId(['', {return: true, shift: false}]));
	assert.notEqual(keyId(['', {return: true}]), keyId(['j', {}]));
	assert.notEqual(keyId(['u', {ctrl: true}]), keyId(['u', {}]));
});

test('the burst marker: keys after the first of a read, and every key of later events in the same turn, are marked', async () => {
	const mark = createBurstMarker();
	const enter = ['', {return: true}] as const;
	assert.deepEqual(mark([[...enter], [...enter]]).map((m) => m.burst), [false, true]);
	assert.deepEqual(mark([['j', {}]]).map((m) => m.burst), [true], 'a second event of the same read');
	await Promise.resolve();
	assert.deepEqual(mark([['j', {}]]).map((m) => m.burst), [false], 'the next read starts afresh');
});
