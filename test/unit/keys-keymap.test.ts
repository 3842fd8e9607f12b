import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {bindingsFor, buildKeymap, defaultKeymapPath, KeymapError, loadKeymap, resolveKey} from '../../source/config/keymap.js';
import {keyFromInk, parseKeyName} from '../../source/config/keys.js';
import {isActionId} from '../../source/config/vocabulary.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-keymap-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));
const defaultText = fs.readFileSync(defaultKeymapPath(), 'utf8');
const TABLE = ['pods', 'table', 'global'];

test('key names parse to canonical forms', () => {
	const good: Array<[string, string]> = [
		['j', 'j'], ['/', '/'], [':', ':'], ['?', '?'], ['0', '0'], ['N', 'N'], ['shift-n', 'N'], ['Shift-N', 'N'],
		['ctrl-d', 'ctrl-d'], ['CTRL-D', 'ctrl-d'], ['enter', 'enter'], ['return', 'enter'], ['esc', 'esc'], ['escape', 'esc'],
		['up', 'up'], ['pgup', 'pgup'], ['pagedown', 'pgdn'], ['home', 'home'], ['tab', 'tab'], ['space', 'space'], ['backspace', 'backspace'], ['é', 'é'],
	];
	for (const [raw, key] of good) assert.deepEqual(parseKeyName(raw), {ok: true, key}, raw);
	const bad: Array<[string, RegExp]> = [
		['', /empty/], ['ctrl-', /malformed/], ['shift-1', /shift- combines only with a letter/], ['ctrl-1', /ctrl- combines only with a letter/],
		['ctrl-i', /tab/], ['ctrl-m', /enter/], ['alt-x', /malformed/], ['jj', /malformed/], ['\x01', /control character/],
	];
	for (const [raw, reason] of bad) {
		const result = parseKeyName(raw);
		assert.equal(result.ok, false, raw);
		if (!result.ok) assert.match(result.reason, reason, raw);
	}
});

test('Ink keypresses map to key names', () => {
	const cases: Array<[string, Record<string, boolean>, string | undefined]> = [
		['j', {}, 'j'], ['N', {shift: true}, 'N'], ['d', {ctrl: true}, 'ctrl-d'], ['', {escape: true, meta: true}, 'esc'],
		['\r', {return: true}, 'enter'], ['', {upArrow: true}, 'up'], ['', {pageDown: true}, 'pgdn'], ['', {home: true}, 'home'],
		['', {tab: true}, 'tab'], ['', {tab: true, shift: true}, 'shift-tab'], ['', {delete: true}, 'backspace'], ['', {backspace: true}, 'backspace'],
		[' ', {}, 'space'], ['x', {meta: true}, undefined], ['pasted text', {}, undefined], ['😀', {}, '😀'], ['', {}, undefined],
	];
	for (const [input, key, expected] of cases) assert.equal(keyFromInk(input, key), expected, `${JSON.stringify(input)} ${JSON.stringify(key)}`);
});

