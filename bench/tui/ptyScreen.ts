// A program in a pseudo-terminal, its output fed to a headless terminal emulator, so a benchmark
// knows what is on the screen and when: every chunk is stamped when it arrives, and a wait for a
// screen condition resolves with the arrival time of the chunk that made it true (not the time
// the emulator got round to parsing it). Bytes are counted as the program wrote them.
import {performance} from 'node:perf_hooks';
import {readFileSync} from 'node:fs';
import pty from 'node-pty';
import xterm from '@xterm/headless';

export interface PtyOptions {
	cols: number;
	rows: number;
	env?: NodeJS.ProcessEnv;
	cwd?: string;
}

interface Waiter {
	test: (screen: PtyScreen) => boolean;
	resolve: (at: number) => void;
}

export class PtyScreen {
	readonly started = performance.now();
	readonly term: xterm.Terminal;
	private readonly child: pty.IPty;
	private waiters: Waiter[] = [];
	private exited: {code: number} | undefined;
	/** Bytes the program has written so far (UTF-8, as sent). */
	bytes = 0;
	/** Arrival time of the last chunk. */
	lastOutputAt = 0;

	constructor(file: string, args: readonly string[], options: PtyOptions) {
		this.term = new xterm.Terminal({cols: options.cols, rows: options.rows, allowProposedApi: true, scrollback: 0});
		this.child = pty.spawn(file, [...args], {name: 'xterm-256color', cols: options.cols, rows: options.rows, cwd: options.cwd ?? process.cwd(), env: options.env ?? process.env, encoding: null});
		this.child.onData((data: string | Buffer) => {
			const at = performance.now();
			const chunk = typeof data === 'string' ? Buffer.from(data) : data;
			this.bytes += chunk.length;
			this.lastOutputAt = at;
			this.term.write(chunk, () => this.check(at));
		});
		this.child.onExit(({exitCode}) => {
			this.exited = {code: exitCode};
		});
	}

	get pid(): number {
		return this.child.pid;
	}

	get hasExited(): boolean {
		return this.exited !== undefined;
	}

	/** The screen as text, one line per row, trailing blanks trimmed. */
	text(): string {
		const buffer = this.term.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < this.term.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		return lines.join('\n');
	}

	/** The cursor row's text, as the emulator sees it. */
	line(y: number): string {
		const buffer = this.term.buffer.active;
		return buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '';
	}

	private check(at: number): void {
		if (this.waiters.length === 0) return;
		const still: Waiter[] = [];
		for (const w of this.waiters) {
			if (w.test(this)) w.resolve(at);
			else still.push(w);
		}
		this.waiters = still;
	}

	/** Resolves with the arrival time of the output that made `test` true (now, if it already is). */
	waitFor(what: string, test: (screen: PtyScreen) => boolean, deadlineMs: number): Promise<number> {
		if (test(this)) return Promise.resolve(performance.now());
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((w) => w !== waiter);
				reject(new Error(`timed out after ${deadlineMs} ms waiting for ${what}; screen:\n${this.text()}`));
			}, deadlineMs);
			const waiter: Waiter = {
				test,
				resolve: (at) => {
					clearTimeout(timer);
					resolve(at);
				},
			};
			this.waiters.push(waiter);
		});
	}

	/** Resolves once no output has arrived for `quietMs`, or at the deadline. */
	async quiet(quietMs: number, deadlineMs: number): Promise<void> {
		const deadline = performance.now() + deadlineMs;
		for (;;) {
			const since = performance.now() - Math.max(this.lastOutputAt, this.started);
			if (since >= quietMs || performance.now() > deadline) return;
			await new Promise((r) => setTimeout(r, Math.max(5, quietMs - since)));
		}
	}

	/** Parsing is asynchronous: resolves once every byte received so far is on the emulated screen. */
	flushed(): Promise<void> {
		return new Promise((resolve) => this.term.write('', resolve));
	}

	write(keys: string): void {
		this.child.write(keys);
	}

	resize(cols: number, rows: number): void {
		this.child.resize(cols, rows);
		this.term.resize(cols, rows);
	}

	/** Resident memory of the program (its own process, from /proc), in bytes. */
	rss(pid = this.child.pid): number | undefined {
		try {
			const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
			return kb ? Number(kb) * 1024 : undefined;
		} catch {
			return undefined;
		}
	}

	/** CPU time (user + system) the program has used so far, in ms. */
	cpuMs(pid = this.child.pid): number | undefined {
		try {
			const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
			// utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks (100 Hz).
			return (Number(fields[11]) + Number(fields[12])) * 10;
		} catch {
			return undefined;
		}
	}

	async stop(): Promise<void> {
		if (this.exited) return;
		const gone = new Promise<void>((resolve) => this.child.onExit(() => resolve()));
		this.child.kill('SIGTERM');
		await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
		if (!this.exited) this.child.kill('SIGKILL');
	}
}
