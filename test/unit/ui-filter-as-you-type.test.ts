// The '/' prompt narrows the table with each key (as k9s does): the controller's state after each
// key, read through the real selector (source/ui/visible.ts), shows the rows the text so far keeps.
// Enter keeps the filter; Esc brings back the one set before; a label selector waits for Enter.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BaseRow} from '../../source/model/types.js';
import type {Session} from '../../source/kube/session.js';
import type {Env} from '../../source/ui/messages.js';
import type {UiState} from '../../source/ui/state.js';
import {topTable} from '../../source/ui/state.js';
import {createVisible} from '../../source/ui/visible.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import {BACKSPACE, ENTER, ESC, env, keys, row, run, state} from './ui-harness.js';

const pods: BaseRow[] = ['zeta-1', 'zeta-2', 'zetaq-0', 'api-1', 'db-0'].map((name) => row(name, {kind: 'Pod', phase: 'Running', status: 'Running', ready: '1/1', restarts: 0, qos: 'BestEffort', requests: {}, accelerators: {}, owners: [], containers: [], deleting: false}));

function realEnv(): Env {
	const snapshot = {rows: pods, byUid: new Map(pods.map((r) => [r.uid, r])), version: 1};
	const store = {snapshot: () => snapshot, subscribe: () => () => {}};
	const session = {store: () => store} as unknown as Session;
	const visible = createVisible(session, defaultPanes(), () => ({}));
	return {...env(), visible: (s: UiState) => visible(s, 0)};
}

const shown = (e: Env, s: UiState) => e.visible(s).rows.map((r) => r.name).sort();

test('each key typed after / narrows the rows shown; the prompt stays open until Enter', () => {
	const e = realEnv();
	let s = run(state(), keys('/'), e).state;
	assert.deepEqual(shown(e, s), ['api-1', 'db-0', 'zeta-1', 'zeta-2', 'zetaq-0'], 'an empty prompt shows every row');
	s = run(s, keys('z'), e).state;
	assert.deepEqual(shown(e, s), ['zeta-1', 'zeta-2', 'zetaq-0']);
	s = run(s, keys('e', 't', 'a', '-'), e).state;
	assert.deepEqual(shown(e, s), ['zeta-1', 'zeta-2']);
	assert.equal(s.overlay?.type, 'prompt');
	assert.equal(topTable(s)?.filter, undefined, 'nothing is set before Enter');
	s = run(s, keys(BACKSPACE), e).state;
	assert.deepEqual(shown(e, s), ['zeta-1', 'zeta-2', 'zetaq-0'], 'backspace widens again');
	s = run(s, keys('-', '2', ENTER), e).state;
	assert.equal(s.overlay, undefined);
	assert.equal(topTable(s)?.filter, 'zeta-2');
	assert.deepEqual(shown(e, s), ['zeta-2']);
});

test('Esc in the prompt brings back the filter set before it was opened', () => {
	const e = realEnv();
	const filtered = run(state(), keys('/', 'api', ENTER), e).state;
	const typing = run(filtered, keys('/', 'd', 'b'), e).state;
	assert.deepEqual(shown(e, typing), ['db-0']);
	const cancelled = run(typing, keys(ESC), e).state;
	assert.equal(cancelled.overlay, undefined);
	assert.deepEqual(shown(e, cancelled), ['api-1']);
});

test('a label selector and a regex not yet valid keep the filter that was set until Enter', () => {
	const e = realEnv();
	const filtered = run(state(), keys('/', 'zeta', ENTER), e).state;
	const labels = run(filtered, keys('/', '-l app=db'), e).state;
	assert.deepEqual(shown(e, labels), ['zeta-1', 'zeta-2', 'zetaq-0'], 'no new watch per key');
	const halfRegex = run(filtered, keys('/', '~db-('), e).state;
	assert.deepEqual(shown(e, halfRegex), ['zeta-1', 'zeta-2', 'zetaq-0']);
	const regex = run(halfRegex, keys(')'), e).state;
	assert.deepEqual(shown(e, regex), ['db-0'], 'the regex is used once it compiles');
	const inverted = run(filtered, keys('/', '!zeta'), e).state;
	assert.deepEqual(shown(e, inverted), ['api-1', 'db-0']);
});

test('the selection follows its row while the table narrows', () => {
	const e = realEnv();
	const onWeb2 = run(state('pods', {stack: [{...state().stack[0]!, selectedUid: 'uid-zeta-2', selectedIndex: 4}] as UiState['stack']}), [], e).state;
	const typing = run(onWeb2, keys('/', 'zeta'), e).state;
	const narrowed = e.visible(typing);
	assert.equal(narrowed.selected?.name, 'zeta-2');
	assert.equal(narrowed.selectedIndex, 1, 'second of the rows the text keeps');
});
