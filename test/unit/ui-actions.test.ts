// The action flows as pure steps: which key opens which dialog, what a question holds (an
// Intent, never a callback), what yes sends, and one scale rule for the dialog and the gate.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {scaleRisk} from '../../source/actions/scaleRule.js';
import {performAction} from '../../source/actions/gate.js';
import {memoryAuditLog} from '../../source/actions/audit.js';
import type {ApiRequest, Transport} from '../../source/kube/transport.js';
import {ACTIONS} from '../../source/config/vocabulary.js';
import {ACTION_TABLE} from '../../source/ui/actions.js';
import {activeBindings} from '../../source/ui/update.js';
import {ENTER, ESC, BACKSPACE, TAB, ctrl, env, keymapWith, keys, row, run, state} from './ui-harness.js';

const deployments = [row('web', {selector: 'app=web', desired: 3})];
const pods = [row('web-1', {containers: ['app']})];
const nodes = [row('node-a', {namespace: undefined})];
const rows = {deployments, pods, nodes};

test('every action id of the vocabulary has a step in the action table (and no other ids)', () => {
	assert.deepEqual(Object.keys(ACTION_TABLE).sort(), Object.keys(ACTIONS).sort());
});

test('scaleRisk: 0 always asks (unless already 0); more than 10x either way asks; the rest does not', () => {
	const cases: Array<[number | undefined, number, ReturnType<typeof scaleRisk>]> = [
		[3, 0, 'zero'],
		[undefined, 0, 'zero'],
		[0, 0, undefined],
		[3, 30, undefined],
		[3, 31, 'jump'],
		[30, 3, undefined],
		[30, 2, 'jump'],
		[0, 50, undefined],
		[undefined, 50, undefined],
		[3, 5, undefined],
	];
	for (const [from, to, risk] of cases) assert.equal(scaleRisk(from, to), risk, `${from} → ${to}`);
});

test('the gate refuses an unconfirmed 10x scale down, as the dialog asks (the copies used to disagree)', async () => {
	const calls: string[] = [];
	const client: Transport = {
		server: 'http://127.0.0.1:1',
		async request<T>(r: ApiRequest): Promise<T> {
			calls.push(`${r.method ?? 'GET'} ${r.path}`);
			return {spec: {replicas: 30}, metadata: {name: 'web'}} as T;
		},
		async stream() {
			throw new Error('no streams');
		},
		close() {},
	};
	const ctx = {readonly: false, audit: memoryAuditLog(), client, identity: {context: 'c', user: 'u'}, scaleCeiling: 100};
	const refused = await performAction(ctx, {verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 2});
	assert.deepEqual(refused, {ok: false, reason: 'NotConfirmed', code: 0, message: 'scaling deployment default/web from 30 to 2 (more than 10×) needs confirmation'});
	assert.deepEqual(calls, ['GET /apis/apps/v1/namespaces/default/deployments/web/scale'], 'only the read, no patch');
});

test('s opens the scale prompt with the row\'s count and reads the current one; a late answer replaces an untouched prefill only', () => {
	const e = env({rows});
	const opened = run(state('deployments'), keys('s'), e);
	assert.deepEqual(opened.state.overlay, {type: 'scale', req: 1, prompt: {target: {kind: 'Deployment', namespace: 'default', name: 'web'}, value: '3', pristine: true, from: 3}});
	const read = run(opened.state, [{type: 'replicas', req: 1, answer: {ok: true, replicas: 4}}], e).state;
	assert.deepEqual(read.overlay?.type === 'scale' && read.overlay.prompt, {target: {kind: 'Deployment', namespace: 'default', name: 'web'}, value: '4', pristine: true, from: 4});
	const typed = run(opened.state, [...keys(BACKSPACE, '5'), {type: 'replicas', req: 1, answer: {ok: true, replicas: 4}}], e).state;
	assert.equal(typed.overlay?.type === 'scale' && typed.overlay.prompt.value, '5');
});