test('the shipped default key map is valid and resolves the k9s defaults', () => {
	const keymap = loadKeymap();
	const cases: Array<[string[], string, Record<string, boolean>, {action: string; arg?: string} | undefined]> = [
		[TABLE, ':', {}, {action: 'view.command'}],
		[TABLE, '/', {}, {action: 'view.filter'}],
		[TABLE, '', {escape: true}, {action: 'view.back'}],
		[TABLE, '\r', {return: true}, {action: 'view.drill'}],
		[TABLE, '?', {}, {action: 'view.help'}],
		[TABLE, 'j', {}, {action: 'nav.down'}],
		[TABLE, 'k', {}, {action: 'nav.up'}],
		[TABLE, 'g', {}, {action: 'nav.top'}],
		[TABLE, 'G', {shift: true}, {action: 'nav.bottom'}],
		[TABLE, 'f', {ctrl: true}, {action: 'nav.pageDown'}],
		[TABLE, 'b', {ctrl: true}, {action: 'nav.pageUp'}],
		[TABLE, 'N', {shift: true}, {action: 'sort.name'}],
		[TABLE, 'A', {shift: true}, {action: 'sort.age'}],
		[TABLE, 'S', {shift: true}, {action: 'sort.status'}],
		[TABLE, 'R', {shift: true}, {action: 'sort.column', arg: 'R'}],
		[TABLE, 'w', {ctrl: true}, {action: 'view.wide'}],
		[TABLE, 'z', {ctrl: true}, {action: 'view.badOnly'}],
		[TABLE, 'l', {ctrl: true}, {action: 'app.redraw'}],
		[TABLE, 'q', {}, {action: 'app.quit'}],
		[TABLE, 'c', {ctrl: true}, {action: 'app.quit'}],
		[TABLE, '0', {}, {action: 'ns.all'}],
		[TABLE, '7', {}, {action: 'ns.favourite', arg: '7'}],
		[TABLE, '-', {}, {action: 'ns.previous'}],
		[TABLE, 'd', {}, {action: 'object.describe'}],
		[TABLE, 'y', {}, {action: 'object.yaml'}],
		[TABLE, 'd', {ctrl: true}, {action: 'object.delete'}],
		[TABLE, 'k', {ctrl: true}, {action: 'pod.kill'}],
		[TABLE, 'l', {}, {action: 'pod.logs'}],
		[['deployments', 'table', 'global'], 'l', {}, {action: 'pod.logs'}],
		[['deployments', 'table', 'global'], 's', {}, {action: 'deploy.scale'}],
		[['deployments', 'table', 'global'], 'r', {}, {action: 'deploy.restart'}],
		// Like k9s: a ReplicaSet scales too (its deployment, if any, will scale it back).
		[['replicasets', 'table', 'global'], 's', {}, {action: 'deploy.scale'}],
		[['replicasets', 'table', 'global'], 'r', {}, undefined],
		[['deployments', 'table', 'global'], 'k', {ctrl: true}, undefined],
		[['nodes', 'table', 'global'], 'c', {}, {action: 'node.cordon'}],
		[['nodes', 'table', 'global'], 'u', {}, {action: 'node.uncordon'}],
		[['nodes', 'table', 'global'], 'r', {}, {action: 'node.drain'}],
		[['services', 'table', 'global'], 'l', {}, undefined],
		// Logs do not include the table context, so j is the JSON toggle there, not "down".
		[['gpu', 'nodes', 'table', 'global'], 'p', {}, {action: 'gpu.pending'}],
		[['gpu', 'nodes', 'table', 'global'], 'h', {}, {action: 'gpu.holdersOnly'}],
		[['gpu', 'nodes', 'table', 'global'], 'r', {}, {action: 'node.drain'}],
		[['gpupending', 'pods', 'table', 'global'], 'l', {}, {action: 'pod.logs'}],
		[['namespaces', 'table', 'global'], '\r', {return: true}, {action: 'view.drill'}],
		[['describe', 'global'], 'q', {}, {action: 'view.back'}],
		[['describe', 'global'], 'y', {}, {action: 'object.yaml'}],
		[['help', 'global'], '?', {}, {action: 'view.back'}],
		[['logs', 'global'], 'j', {}, {action: 'logs.json'}],
		[['logs', 'global'], 'p', {}, {action: 'logs.previous'}],
		[['logs', 'global'], 't', {}, {action: 'logs.timestamps'}],
		[['logs', 'global'], 'w', {}, {action: 'logs.wrap'}],
		[['logs', 'global'], 's', {}, {action: 'logs.autoscroll'}],
		[['logs', 'global'], '0', {}, {action: 'logs.since', arg: '0'}],
		[['logs', 'global'], '5', {}, {action: 'logs.since', arg: '5'}],
		[['logs', 'global'], 'n', {}, {action: 'logs.next'}],
		[['logs', 'global'], 'N', {shift: true}, {action: 'logs.prev'}],
		[['logs', 'global'], 's', {ctrl: true}, {action: 'logs.save'}],
		[['logs', 'global'], '/', {}, {action: 'logs.search'}],
		[['logs', 'global'], '', {escape: true}, {action: 'view.back'}],
	];
	for (const [contexts, input, key, expected] of cases) {
		assert.deepEqual(resolveKey(keymap, contexts, input, key), expected, `${contexts[0]} ${JSON.stringify(input)} ${JSON.stringify(key)}`);
	}
});

test('every action in the default map has a description and a known id', () => {
	const keymap = loadKeymap();
	for (const [context, bindings] of keymap.contexts) {
		for (const binding of bindings) {
			assert.ok(isActionId(binding.action), `${context}: ${binding.action}`);
			assert.ok(binding.description.length >= 2 && binding.description !== binding.action, `${context}: ${binding.action} description`);
		}
	}
});

test('user overrides replace, unbind and may move keys', () => {
	const user = [
		'table:',
		'  nav.down: [n, down]          # replaces j',
		'  sort.name: []                # frees shift-n',
		'  object.yaml: {keys: [shift-y]}',
		'  object.describe: ~',
		'pods:',
		'  pod.kill: []',
		'',
	].join('\n');
	const keymap = buildKeymap([{file: 'default.yaml', text: defaultText}, {file: 'user.yaml', text: user}]);
	assert.deepEqual(resolveKey(keymap, TABLE, 'n', {}), {action: 'nav.down'});
	assert.equal(resolveKey(keymap, TABLE, 'j', {}), undefined, 'j no longer bound');
	assert.equal(resolveKey(keymap, TABLE, 'N', {shift: true}), undefined);
	assert.deepEqual(resolveKey(keymap, TABLE, 'Y', {shift: true}), {action: 'object.yaml'});
	assert.equal(resolveKey(keymap, TABLE, 'd', {}), undefined);
	assert.equal(resolveKey(keymap, TABLE, 'k', {ctrl: true}), undefined);
	const yaml = bindingsFor(keymap, TABLE).find((b) => b.action === 'object.yaml');
	assert.deepEqual(yaml, {keys: ['Y'], action: 'object.yaml', description: 'YAML', context: 'table'}, 'description inherited from the default');
	assert.equal(bindingsFor(keymap, TABLE).some((b) => b.action === 'pod.kill'), false, 'unbound actions are not listed in help');
});

