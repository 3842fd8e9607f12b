import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {App, type AppProps} from '../../views/App.js';
import {FakeSession, NOW, defaultKeymap, driven, keys, renderProbe, row, testPanes} from './fakes.js';

// A failed assertion must not leave an app mounted (its timers and stdin listeners).
afterEach(() => cleanup());

const keymap = defaultKeymap();

function start(session: FakeSession, extra: Partial<AppProps> = {}) {
	const exits: number[] = [];
	const contextSwitches: string[] = [];
	const probe = renderProbe();
	const instance = render(
		<App
			session={session}
			keymap={keymap}
			settings={{favouriteNamespaces: ['payments', 'kube-system']}}
			readonly={false}
			panes={testPanes}
			size={{columns: 120, rows: 30}}
			clock={() => NOW}
			onExit={() => exits.push(1)}
			onSwitchContext={(name) => contextSwitches.push(name)}
			probe={probe}
			{...extra}
		/>,
	);
	const app = driven(instance, probe);
	const selected = () => app.frame().split('\n').find((line) => line.startsWith('> '));
	return {...app, selected, exits, contextSwitches};
}

function podsSession(): FakeSession {
	const session = new FakeSession('default');
	session.setRows('pods', [
		row('web-1', {labels: {app: 'web'}, node: 'node-a'}),
		row('web-2', {labels: {app: 'web'}, node: 'node-b', status: 'CrashLoopBackOff', severity: 'error'}),
		row('api-1', {labels: {app: 'api'}, node: 'node-a'}),
		row('db-0', {namespace: 'payments', labels: {app: 'db'}, node: 'node-a'}),
	]);
	session.setRows('deployments', [row('web', {selector: 'app=web'}), row('api', {selector: 'app=api'})]);
	session.setRows('nodes', [row('node-a', {namespace: undefined}), row('node-b', {namespace: undefined})]);
	session.setRows('namespaces', [row('default', {namespace: undefined}), row('payments', {namespace: undefined})]);
	return session;
}

test('starts on pods with the header, title and footer hints; j/k move the selection', async () => {
	const app = start(podsSession());
	await app.settle();
	assert.match(app.frame(), /ctx test-ctx/);
	assert.match(app.frame(), /pods\(default\)\[3\]/);
	assert.match(app.frame(), /<:> Command prompt/);
	assert.match(app.selected() ?? '', /api-1/, 'sorted by name: api-1 first');
	await app.press('j');
	assert.match(app.selected() ?? '', /web-1/);
	await app.press('G');
	assert.match(app.selected() ?? '', /web-2/);
	await app.press('g');
	assert.match(app.selected() ?? '', /api-1/);
	app.unmount();
});

test('the selection stays on its pod when a new pod appears above it', async () => {
	const session = podsSession();
	const app = start(session);
	await app.settle();
	await app.press('j', 'j');
	assert.match(app.selected() ?? '', /web-2/);
	session.setRows('pods', [row('aaa-new'), row('abc-new'), ...[row('web-1', {labels: {app: 'web'}}), row('web-2', {labels: {app: 'web'}}), row('api-1')]]);
	await app.frameMatching(/aaa-new/);
	assert.match(app.frame(), /aaa-new/);
	assert.match(app.selected() ?? '', /web-2/);
	app.unmount();
});

test('when the selected pod is deleted the cursor stays in place, and j moves on from there', async () => {
	const session = podsSession();
	const app = start(session);
	await app.settle();
	await app.press('j');
	assert.match(app.selected() ?? '', /web-1/);
	session.setRows('pods', [row('api-1'), row('web-2'), row('web-3'), row('web-4')]);
	await app.frameMatching(/web-4/);
	assert.match(app.selected() ?? '', /web-2/, 'the neighbour at the same position');
	await app.press('j');
	assert.match(app.selected() ?? '', /web-3/);
	app.unmount();
});

test('/ filters by text, /~ by regex, /! inverts, Esc clears', async () => {
	const app = start(podsSession());
	await app.settle();
	await app.press('/', '~^web', keys.enter);
	assert.match(app.frame(), /pods\(default\)\[2\] <\/~\^web>/);
	assert.doesNotMatch(app.frame(), /api-1/);
	await app.press('/', '!web', keys.enter);
	assert.match(app.frame(), /api-1/);
	assert.doesNotMatch(app.frame(), /web-1/);
	await app.press(keys.esc);
	assert.match(app.frame(), /pods\(default\)\[3\]/);
	app.unmount();
});

test('/-l hands a label selector to the session; Esc takes it back', async () => {
	const session = podsSession();
	const app = start(session);
	await app.settle();
	await app.press('/', '-l app=api', keys.enter);
	assert.deepEqual(session.calls.setLabelSelector.at(-1), ['pods', 'app=api']);
	assert.match(app.frame(), /pods\(default\)\[1\] <-l app=api>/);
	await app.press(keys.esc);
	assert.deepEqual(session.calls.setLabelSelector.at(-1), ['pods', undefined]);
	assert.match(app.frame(), /pods\(default\)\[3\]/);
	app.unmount();
});

