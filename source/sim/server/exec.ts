// pods/exec and pods/attach over the WebSocket channel protocol (v5.channel.k8s.io preferred,
// v4.channel.k8s.io too), as the API server serves them: stdin 0, stdout 1, stderr 2, the error
// channel 3 carrying the final Status (NonZeroExitCode with an ExitCode cause), resize 4, and v5's
// close signal 255. The process is the simulated shell (execShell.ts). Refusals before the upgrade
// use the real server's words. Framing is written here again on purpose: the simulator never
// imports the client's protocol code.
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {WebSocketServer, type WebSocket} from 'ws';
import {ApiError} from '../contracts.js';
import type {KubeObject} from '../../model/types.js';
import type {ApiServerOptions, Target} from './http.js';
import {containerEnv, hasExecutable, LineEditor, shellsOf, SimShell, type ContainerContext} from './execShell.js';
import {badRequest} from './status.js';

const protocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0, STDOUT = 1, STDERR = 2, ERROR = 3, RESIZE = 4, CLOSE = 255;

/**
 * The container runtime's time to start the process, before its first byte or its failure. A
 * real one takes milliseconds; answering at once also trips a race in client-go's WebSocket
 * executor before v0.34 (kubectl ≤ 1.33): it reads frames before it has registered its streams,
 * and drops a frame that came first ("Unknown stream id 3, discarding message"), which lost
 * `kubectl exec`'s error in one of twenty loaded test runs. Input sent meanwhile is kept.
 */
export const PROCESS_START_MS = 50;

const sockets = new WebSocketServer({
	noServer: true,
	perMessageDeflate: false,
	handleProtocols: offered => protocols.find(p => offered.has(p)) ?? false,
});

interface ContainerSpec {
	name: string;
	image?: string;
	env?: Array<{name?: string; value?: string}>;
	tty?: boolean;
	stdin?: boolean;
}

interface Streams {
	stdin: boolean;
	stdout: boolean;
	stderr: boolean;
	tty: boolean;
}

function flag(url: URL, name: string): boolean {
	const value = url.searchParams.get(name);
	return value === 'true' || value === '1';
}

