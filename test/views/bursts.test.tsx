// Keys in ONE write to the App's stdin, as a paste or tmux send-keys delivers them: each key
// acts on the state the key before produced, and an Enter that answers a dialog does not also
// act on the pane below it.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../views/App.js';
import type {BaseRow} from '../../source/model/types.js';
import {FakeSession, NOW, defaultKeymap, driven, keys, renderProbe, row, testPanes} from './fakes.js';
import {FakeLayer, frameMatching} from './actions-fakes.js';

afterEach(() => cleanup());

function start(layer: FakeLayer) {
	const session = new FakeSession('default');
	session.setRows('pods', [row('web-1', {labels: {app: 'web'}}), row('api-1', {labels: {app: 'api'}})]);
	session.setRows('deployments', [{...row('web', {selector: 'app=web'}), desired: 2} as BaseRow, {...row('api', {selector: 'app=api'}), desired: 1} as BaseRow]);
	const probe = renderProbe();
	const instance = render(
		<App
			session={session}
			keymap={defaultKeymap()}
			settings={{logTailLines: 50, logLineCap: 1000}}
			readonly={false}
			panes={testPanes}
			size={{columns: 120, rows: 24}}
			clock={() => NOW}
			onExit={() => {}}
			onSwitchContext={() => {}}
			actions={layer}
			initialView="deployments"
			probe={probe}
		/>,
	);
	return driven(instance, probe);
}

test('App: j and Enter in one write open the deployment j selected', async () => {
	const app = start(new FakeLayer());
	await app.settle();
	// Sorted by name: api first, so j selects web.
	assert.match(app.frame(), /> api/);
	app.stdin.write('j\r');
	await frameMatching(app.frame, /pods\(default\)\[\d+\] <deploy\/web>/);
	app.unmount();
});

test('App: Enter Enter in one write after the scale prompt scales once and stays on the deployments', async () => {
	const layer = new FakeLayer();
	layer.replicas.set('default/api', 2);
	const app = start(layer);
	await app.settle();
	await app.press('s');
	await frameMatching(app.frame, /Scale deployment default\/api to: 2/);
	app.stdin.write(`${keys.backspace}4\r\r`);
	const frame = await frameMatching(app.frame, /deployment\.apps\/api scaled from 2 to 4/);
	assert.match(frame, /deployments\(default\)\[2\]/, 'still on the deployments');
	assert.doesNotMatch(frame, /<deploy\//, 'no drill-down into the pods');
	assert.equal(layer.calls.filter((c) => c.method !== 'GET').length, 1, 'one change sent to the API');
	app.unmount();
});

test('App: ctrl-u and a digit in one write replace the prompt\'s value', async () => {
	const layer = new FakeLayer();
	layer.replicas.set('default/api', 2);
	const app = start(layer);
	await app.settle();
	app.stdin.write('s');
	app.stdin.write(`${keys.ctrl('u')}7`);
	await frameMatching(app.frame, /Scale deployment default\/api to: 7/);
	app.unmount();
});

test('App: an arrow and Enter in one write (escape sequence, then a key) drill into the row below', async () => {
	const app = start(new FakeLayer());
	await app.settle();
	app.stdin.write(`${keys.down}\r`);
	await frameMatching(app.frame, /<deploy\/web>/);
	app.unmount();
});
