// The interactive shell flow: find a shell (bash, then sh, as configured) before touching the
// screen, then hand the terminal over for the session and report how it ended in one line.
// What the user typed while it opened (held) reaches the session's stdin first, as with ssh.
import {describeExecEnd} from '../kube/channels.js';
import type {WebSocketOpener} from '../kube/websocket.js';
import type {HandedTerminal} from '../terminal/handover.js';
import {openExec, openShell, type ExecSession, type ExecTarget} from './execSession.js';
import type {HeldInput} from './heldInput.js';

export type Handover = <T>(use: (terminal: HandedTerminal) => Promise<T>) => Promise<T>;

export interface ShellOutcome {
	ok: boolean;
	text: string;
}

export interface OpeningOptions {
	/** Keys typed while the session opens, for its stdin once it has the terminal. */
	typed?: HeldInput;
	/** Aborted: the user cancelled the opening (ctrl-c); nothing is handed over. */
	signal?: AbortSignal;
}

const CANCELLED: ShellOutcome = {ok: false, text: 'cancelled'};

export async function runShell(opener: WebSocketOpener, target: ExecTarget, candidates: readonly string[], handover: Handover, options: OpeningOptions = {}): Promise<ShellOutcome> {
	const {typed, signal} = options;
	const where = `${target.namespace}/${target.pod} (${target.container})`;
	// Output that arrives before the terminal is ours (the first prompt) waits here.
	const pending: Array<Buffer> = [];
	let sink: ((data: Buffer) => void) | undefined;
	const out = (data: Buffer): void => (sink ? sink(data) : void pending.push(Buffer.from(data)));
	let opened;
	try {
		opened = await openShell(opener, target, candidates, {stdout: out, stderr: out}, {columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24}, signal);
	} catch (error) {
		typed?.discard();
		if (signal?.aborted) return CANCELLED;
		const text = error instanceof Error ? error.message : String(error);
		return {ok: false, text: text.startsWith('exec:') ? text : `exec: cannot open a shell in ${where}: ${text}`};
	}
	const {session, shell} = opened;
	if (closedOnAbort(session, signal, typed)) return CANCELLED;
	const end = await handover(async (terminal) => {
		sink = (data) => terminal.write(data);
		for (const data of pending.splice(0)) terminal.write(data);
		// Typed-ahead bytes first, then live keys: no key can overtake another.
		typed?.release((data) => session.write(data));
		terminal.onInput((data) => session.write(data));
		terminal.onResize((columns, rows) => session.resize(columns, rows));
		const {columns, rows} = terminal.size();
		session.resize(columns, rows);
		return session.end;
	});
	const ok = end.kind === 'exited' && end.code === 0;
	// The status first: a narrow status line cuts the names, not the answer.
	return {ok, text: `${shell} ended: ${describeExecEnd(end)} — ${where}`};
}

/** Cancelled between the session opening and the handover: leave without touching the screen. */
function closedOnAbort(session: ExecSession, signal: AbortSignal | undefined, typed: HeldInput | undefined): boolean {
	if (!signal?.aborted) return false;
	typed?.discard();
	session.close();
	return true;
}

/** kubectl's detach sequence for an attached TTY: ctrl-p then ctrl-q. */
const DETACH = '\x10\x11';

/**
 * Attach to the container's own process: with its TTY and stdin when the spec has them (then
 * keys go to it and ctrl-p ctrl-q detaches), else its output only (any key detaches). Without
 * stdin there is nowhere for typed-ahead keys to go: they are dropped, and the outcome says so.
 */
export async function runAttach(opener: WebSocketOpener, target: ExecTarget, spec: {tty: boolean; stdin: boolean}, handover: Handover, options: OpeningOptions = {}): Promise<ShellOutcome> {
	const {typed, signal} = options;
	const where = `${target.namespace}/${target.pod} (${target.container})`;
	const dropped = !spec.stdin && typed ? typed.discard() : 0;
	const note = dropped > 0 ? ' (keys typed ahead dropped: no stdin)' : '';
	const pending: Buffer[] = [];
	let sink: ((data: Buffer) => void) | undefined;
	const out = (data: Buffer): void => (sink ? sink(data) : void pending.push(Buffer.from(data)));
	let session;
	try {
		session = await openExec(opener, {...target, tty: spec.tty, stdin: spec.stdin}, {stdout: out, stderr: out}, signal);
	} catch (error) {
		typed?.discard();
		if (signal?.aborted) return CANCELLED;
		return {ok: false, text: `attach: cannot attach to ${where}: ${error instanceof Error ? error.message : String(error)}`};
	}
	const opened = session;
	if (closedOnAbort(opened, signal, typed)) return CANCELLED;
	let detached = false;
	const end = await handover(async (terminal) => {
		terminal.write(`attached to ${where}; ${spec.stdin ? 'ctrl-p ctrl-q' : 'any key'} detaches${note}\r\n`);
		sink = (data) => terminal.write(data);
		for (const data of pending.splice(0)) terminal.write(data);
		let last = '';
		const onKeys = (data: Buffer | string): void => {
			const text = typeof data === 'string' ? data : data.toString('utf8');
			if (!spec.stdin || (last + text).includes(DETACH)) {
				detached = true;
				opened.close();
				return;
			}
			last = text.slice(-1);
			opened.write(data);
		};
		// Typed-ahead keys pass the same way as live ones (so a typed ctrl-p ctrl-q detaches too), first.
		if (spec.stdin) typed?.release(onKeys);
		terminal.onInput(onKeys);
		terminal.onResize((columns, rows) => opened.resize(columns, rows));
		const {columns, rows} = terminal.size();
		if (spec.tty) opened.resize(columns, rows);
		return opened.end;
	});
	if (detached) return {ok: true, text: `detached from ${where}${note}`};
	return {ok: end.kind === 'exited' && end.code === 0, text: `attach ended: ${describeExecEnd(end)}${note} — ${where}`};
}