/** The container named by ?container= (or the only one), checked as the API server and kubelet check it. */
export function resolveContainer(pod: KubeObject, requested: string | null, verb: 'exec' | 'attach'): ContainerSpec {
	const name = pod.metadata.name ?? '';
	const spec = (pod.spec ?? {}) as {containers?: ContainerSpec[]; ephemeralContainers?: ContainerSpec[]; nodeName?: string};
	const mains = spec.containers ?? [];
	const all = [...mains, ...(spec.ephemeralContainers ?? [])];
	let container: ContainerSpec | undefined;
	if (!requested) {
		if (mains.length !== 1) throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${mains.map(c => c.name).join(' ')}]`);
		container = mains[0];
	} else {
		container = all.find(c => c.name === requested);
		if (!container) throw badRequest(`container ${requested} is not valid for pod ${name}`);
	}
	if (!spec.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
	const status = (pod.status ?? {}) as {phase?: string; containerStatuses?: Array<{name: string; state?: {running?: unknown}}>; ephemeralContainerStatuses?: Array<{name: string; state?: {running?: unknown}}>};
	if (status.phase === 'Succeeded' || status.phase === 'Failed') {
		throw badRequest(`cannot ${verb} into a container in a completed pod; current phase is ${status.phase}`);
	}
	const running = [...(status.containerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])].find(c => c.name === container!.name)?.state?.running;
	if (!running) throw badRequest(`unable to upgrade connection: container not found ("${container!.name}")`);
	return container!;
}

function checkUpgrade(req: IncomingMessage): void {
	if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
		throw badRequest('unable to upgrade connection: this simulator serves exec and attach over WebSocket (v5.channel.k8s.io, v4.channel.k8s.io) only, not SPDY');
	}
	const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map(p => p.trim());
	if (!protocols.some(p => offered.includes(p))) throw badRequest(`unable to upgrade connection: one of the subprotocols ${protocols.join(', ')} is required (offered: ${offered.join(', ') || 'none'})`);
}

function prepare(options: ApiServerOptions, target: Target, url: URL, verb: 'exec' | 'attach'): {pod: KubeObject; container: ContainerSpec; streams: Streams} {
	const name = target.name!;
	const namespace = target.namespace ?? '';
	const pod = options.store.get('pods', namespace, name);
	if (!pod) throw new ApiError(404, 'NotFound', `pods "${name}" not found`, {name, kind: 'pods'});
	const streams = {stdin: flag(url, 'stdin'), stdout: flag(url, 'stdout'), stderr: flag(url, 'stderr'), tty: flag(url, 'tty')};
	if (!streams.stdin && !streams.stdout && !streams.stderr) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
	if (streams.tty && streams.stderr) streams.stderr = false; // a terminal has one output stream, as the kubelet merges them
	return {pod, container: resolveContainer(pod, url.searchParams.get('container'), verb), streams};
}

export function serveExec(options: ApiServerOptions, target: Target, url: URL, req: IncomingMessage, socket: Duplex, head: Buffer): void {
	const command = url.searchParams.getAll('command');
	const {pod, container, streams} = prepare(options, target, url, 'exec');
	if (command.length === 0) throw badRequest('you must specify at least one command for the container');
	checkUpgrade(req);
	sockets.handleUpgrade(req, socket, head, ws => {
		const session = new Session(ws, contextOf(pod, container, streams.tty), streams);
		session.start(() => session.exec(command));
	});
}

export function serveAttach(options: ApiServerOptions, target: Target, url: URL, req: IncomingMessage, socket: Duplex, head: Buffer): void {
	const {pod, container, streams} = prepare(options, target, url, 'attach');
	checkUpgrade(req);
	sockets.handleUpgrade(req, socket, head, ws => {
		const session = new Session(ws, contextOf(pod, container, streams.tty), streams);
		session.start(() => session.attach(Boolean(container.tty && container.stdin)));
	});
}

function contextOf(pod: KubeObject, container: ContainerSpec, tty: boolean): ContainerContext {
	const base = {pod: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', container: container.name, image: container.image ?? ''};
	return {...base, env: containerEnv(base, container.env ?? [], tty)};
}

/** One upgraded connection: the process behind it and the frames in and out. */
class Session {
	private readonly protocol: string;
	private done = false;
	private onInput: (text: string) => void = () => {};
	private onEnd: () => void = () => {};
	private size = {columns: 80, rows: 24};
	/** Until the process has started: the client's input and end of input, replayed in order then. */
	private early: Buffer[] | undefined = [];

	constructor(private readonly ws: WebSocket, private readonly ctx: ContainerContext, private readonly streams: Streams) {
		this.protocol = ws.protocol;
		ws.on('error', () => ws.terminate());
		ws.on('message', (data: Buffer) => this.receive(data));
		ws.on('close', () => (this.done = true));
	}

	private receive(data: Buffer): void {
		if (data.length === 0 || this.done) return;
		const channel = data[0]!;
		const body = data.subarray(1);
		if (channel === RESIZE) return this.resize(body);
		// Before the process has started, its input waits for it, in order.
		if (this.early) {
			this.early.push(data);
			return;
		}
		if (channel === STDIN && this.streams.stdin) this.onInput(body.toString('utf8'));
		else if (channel === CLOSE && this.protocol === 'v5.channel.k8s.io' && body[0] === STDIN) this.onEnd();
	}

	private resize(body: Buffer): void {
		try {
			const size = JSON.parse(body.toString('utf8')) as {Width?: number; Height?: number};
			if (size.Width && size.Height) this.size = {columns: size.Width, rows: size.Height};
		} catch {
			// A malformed size is ignored, as the kubelet logs and ignores it.
		}
	}

	/** Starts the process after the runtime's start time, then hands it the input that came meanwhile. */
	start(run: () => void): void {
		setTimeout(() => {
			if (this.done) return;
			run();
			const early = this.early ?? [];
			this.early = undefined;
			for (const frame of early) this.receive(frame);
		}, PROCESS_START_MS);
	}

	private write(channel: number, text: string): void {
		if (this.done || text === '') return;
		if (channel === STDOUT && !this.streams.stdout) return;
		if (channel === STDERR && !this.streams.stderr) return channel === STDERR && this.streams.tty ? this.write(STDOUT, text) : undefined;
		// A terminal's output processing turns \n into \r\n.
		const bytes = this.streams.tty ? text.replace(/\r?\n/g, '\r\n') : text;
		this.ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(bytes, 'utf8')]));
	}

	private finish(status: Record<string, unknown>): void {
		if (this.done) return;
		this.ws.send(Buffer.concat([Buffer.from([ERROR]), Buffer.from(JSON.stringify({metadata: {}, ...status}))]));
		this.done = true;
		this.ws.close(1000);
	}

	private exited(code: number, argv: readonly string[]): void {
		if (code === 0) return this.finish({status: 'Success'});
		this.finish({
			status: 'Failure',
			message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
			reason: 'NonZeroExitCode',
			details: {causes: [{reason: 'ExitCode', message: String(code)}]},
		});
	}

	exec(argv: readonly string[]): void {
		const program = argv[0]!;
		if (!hasExecutable(this.ctx.image, program)) {
			return this.finish({
				status: 'Failure',
				reason: 'InternalError',
				code: 500,
				message: `Internal error occurred: error executing command in container: failed to exec in container: OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`,
			});
		}
		const name = program.replace(/^\/(usr\/)?bin\//, '');
		const shell = new SimShell(this.ctx, shellsOf(this.ctx.image).includes(name) ? name : 'sh', () => this.size);
		if (name === 'sh' || name === 'bash') {
			if (argv[1] === '-c') {
				const result = shell.run(argv[2] ?? '');
				this.write(STDOUT, result.out);
				this.write(STDERR, result.err);
				return this.exited(result.code, argv);
			}
			return this.interactive(shell, argv);
		}
		const result = shell.command([...argv]);
		this.write(STDOUT, result.out);
		this.write(STDERR, result.err);
		this.exited(result.code, argv);
	}

	/** Attach: a container started with stdin and a TTY runs a shell as its process; others only log. */
	attach(interactive: boolean): void {
		if (!interactive) return; // their output goes to the log subresource; the session stays open until the client leaves
		const name = shellsOf(this.ctx.image)[0] ?? 'sh';
		this.write(STDOUT, 'If you don\'t see a command prompt, try pressing enter.\n');
		this.interactive(new SimShell(this.ctx, name, () => this.size), [name]);
	}

	private interactive(shell: SimShell, argv: readonly string[]): void {
		const editor = new LineEditor();
		const tty = this.streams.tty;
		if (tty) this.write(STDOUT, shell.prompt());
		this.onEnd = () => this.exited(shell.last, argv);
		this.onInput = text => {
			const {echo, events} = editor.feed(text, tty);
			this.write(STDOUT, echo);
			for (const event of events) {
				if ('eof' in event) return this.exited(shell.last, argv);
				if ('line' in event) {
					const result = shell.run(event.line);
					this.write(STDOUT, result.out);
					this.write(STDERR, result.err);
					if (result.exit) return this.exited(result.code, argv);
				} else shell.last = 130;
				if (tty) this.write(STDOUT, shell.prompt());
			}
		};
	}
}
