// The interactive shell flow: find a shell (bash, then sh, as configured) before touching the
// screen, then hand the terminal over for the session and report how it ended in one line.
import {describeExecEnd} from '../kube/channels.js';
import type {WebSocketOpener} from '../kube/websocket.js';
import type {HandedTerminal} from '../terminal/handover.js';
import {openShell, type ExecTarget} from './execSession.js';

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
