// Handing the terminal to a local program ($EDITOR) for as long as it runs. Unlike a remote shell
// (handover.ts, where kubedeck relays every byte), the program gets the terminal itself: it
// inherits stdin/stdout/stderr and sets its own modes. Ink's suspendTerminal stops Ink drawing,
// takes raw mode off and drops its input listener; what it does not do is stop Node reading the
// terminal — the TTY handle keeps reading into the stream's buffer until that is full, so a
// good share of the keys meant for the editor would land in kubedeck (tried: 'i' then 'hello'
// vanished from vi). So the handle's reading is stopped here for the program's lifetime and
// started again afterwards. Then kubedeck's alternate screen is entered again and Ink repaints.
import {spawn} from 'node:child_process';
import type {Suspend} from './handover.js';
import {enterAltScreen, restoreScreen, type ScreenStream} from './screen.js';

/** The TTY handle under a tty.ReadStream; only its reading switch is used. */
interface ReadingHandle {
	reading?: boolean;
	readStop?(): unknown;
	readStart?(): unknown;
}

export interface ChildTerminalInput {
	isTTY?: boolean;
	read?(size?: number): unknown;
}

export interface ChildTerminalPorts {
	suspend: Suspend;
	input: ChildTerminalInput;
	output: ScreenStream;
}

export type ChildEnd = {ok: true; code: number | null; signal: string | null} | {ok: false; message: string};

/** Stops Node reading the terminal; the returned function starts it again. */
function stopReading(input: ChildTerminalInput): () => void {
	const handle = (input as {_handle?: ReadingHandle})._handle;
	if (!input.isTTY || !handle?.readStop || !handle.readStart || !handle.reading) return () => {};
	handle.readStop();
	handle.reading = false;
	// The stream's own state is left alone (it may be waiting for a read it asked for): only the
	// handle stops and starts, so whatever the stream expected arrives once the program is done.
	return () => {
		handle.reading = true;
		handle.readStart?.();
	};
}

/** Runs argv[0] with the rest as arguments on this terminal and resolves when it ends. */
export function runProgram(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildEnd> {
	return new Promise((resolve) => {
		const [command, ...args] = argv;
		if (!command) return resolve({ok: false, message: 'no program to run'});
		const child = spawn(command, args, {stdio: 'inherit', env});
		child.once('error', (error) => resolve({ok: false, message: `${command}: ${error.message}`}));
		child.once('exit', (code, signal) => resolve({ok: true, code, signal}));
	});
}

/** Runs the program with the terminal handed over; kubedeck's screen and keyboard come back whatever happens. */
export async function runWithTerminal(ports: ChildTerminalPorts, argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<ChildEnd> {
	let end: ChildEnd = {ok: false, message: 'the program did not run'};
	await ports.suspend(async () => {
		const altScreen = restoreScreen(ports.output);
		const resume = stopReading(ports.input);
		try {
			end = await runProgram(argv, env);
		} finally {
			resume();
			if (altScreen) enterAltScreen(ports.output);
			ports.output.write('\x1b[2J\x1b[H');
		}
	});
	return end;
}
