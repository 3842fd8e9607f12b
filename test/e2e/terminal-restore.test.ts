// Every way kubedeck can end gives the terminal back: the pane leaves the alternate screen and
// echo and line editing are on again (stty), whether it quit, was signalled (SIGHUP is the SSH
// session dropping), crashed or ran out of memory.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startKubedeck, tmuxMissing, type StartExtras, type Terminal} from './tmux.js';

const needsTmux = tmuxMissing() ?? false;
const faultPreload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/fault.ts');

interface Way {
	name: string;
	extras?: StartExtras;
	end(t: Terminal): void;
	code: number;
	/** What the pane shows once the screen is back (a crash report, the memory message). */
	says?: RegExp;
}

const withFault = (fault: string, nodeArgs: string[] = []): StartExtras => ({nodeArgs: [...nodeArgs, '--import', faultPreload], env: [`KUBEDECK_TEST_FAULT=${fault}`]});
const signal = (name: NodeJS.Signals) => (t: Terminal) => process.kill(t.pid(), name);

const ways: Way[] = [
	{name: 'q', end: (t) => t.type('q'), code: 0},
	{name: 'SIGINT', end: signal('SIGINT'), code: 130},
	{name: 'SIGTERM', end: signal('SIGTERM'), code: 143},
	{name: 'SIGHUP (the SSH session drops)', end: signal('SIGHUP'), code: 129},
	{name: 'an uncaught exception', extras: withFault('throw'), end: signal('SIGUSR2'), code: 1, says: /kubedeck crashed: Error: injected fault/},
	{name: 'an unhandled rejection', extras: withFault('reject'), end: signal('SIGUSR2'), code: 1, says: /kubedeck crashed: Error: injected rejection/},
	{
		name: 'running out of memory (heap limit 256 MB)',
		extras: withFault('leak', ['--max-old-space-size=256']),
		end: signal('SIGUSR2'),
		code: 1,
		says: /kubedeck stopped: its memory \(JavaScript heap\) reached \d+ MB of its \d+ MB limit/,
	},
];

for (const way of ways) {
	test(`the terminal is given back after ${way.name}`, {skip: needsTmux, timeout: 300_000}, async () => {
		const t = startKubedeck(['--demo'], {columns: 100, rows: 30}, way.extras);
		try {
			await t.waitFor(/pods\(default\)\[[1-9]/);
			assert.equal(t.alternateOn(), true, 'kubedeck runs on the alternate screen');
			assert.match(t.ttyModes(), /(^|\s)-echo(\s|$)/, 'and the keyboard is in raw mode while it runs');
			way.end(t);
			const screen = await t.waitFor(/KUBEDECK-EXITED \d+/);
			assert.match(screen, new RegExp(`KUBEDECK-EXITED ${way.code}\\b`));
			if (way.says) assert.match(screen.replace(/\n/g, ''), way.says);
			assert.equal(t.alternateOn(), false, 'back on the normal screen');
			const modes = t.ttyModes();
			assert.match(modes, /(^|\s)echo(\s|$)/, `echo is on:\n${modes}`);
			assert.match(modes, /(^|\s)icanon(\s|$)/, `line editing is on:\n${modes}`);
		} finally {
			t.close();
		}
	});
}
