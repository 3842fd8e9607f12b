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
	/** The pid of kubedeck's node process (the pane's shell runs it as its child). */
	pid(): number;
	/** Whether the pane shows the alternate screen now. */
	alternateOn(): boolean;
	/** The pane's terminal modes as `stty -a` prints them (echo, icanon, …). */
	ttyModes(): string;
	resize(columns: number, rows: number): void;
	close(): void;
}

export interface StartExtras {
	/** Flags for node before the program (e.g. a heap limit, a test-only --import). */
	nodeArgs?: string[];
	/** More NAME=value pairs for the environment. */
	env?: string[];
}

export function startKubedeck(args: string[], size: {columns: number; rows: number}, extras: StartExtras = {}): Terminal {
	const home = mkdtempSync(path.join(tmpdir(), 'kubedeck-e2e-'));
	const socket = path.join(home, 'tmux.sock');
	const session = 'kd';
	const tmux = (...rest: string[]) => execFileSync('tmux', ['-S', socket, ...rest], {encoding: 'utf8'});
	// A private HOME and XDG dirs: the user's own key map or settings never leak into the test.
	// CI=true as on a CI runner (and in some users' shells): kubedeck must stay interactive in a terminal.
	const env = [`HOME=${home}`, `XDG_CONFIG_HOME=${home}/config`, `XDG_STATE_HOME=${home}/state`, 'TERM=xterm-256color', 'CI=true', ...(extras.env ?? [])];
	const command = `env ${env.join(' ')} ${process.execPath} --import tsx ${(extras.nodeArgs ?? []).join(' ')} ${path.join(root, 'source/cli.ts')} ${args.join(' ')}; echo KUBEDECK-EXITED $?; sleep 600`;
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
		async waitFor(pattern, timeoutMs = 90_000) {
			const deadline = Date.now() + timeoutMs;
			let last = '';
			while (Date.now() < deadline) {
				last = terminal.screen();
				if (pattern.test(last)) return last;
				await new Promise((resolve) => setTimeout(resolve, 150));
			}
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}; screen was:\n${last}`);
		},
		async waitForGone(pattern, timeoutMs = 90_000) {
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
		pid: () => {
			const shell = tmux('display', '-p', '-t', session, '#{pane_pid}').trim();
			const child = execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n')[0] ?? '';
			return Number(child);
		},
		alternateOn: () => tmux('display', '-p', '-t', session, '#{alternate_on}').trim() === '1',
		ttyModes: () => execFileSync('stty', ['-a', '-F', tmux('display', '-p', '-t', session, '#{pane_tty}').trim()], {encoding: 'utf8'}),
		close() {
			if (closed) return;
			closed = true;
			let program: number | undefined;
			try {
				program = terminal.pid() || undefined;
			} catch {
				// no program left in the pane
			}
			try {
				tmux('kill-server');
			} catch {
				// already gone
			}
			// kubedeck writes its compile cache into home as it exits on the hang-up: home goes once
			// the program has gone (a loaded machine once took longer than rm's own retries).
			if (program !== undefined) waitForExit(program, 15_000);
			rmSync(home, {recursive: true, force: true, maxRetries: 10, retryDelay: 50});
		},
	};
	return terminal;
}

/** Blocks until process `pid` has gone, or `deadlineMs` has passed (cleanup is synchronous). */
function waitForExit(pid: number, deadlineMs: number): void {
	const until = Date.now() + deadlineMs;
	const pause = new Int32Array(new SharedArrayBuffer(4));
	while (Date.now() < until) {
		try {
			process.kill(pid, 0);
		} catch {
			return;
		}
		Atomics.wait(pause, 0, 0, 20);
	}
}