test('scale: Enter sends the intent; 0 and 10x (up and down) ask first with the intent in the question', () => {
	const e = env({rows});
	const submit = (value: string, from = 3) => run(state('deployments'), [...keys('s'), {type: 'replicas', req: 1, answer: {ok: true, replicas: from}}, ...keys(BACKSPACE, BACKSPACE, BACKSPACE, value, ENTER)], e);
	const plain = submit('5');
	assert.equal(plain.state.overlay, undefined);
	assert.deepEqual(plain.effects.at(-1), {type: 'perform', req: 2, intent: {verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 5}});
	for (const [value, from, question] of [
		['0', 3, 'Scale deployment default/web to 0? All its pods will stop.'],
		['40', 3, 'Scale deployment default/web from 3 to 40 (more than 10×)?'],
		['2', 30, 'Scale deployment default/web from 30 to 2 (more than 10×)?'],
	] as const) {
		const asked = submit(value, from);
		assert.equal(asked.state.overlay?.type === 'confirm' && asked.state.overlay.question, question);
		const yes = run(asked.state, keys('y'), e);
		assert.deepEqual(yes.effects, [{type: 'perform', req: 2, intent: {verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: Number(value), confirmed: true}}]);
		assert.deepEqual(run(asked.state, keys('n'), e).state.message, {text: 'cancelled', level: 'info'});
	}
	const bad = submit('-1');
	assert.equal(bad.state.overlay?.type === 'scale' && bad.state.overlay.prompt.error, 'replicas cannot be negative');
	assert.deepEqual(run(state('deployments'), keys('s', ESC), e).state.message, {text: 'scale cancelled', level: 'info'});
});

test('the gate asking again (the count moved meanwhile) turns into a question holding the same intent', () => {
	const intent = {verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 40} as const;
	const asked = run(state('deployments'), [{type: 'performed', req: 1, intent, result: {ok: false, reason: 'NotConfirmed', code: 0, message: 'scaling deployment default/web from 2 to 40 (more than 10×) needs confirmation'}}], env({rows})).state;
	assert.deepEqual(asked.overlay, {type: 'confirm', question: 'scaling deployment default/web from 2 to 40 (more than 10×) needs confirmation. Scale anyway?', toggles: [], intent});
});

test('questions answer through the confirm context: y yes; n, Esc and Enter no; other keys do nothing; rebinding works', () => {
	const e = env({rows});
	const asked = run(state('deployments'), keys('r'), e).state;
	assert.deepEqual(asked.overlay, {
		type: 'confirm',
		question: 'Restart deployment default/web? Its pods are replaced one by one (rolling).',
		toggles: [],
		intent: {verb: 'restart', kind: 'Deployment', namespace: 'default', name: 'web'},
		progress: 'restarting deployment default/web…',
		follow: true,
	});
	for (const no of ['n', 'N', ESC, ENTER]) {
		const step = run(asked, keys(no), e);
		assert.deepEqual([step.state.overlay, step.effects], [undefined, []], JSON.stringify(no));
	}
	assert.equal(run(asked, keys('x', 'j', ':'), e).state.overlay?.type, 'confirm', 'unbound keys are ignored');
	assert.deepEqual(run(asked, keys('Y'), e).effects, [{type: 'perform', req: 1, intent: {verb: 'restart', kind: 'Deployment', namespace: 'default', name: 'web', confirmed: true}, follow: true}]);
	const rebound = env({rows, keymap: keymapWith('confirm:\n  confirm.yes: [ctrl-y]\n')});
	const askedAgain = run(state('deployments'), keys('r'), rebound).state;
	assert.deepEqual(run(askedAgain, keys('y'), rebound).effects, [], 'y is no longer yes');
	assert.equal(run(askedAgain, keys(ctrl('y')), rebound).effects.length, 1);
});

