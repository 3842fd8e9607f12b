// -c of a kind discovery could not confirm in time: kubedeck starts on pods and says why in the
// message line (source/start-view.ts decides; the App only shows it).
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../views/App.js';
import {FakeSession, NOW, defaultKeymap, driven, renderProbe, row, testPanes} from './fakes.js';

afterEach(() => cleanup());

test('a start message shows in the message line over the first pane', async () => {
	const session = new FakeSession('default');
	session.setRows('pods', [row('web-1')]);
	const probe = renderProbe();
	const message = '-c sts: the server has not said which kinds it serves yet (discovery took over 10 s); type :sts once it answers';
	const app = driven(render(<App session={session} keymap={defaultKeymap()} settings={{}} readonly={false} panes={testPanes} size={{columns: 160, rows: 20}} clock={() => NOW} onExit={() => {}} onSwitchContext={() => {}} probe={probe} initialView="pods" startMessage={message} />), probe);
	await app.settle();
	assert.match(app.frame(), /pods\(default\)\[1\]/);
	assert.ok(app.frame().includes(message), app.frame());
});
