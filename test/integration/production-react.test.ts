// kubedeck runs React's production build: Node never sets NODE_ENV, and React picks its development
// build (checks on every render, several times slower per frame) for anything but "production".
// A preload reports, as the program exits, every React build file it ran (a file only parsed for its
// export names is in the module cache too, but never finished loading). A NODE_ENV the user set is
// theirs: with "development" the development build runs.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliSource = path.join(root, 'source/cli.ts');
const report = `data:text/javascript,${encodeURIComponent(`
import {createRequire} from 'node:module';
// A data: URL cannot anchor a require; the module cache is one per process anyway.
const cache = createRequire('file:///').cache;
process.on('exit', () => {
	for (const [file, mod] of Object.entries(cache)) {
		const build = /node_modules\\/(react|react-reconciler)\\/cjs\\/([\\w.-]+)\\.js$/.exec(file);
		if (build && mod.loaded) process.stderr.write('react build: ' + build[1] + '/' + build[2] + '\\n');
	}
});`)}`;

/** The React build files loaded by a start that reaches the app (and then stops at a missing kubeconfig). */
function reactBuilds(nodeEnv: string | undefined): string[] {
	const env: NodeJS.ProcessEnv = {...process.env, NODE_OPTIONS: ''};
	delete env['NODE_ENV'];
	if (nodeEnv !== undefined) env['NODE_ENV'] = nodeEnv;
	// A deadline, not a pace: tsx compiles the CLI on each start, slow on a loaded machine.
	const result = spawnSync(process.execPath, ['--import', report, '--import', 'tsx', cliSource, '--kubeconfig', path.join(root, 'no-such-kubeconfig.yaml')], {cwd: root, encoding: 'utf8', timeout: 120_000, env});
	assert.equal(result.status, 1, result.stderr);
	assert.match(result.stderr, /kubeconfig .* not found/, 'it stopped where expected, not in the preload');
	return [...result.stderr.matchAll(/react build: (\S+)/g)].map((m) => m[1]!);
}

test('with NODE_ENV unset, kubedeck loads the production builds of React and its reconciler, and no development build', () => {
	const builds = reactBuilds(undefined);
	assert.ok(builds.includes('react/react.production'), builds.join(', '));
	assert.ok(builds.includes('react-reconciler/react-reconciler.production'), builds.join(', '));
	assert.deepEqual(builds.filter((b) => b.includes('development')), []);
});

test('a NODE_ENV the user set is kept: development loads the development build', () => {
	const builds = reactBuilds('development');
	assert.ok(builds.includes('react/react.development'), builds.join(', '));
});

// The shipped program is one bundle (dist/bundle/cli.js): React's builds are inside it, not files in
// the module cache, and both are there — which one runs is still decided by NODE_ENV at run time. The
// development build of react announces itself to React DevTools' global hook as it loads
// (registerInternalModuleStart); the production build never touches the hook. A preload installs a
// hook that reports those calls, and NODE_ENV as the program left it, when the program exits.
const bundle = path.join(root, 'dist/bundle/cli.js');
const hook = `data:text/javascript,${encodeURIComponent(`
let calls = 0;
globalThis.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {registerInternalModuleStart() { calls++; }, registerInternalModuleStop() {}};
process.on('exit', () => process.stderr.write('react development loads: ' + calls + '; NODE_ENV ' + process.env.NODE_ENV + '\\n'));`)}`;

function bundleRun(nodeEnv: string | undefined): {developmentLoads: number; nodeEnv: string} {
	const env: NodeJS.ProcessEnv = {...process.env, NODE_OPTIONS: ''};
	delete env['NODE_ENV'];
	if (nodeEnv !== undefined) env['NODE_ENV'] = nodeEnv;
	const result = spawnSync(process.execPath, ['--import', hook, bundle, '--kubeconfig', path.join(root, 'no-such-kubeconfig.yaml')], {cwd: root, encoding: 'utf8', timeout: 120_000, env});
	assert.equal(result.status, 1, result.stderr);
	assert.match(result.stderr, /kubeconfig .* not found/, 'it stopped where expected, not in the preload');
	const report = /react development loads: (\d+); NODE_ENV (\S+)/.exec(result.stderr);
	assert.ok(report, result.stderr);
	return {developmentLoads: Number(report[1]), nodeEnv: report[2]!};
}

test('the shipped bundle runs the production build of React with NODE_ENV unset (npm run bundle first)', {skip: existsSync(bundle) ? false : 'no dist/bundle/cli.js: run npm run build && npm run bundle'}, () => {
	// The witness works: with development asked for, the bundle's development React reports itself.
	assert.ok(bundleRun('development').developmentLoads > 0, 'the development build announces itself to the hook');
	const unset = bundleRun(undefined);
	assert.equal(unset.developmentLoads, 0, 'the development build of React ran in the bundle');
	assert.equal(unset.nodeEnv, 'production');
});