test('a successful restart follows the rollout; its statuses land in the view; Esc cancels the follow', () => {
	const e = env({rows});
	const intent = {verb: 'restart', kind: 'Deployment', namespace: 'default', name: 'web', confirmed: true} as const;
	const done = run(state('deployments', {nextReq: 2}), [{type: 'performed', req: 1, intent, result: {ok: true, message: 'restarted'}, follow: true}], e);
	assert.deepEqual(done.effects, [{type: 'followRollout', req: 2, namespace: 'default', name: 'web'}]);
	const status = {message: 'Waiting…', done: false, stalled: false, updated: 1, ready: 1, available: 1, desired: 3, oldReplicas: 2} as never;
	const moving = run(done.state, [{type: 'rollout', req: 2, status, finished: false}], e).state;
	assert.deepEqual(moving.overlay?.type === 'rollout' && moving.overlay.history, ['Waiting…']);
	assert.deepEqual(run(moving, keys(ESC), e).effects, [{type: 'cancel', req: 2}]);
	assert.deepEqual(run(moving, keys('q'), e).effects, [{type: 'cancel', req: 2}], 'q means back here, not quit');
});

test('delete asks naming kind/namespace/name; f toggles force into the intent', () => {
	const e = env({rows});
	const asked = run(state('pods'), keys(ctrl('d')), e).state;
	assert.equal(asked.overlay?.type === 'confirm' && asked.overlay.question, 'Delete pod default/web-1?');
	assert.deepEqual(run(asked, keys('y'), e).effects, [{type: 'perform', req: 1, intent: {verb: 'delete', kind: 'Pod', namespace: 'default', name: 'web-1', confirmed: true}}]);
	assert.deepEqual(run(asked, keys('f', 'y'), e).effects, [{type: 'perform', req: 1, intent: {verb: 'delete', kind: 'Pod', namespace: 'default', name: 'web-1', confirmed: true, force: true}}]);
});

test('read-only: a mutation key goes to the gate unconfirmed (its refusal is the answer) and opens nothing', () => {
	const e = env({rows, readonly: true});
	const step = run(state('deployments'), keys('s'), e);
	assert.equal(step.state.overlay, undefined);
	assert.deepEqual(step.effects, [{type: 'perform', req: 1, intent: {verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 3}}]);
});

test('drain: the form edits through unbound keys, Enter validates, then the drain runs with its waiting list', () => {
	const e = env({rows});
	const form = run(state('nodes'), keys('r'), e).state;
	assert.equal(form.overlay?.type, 'drainForm');
	const badTimeout = run(form, keys(TAB, TAB, TAB, TAB, BACKSPACE, BACKSPACE, BACKSPACE, ENTER), env({rows})).state;
	assert.equal(badTimeout.overlay?.type === 'drainForm' && badTimeout.overlay.form.error, 'timeout must be a whole number of seconds, got ""');
	const started = run(form, keys(ENTER), e);
	assert.deepEqual(started.effects, [{type: 'drain', req: 1, node: 'node-a', options: {ignoreDaemonSets: true, deleteEmptyDirData: false, force: false, timeoutMs: 120_000}}]);
	assert.deepEqual(started.state.overlay?.type === 'drain' && started.state.overlay.waiting, ['default/on-node-a']);
	const cancelled = run(started.state, keys(ESC), e);
	assert.deepEqual(cancelled.effects, [{type: 'cancel', req: 1}]);
	assert.deepEqual(cancelled.state.message, {text: 'drain of node/node-a cancelled; the node stays cordoned (u uncordons it)', level: 'error'});
});

