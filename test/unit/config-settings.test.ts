import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {DEFAULT_SETTINGS, favouriteAt, frameMsForFps, loadSettings, resolvePaths, saveSettings, validateSettings, withFavourite} from '../../source/config/settings.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-settings-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));

test('XDG paths with and without the environment', () => {
	const home = '/home/op';
	const defaults = resolvePaths({}, home);
	assert.equal(defaults.settingsFile, '/home/op/.config/kubedeck/config.yaml');
	assert.equal(defaults.keymapFile, '/home/op/.config/kubedeck/keymap.yaml');
	assert.equal(defaults.auditLog, '/home/op/.local/state/kubedeck/audit.log');
	const xdg = resolvePaths({XDG_CONFIG_HOME: '/x/cfg', XDG_STATE_HOME: '/x/state'}, home);
	assert.equal(xdg.settingsFile, '/x/cfg/kubedeck/config.yaml');
	assert.equal(xdg.stateDir, '/x/state/kubedeck');
	assert.equal(xdg.savedLogsDir, '/x/state/kubedeck/logs');
	const relative = resolvePaths({XDG_CONFIG_HOME: 'relative/cfg'}, home);
	assert.equal(relative.configDir, '/home/op/.config/kubedeck', 'relative XDG values are ignored per the spec');
});

test('validation accepts good settings and fills defaults', () => {
	const result = validateSettings({favouriteNamespaces: ['payments', 'kube-system'], logTailLines: 50, scaleCeiling: 20});
	assert.ok(result.ok);
	assert.deepEqual(result.settings, {...DEFAULT_SETTINGS, favouriteNamespaces: ['payments', 'kube-system'], extraAcceleratorResources: [], logTailLines: 50, scaleCeiling: 20});
	const empty = validateSettings(null);
	assert.ok(empty.ok);
	assert.equal(empty.settings.logTailLines, 200);
	assert.equal(empty.settings.logLineCap, 10000);
	assert.equal(empty.settings.portForwardAddress, '127.0.0.1');
	const bound = validateSettings({portForwardAddress: '0.0.0.0'});
	assert.equal(bound.ok && bound.settings.portForwardAddress, '0.0.0.0');
});

test('validation rejects bad settings with a clear reason', () => {
	const cases: Array<[unknown, RegExp]> = [
		[{favouriteNamespaces: Array.from({length: 10}, (_, i) => `ns${i}`)}, /at most 9 namespaces/],
		[{favouriteNamespaces: ['Bad_NS']}, /not valid namespace names: Bad_NS/],
		[{favouriteNamespaces: 'payments'}, /favouriteNamespaces must be a list/],
		[{logTailLines: -1}, /logTailLines must be a whole number from 0/],
		[{logLineCap: 1.5}, /logLineCap must be a whole number/],
		[{scaleCeiling: '10'}, /scaleCeiling must be a whole number/],
		[{refreshFps: 0}, /refreshFps must be a whole number from 1 to 120/],
		[{extraAcceleratorResources: [3]}, /extraAcceleratorResources must be a list of non-empty strings/],
		[{logTailLine: 5}, /unknown setting "logTailLine"/],
		[[1, 2], /expected a mapping/],
		[{portForwardAddress: 'localhost'}, /portForwardAddress must be an IP address/],
	];
	for (const [input, pattern] of cases) {
		const result = validateSettings(input, 'cfg.yaml');
		assert.equal(result.ok, false, JSON.stringify(input));
		if (!result.ok) assert.match(result.message, pattern);
	}
});

test('loadSettings: missing file is defaults, YAML errors carry the line', () => {
	const missing = loadSettings(path.join(dir, 'none.yaml'));
	assert.ok(missing.ok);
	const broken = path.join(dir, 'broken.yaml');
	fs.writeFileSync(broken, 'logTailLines: 10\nfavouriteNamespaces: [a, b\n');
	const result = loadSettings(broken);
	assert.equal(result.ok, false);
	if (!result.ok) assert.match(result.message, /broken\.yaml:(\d+): YAML error at line \1, column \d+: /);
});

test('saveSettings writes atomically and round-trips; refuses invalid settings', () => {
	const file = path.join(dir, 'nested', 'config.yaml');
	const settings = {...DEFAULT_SETTINGS, favouriteNamespaces: ['web', 'db'], extraAcceleratorResources: ['example.com/tpu']};
	assert.deepEqual(saveSettings(file, settings), {ok: true});
	const loaded = loadSettings(file);
	assert.ok(loaded.ok);
	assert.deepEqual(loaded.settings, settings);
	assert.deepEqual(fs.readdirSync(path.dirname(file)), ['config.yaml'], 'no temp file left behind');
	const refused = saveSettings(file, {...settings, favouriteNamespaces: Array.from({length: 12}, (_, i) => `n${i}`)});
	assert.equal(refused.ok, false);
	const again = loadSettings(file);
	assert.ok(again.ok);
	assert.deepEqual(again.settings.favouriteNamespaces, ['web', 'db'], 'a refused save leaves the file alone');
});

test('favourite slots: set, clear without renumbering, look up', () => {
	const base = {...DEFAULT_SETTINGS, favouriteNamespaces: ['web', 'db'], extraAcceleratorResources: []};
	const third = withFavourite(base, 4, 'ml');
	assert.deepEqual(third.favouriteNamespaces, ['web', 'db', '', 'ml']);
	assert.equal(favouriteAt(third, 4), 'ml');
	assert.equal(favouriteAt(third, 3), undefined, 'an empty slot is unbound');
	const cleared = withFavourite(third, 2, '');
	assert.deepEqual(cleared.favouriteNamespaces, ['web', '', '', 'ml'], 'slot 4 keeps its number');
	assert.deepEqual(withFavourite(cleared, 4, '').favouriteNamespaces, ['web'], 'trailing empty slots are dropped');
	assert.deepEqual(base.favouriteNamespaces, ['web', 'db'], 'input not mutated');
	assert.throws(() => withFavourite(base, 10, 'x'), /slots are 1–9/);
	const valid = validateSettings({favouriteNamespaces: ['web', '', 'ml']});
	assert.ok(valid.ok, 'cleared slots validate and round-trip');
});

const fpsCases: Array<[number | undefined, number | undefined]> = [
	[undefined, undefined],
	[30, 33],
	[60, 17],
	[1, 1000],
	[120, 8],
	[0, undefined],
];

for (const [fps, want] of fpsCases) {
	test(`frameMsForFps(${fps}) = ${want}`, () => {
		assert.equal(frameMsForFps(fps), want);
	});
}

test('shellCandidates and debugImage: set when valid, refused with the reason when not', () => {
	const ok = validateSettings({shellCandidates: ['zsh', '/bin/sh'], debugImage: 'nicolaka/netshoot:v0.13'});
	assert.ok(ok.ok);
	assert.deepEqual([ok.settings.shellCandidates, ok.settings.debugImage], [['zsh', '/bin/sh'], 'nicolaka/netshoot:v0.13']);
	const bad = validateSettings({shellCandidates: ['bash -l'], debugImage: ''}, 'cfg.yaml');
	assert.ok(!bad.ok);
	assert.match(bad.message, /shellCandidates must be a non-empty list of executable names/);
	assert.match(bad.message, /debugImage must be an image reference/);
});
