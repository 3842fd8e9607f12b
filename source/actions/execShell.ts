// The interactive shell flow: find a shell (bash, then sh, as configured) before touching the
// screen, then hand the terminal over for the session and report how it ended in one line.
import {describeExecEnd} from '../kube/channels.js';
import type {WebSocketOpener} from '../kube/websocket.js';
import type {HandedTerminal} from '../terminal/handover.js';
import {openExec, openShell, type ExecTarget} from './execSession.js';

export type Handover = <T>(use: (terminal: HandedTerminal) => Promise<T>) => Promise<T>;

export interface ShellOutcome {
	ok: boolean;
	text: string;
}

export async function runShell(opener: WebSocketOpener, target: ExecTarget, candidates: readonly string[], handover: Handover): Promise<ShellOutcome> {
	const where = `${target.namespace}/${target.pod} (${target.container})`;
	// Output that arrives before the terminal is ours (the first prompt) waits here.
	const pending: Array<Buffer> = [];
	let sink: ((data: Buffer) => void) | undefined;
	const out = (data: Buffer): void => (sink ? sink(data) : void pending.push(Buffer.from(data)));
	let opened;
	try {
		opened = await openShell(opener, target, candidates, {stdout: out, stderr: out}, {columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24});
	} catch (error) {
		const text = error instanceof Error ? error.message : String(error);
		return {ok: false, text: text.startsWith('exec:') ? text : `exec: cannot open a shell in ${where}: ${text}`};
	}
	const {session, shell} = opened;
	const end = await handover(async (terminal) => {
		sink = (data) => terminal.write(data);
		for (const data of pending.splice(0)) terminal.write(data);
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

/** kubectl's detach sequence for an attached TTY: ctrl-p then ctrl-q. */
const DETACH = '\x10\x11';

/**
 * Attach to the container's own process: with its TTY and stdin when the spec has them (then
 * keys go to it and ctrl-p ctrl-q detaches), else its output only (any key detaches).
 */
export async function runAttach(opener: WebSocketOpener, target: ExecTarget, spec: {tty: boolean; stdin: boolean}, handover: Handover): Promise<ShellOutcome> {
	const where = `${target.namespace}/${target.pod} (${target.container})`;
	const pending: Buffer[] = [];
	let sink: ((data: Buffer) => void) | undefined;
	const out = (data: Buffer): void => (sink ? sink(data) : void pending.push(Buffer.from(data)));
	let session;
	try {
		session = await openExec(opener, {...target, tty: spec.tty, stdin: spec.stdin}, {stdout: out, stderr: out});
	} catch (error) {
		return {ok: false, text: `attach: cannot attach to ${where}: ${error instanceof Error ? error.message : String(error)}`};
	}
	const opened = session;
	let detached = false;
	const end = await handover(async (terminal) => {
		terminal.write(`attached to ${where}; ${spec.stdin ? 'ctrl-p ctrl-q' : 'any key'} detaches\r\n`);
		sink = (data) => terminal.write(data);
		for (const data of pending.splice(0)) terminal.write(data);
		let last = '';
		terminal.onInput((data) => {
			const text = typeof data === 'string' ? data : data.toString('utf8');
			if (!spec.stdin || (last + text).includes(DETACH)) {
				detached = true;
				opened.close();
				return;
			}
			last = text.slice(-1);
			opened.write(data);
		});
		terminal.onResize((columns, rows) => opened.resize(columns, rows));
		const {columns, rows} = terminal.size();
		if (spec.tty) opened.resize(columns, rows);
		return opened.end;
	});
	if (detached) return {ok: true, text: `detached from ${where}`};
	return {ok: end.kind === 'exited' && end.code === 0, text: `attach ended: ${describeExecEnd(end)} — ${where}`};
}
