// The simulator's container shell: a few commands (echo, env, ls, cat, hostname, pwd, cd, true,
// false, stty size, exit N), enough to explore the demo and to test exec end to end. Which shells an image
// has is decided by its name, so the demo shows every path a real cluster has: most images have
// bash, small ones (alpine/busybox-based, the demo's own registry) only sh, and distroless system
// images (registry.k8s.io) no shell and no tools at all. Pure: bytes in, text out.

export interface ContainerContext {
	pod: string;
	namespace: string;
	container: string;
	image: string;
	env: Record<string, string>;
}

export interface CommandResult {
	out: string;
	err: string;
	code: number;
	/** `exit` ends the shell itself. */
	exit?: boolean;
}

/** The executables an image holds (the shell builtins below count as /bin tools). */
export function shellsOf(image: string): readonly string[] {
	if (/^registry\.k8s\.io\/|distroless/.test(image)) return [];
	if (/busybox|alpine|^registry\.example\.com\//.test(image)) return ['sh'];
	return ['bash', 'sh'];
}

const tools = ['echo', 'env', 'ls', 'cat', 'hostname', 'pwd', 'true', 'false', 'stty'];

/** True when the image has this executable (by name or path). */
export function hasExecutable(image: string, command: string): boolean {
	const name = command.replace(/^\/(usr\/)?bin\//, '');
	const shells = shellsOf(image);
	if (shells.length === 0) return false;
	return shells.includes(name) || tools.includes(name);
}

/** The environment a container sees: the spec's plain values, then what the kubelet adds. */
export function containerEnv(ctx: Omit<ContainerContext, 'env'>, specEnv: ReadonlyArray<{name?: string; value?: string}>, tty: boolean): Record<string, string> {
	const env: Record<string, string> = {PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: ctx.pod};
	for (const entry of specEnv) if (entry.name && entry.value !== undefined) env[entry.name] = entry.value;
	env.KUBERNETES_SERVICE_HOST = '10.96.0.1';
	env.KUBERNETES_SERVICE_PORT = '443';
	if (tty) env.TERM = 'xterm';
	env.HOME = '/root';
	return env;
}

const directories: Record<string, string[]> = {
	'/': ['app', 'bin', 'dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
	'/app': ['config.yaml', 'server'],
	'/etc': ['hostname', 'hosts', 'passwd', 'resolv.conf'],
	'/root': [],
	'/tmp': [],
	'/home': [],
};

function files(ctx: ContainerContext): Record<string, string> {
	return {
		'/etc/hostname': `${ctx.pod}\n`,
		'/etc/hosts': `127.0.0.1\tlocalhost\n::1\tlocalhost\n10.244.0.17\t${ctx.pod}\n`,
		'/etc/resolv.conf': `search ${ctx.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
		'/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
		'/app/config.yaml': `# ${ctx.container} (${ctx.image})\nlisten: :8080\n`,
	};
}

function resolvePath(cwd: string, path: string): string {
	const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
	const out: string[] = [];
	for (const part of parts) {
		if (part === '' || part === '.') continue;
		if (part === '..') out.pop();
		else out.push(part);
	}
	return `/${out.join('/')}`;
}

/** Splits a command line into words: whitespace, '…' and "…" quotes, $VAR and ${VAR} expanded outside single quotes. */
export function words(line: string, env: Record<string, string>): string[] {
	const out: string[] = [];
	let word = '';
	let started = false;
	let quote: '"' | "'" | undefined;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i]!;
		if (quote) {
			if (ch === quote) quote = undefined;
			else if (ch === '$' && quote === '"') i = expand(line, i, env, v => (word += v));
			else word += ch;
			continue;
		}
		if (ch === '"' || ch === "'") {
			quote = ch;
			started = true;
		} else if (/\s/.test(ch)) {
			if (started) out.push(word);
			word = '';
			started = false;
		} else if (ch === '$') {
			i = expand(line, i, env, v => (word += v));
			started = true;
		} else {
			word += ch;
			started = true;
		}
	}
	if (started) out.push(word);
	return out;
}

function expand(line: string, at: number, env: Record<string, string>, put: (v: string) => void): number {
	const match = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*|\?))/.exec(line.slice(at));
	if (!match) {
		put('$');
		return at;
	}
	put(env[match[1] ?? match[2]!] ?? '');
	return at + match[0].length - 1;
}

/** A shell's state: the working directory and the last status ($?). */
export class SimShell {
	cwd = '/';
	last = 0;

