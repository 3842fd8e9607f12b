// --version and --help answer without loading the app: no Ink, React or Kubernetes client module
// is even resolved (a resolve hook, loaded before the CLI, reports every one that is). A start that
// goes on to the app does load them, which shows the hook sees them.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliSource = path.join(root, 'source/cli.ts');
const hook = `data:text/javascript,${encodeURIComponent(`
import {registerHooks} from 'node:module';
registerHooks({resolve(specifier, context, next) {
	const found = next(specifier, context);
	if (/node_modules\\/(ink|react|@kubernetes\\/client-node)\\//.test(found.url)) process.stderr.write('app module: ' + found.url + '\\n');
	return found;
}});`)}`;

function run(args: string[]) {
	// A deadline, not a pace: tsx compiles the CLI on each start, slow on a loaded machine.
	return spawnSync(process.execPath, ['--import', hook, '--import', 'tsx', cliSource, ...args], {cwd: root, encoding: 'utf8', timeout: 120_000, env: {...process.env, NODE_OPTIONS: ''}});
}

for (const args of [['--version'], ['--help']]) {
	test(`${args.join(' ')} loads no Ink, React or Kubernetes client module`, () => {
		const result = run(args);
		assert.equal(result.status, 0, result.stderr);
		assert.ok(result.stdout.trim().length > 0, 'it printed something');
		assert.doesNotMatch(result.stderr, /app module:/);
	});
}

test('a start that reaches the app loads them (the hook sees them)', () => {
	const result = run(['--kubeconfig', path.join(root, 'no-such-kubeconfig.yaml')]);
	assert.equal(result.status, 1, result.stderr);
	assert.match(result.stderr, /app module: .*node_modules\/ink\//);
});

test('a start that loads the app leaves a compile cache under $XDG_CACHE_HOME/kubedeck (the next start reads it)', async () => {
	const {mkdtempSync, readdirSync, rmSync} = await import('node:fs');
	const {tmpdir} = await import('node:os');
	const cache = mkdtempSync(path.join(tmpdir(), 'kubedeck-cache-'));
	try {
		const result = spawnSync(process.execPath, ['--import', 'tsx', cliSource, '--kubeconfig', path.join(root, 'no-such-kubeconfig.yaml')], {cwd: root, encoding: 'utf8', timeout: 120_000, env: {...process.env, NODE_OPTIONS: '', XDG_CACHE_HOME: cache}});
		assert.equal(result.status, 1, result.stderr);
		const dir = path.join(cache, 'kubedeck', 'compile-cache');
		const entries = readdirSync(dir, {recursive: true, withFileTypes: true}).filter((entry) => entry.isFile());
		assert.ok(entries.length > 100, `the modules of the app are cached (${entries.length} files in ${dir})`);
	} finally {
		rmSync(cache, {recursive: true, force: true});
	}
});

test('on a terminal the first frame is drawn before @kubernetes/client-node is loaded; a bad kubeconfig then gives the terminal back and says why', async () => {
	const pty = await import('node-pty');
	const child = pty.spawn(process.execPath, ['--import', hook, '--import', 'tsx', cliSource, '--kubeconfig', path.join(root, 'no-such-kubeconfig.yaml')], {name: 'xterm-256color', cols: 100, rows: 30, cwd: root, env: {...process.env, NODE_OPTIONS: '', TERM: 'xterm-256color'}});
	let out = '';
	child.onData((data) => {
		out += data;
	});
	const code = await new Promise<number>((resolve) => child.onExit(({exitCode}) => resolve(exitCode)));
	assert.equal(code, 1, out);
	const frame = out.indexOf('connecting');
	const client = out.search(/app module: \S*node_modules\/@kubernetes\/client-node\//);
	assert.ok(frame >= 0, `a first frame was drawn:\n${out}`);
	assert.ok(client > frame, `client-node was loaded after the first frame (frame at ${frame}, client at ${client})`);
	assert.ok(out.lastIndexOf('\x1b[?1049l') > client, 'the alternate screen is left');
	assert.match(out.slice(out.lastIndexOf('\x1b[?1049l')), /kubedeck: .*no-such-kubeconfig\.yaml/);
});
