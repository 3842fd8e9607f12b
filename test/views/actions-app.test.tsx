// The action flows inside the real App shell: keys reach the dialogs first (even in one
// burst), the log view replaces the table and brings its own footer hints, results land in
// the App's status line, and read-only comes from the layer the CLI hands in.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App, type AppProps} from '../../views/App.js';
import type {BaseRow} from '../../source/model/types.js';
import {FakeSession, NOW, defaultKeymap, driven, keys, renderProbe, row, testPanes} from './fakes.js';
import {FakeLayer, frameMatching} from './actions-fakes.js';
import {projectReplicaSet} from '../../source/model/replicasets.js';
import {corePanes} from '../../source/ui/panes/corePanes.js';
import {paneRegistry} from '../../source/ui/panes/panes.js';

const keymap = defaultKeymap();

function session(): FakeSession {
	const s = new FakeSession('default');
	s.setRows('pods', [{...row('web-1', {labels: {app: 'web'}}), containers: ['app']} as BaseRow]);
	s.setRows('deployments', [{...row('web', {selector: 'app=web'}), desired: 2, containers: ['app']} as BaseRow]);
	return s;
}

function start(layer: FakeLayer | undefined, extra: Partial<AppProps> = {}) {
	const probe = renderProbe();
	const instance = render(
		<App
			session={session()}
			keymap={keymap}
			settings={{logTailLines: 50, logLineCap: 1000}}
			readonly={layer?.readonly ?? false}
			panes={testPanes}
			size={{columns: 120, rows: 24}}
			clock={() => NOW}
			onExit={() => {}}
			onSwitchContext={() => {}}
			{...(layer ? {actions: layer} : {})}
			probe={probe}
			{...extra}
		/>,
	);
	return driven(instance, probe);
}

test('App: s on a deployment opens the scale prompt under the table; the result is the status line', async () => {
	const layer = new FakeLayer();
	layer.replicas.set('default/web', 2);
	const app = start(layer, {initialView: 'deployments'});
	await app.settle();
	await app.press('s');
	let frame = await frameMatching(app.frame, /Scale deployment default\/web to: 2/);
	assert.match(frame, /deployments\(default\)\[1\]/, 'the table stays visible');
	assert.ok(frame.split('\n').length <= 23, 'the frame stays shorter than the terminal');
	await app.press(keys.backspace, '4', keys.enter);
	frame = await frameMatching(app.frame, /deployment\.apps\/web scaled from 2 to 4/);
	assert.equal(layer.replicas.get('default/web'), 4);
	app.unmount();
});

test('App: keys typed in one burst after s all reach the prompt', async () => {
	const layer = new FakeLayer();
	layer.replicas.set('default/web', 2);
	const app = start(layer, {initialView: 'deployments'});
	await app.settle();
	app.stdin.write('s');
	app.stdin.write('\u007F');
	app.stdin.write('7');
	await frameMatching(app.frame, /Scale deployment default\/web to: 7/);
	app.unmount();
});

test('App: l opens the log view in place of the table with the logs key hints; Esc returns', async () => {
	const layer = new FakeLayer();
	const app = start(layer);
	await app.settle();
	await app.press('l');
	await frameMatching(app.frame, /logs default\/web-1 \[app\] \[tail 50 · following\]/);
	layer.streams[0]!.handlers.onLine({text: 'GET /healthz 200'});
	const frame = await frameMatching(app.frame, /GET \/healthz 200/);
	assert.doesNotMatch(frame, /pods\(default\)/, 'the table is replaced');
	assert.match(frame, /<p> Previous container instance/);
	assert.ok(frame.split('\n').length <= 23);
	await app.press('q'); // back in the log view, not quit
	await frameMatching(app.frame, /pods\(default\)\[1\]/);
	assert.equal(layer.streams[0]!.stopped, true);
	app.unmount();
});

test('App: with a read-only layer, ctrl-d answers with the gate and asks nothing', async () => {
	const layer = new FakeLayer(true);
	const app = start(layer);
	await app.settle();
	await app.press(keys.ctrl('d'));
	const frame = await frameMatching(app.frame, /read-only mode: delete is disabled \(started with --readonly\)/);
	assert.doesNotMatch(frame, /\[y\/N\]/);
	assert.equal(layer.calls.length, 0);
	app.unmount();
});

test('App: unmounting (quit, context switch) stops a running log stream', async () => {
	const layer = new FakeLayer();
	const app = start(layer);
	await app.settle();
	await app.press('l');
	await frameMatching(app.frame, /logs default\/web-1/);
	app.unmount();
	await app.until(() => layer.streams[0]!.stopped);
});

test('App: s on :rs opens the scale prompt for the ReplicaSet (its own key map context)', async () => {
	const layer = new FakeLayer();
	layer.replicas.set('default/web-7d9f', 3);
	const s = session();
	s.setRows('pods', []); // the real pods pane opens first; the test rows are not PodRows
	s.setRows('replicasets', [projectReplicaSet({metadata: {name: 'web-7d9f', namespace: 'default', uid: 'uid-rs'}, spec: {replicas: 3, selector: {matchLabels: {app: 'web'}}}})]);
	const app = start(layer, {session: s, panes: paneRegistry(corePanes)});
	await app.settle();
	await app.press(':', 'r', 's', keys.enter);
	await frameMatching(app.frame, /replicasets\(default\)\[1\]/);
	await app.press('s');
	await frameMatching(app.frame, /Scale replicaset default\/web-7d9f to: 3/i);
	await app.press(keys.backspace, '1', keys.enter);
	await frameMatching(app.frame, /web-7d9f scaled from 3 to 1/);
	assert.equal(layer.replicas.get('default/web-7d9f'), 1);
	app.unmount();
});

test('App: keys in the same burst as a mode change act on the new mode (:deploy, Enter, s in one read)', async () => {
	const layer = new FakeLayer();
	layer.replicas.set('default/web', 2);
	const app = start(layer);
	await app.settle();
	// tmux send-keys and a fast typist deliver these in one read: 's' must act on the
	// deployments pane the Enter just opened, not on the pods the last frame showed.
	app.stdin.write(':deploy\rs');
	await frameMatching(app.frame, /Scale deployment default\/web to: 2/);
	app.unmount();
});

test('App: the :exec output view\'s footer says what closes the output, not help', async () => {
	const pods = session();
	pods.setRows('pods', [{...row('web-1'), containers: ['app'], defaultContainer: 'app'} as BaseRow]);
	const app = start(new FakeLayer(), {initialView: 'pods', session: pods});
	await app.settle();
	await app.press(':');
	await app.press(...'exec ls /'.split(''), keys.enter);
	const frame = await frameMatching(app.frame, /exec default\/web-1 \(app\): ls \//);
	const footer = frame.trimEnd().split('\n').at(-1)!;
	assert.match(footer, /<esc> Close the output/, footer);
	assert.doesNotMatch(footer, /Close help/);
	app.unmount();
});
