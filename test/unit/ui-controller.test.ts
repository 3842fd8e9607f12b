// The controller as a pure function: state + keys → state + effects, for navigation, the
// prompts, commands, namespaces, details and the session scope. No React, no timers.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {scopeOf} from '../../source/ui/scope.js';
import {splitKeys} from '../../source/ui/keys.js';
import {top, topTable} from '../../source/ui/state.js';
import {BACKSPACE, ENTER, ESC, TAB, env, keymapWith, keys, row, run, state} from './ui-harness.js';

const pods = [row('api-1'), row('web-1'), row('web-2')];
const deployments = [row('web', {selector: 'app=web', desired: 3}), row('api', {selector: 'app=api', desired: 2})];
const rows = {pods, deployments, namespaces: [row('default', {namespace: undefined}), row('payments', {namespace: undefined})]};

test('j, k, G and g move the selection over the rows the selector shows', () => {
	const e = env({rows});
	const cases: Array<[string[], string]> = [
		[['j'], 'web-1'],
		[['j', 'j', 'j'], 'web-2'],
		[['G'], 'web-2'],
		[['G', 'g'], 'api-1'],
		[['j', 'k'], 'api-1'],
	];
	for (const [presses, expected] of cases) {
		const {state: after} = run(state(), keys(...presses), e);
		assert.equal(topTable(after)?.selectedUid, `uid-${expected}`, presses.join(' '));
	}
});

test('a burst that changes mode is reduced key by key: :deploy Enter s opens the scale prompt for the deployment', () => {
	const {state: after, effects} = run(state(), keys(':deploy\rs'), env({rows}));
	assert.equal(topTable(after)?.pane, 'deployments');
	assert.equal(after.overlay?.type, 'scale');
	assert.deepEqual(effects, [{type: 'readReplicas', req: 1, kind: 'Deployment', namespace: 'default', name: 'web'}]);
});

test(': Tab completes through prompt.complete; Enter runs through prompt.submit', () => {
	let step = run(state(), keys(':', 's', 'v', TAB), env({rows}));
	assert.deepEqual(step.state.overlay, {type: 'prompt', prompt: {kind: 'command', value: 'svc ', candidates: []}});
	step = run(step.state, keys(ENTER), env({rows}));
	assert.equal(step.state.overlay, undefined);
	assert.equal(topTable(step.state)?.pane, 'services');
	const ambiguous = run(state(), keys(':dep', TAB), env({rows}));
	assert.deepEqual(ambiguous.state.overlay, {type: 'prompt', prompt: {kind: 'command', value: 'deploy', candidates: ['deployments', 'deployment', 'deploy']}});
});

test('rebinding prompt.submit and prompt.complete changes what submits and completes (the map used to be ignored)', () => {
	const e = env({rows, keymap: keymapWith('prompt:\n  prompt.submit: [ctrl-s]\n  prompt.complete: [ctrl-n]\n')});
	const typed = run(state(), keys(':svc', ENTER), e);
	assert.equal(typed.state.overlay?.type, 'prompt', 'Enter no longer submits');
	const submitted = run(state(), keys(':svc', '\u0013'), e);
	assert.equal(topTable(submitted.state)?.pane, 'services');
	const completed = run(state(), keys(':sv', '\u000E'), e);
	assert.deepEqual(completed.state.overlay, {type: 'prompt', prompt: {kind: 'command', value: 'svc ', candidates: []}});
});

test('an unknown command closes the prompt and says why; Esc and backspace on empty cancel', () => {
	const bad = run(state(), keys(':foo', ENTER), env());
	assert.equal(bad.state.overlay, undefined);
	assert.deepEqual(bad.state.message, {text: 'unknown command: foo (try :pods, :deploy, :svc, :nodes, :gpu, :ns, :ctx)', level: 'error'});
	assert.equal(run(state(), keys(':po', ESC), env()).state.overlay, undefined);
	assert.equal(run(state(), keys(':', BACKSPACE), env()).state.overlay, undefined);
	assert.deepEqual(run(state(), keys(':po', BACKSPACE), env()).state.overlay, {type: 'prompt', prompt: {kind: 'command', value: 'p', candidates: []}});
});

