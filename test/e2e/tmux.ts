// Drives kubedeck in a real terminal (tmux): type keys, read the screen.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function tmuxMissing(): string | undefined {
	const probe = spawnSync('tmux', ['-V'], {encoding: 'utf8'});
	return probe.status === 0 ? undefined : 'tmux is not installed (.ci/run installs it)';
}

export interface Terminal {
	screen(): string;
	send(...keys: string[]): void;
	/** Literal text, not key names. */
	type(text: string): void;
	waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
	/** Waits until the screen no longer shows the pattern. */
	waitForGone(pattern: RegExp, timeoutMs?: number): Promise<string>;
	alive(): boolean;
	resize(columns: number, rows: number): void;
	close(): void;
}

export function startKubedeck(args: string[], size: {columns: number; rows: number}): Terminal {
	const home = mkdtempSync(path.join(tmpdir(), 'kubedeck-e2e-'));
	const socket = path.join(home, 'tmux.sock');
	const session = 'kd';
	const tmux = (...rest: string[]) => execFileSync('tmux', ['-S', socket, ...rest], {encoding: 'utf8'});
	// A private HOME and XDG dirs: the user's own key map or settings never leak into the test.
	// CI=true as on a CI runner (and in some users' shells): kubedeck must stay interactive in a terminal.
	const env = [`HOME=${home}`, `XDG_CONFIG_HOME=${home}/config`, `XDG_STATE_HOME=${home}/state`, 'TERM=xterm-256color', 'CI=true'];
	const command = `env ${env.join(' ')} ${process.execPath} --import tsx ${path.join(root, 'source/cli.ts')} ${args.join(' ')}; echo KUBEDECK-EXITED $?; sleep 600`;
	tmux('new-session', '-d', '-s', session, '-x', String(size.columns), '-y', String(size.rows), '-c', root, command);
	let closed = false;
	const terminal: Terminal = {
		screen: () => tmux('capture-pane', '-p', '-t', session),
		send: (...keys) => {
			tmux('send-keys', '-t', session, ...keys);
		},
		type: (text) => {
			// '--': text such as '-1' is typed, not read as a flag.
			tmux('send-keys', '-t', session, '-l', '--', text);
		},
		async waitFor(pattern, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			let last = '';
			while (Date.now() < deadline) {
				last = terminal.screen();
				if (pattern.test(last)) return last;
				await new Promise((resolve) => setTimeout(resolve, 150));
			}
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}; screen was:\n${last}`);
		},
		async waitForGone(pattern, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			let last = '';
			while (Date.now() < deadline) {
				last = terminal.screen();
				if (!pattern.test(last)) return last;
				await new Promise((resolve) => setTimeout(resolve, 150));
			}
			throw new Error(`timed out after ${timeoutMs} ms: the screen kept showing ${pattern}:\n${last}`);
		},
		resize: (columns, rows) => {
			tmux('resize-window', '-t', session, '-x', String(columns), '-y', String(rows));
		},
		alive: () => !/KUBEDECK-EXITED/.test(terminal.screen()),
		close() {
			if (closed) return;
			closed = true;
			try {
				tmux('kill-server');
			} catch {
				// already gone
			}
			rmSync(home, {recursive: true, force: true});
		},
	};
	return terminal;
}