test('invalid key maps are rejected with FILE:LINE: reason', () => {
	const cases: Array<[string, string]> = [
		['table:\n  nav.down: [j\n', 'user.yaml:3: YAML error'],
		['tabel:\n  nav.down: [j]\n', 'user.yaml:1: unknown context "tabel"'],
		['table:\n  nav.dwn: [j]\n', 'user.yaml:2: unknown action "nav.dwn"'],
		['table:\n  nav.down:\n    - j\n    - ctrl-\n', 'user.yaml:4: malformed key name "ctrl-"'],
		['table:\n  nav.down: [shift-1]\n', 'user.yaml:2: "shift-1": shift- combines only with a letter'],
		['table:\n  nav.down: [y]\n', 'user.yaml:2: key "y" in context "table" is bound to both object.yaml'],
		['table:\n  nav.down: [j]\n  nav.up: [j]\n', 'user.yaml:3: key "j" in context "table" is bound to both nav.down (line 2) and nav.up'],
		['global:\n  ns.favourite: [x]\n', 'user.yaml:2: action "ns.favourite" needs an argument written "ns.favourite:X" where X is a favourite slot 1–9'],
		['global:\n  ns.favourite:0: [x]\n', 'user.yaml:2: action "ns.favourite" needs an argument'],
		['global:\n  app.quit:x: [x]\n', 'user.yaml:2: action "app.quit" takes no argument'],
		['table:\n  nav.down: {key: [j]}\n', 'user.yaml:2: unknown field "key"'],
		['table:\n  nav.down: [j]\n  nav.down: [k]\n', 'user.yaml:3: "nav.down" appears twice'],
		['- table\n', 'user.yaml:1: expected a mapping of contexts'],
		['table: &a\n  nav.down: [j]\npods: *a\n', 'user.yaml:3: aliases'],
	];
	for (const [text, expected] of cases) {
		assert.throws(
			() => buildKeymap([{file: 'default.yaml', text: defaultText}, {file: 'user.yaml', text}]),
			(error: unknown) => error instanceof KeymapError && error.message.startsWith(expected),
			`${JSON.stringify(text)} → ${expected}`,
		);
	}
	// The clash message names where the default binding lives.
	assert.throws(
		() => buildKeymap([{file: 'default.yaml', text: defaultText}, {file: 'user.yaml', text: 'table:\n  nav.down: [y]\n'}]),
		/bound to both object\.yaml \(default\.yaml:\d+\) and nav\.down/,
	);
});

test('the default file itself must describe every binding', () => {
	assert.throws(() => buildKeymap([{file: 'd.yaml', text: 'global:\n  app.quit: [q]\n'}]), /d\.yaml:2: binding for "app\.quit" needs a description/);
});

test('loadKeymap reads the user file; a missing --keymap file is an error only when required', () => {
	const file = path.join(dir, 'keymap.yaml');
	fs.writeFileSync(file, 'global:\n  app.quit: [ctrl-q]\n');
	const keymap = loadKeymap({userFile: file});
	assert.deepEqual(resolveKey(keymap, TABLE, 'q', {ctrl: true}), {action: 'app.quit'});
	assert.equal(resolveKey(keymap, TABLE, 'q', {}), undefined);
	const missing = path.join(dir, 'absent.yaml');
	assert.doesNotThrow(() => loadKeymap({userFile: missing}));
	assert.throws(() => loadKeymap({userFile: missing, requireUserFile: true}), /absent\.yaml:0: file not found/);
});

test('bindingsFor lists effective bindings, most specific context first, without shadowed keys', () => {
	const keymap = loadKeymap();
	const logs = bindingsFor(keymap, ['logs', 'global']);
	assert.equal(logs[0]?.context, 'logs');
	assert.ok(logs.some((b) => b.action === 'logs.json' && b.keys.includes('j')));
	const quit = logs.find((b) => b.action === 'app.quit');
	assert.deepEqual(quit?.keys, ['ctrl-c'], 'q is taken by view.back in logs, so help shows only ctrl-c for quit');
	assert.equal(logs.some((b) => b.action === 'ns.all'), false, '0 means since-tail in logs');
	const favourite = logs.find((b) => b.action === 'ns.favourite' && b.arg === '9');
	assert.deepEqual(favourite?.keys, ['9']);
});

test('the retired pod.shellHint (a kubectl exec line, replaced by the shell s opens) is gone, and a user map naming it binds the shell', () => {
	assert.equal(isActionId('pod.shellHint'), false, 'no action prints a kubectl command any more');
	const user = ['pods:', '  pod.shellHint: [x]', ''].join('\n');
	const keymap = buildKeymap([{file: 'default.yaml', text: defaultText}, {file: 'user.yaml', text: user}]);
	assert.deepEqual(resolveKey(keymap, ['pods', 'table', 'global'], 'x', {}), {action: 'pod.shell'});
	assert.deepEqual(resolveKey(keymap, ['pods', 'table', 'global'], 's', {}), {action: 'pod.shell'}, 'the default key stays');
});