	constructor(
		readonly ctx: ContainerContext,
		readonly name: string,
		/** The terminal size last sent on the resize channel (`stty size` prints it). */
		private readonly size: () => {columns: number; rows: number} = () => ({columns: 80, rows: 24}),
	) {}

	prompt(): string {
		return this.name === 'bash' ? `root@${this.ctx.pod}:${this.cwd}# ` : `${this.cwd} # `;
	}

	/** Runs one line (`;` separates commands). */
	run(line: string): CommandResult {
		const total: CommandResult = {out: '', err: '', code: this.last};
		for (const part of line.split(';')) {
			const argv = words(part, {...this.ctx.env, '?': String(this.last)});
			if (argv.length === 0) continue;
			const result = this.command(argv);
			total.out += result.out;
			total.err += result.err;
			total.code = this.last = result.code;
			if (result.exit) return {...total, exit: true};
		}
		return total;
	}

	command(argv: string[]): CommandResult {
		const [name, ...args] = argv as [string, ...string[]];
		const ok = (out: string): CommandResult => ({out, err: '', code: 0});
		switch (name.replace(/^\/(usr\/)?bin\//, '')) {
			case 'echo':
				return args[0] === '-n' ? ok(args.slice(1).join(' ')) : ok(`${args.join(' ')}\n`);
			case 'env':
				return ok(Object.entries(this.ctx.env).map(([k, v]) => `${k}=${v}\n`).join(''));
			case 'hostname':
				return ok(`${this.ctx.pod}\n`);
			case 'pwd':
				return ok(`${this.cwd}\n`);
			case 'true':
				return ok('');
			case 'stty': {
				const {columns, rows} = this.size();
				return args[0] === 'size' ? ok(`${rows} ${columns}\n`) : ok('');
			}
			case 'false':
				return {out: '', err: '', code: 1};
			case 'exit': {
				const code = args[0] === undefined ? this.last : Number(args[0]);
				return {out: '', err: '', code: Number.isInteger(code) ? code & 255 : 2, exit: true};
			}
			case 'cd': {
				const to = resolvePath(this.cwd, args[0] ?? '/root');
				if (!directories[to]) return {out: '', err: `${this.name}: cd: ${args[0]}: No such file or directory\n`, code: 1};
				this.cwd = to;
				return ok('');
			}
			case 'ls': {
				const paths = args.filter(a => !a.startsWith('-'));
				let out = '';
				for (const path of paths.length ? paths : [this.cwd]) {
					const full = resolvePath(this.cwd, path);
					if (directories[full]) out += directories[full].length ? `${directories[full].join('  ')}\n` : '';
					else if (files(this.ctx)[full] !== undefined) out += `${path}\n`;
					else return {out, err: `ls: cannot access '${path}': No such file or directory\n`, code: 2};
				}
				return ok(out);
			}
			case 'cat': {
				let out = '';
				for (const path of args) {
					const text = files(this.ctx)[resolvePath(this.cwd, path)];
					if (text === undefined) return {out, err: `cat: ${path}: No such file or directory\n`, code: 1};
					out += text;
				}
				return ok(out);
			}
			default:
				return {out: '', err: `${this.name}: ${name}: command not found\n`, code: 127};
		}
	}
}

/** Keystrokes → screen echo and complete lines, as a terminal's line discipline does. */
export class LineEditor {
	private line = '';

	/** Feeds bytes; returns what to echo and the lines completed (and ^C / ^D as events). */
	feed(text: string, echo: boolean): {echo: string; events: Array<{line: string} | {interrupt: true} | {eof: true}>} {
		let shown = '';
		const events: Array<{line: string} | {interrupt: true} | {eof: true}> = [];
		for (const ch of text) {
			if (ch === '\r' || ch === '\n') {
				shown += echo ? '\r\n' : '';
				events.push({line: this.line});
				this.line = '';
			} else if (ch === '\x7f' || ch === '\b') {
				if (this.line.length > 0) {
					this.line = this.line.slice(0, -1);
					shown += echo ? '\b \b' : '';
				}
			} else if (ch === '\x03') {
				shown += echo ? '^C\r\n' : '';
				this.line = '';
				events.push({interrupt: true});
			} else if (ch === '\x04') {
				if (this.line === '') events.push({eof: true});
			} else if (ch === '\x15') {
				shown += echo ? '\b \b'.repeat(this.line.length) : '';
				this.line = '';
			} else if (ch >= ' ') {
				this.line += ch;
				shown += echo ? ch : '';
			}
		}
		return {echo: shown, events};
	}
}
