// The command line as a user meets it: help, version, bad flags, and the packaged install.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startViewChoices} from '../../source/cli-options.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliSource = path.join(root, 'source/cli.ts');
const SPAWN_DEADLINE_MS = 120_000;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string};

function kubedeck(args: string[], env: NodeJS.ProcessEnv = {}) {
	return spawnSync(process.execPath, ['--import', 'tsx', cliSource, ...args], {
		cwd: root,
		encoding: 'utf8',
		env: {...process.env, ...env},
		// A deadline, not a pace: tsx compiles the CLI on each start, which takes well over 30 s when
		// two suites share a loaded 2-core machine (seen at 30.7 s).
		timeout: SPAWN_DEADLINE_MS,
	});
}

test('--version prints the package version', () => {
	const result = kubedeck(['--version']);
	assert.equal(result.status, 0, result.stderr);
	assert.equal(result.stdout.trim(), pkg.version);
});

test('--help lists every flag', () => {
	const result = kubedeck(['--help']);
	assert.equal(result.status, 0, result.stderr);
	for (const flag of ['--kubeconfig', '--context', '-n, --namespace', '-A, --all-namespaces', '--readonly', '--demo', '--keymap', '-c, --command']) {
		assert.ok(result.stdout.includes(flag), `help is missing ${flag}`);
	}
	for (const view of startViewChoices) assert.match(result.stdout, new RegExp(`\\b${view}\\b`), `help is missing the -c view ${view}`);
});

const badInvocations: Array<{args: string[]; message: RegExp}> = [
	{args: ['--frobnicate'], message: /Unknown flag/i},
	// A word that cannot be any kind's name is refused before connecting; one that could waits for discovery (below).
	{args: ['-c', 'no/such'], message: /unknown view for -c\/--command: "no\/such"/},
	{args: ['-n', 'Not_A_Namespace'], message: /-n\/--namespace: namespace "Not_A_Namespace" is not valid/},
	{args: ['-n', '..'], message: /-n\/--namespace: namespace "\.\." is not valid/},
	{args: ['stray'], message: /unexpected argument: stray/},
	{args: ['--demo', '--kubeconfig', 'x'], message: /cannot be combined with --kubeconfig/},
];

for (const {args, message} of badInvocations) {
	test(`bad flags are refused with a clear message: ${args.join(' ')}`, () => {
		const result = kubedeck(args);
		assert.equal(result.status, 2, `exit code for ${args.join(' ')}: ${result.status}\n${result.stderr}`);
		assert.match(result.stderr, message);
		assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
	});
}

test('-c of a kind only discovery knows: an unknown one exits 2 with the close names, a served one gets past discovery', () => {
	const cache = mkdtempSync(path.join(tmpdir(), 'kubedeck-cli-cache-'));
	try {
		const env = {XDG_CACHE_HOME: cache};
		const typo = kubedeck(['--demo', '-c', 'pytorchjbs'], env);
		assert.equal(typo.status, 2, typo.stderr);
		assert.match(typo.stderr, /unknown view for -c\/--command: "pytorchjbs".*did you mean pytorchjobs, pytorchjob\?/);
		assert.doesNotMatch(typo.stderr, /\n\s+at /, 'no stack trace');
		// Resolved over the demo's discovery; what stops it then is only the missing terminal.
		const served = kubedeck(['--demo', '-c', 'pytorchjobs'], env);
		assert.equal(served.status, 1, served.stderr);
		assert.match(served.stderr, /needs an interactive terminal/);
	} finally {
		rmSync(cache, {recursive: true, force: true});
	}
});