test('/ filters: regex, inversion and label selectors are told apart; a bad selector keeps the prompt open with the reason', () => {
	const filterOf = (text: string) => {
		const view = top(run(state(), keys('/', text, ENTER), env({rows})).state);
		return view.type === 'table' ? {filter: view.filter, filterLabel: view.filterLabel} : undefined;
	};
	assert.deepEqual(filterOf('~^web-'), {filter: '~^web-', filterLabel: undefined});
	assert.deepEqual(filterOf('!Running'), {filter: '!Running', filterLabel: undefined});
	assert.deepEqual(filterOf('-l app=web'), {filter: undefined, filterLabel: 'app=web'});
	const bad = run(state(), keys('/', '-l =web', ENTER), env({rows})).state;
	assert.equal(bad.overlay?.type, 'prompt');
	const badRegex = run(state(), keys('/', '~web-(', ENTER), env({rows})).state;
	assert.equal(badRegex.overlay?.type === 'prompt' ? badRegex.overlay.prompt.error : undefined, 'invalid regex web-(: missing closing ) (a filter without ~ matches plain text)');
	assert.equal(bad.overlay?.type === 'prompt' ? bad.overlay.prompt.error : undefined, 'bad label selector: cannot read "=web": use key=value, key!=value, key in (a,b), key notin (a,b), key or !key');
});

test('Esc clears the filter first, then goes back a view; the root view stays', () => {
	const filtered = run(state(), keys('/', 'web', ENTER), env({rows})).state;
	const cleared = run(filtered, keys(ESC), env({rows})).state;
	assert.equal(topTable(cleared)?.filter, undefined);
	assert.equal(cleared.stack.length, 1);
	const drilled = run(state('deployments'), keys(ENTER), env({rows})).state;
	assert.equal(drilled.stack.length, 2);
	assert.equal(run(drilled, keys(ESC), env({rows})).state.stack.length, 1);
	assert.equal(run(state(), keys(ESC), env({rows})).state.stack.length, 1);
});

test('the session scope is a function of the state: drill-downs and -l select server-side; a pager keeps its table\'s', () => {
	const panes = env().panes;
	const drilled = run(state('deployments'), keys(ENTER), env({rows})).state;
	assert.deepEqual(scopeOf(drilled, panes), {namespace: 'default', selector: {resource: 'pods', selector: 'app=web'}});
	const narrowed = run(drilled, keys('/', '-l tier=db', ENTER), env({rows})).state;
	assert.deepEqual(scopeOf(narrowed, panes).selector, {resource: 'pods', selector: 'app=web,tier=db'});
	const described = run(narrowed, keys('d'), env({rows})).state;
	assert.equal(top(described).type, 'pager');
	assert.deepEqual(scopeOf(described, panes).selector, {resource: 'pods', selector: 'app=web,tier=db'});
	assert.deepEqual(scopeOf(state('deployments'), panes), {namespace: 'default', selector: {resource: 'deployments', selector: undefined}});
});

test('namespaces: :ns NAME stays on the pane, 0 is all, favourites and - go back; the same one says so', () => {
	const e = env({rows, favourites: ['payments', 'kube-system']});
	let s = run(state('deployments'), keys(':ns payments', ENTER), e).state;
	assert.equal(s.namespace, 'payments');
	assert.equal(topTable(s)?.pane, 'deployments');
	s = run(s, keys('0'), e).state;
	assert.equal(s.namespace, undefined);
	s = run(s, keys('-'), e).state;
	assert.equal(s.namespace, 'payments');
	s = run(s, keys('2'), e).state;
	assert.equal(s.namespace, 'kube-system');
	assert.deepEqual(run(s, keys('2'), e).state.message, {text: 'already in kube-system', level: 'info'});
	assert.deepEqual(run(state(), keys('9'), e).state.message, {text: 'no favourite namespace 9 (set favouriteNamespaces in config.yaml)', level: 'error'});
	const picked = run(state('namespaces'), keys('j', ENTER), e).state;
	assert.equal(picked.namespace, 'payments');
	assert.equal(topTable(picked)?.pane, 'pods', 'picking from the root :ns view lands on pods');
});

