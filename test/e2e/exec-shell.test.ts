// A shell from inside kubedeck in a real terminal (tmux, 160×30 and 80×24) against `kubedeck --demo`: `s`
// opens bash in the selected pod, a command runs, a window resize reaches the shell, `exit 3`
// comes back to kubedeck's screen with the same row selected and the exit status shown; a pod
// whose image has no shell answers in one line and the screen never leaves.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import * as tmux from './tmux.js';

const missing = tmux.tmuxMissing();

test('s: shell in a pod, a command, a resize, exit; the screen comes back with the same row', {timeout: 180_000, skip: missing}, async () => {
	// 160 columns: the pod names are whole beside the usage columns, so "the same row" is checked by name.
	const term = tmux.startKubedeck(['--demo'], {columns: 160, rows: 30});
	try {
		await term.waitFor(/pods\(default\)\[\d+\]/, 60_000);
		term.send('0');
		await term.waitFor(/pods\(all\)\[\d+\]/);
		// Move off the first row so "the same row" means something; the embeddings pods (a Triton image) have bash.
		term.send('/');
		term.type('embeddings');
		term.send('Enter');
		await term.waitFor(/^> \S+\s+embeddings/m);
		term.send('j');
		const before = await term.waitFor(/^  \S+\s+embeddings[\s\S]*^> \S+\s+(embeddings-\S+)/m);
		const selected = /^> \S+\s+(\S+)/m.exec(before)![1]!;

		term.send('s');
		await term.waitFor(new RegExp(`root@${selected}:/#`));
		assert.equal(term.alternateOn(), false, 'the shell runs on the main screen');
		term.type('echo hello from $HOSTNAME');
		term.send('Enter');
		await term.waitFor(new RegExp(`^hello from ${selected}`, 'm'));
		term.resize(172, 40);
		term.type('stty size');
		term.send('Enter');
		await term.waitFor(/^40 172$/m);
		term.type('exit 3');
		term.send('Enter');

		const after = await term.waitFor(/ended: exit 3/);
		assert.equal(term.alternateOn(), true, 'back on the alternate screen');
		assert.match(after, new RegExp(`^> \\S+\\s+${selected}`, 'm'), `the same row is selected:\n${after}`);
		assert.match(after, /pods\(all\)/);
		// Keys reach kubedeck again.
		term.send('k');
		await term.waitFor(new RegExp(`^  \\S+\\s+${selected}`, 'm'));
	} finally {
		term.close();
	}
});

test('s on a pod whose image has no shell: one line, the screen stays', {timeout: 120_000, skip: missing}, async () => {
	const term = tmux.startKubedeck(['--demo'], {columns: 80, rows: 24});
	try {
		await term.waitFor(/pods\(default\)\[\d+\]/, 60_000);
		term.send('0');
		term.send('/');
		term.type('coredns');
		term.send('Enter');
		await term.waitFor(/^> \S+\s+coredns/m);
		term.send('s');
		const screen = await term.waitFor(/exec: no shell found in container coredns \(tried bash, sh\)/);
		assert.match(screen, /^> \S+\s+coredns/m);
		assert.equal(term.alternateOn(), true);
	} finally {
		term.close();
	}
});

test('keys typed right after s, before the shell is up, run in the shell (held, as ssh does), not in kubedeck', {timeout: 120_000, skip: missing}, async () => {
	const term = tmux.startKubedeck(['--demo'], {columns: 80, rows: 24}, {env: ['NO_COLOR=1']});
	try {
		await term.waitFor(/^> \S+\s+\d+\/\d+\s+Running/m, 60_000);
		// One send-keys: the line arrives in the same read as s, long before the WebSocket is open.
		term.send('s', 'echo typed-ahead-42', 'Enter');
		await term.waitFor(/root@\S+:\/# /);
		// The held line follows the prompt at once; without type-ahead it never comes.
		const shell = await term.waitFor(/^typed-ahead-42\s*$/m, 20_000);
		assert.match(shell, /# echo typed-ahead-42/, `the typed line was echoed at the prompt:\n${shell}`);
		assert.equal(term.alternateOn(), false, 'the shell has the terminal');
		term.type('exit');
		term.send('Enter');
		const back = await term.waitFor(/ended: exit 0/);
		// None of the typed keys acted in kubedeck (e, c, h, o, d … would have opened views).
		assert.match(back, /pods\(default\)/, `still the pods table:\n${back}`);
		assert.doesNotMatch(back, /^describe /m);
	} finally {
		term.close();
	}
});