test('a missing kubeconfig is a clear message suggesting --demo, exit 1', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'kubedeck-cli-'));
	try {
		const missing = path.join(dir, 'nope.yaml');
		const result = kubedeck(['--kubeconfig', missing]);
		assert.equal(result.status, 1, result.stderr);
		assert.ok(result.stderr.includes(missing), `message names the file: ${result.stderr}`);
		assert.match(result.stderr, /kubedeck --demo/);
		assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('a kubeconfig with a YAML error names the file and line', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'kubedeck-cli-'));
	try {
		const broken = path.join(dir, 'broken.yaml');
		writeFileSync(broken, 'apiVersion: v1\nclusters:\n  - cluster: {server: "http://x"\n    name: a\n');
		const result = kubedeck(['--kubeconfig', broken]);
		assert.equal(result.status, 1, result.stderr);
		// FILE:LINE, the form editors and terminals jump to.
		assert.ok(result.stderr.includes(`${broken}:4: YAML error`), result.stderr);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

// The slowest test here (a build and a global install), and it never touches a cluster: test:real,
// which runs this directory beside a real control plane, leaves it to npm test.
const packSkip = process.env.KUBEDECK_TEST_KUBECONFIG ? 'does not use the cluster; runs in npm test' : false;

test('npm pack yields a tarball that installs globally and runs', {timeout: 240_000, skip: packSkip}, () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'kubedeck-pack-'));
	try {
		const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], {cwd: root, encoding: 'utf8', timeout: 180_000});
		assert.equal(packed.status, 0, packed.stderr);
		const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
		assert.ok(tarball, 'npm pack wrote a tarball');
		const prefix = path.join(dir, 'prefix');
		const installed = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', path.join(dir, tarball)], {
			encoding: 'utf8',
			timeout: 180_000,
		});
		assert.equal(installed.status, 0, installed.stderr);
		const bin = path.join(prefix, 'bin', 'kubedeck');
		// The bin's `#!/usr/bin/env node` picks the first node on PATH: the one running this test
		// (a supported Node), as it would be for a user who installed kubedeck globally.
		const pathWithNode = [path.dirname(process.execPath), process.env.PATH].join(path.delimiter);
		const version = spawnSync(bin, ['--version'], {encoding: 'utf8', timeout: SPAWN_DEADLINE_MS, env: {...process.env, PATH: pathWithNode}});
		assert.equal(version.status, 0, version.stderr);
		assert.equal(version.stdout.trim(), pkg.version);
		// The bin is the bundle, and the bundled app runs: it gets as far as reading the kubeconfig.
		assert.match(realpathSync(bin), /dist\/bundle\/cli\.js$/);
		const missing = path.join(dir, 'nope.yaml');
		const app = spawnSync(bin, ['--kubeconfig', missing], {encoding: 'utf8', timeout: SPAWN_DEADLINE_MS, env: {...process.env, PATH: pathWithNode}});
		assert.equal(app.status, 1, app.stderr);
		assert.match(app.stderr, /kubeconfig .*nope\.yaml not found/);
		assert.match(readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node/, 'the bin keeps its #! line');
		// The key map ships in the package: --help must not be all that works.
		const keymap = path.join(prefix, 'lib', 'node_modules', 'kubedeck', 'keymaps', 'default.yaml');
		assert.ok(readFileSync(keymap, 'utf8').length > 0, 'keymaps/default.yaml is in the package');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

/** A `node` older than 22.19 on this machine's PATH (outside node_modules), if there is one. */
function olderNode(): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (!dir || dir.includes('node_modules')) continue;
		const candidate = path.join(dir, 'node');
		const probe = spawnSync(candidate, ['--version'], {encoding: 'utf8'});
		if (probe.status !== 0) continue;
		const [major, minor] = probe.stdout.trim().replace(/^v/, '').split('.').map(Number);
		if (major! < 22 || (major === 22 && minor! < 19)) return candidate;
	}
	return undefined;
}

test('on a Node older than 22.19 kubedeck exits 1 with one clear line, no stack trace', (t) => {
	const old = olderNode();
	if (!old) {
		t.skip('no Node older than 22.19 on this machine to try');
		return;
	}
	const result = spawnSync(old, ['--import', 'tsx', cliSource, '--demo'], {cwd: root, encoding: 'utf8', timeout: SPAWN_DEADLINE_MS});
	assert.equal(result.status, 1, result.stderr);
	const lines = result.stderr.trim().split('\n');
	assert.equal(lines.length, 1, `one line: ${result.stderr}`);
	assert.match(lines[0]!, /^kubedeck: needs Node\.js 22\.19 or newer .* this is Node\.js v\d+\.\d+\.\d+ at /);
	assert.equal(result.stdout, '');
});

test("the README's copy of --help is what --help prints", () => {
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
	const start = readme.indexOf('`kubedeck --help`:');
	assert.ok(start >= 0, 'README has a `kubedeck --help`: section');
	const block = readme.slice(start).split('```')[1]!.replace(/^[^\n]*\n/, '');
	const lines = (text: string) => text.replace(/^\n+|\n+$/g, '').split('\n').map((line) => line.trimEnd());
	const printed = lines(kubedeck(['--help']).stdout);
	// The package description above "Usage" is meow's; the README introduces it in prose.
	assert.deepEqual(lines(block), printed.slice(printed.findIndex((line) => line.trim() === 'Usage')));
});
