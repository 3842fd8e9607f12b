// One exec or attach session over the API server's WebSocket channel protocol: frames in and out
// (source/kube/channels.ts), the end read from the error channel. The shell flow tries its
// candidates in order and reports "no shell found" in one line instead of a broken screen.
import type WebSocket from 'ws';
import {Channel, closeFrame, decodeFrame, encodeFrame, execEndOfStatus, execProtocols, isMissingExecutable, resizeFrame, type ExecEnd} from '../kube/channels.js';
import {abortedError, KubeError} from '../kube/kubeError.js';
import type {WebSocketOpener} from '../kube/websocket.js';

export interface ExecTarget {
	namespace: string;
	pod: string;
	container: string;
}

export interface ExecRequest extends ExecTarget {
	/** exec runs this command; attach (command undefined) joins the container's own process. */
	command?: readonly string[];
	tty: boolean;
	stdin: boolean;
}

export interface ExecOutput {
	stdout(data: Buffer): void;
	stderr(data: Buffer): void;
}

export interface ExecSession {
	readonly protocol: string;
	write(data: Buffer | string): void;
	resize(columns: number, rows: number): void;
	/** No more stdin (v5's close signal; v4 cannot say it, so the socket stays as it is). */
	closeStdin(): void;
	/** Leaves: closes the socket; `end` then settles as a failure "session closed". */
	close(): void;
	readonly end: Promise<ExecEnd>;
}

function pathOf(r: ExecRequest): string {
	const sub = r.command ? 'exec' : 'attach';
	return `/api/v1/namespaces/${encodeURIComponent(r.namespace)}/pods/${encodeURIComponent(r.pod)}/${sub}`;
}

/** Opens the session; output flows to `output` as it comes. */
export async function openExec(opener: WebSocketOpener, r: ExecRequest, output: ExecOutput, signal?: AbortSignal): Promise<ExecSession> {
	const {socket, protocol} = await opener.open({
		path: pathOf(r),
		query: {
			container: r.container,
			...(r.command ? {command: r.command} : {}),
			stdin: r.stdin,
			stdout: true,
			// A terminal has one output stream; the server refuses stderr with a TTY on some versions.
			stderr: !r.tty,
			tty: r.tty,
		},
		protocols: execProtocols,
		...(signal ? {signal} : {}),
	});
	return sessionOn(socket, protocol, output);
}

function sessionOn(socket: WebSocket, protocol: string, output: ExecOutput): ExecSession {
	let status: ExecEnd | undefined;
	const end = new Promise<ExecEnd>(resolve => {
		socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
			const frame = decodeFrame(data);
			if (!frame) return;
			if (frame.channel === Channel.stdout) output.stdout(frame.data);
			else if (frame.channel === Channel.stderr) output.stderr(frame.data);
			else if (frame.channel === Channel.error) status = execEndOfStatus(frame.data.toString('utf8'));
		});
		socket.on('error', () => {});
		// v4/v5: a closed socket without an error-channel Status is a success (the process ended cleanly).
		socket.on('close', (code: number) => resolve(status ?? (code === 1000 || code === 1005 ? {kind: 'exited', code: 0} : {kind: 'failed', reason: 'Closed', message: `the connection closed (${code})`})));
	});
	const send = (frame: Buffer | undefined): void => {
		if (frame && socket.readyState === socket.OPEN) socket.send(frame);
	};
	socket.resume();
	return {
		protocol,
		end,
		write: data => send(encodeFrame(Channel.stdin, data)),
		resize: (columns, rows) => send(resizeFrame(columns, rows)),
		closeStdin: () => send(closeFrame(protocol)),
		close: () => socket.close(1000),
	};
}

export interface CommandResult {
	stdout: string;
	stderr: string;
	end: ExecEnd;
}

/** Runs a command without a TTY and collects its output (for :exec). */
export async function runCommand(opener: WebSocketOpener, target: ExecTarget, command: readonly string[], signal?: AbortSignal): Promise<CommandResult> {
	const out: Buffer[] = [];
	const err: Buffer[] = [];
	const session = await openExec(opener, {...target, command, tty: false, stdin: false}, {stdout: b => out.push(Buffer.from(b)), stderr: b => err.push(Buffer.from(b))}, signal);
	const end = await session.end;
	return {stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), end};
}

/**
 * Opens an interactive shell, trying each candidate in order: a candidate that ends at once with
 * "executable not found" (or 126/127 before any output) is absent, and the next is tried. Output is
 * held until the shell is known to run, so a failed candidate never reaches the screen. An abort
 * (ctrl-c while it opens) closes whatever is open and rejects with an Aborted KubeError.
 */
export async function openShell(
	opener: WebSocketOpener,
	target: ExecTarget,
	candidates: readonly string[],
	output: ExecOutput,
	size: {columns: number; rows: number},
	signal?: AbortSignal,
): Promise<{session: ExecSession; shell: string}> {
	const stopped = new Promise<undefined>((resolve) => signal?.addEventListener('abort', () => resolve(undefined), {once: true}));
	for (const shell of candidates) {
		let live = false;
		const held: Array<[keyof ExecOutput, Buffer]> = [];
		let started!: () => void;
		const firstOutput = new Promise<void>(resolve => (started = resolve));
		const hold = (stream: keyof ExecOutput) => (data: Buffer): void => {
			if (live) return output[stream](data);
			// The real API server opens a TTY session with an empty stdout frame: not a sign the shell runs.
			if (data.length === 0) return;
			held.push([stream, Buffer.from(data)]);
			started();
		};
		const session = await openExec(opener, {...target, command: [shell], tty: true, stdin: true}, {stdout: hold('stdout'), stderr: hold('stderr')}, signal);
		session.resize(size.columns, size.rows);
		const first = await Promise.race([firstOutput.then(() => undefined), session.end, stopped]);
		if (signal?.aborted) {
			session.close();
			throw abortedError();
		}
		if (first !== undefined && isMissingExecutable(first, held.length > 0)) continue;
		live = true;
		for (const [stream, data] of held) output[stream](data);
		return {session, shell};
	}
	throw new KubeError(0, 'NoShell', `exec: no shell found in container ${target.container} (tried ${candidates.join(', ')})`);
}