test('d and y fetch through an effect tagged with a request; a late answer for another request changes nothing', () => {
	const e = env({rows});
	const described = run(state(), keys('j', 'd'), e);
	assert.deepEqual(described.effects, [{type: 'fetch', req: 1, ref: {resource: 'pods', kind: 'Pod', name: 'web-1', uid: 'uid-web-1', namespace: 'default'}, as: 'describe'}]);
	const yaml = run(described.state, keys('y'), e);
	assert.equal(yaml.state.stack.length, 2, 'y swaps describe for YAML of the same object');
	const stale = run(yaml.state, [{type: 'detail', req: 1, lines: ['old']}], e).state;
	assert.deepEqual(top(stale).type === 'pager' ? top(stale) : undefined, {...top(yaml.state)});
	const filled = run(yaml.state, [{type: 'detail', req: 2, lines: ['kind: Pod']}], e).state;
	assert.deepEqual(top(filled).type === 'pager' ? (top(filled) as {lines: string[]}).lines : [], ['kind: Pod']);
	assert.deepEqual(run(state(), keys('d'), env()).state.message, {text: 'nothing selected', level: 'error'});
});

test(':ctx is a list in the state: j moves, Enter switches through an effect, the current one just closes', () => {
	const e = env();
	const open = run(state(), keys(':ctx', ENTER), e).state;
	assert.deepEqual(top(open), {type: 'contexts', choices: ['prod', 'staging'], current: 'prod', index: 0});
	assert.deepEqual(run(open, keys('j', ENTER), e).effects, [{type: 'switchContext', name: 'staging'}]);
	const same = run(open, keys(ENTER), e);
	assert.deepEqual(same.effects, []);
	assert.equal(same.state.stack.length, 1);
});

test('ctrl-c always quits and q quits; ? opens help generated from the key map and ? closes it', () => {
	assert.deepEqual(run(state(), keys('\u0003'), env()).effects, [{type: 'exit'}]);
	assert.deepEqual(run(state(), keys('q'), env()).effects, [{type: 'exit'}]);
	const help = run(state(), keys('?'), env()).state;
	const view = top(help);
	assert.equal(view.type === 'pager' && view.context, 'help');
	assert.ok(view.type === 'pager' && view.lines.some((l) => /Command prompt/.test(l)));
	assert.equal(run(help, keys('?'), env()).state.stack.length, 1);
});

test('shift sorting flips direction; a letter with no column says so', () => {
	const e = env({rows});
	assert.deepEqual(topTable(run(state(), keys('N'), e).state)?.sort, {column: 'name', ascending: true});
	assert.deepEqual(topTable(run(state(), keys('N', 'N'), e).state)?.sort, {column: 'name', ascending: false});
	assert.deepEqual(run(state('namespaces'), keys('P'), e).state.message, {text: 'no column starting with P here', level: 'error'});
});

test('Esc Esc in one read (Ink reports Alt+Esc) closes two levels: the search, then the filter', () => {
	const e = env({rows});
	const filtered = run(state('deployments'), keys(ENTER, '/', 'web', ENTER), e).state;
	assert.equal(filtered.stack.length, 2);
	const step = run(filtered, splitKeys('', {escape: true, meta: true}).map((key) => ({type: 'key' as const, key})), e);
	assert.equal(topTable(step.state)?.filter, undefined, 'the first Esc cleared the filter');
	assert.equal(step.state.stack.length, 1, 'the second went back');
});
