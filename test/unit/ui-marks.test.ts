// Multi-select in the controller, pure: space marks and moves down, ctrl-space marks a range,
// ctrl-\ clears; marks follow objects by uid through sort, filter and updates, drop with their
// object, and are left behind by another pane, namespace or drill-down.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BaseRow} from '../../source/model/types.js';
import type {Env, Msg} from '../../source/ui/messages.js';
import {followSelection, selectRows} from '../../source/store/selectors.js';
import {topTable, type UiState} from '../../source/ui/state.js';
import {currentMarks, markedRows, marksText} from '../../source/ui/marks.js';
import {ENTER, ESC, env, keys, row, run, state} from './ui-harness.js';

const CTRL_SPACE: Msg = {type: 'key', key: [' ', {ctrl: true}]};
const CTRL_BACKSLASH: Msg = {type: 'key', key: ['\\', {ctrl: true}]};

/** An Env over a mutable list of pod rows that filters and sorts as the real selector does. */
function liveEnv(store: {rows: BaseRow[]}, options: {readonly?: boolean} = {}): Env {
	const base = env({readonly: options.readonly ?? false});
	return {
		...base,
		visible(s: UiState) {
			const table = topTable(s);
			const pane = base.panes.get(table?.pane ?? 'pods')!;
			// The test rows carry no cells, so the text filter is on names here (the selector's own is tested apart).
			const kept = store.rows.filter((r) => !table?.filter || r.name.includes(table.filter));
			const rows = table?.pane === 'pods' ? selectRows(kept, pane.columns, {sort: table.sort}, 0) : [];
			const selectedIndex = followSelection(rows, table?.selectedUid, table?.selectedIndex ?? 0);
			return {pane, rows, selected: rows[selectedIndex], selectedIndex, lookup: (uid: string) => store.rows.find((r) => r.uid === uid)};
		},
	};
}

const pods = () => ({rows: ['app-1', 'app-2', 'app-3', 'db-1', 'db-2'].map((name) => row(name, {status: 'Running'}))});
const marked = (s: UiState, e: Env) => markedRows(s, e.visible(s)).map((r) => r.name);

test('space marks the selected row and moves down; space on a marked row unmarks it', () => {
	const e = liveEnv(pods());
	const step = run(state('pods'), keys(' ', ' ', 'j', ' '), e);
	assert.deepEqual(marked(step.state, e), ['app-1', 'app-2', 'db-1']);
	assert.equal(e.visible(step.state).selected?.name, 'db-2', 'the cursor moved down after each mark');
	const again = run(step.state, keys('k', 'k', 'k', ' '), e);
	assert.deepEqual(marked(again.state, e), ['app-1', 'db-1']);
	assert.equal(marksText(again.state, e.visible(again.state)), '2 marked');
});

test('ctrl-space marks every row from the last marked one to the selected one (either direction); ctrl-\\ clears', () => {
	const e = liveEnv(pods());
	const down = run(state('pods'), [...keys(' ', 'j', 'j'), CTRL_SPACE], e);
	assert.deepEqual(marked(down.state, e), ['app-1', 'app-2', 'app-3', 'db-1']);
	const up = run(state('pods'), [...keys('G', ' ', 'g'), CTRL_SPACE], e);
	assert.deepEqual(marked(up.state, e), ['app-1', 'app-2', 'app-3', 'db-1', 'db-2']);
	const cleared = run(up.state, [CTRL_BACKSLASH], e);
	assert.deepEqual(marked(cleared.state, e), []);
	assert.equal(cleared.state.message?.text, '5 marks cleared');
	const none = run(state('pods'), [CTRL_SPACE], e);
	assert.match(none.state.message?.text ?? '', /mark a row with space first/);
});

test('marks follow their objects through sort and filter; a filter hides some but they stay marked, and are counted as hidden', () => {
	const e = liveEnv(pods());
	const step = run(state('pods'), keys(' ', 'j', 'j', ' ', 'N', 'N'), e);
	assert.deepEqual(new Set(marked(step.state, e)), new Set(['app-1', 'db-1']));
	const filtered = run(step.state, keys('/', 'app', ENTER), e);
	assert.deepEqual(marked(filtered.state, e), ['app-1', 'db-1'], 'the hidden one is still marked (listed after the shown ones)');
	assert.equal(marksText(filtered.state, e.visible(filtered.state)), '2 marked, 1 hidden');
	const unfiltered = run(filtered.state, keys(ESC), e);
	assert.deepEqual(new Set(marked(unfiltered.state, e)), new Set(['app-1', 'db-1']), 'Esc clears the filter, not the marks');
});

test('an object deleted from the store is no longer marked; a new object with the same name is not marked', () => {
	const store = pods();
	const e = liveEnv(store);
	const step = run(state('pods'), keys(' ', ' '), e);
	store.rows = store.rows.filter((r) => r.name !== 'app-1');
	assert.deepEqual(marked(step.state, e), ['app-2']);
	assert.equal(marksText(step.state, e.visible(step.state)), '1 marked', 'the title counts only what still exists');
	store.rows = [row('app-1', {uid: 'uid-app-1-new'}), ...store.rows];
	assert.deepEqual(marked(step.state, e), ['app-2']);
});

test('another pane, another namespace, a drill-down or going back leaves the marks behind', () => {
	const e = liveEnv(pods());
	const marks = run(state('pods'), keys(' ', ' '), e).state;
	assert.ok(currentMarks(marks));
	const cases: Array<[string, Msg[]]> = [
		[':deploy', keys(':', 'deploy', ENTER)],
		[':pods again', keys(':', 'pods', ENTER)],
		['namespace 0', keys('0')],
		['enter (drill into containers)', keys(ENTER)],
	];
	for (const [what, msgs] of cases) {
		const step = run(marks, msgs, e);
		assert.equal(step.state.marks, undefined, what);
	}
	const back = run(marks, [...keys(ENTER), ...keys(ESC)], e);
	assert.equal(currentMarks(back.state), undefined, 'coming back does not bring them back');
	const describe = run(marks, keys('d', ESC), e);
	assert.deepEqual(marked(describe.state, e), ['app-1', 'app-2'], 'describe on top and back keeps them');
});

test('space is refused on a pod\'s containers, and is page-down in the pagers as before', () => {
	const e = env({rows: {containers: [row('app')]}});
	const containers = run(state('containers'), keys(' '), e);
	assert.match(containers.state.message?.text ?? '', /cannot be marked/);
	const help = run(state('pods'), keys('?', ' '), env({rows: {pods: [row('a')]}}));
	const view = help.state.stack.at(-1)!;
	assert.ok(view.type === 'pager' && view.offset > 0, 'space pages down in help');
});

test('ctrl-space and ctrl-\\ are keys a key map can name and the terminal can send, alone or in a burst', async () => {
	const {parseKeyName, keyFromInk} = await import('../../source/config/keys.js');
	const {splitKeys} = await import('../../source/ui/keys.js');
	assert.deepEqual(parseKeyName('ctrl-space'), {ok: true, key: 'ctrl-space'});
	assert.deepEqual(parseKeyName('ctrl-\\'), {ok: true, key: 'ctrl-\\'});
	assert.equal(keyFromInk(' ', {ctrl: true}), 'ctrl-space');
	assert.equal(keyFromInk('\\', {ctrl: true}), 'ctrl-\\');
	assert.equal(keyFromInk(' ', {}), 'space');
	const burst = splitKeys(' \u0000\u001C', {}).map(([input, key]) => keyFromInk(input, key));
	assert.deepEqual(burst, ['space', 'ctrl-space', 'ctrl-\\']);
});
