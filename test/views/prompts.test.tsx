import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {completeCommand, parseCommand, type Command} from '../../source/ui/commands.js';
import {TextPager} from '../../views/TextPager.js';
import {Header} from '../../views/Header.js';
import {hintLine} from '../../views/Footer.js';
import {splitKeys} from '../../source/ui/keys.js';
import type {InkKey} from '../../source/config/keys.js';

// A failed assertion must not leave an app mounted (its timers and stdin listeners).
afterEach(() => cleanup());

test('command aliases name the same panes as k9s', () => {
	const table: Array<[string, Command]> = [
		['po', {type: 'pane', pane: 'pods'}],
		['pod', {type: 'pane', pane: 'pods'}],
		[':pods', {type: 'pane', pane: 'pods'}],
		['dp', {type: 'pane', pane: 'deployments'}],
		['deploy', {type: 'pane', pane: 'deployments'}],
		['deployments', {type: 'pane', pane: 'deployments'}],
		['rs', {type: 'pane', pane: 'replicasets'}],
		['svc', {type: 'pane', pane: 'services'}],
		['service', {type: 'pane', pane: 'services'}],
		['no', {type: 'pane', pane: 'nodes'}],
		['NODES', {type: 'pane', pane: 'nodes'}],
		['gpu', {type: 'pane', pane: 'gpu'}],
		['gpupending', {type: 'pane', pane: 'gpupending'}],
		['ns', {type: 'pane', pane: 'namespaces'}],
		['namespace', {type: 'pane', pane: 'namespaces'}],
		['ctx', {type: 'contexts'}],
		['context', {type: 'contexts'}],
		['q', {type: 'quit'}],
		['quit', {type: 'quit'}],
		['pods payments', {type: 'pane', pane: 'pods', scope: {namespace: 'payments'}}],
		['po all', {type: 'pane', pane: 'pods', scope: {namespace: undefined}}],
	];
	for (const [text, expected] of table) assert.deepEqual(parseCommand(text), {ok: true, command: expected}, text);
});

test('an unknown command says what exists', () => {
	assert.deepEqual(parseCommand('foo'), {ok: false, message: 'unknown command: foo (try :pods, :deploy, :svc, :nodes, :gpu, :ns, :ctx)'});
	assert.equal(parseCommand('ctx prod').ok, false);
	assert.equal(parseCommand('').ok, false);
});

test('completion extends to the longest common prefix', () => {
	assert.equal(completeCommand('dep').text, 'deploy');
	assert.deepEqual(completeCommand('dep').candidates, ['deployments', 'deployment', 'deploy'], 'the singular is a word too (the kinds registry names every kind by it)');
	assert.equal(completeCommand('gpup').text, 'gpupending ');
	assert.equal(completeCommand('ct').text, 'ctx ');
	assert.deepEqual(completeCommand('zz'), {text: 'zz', candidates: []});
	assert.equal(completeCommand('po').text, 'po', 'po, pod, pods share only "po"');
});

test('TextPager shows a window of lines and clamps the offset', () => {
	const lines = Array.from({length: 100}, (_, i) => `line ${i}`);
	const {lastFrame, rerender, unmount} = render(<TextPager title="yaml pod web" lines={lines} offset={10} height={5} width={80} />);
	assert.match(lastFrame() ?? '', /\[11-15\/100\]/);
	assert.match(lastFrame() ?? '', /line 10\n/);
	assert.doesNotMatch(lastFrame() ?? '', /line 15/);
	rerender(<TextPager title="yaml" lines={lines} offset={500} height={5} width={80} />);
	assert.match(lastFrame() ?? '', /line 99/);
	assert.match(lastFrame() ?? '', /\[96-100\/100\]/);
	unmount();
});

test('Header: watch states are words, and problems carry their reason', () => {
	const {lastFrame, unmount} = render(
		<Header
			info={{context: 'prod', cluster: 'eu-1', user: 'sre', server: 'https://x', serverVersion: 'v1.31.2'}}
			namespace="payments"
			readonly
			width={120}
			watches={[
				{kind: 'pods', status: {state: 'live', since: 0}},
				{kind: 'services', status: {state: 'forbidden', since: 0, message: 'forbidden: cannot list services in namespace payments'}},
				{kind: 'nodes', status: {state: 'reconnecting', since: 0}},
			]}
		/>,
	);
	const frame = lastFrame() ?? '';
	for (const text of ['prod', 'eu-1', 'sre', 'payments', 'v1.31.2', '[READ-ONLY]', 'pods live', 'services forbidden', 'nodes reconnecting']) {
		assert.ok(frame.includes(text), text);
	}
	assert.match(frame, /cannot list services in namespace payments/);
	unmount();
	const narrow = render(
		<Header info={{context: 'a-very-long-context-name', cluster: 'c', user: 'u', server: 's', serverVersion: 'v1.31.2'}} namespace="payments" readonly width={40} watches={[]} />,
	);
	assert.match(narrow.lastFrame() ?? '', /^\[READ-ONLY\]/, 'the badge survives a narrow terminal');
	narrow.unmount();
});

test('footer hints: one per action, most specific first, cut to the width', () => {
	const hints = [
		{keys: ['l'], action: 'pod.logs', description: 'Logs'},
		{keys: [':'], action: 'view.command', description: 'Command'},
		{keys: ['x'], action: 'pod.logs', description: 'shadowed'},
	];
	assert.equal(hintLine(hints, 80), '<l> Logs  <:> Command');
	assert.equal(hintLine(hints, 10), '<l> Logs …');
});

test('key bursts and Esc+key pairs split back into the keys typed', () => {
	const table: Array<[string, Partial<InkKey>, Array<[string, Partial<InkKey>]>]> = [
		['j', {}, [['j', {}]]],
		[':dp\r', {}, [[':', {shift: false}], ['d', {shift: false}], ['p', {shift: false}], ['', {return: true}]]],
		['Gx', {}, [['G', {shift: true}], ['x', {shift: false}]]],
		['a\t\u007F', {}, [['a', {shift: false}], ['', {tab: true}], ['', {backspace: true}]]],
		['q', {meta: true}, [['', {escape: true}], ['q', {shift: false}]]],
		['', {escape: true, meta: true}, [['', {escape: true}], ['', {escape: true}]]],
		['d', {ctrl: true}, [['d', {ctrl: true}]]],
		// ctrl-u then 7 in one read (tmux send-keys C-u 7): the ctrl-u used to vanish.
		['\u00157', {}, [['u', {ctrl: true}], ['7', {shift: false}]]],
		['ab\u0017', {}, [['a', {shift: false}], ['b', {shift: false}], ['w', {ctrl: true}]]],
	];
	for (const [input, key, expected] of table) assert.deepEqual(splitKeys(input, key), expected, JSON.stringify(input));
});