test('Enter on a deployment shows its pods through its selector; Esc goes back', async () => {
	const session = podsSession();
	const app = start(session, {initialView: 'deployments'});
	await app.settle();
	assert.match(app.frame(), /deployments\(default\)\[2\]/);
	await app.press('j'); // api → web
	assert.match(app.selected() ?? '', /web/);
	await app.press(keys.enter);
	assert.deepEqual(session.calls.setLabelSelector.at(-1), ['pods', 'app=web']);
	assert.match(app.frame(), /pods\(default\)\[2\] <deploy\/web>/);
	assert.doesNotMatch(app.frame(), /api-1/);
	await app.press(keys.esc);
	assert.match(app.frame(), /deployments\(default\)\[2\]/);
	assert.match(app.selected() ?? '', /web/, 'back on the same deployment');
	await app.press(':', 'po', keys.enter);
	assert.deepEqual(session.calls.setLabelSelector.at(-1), ['pods', undefined], 'plain :pods is not narrowed');
	app.unmount();
});

test('Enter on a node shows the pods scheduled there, across namespaces', async () => {
	const app = start(podsSession(), {initialView: 'nodes'});
	await app.settle();
	assert.match(app.frame(), /nodes\[2\]/);
	await app.press(keys.enter);
	assert.match(app.frame(), /pods\(all\)\[3\] <node\/node-a>/);
	assert.match(app.frame(), /db-0/, 'a pod in another namespace');
	assert.doesNotMatch(app.frame(), /web-2/, 'a pod on another node');
	app.unmount();
});

test(':ns lists namespaces; Enter switches through the session; 0, favourites and - follow', async () => {
	const session = podsSession();
	const app = start(session);
	await app.settle();
	await app.press(':', 'ns', keys.enter);
	assert.match(app.frame(), /namespaces\[2\]/);
	await app.press('j', keys.enter);
	assert.deepEqual(session.calls.setNamespace, ['payments']);
	assert.match(app.frame(), /pods\(payments\)\[1\]/);
	assert.match(app.frame(), /db-0/);
	await app.press('0');
	assert.deepEqual(session.calls.setNamespace, ['payments', undefined]);
	assert.match(app.frame(), /pods\(all\)\[4\]/);
	assert.match(app.frame(), /NAMESPACE/);
	await app.press('-');
	assert.deepEqual(session.calls.setNamespace, ['payments', undefined, 'payments']);
	await app.press('2');
	assert.deepEqual(session.calls.setNamespace.at(-1), 'kube-system');
	await app.press('9');
	assert.match(app.frame(), /no favourite namespace 9/);
	app.unmount();
});