test('logs: one container opens a stream; several open a picker in the state; keys in the log view restart and save through effects', () => {
	const e = env({rows});
	const one = run(state('pods'), keys('l'), e);
	assert.deepEqual(one.effects, [{type: 'openLogs', req: 1, source: {type: 'pod', namespace: 'default', pod: 'web-1', container: 'app'}, params: {previous: false, tailLines: 200}}]);
	assert.deepEqual(run(one.state, keys('p'), e).effects, [{type: 'restartLogs', req: 1, params: {previous: true, tailLines: 200}, notice: '── previous container instance, last 200 lines ──'}]);
	assert.deepEqual(run(one.state, [...keys('2')], e).effects, [{type: 'restartLogs', req: 1, params: {previous: false, tailLines: 200, sinceSeconds: 300}, notice: '── current container, since 5m ──'}]);
	assert.deepEqual(run(one.state, keys(ctrl('s')), e).effects, [{type: 'saveLogs', req: 1, target: {namespace: 'default', name: 'web-1', container: 'app'}}]);
	const searching = run(one.state, keys('/', 'err'), e).state;
	assert.equal(searching.overlay?.type === 'logs' && searching.overlay.view.searchInput, 'err', 'typing goes to the search line, not the key map');
	assert.deepEqual(run(one.state, keys(ESC), e).effects, [{type: 'cancel', req: 1}]);

	const multi = env({rows: {pods: [row('web-1', {containers: ['app', 'proxy'], defaultContainer: 'proxy'})]}});
	const picker = run(state('pods'), keys('l'), multi).state;
	assert.deepEqual(picker.overlay, {type: 'picker', namespace: 'default', pod: 'web-1', index: 0, choices: [{label: 'proxy (default)', value: 'proxy'}, {label: 'app', value: 'app'}, {label: 'all containers', value: '\u0000all'}]});
	assert.deepEqual(run(picker, keys('j', 'j', ENTER), multi).effects, [{type: 'openLogs', req: 1, source: {type: 'containers', namespace: 'default', pod: 'web-1', containers: ['proxy', 'app']}, params: {previous: false, tailLines: 200}}]);
});

test('an action that does not apply says why; without an action layer, mutations are disabled and left out of the footer', () => {
	assert.deepEqual(run(state('pods'), keys('s'), env({rows})).effects, [{type: 'shell', req: 1, target: {namespace: 'default', pod: 'web-1', container: 'app'}}]);
	assert.deepEqual(run(state('deployments'), keys('s'), env({rows: {deployments: []}})).state.message, {text: 'nothing selected', level: 'error'});
	const bare = env({rows, actions: false});
	assert.deepEqual(run(state('deployments'), keys('s'), bare).state.message, {text: 'deploy.scale is not available: kubedeck was started without an action layer', level: 'error'});
	const hinted = (e: ReturnType<typeof env>) => activeBindings(state('deployments'), e).map((b) => b.action);
	assert.ok(hinted(env({rows})).includes('deploy.scale'));
	assert.ok(!hinted(bare).includes('deploy.scale'));
	const helpOf = (e: ReturnType<typeof env>) => {
		const view = run(state('deployments'), keys('?'), e).state.stack.at(-1)!;
		return view.type === 'pager' ? view.lines.join('\n') : '';
	};
	assert.match(helpOf(env({rows})), /Scale/);
	assert.doesNotMatch(helpOf(bare), /Scale/, 'help leaves out what cannot run');
	const containers = env({rows: {containers: [row('app', {pod: {name: 'web-1', namespace: 'default', uid: 'uid-web-1'}})]}});
	assert.ok(!activeBindings(state('containers'), containers).some((b) => b.action === 'object.delete'), 'nothing to delete in a pod\'s containers');
	assert.deepEqual(run(state('containers'), keys(ctrl('d')), containers).state.message, {text: 'object.delete is not available here', level: 'error'});
});

test('s on a pod with several containers asks which, the default (annotation) first; Enter opens the shell there', () => {
	const multi = env({rows: {pods: [row('web-1', {containers: ['app', 'proxy'], defaultContainer: 'proxy'})]}});
	const asked = run(state('pods'), keys('s'), multi);
	assert.deepEqual(asked.effects, []);
	assert.deepEqual(asked.state.overlay, {type: 'picker', terminal: 'shell', namespace: 'default', pod: 'web-1', index: 0, choices: [{label: 'proxy (default)', value: 'proxy'}, {label: 'app', value: 'app'}]});
	const step = run(asked.state, keys(ENTER), multi);
	assert.deepEqual(step.effects, [{type: 'shell', req: 1, target: {namespace: 'default', pod: 'web-1', container: 'proxy'}}]);
	assert.deepEqual(step.state.message, {text: 'opening a shell in default/web-1 (proxy)… — ctrl-c cancels', level: 'info'});
	assert.deepEqual(run(asked.state, keys('j', ENTER), multi).effects, [{type: 'shell', req: 1, target: {namespace: 'default', pod: 'web-1', container: 'app'}}]);
});
