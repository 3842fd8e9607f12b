// Drives kubedeck in a real terminal (tmux) for end-to-end tests: start at a given size,
// send keys, wait for the screen to show something. Each run uses its own tmux server
// socket so it never touches a user's sessions, and kills that server when done.
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function haveTmux(): boolean {
	return spawnSync('tmux', ['-V'], {stdio: 'ignore'}).status === 0;
}

export interface Terminal {
	screen(): string;
	/** Literal text, sent as typed. */
	type(text: string): void;
	/** tmux key names: Enter, Escape, C-w, PageDown … */
	press(...keys: string[]): void;
	waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
	/** Waits until the screen no longer shows the pattern. */
	waitForGone(pattern: RegExp, timeoutMs?: number): Promise<string>;
	close(): void;
}

let counter = 0;

async function poll(screen: () => string, done: (s: string) => boolean, failure: string, timeoutMs = 15_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		last = screen();
		if (done(last)) return last;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${failure}; last screen:\n${last}`);
}

export function startKubedeck(args: string[], size: {columns: number; rows: number}): Terminal {
	const socket = `kubedeck-e2e-${process.pid}-${++counter}`;
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-e2e-'));
	const tmux = (...tmuxArgs: string[]) => execFileSync('tmux', ['-L', socket, ...tmuxArgs], {encoding: 'utf8'});
	const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
	// The marker line shows how kubedeck ended; sleep keeps the pane readable after exit.
	const command = `cd '${repoRoot}' && node --import tsx source/cli.ts ${quoted}; echo "KUBEDECK_EXIT=$?"; sleep 30`;
	tmux(
		'-f', '/dev/null',
		'new-session', '-d', '-s', 'e2e', '-x', String(size.columns), '-y', String(size.rows),
		'-e', `XDG_CONFIG_HOME=${path.join(home, 'config')}`,
		'-e', `XDG_STATE_HOME=${path.join(home, 'state')}`,
		'-e', 'TERM=xterm-256color',
		command,
	);
	const screen = () => tmux('capture-pane', '-p', '-t', 'e2e');
	return {
		screen,
		type: (text) => void tmux('send-keys', '-t', 'e2e', '-l', text),
		press: (...keys) => void tmux('send-keys', '-t', 'e2e', ...keys),
		waitFor: (pattern, timeoutMs) => poll(screen, (s) => pattern.test(s), `screen never showed ${pattern}`, timeoutMs),
		waitForGone: (pattern, timeoutMs) => poll(screen, (s) => !pattern.test(s), `screen kept showing ${pattern}`, timeoutMs),
		close() {
			spawnSync('tmux', ['-L', socket, 'kill-server'], {stdio: 'ignore'});
			fs.rmSync(home, {recursive: true, force: true});
		},
	};
}