test(':ns NAME switches namespace and stays on the current pane (k9s); :pods NAME switches both', async () => {
	const session = podsSession();
	const app = start(session);
	await app.settle();
	await app.press(':', 'deploy', keys.enter);
	assert.match(app.frame(), /deployments\(default\)\[2\]/);
	await app.press(':', 'ns payments', keys.enter);
	assert.deepEqual(session.calls.setNamespace, ['payments']);
	assert.match(app.frame(), /deployments\(payments\)/, 'still on deployments, now in payments');
	assert.doesNotMatch(app.frame(), /namespaces\[/);
	await app.press(':', 'ns all', keys.enter);
	assert.deepEqual(session.calls.setNamespace, ['payments', undefined]);
	assert.match(app.frame(), /deployments\(all\)/);
	await app.press(':', 'pods default', keys.enter);
	assert.match(app.frame(), /pods\(default\)\[3\]/);
	// Without a name, :ns is still the list to pick from.
	await app.press(':', 'ns', keys.enter);
	assert.match(app.frame(), /namespaces\[2\]/);
	app.unmount();
});

test('unknown commands are explained; :q and q quit; Esc+q typed at once still quits', async () => {
	const app = start(podsSession());
	await app.settle();
	await app.press(':', 'foo', keys.enter);
	assert.match(app.frame(), /unknown command: foo/);
	assert.doesNotMatch(app.frame(), /:foo/, 'the prompt closed');
	await app.press('?');
	assert.match(app.frame(), /\[pods\]/, 'the next key acts normally');
	await app.press(keys.esc);
	await app.press(':', 'q', keys.enter);
	assert.equal(app.exits.length, 1);
	// (ctrl-c is swallowed by ink-testing-library's exitOnCtrlC; the CLI renders with it off.)
	await app.press('q');
	assert.equal(app.exits.length, 2);
	await app.press('\u001Bq'); // what a terminal sends for Esc then q within a few ms
	assert.equal(app.exits.length, 3);
	app.unmount();
});

test('shift sorting flips direction and shows the arrow', async () => {
	const app = start(podsSession());
	await app.settle();
	await app.press('S');
	assert.match(app.frame(), /STATUS↑/);
	await app.press('S');
	assert.match(app.frame(), /STATUS↓/);
	await app.press('N');
	assert.match(app.frame(), /NAME↑/);
	await app.press('N');
	assert.match(app.selected() ?? '', /web-2/, 'descending by name, cursor stays on the first row... of the old order');
	app.unmount();
});

test('ctrl-z keeps only bad rows; ctrl-w adds wide columns', async () => {
	const app = start(podsSession());
	await app.settle();
	await app.press(keys.ctrl('z'));
	assert.match(app.frame(), /pods\(default\)\[1\] <bad only>/);
	assert.match(app.frame(), /web-2\s+CrashLoopBackOff/);
	await app.press(keys.ctrl('z'), keys.ctrl('w'));
	assert.match(app.frame(), /LABELS/);
	app.unmount();
});

test('? shows help generated from the key map, without what cannot run; Esc closes it', async () => {
	const app = start(podsSession());
	await app.settle();
	await app.press('?');
	assert.match(app.frame(), /\[pods\]/);
	assert.match(app.frame(), /h\s+Only pods holding accelerators/);
	assert.doesNotMatch(app.frame(), /l\s+Logs/, 'without an action layer logs cannot run, so help leaves them out');
	assert.match(app.frame(), /\[table\]/);
	await app.press(keys.esc);
	assert.match(app.frame(), /pods\(default\)\[3\]/);
	app.unmount();
});

test('an action without a handler yet says so instead of doing nothing', async () => {
	const app = start(podsSession());
	await app.settle();
	await app.press('l');
	assert.match(app.frame(), /pod\.logs is not available/);
	app.unmount();
});

test('d describes and y shows YAML of the selected object, fetched through the session, scrollable', async () => {
	const session = podsSession();
	const labels: Record<string, string> = {};
	for (let i = 0; i < 60; i++) labels[`label-${String(i).padStart(2, '0')}`] = `v${i}`;
	session.objects.set('pods/default/api-1', {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: 'api-1', namespace: 'default', uid: 'uid-default-api-1', labels, managedFields: [{manager: 'x'}]} as never,
		spec: {containers: [{name: 'api', image: 'api:1'}]},
		status: {phase: 'Running'},
	});
	const app = start(session);
	await app.settle();
	await app.press('y');
	await app.frameMatching(/apiVersion: v1/);
	assert.deepEqual(session.calls.fetchObject, [['pods', 'default', 'api-1']]);
	assert.match(app.frame(), /yaml pod default\/api-1/);
	assert.match(app.frame(), /apiVersion: v1/);
	assert.doesNotMatch(app.frame(), /managedFields/);
	assert.doesNotMatch(app.frame(), /label-40/);
	await app.press('G');
	assert.match(app.frame(), /phase: Running/);
	assert.doesNotMatch(app.frame(), /apiVersion: v1/);
	await app.press('g');
	assert.match(app.frame(), /apiVersion: v1/);
	await app.press(keys.esc);
	assert.match(app.frame(), /pods\(default\)\[3\]/);

	await app.press('j', 'd');
	await app.frameMatching(/not found/);
	assert.match(app.frame(), /describe pod default\/web-1/);
	assert.match(app.frame(), /not found/, 'a failed fetch is shown, not swallowed');
	app.unmount();
});

test('a forbidden watch shows its reason in the header and the pane', async () => {
	const session = podsSession();
	session.setRows('pods', []);
	session.setStatus('pods', {state: 'forbidden', since: NOW, message: 'forbidden: cannot list pods in namespace default'});
	const app = start(session);
	await app.settle();
	assert.match(app.frame(), /pods forbidden/);
	assert.match(app.frame(), /forbidden: cannot list pods in namespace default/);
	app.unmount();
});

test('control sequences from the cluster never reach the frame', async () => {
	const session = new FakeSession('default');
	session.setRows('pods', [row('x\u001B]0;owned\u0007\u001B[2Jy', {status: '\u001B[31mRunning'})]);
	const app = start(session);
	await app.settle();
	assert.ok(!app.frame().includes('\u001B]'));
	assert.ok(!app.frame().includes('\u001B[2J'));
	assert.ok(!app.frame().includes('\u001B[31m'));
	app.unmount();
});

test('the frame stays shorter than the terminal (no full-screen clears)', async () => {
	const session = new FakeSession('default');
	session.setRows('pods', Array.from({length: 500}, (_, i) => row(`p-${i}`)));
	const app = start(session, {size: {columns: 80, rows: 24}});
	await app.settle();
	assert.ok(app.frame().split('\n').length < 24, `${app.frame().split('\n').length} lines`);
	app.unmount();
});

test('a burst of keys in one read (a paste, tmux send-keys) acts key by key', async () => {
	const app = start(podsSession());
	await app.settle();
	await app.press(':dp\r');
	assert.match(app.frame(), /deployments\(default\)\[2\]/);
	await app.press('jj');
	assert.match(app.selected() ?? '', /web/);
	app.unmount();
});
