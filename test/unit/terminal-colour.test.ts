import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {colourEnvOverride, coloursEnabled} from '../../source/terminal/colour.js';

test('NO_COLOR turns colours off unless FORCE_COLOR says otherwise', () => {
	const cases: Array<[NodeJS.ProcessEnv, {FORCE_COLOR: '0'} | undefined, boolean]> = [
		[{}, undefined, true],
		[{NO_COLOR: '1'}, {FORCE_COLOR: '0'}, false],
		[{NO_COLOR: ''}, undefined, true],
		[{NO_COLOR: '1', FORCE_COLOR: '1'}, undefined, true],
		[{FORCE_COLOR: '0'}, undefined, false],
		[{TERM: 'dumb'}, undefined, false],
	];
	for (const [env, override, enabled] of cases) {
		assert.deepEqual(colourEnvOverride(env), override, JSON.stringify(env));
		assert.equal(coloursEnabled(env), enabled, JSON.stringify(env));
	}
});

test('importing apply-no-color before Ink makes Ink render without colour codes', async () => {
	const applyModule = fileURLToPath(new URL('../../source/terminal/apply-no-color.ts', import.meta.url));
	// The child pretends its stdout is a colour terminal, as kubedeck's would be.
	const script = (apply: boolean) => `
		const tty = (await import('node:tty')).default;
		tty.isatty = () => true;
		${apply ? `await import(${JSON.stringify(applyModule)});` : ''}
		const React = (await import('react')).default;
		const {Text} = await import('ink');
		const {render} = await import('ink-testing-library');
		const app = render(React.createElement(Text, {color: 'red'}, 'alert'));
		process.stdout.write(JSON.stringify(app.lastFrame()));
		app.unmount();
	`;
	const run = promisify(execFile);
	const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', TERM: 'xterm-256color'};
	delete env['FORCE_COLOR'];
	delete env['CI'];
	const without = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(false)], {env, timeout: 120_000});
	assert.match(JSON.parse(without.stdout) as string, /\x1b\[31malert/, 'chalk alone ignores NO_COLOR (so this test can fail)');
	const applied = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(true)], {env, timeout: 120_000});
	assert.equal(JSON.parse(applied.stdout), 'alert');
});
