// The alternate screen keeps the operator's scrollback intact; leaving it must happen on every
// way out (normal exit, SIGTERM from a supervisor, SIGINT, SIGHUP when the SSH session drops,
// a crash, running out of memory), or the shell is left blank with a hidden cursor and no echo
// on a bastion mid-incident.

export interface ScreenStream {
	write(chunk: string): boolean;
	isTTY?: boolean;
}

const ENTER = '\x1b[?1049h\x1b[H';
const LEAVE = '\x1b[?25h\x1b[?1049l'; // show the cursor first: Ink may have hidden it

const entered = new WeakSet<ScreenStream>();

/** Switches to the alternate screen (only on a TTY: piping output to a file should stay clean). */
export function enterAltScreen(stream: ScreenStream): boolean {
	if (!stream.isTTY || entered.has(stream)) return false;
	stream.write(ENTER);
	entered.add(stream);
	return true;
}

/** Leaves the alternate screen and shows the cursor; safe to call any number of times. */
export function restoreScreen(stream: ScreenStream): boolean {
	if (!entered.has(stream)) return false;
	entered.delete(stream);
	try {
		stream.write(LEAVE);
	} catch {
		// The terminal may already be gone (SSH dropped); nothing left to restore.
	}
	return true;
}

/** The keyboard side: Ink puts it in raw mode (no echo, no line editing); leaving must undo that. */
export interface InputStream {
	isTTY?: boolean;
	setRawMode?(mode: boolean): unknown;
}

/** Raw mode off, so the shell gets echo and line editing back; safe when already off or gone. */
export function restoreInput(input: InputStream | undefined): void {
	if (!input?.isTTY || !input.setRawMode) return;
	try {
		input.setRawMode(false);
	} catch {
		// The terminal is gone (SIGHUP): there is no mode left to restore.
	}
}

/** The parts of `process` used here, so tests can pass a fake and never kill the runner. */
export interface ProcessLike {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	off(event: string, listener: (...args: unknown[]) => void): unknown;
	exit(code?: number): unknown;
}

export interface RestoreHooksOptions {
	proc?: ProcessLike;
	/** Where a crash report goes after the screen is restored (default: stderr). */
	report?: (message: string) => void;
	/** Taken out of raw mode on every way out (default: none; the CLI passes stdin). */
	input?: InputStream;
}

/** Exit codes as a shell reports a death by signal: 128 + the signal's number. */
const SIGNAL_EXIT_CODES = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143} as const;

/**
 * Restores the screen and the keyboard on exit, SIGHUP, SIGINT, SIGTERM and
 * uncaughtException/unhandledRejection. Signals then exit with 128+signal like a shell expects;
 * crashes print the error after the screen is back so it is readable. Without a SIGHUP handler
 * Node dies of the signal without running exit hooks, which is how a dropped SSH session used to
 * leave the alternate screen on. Returns a function that removes the hooks.
 */
export function installScreenRestore(stream: ScreenStream, options: RestoreHooksOptions = {}): () => void {
	const proc: ProcessLike = options.proc ?? process;
	const report = options.report ?? ((message: string) => process.stderr.write(message + '\n'));
	const restore = (): void => {
		restoreInput(options.input);
		restoreScreen(stream);
	};
	const onCrash = (error: unknown): void => {
		restore();
		const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
		report(`kubedeck crashed: ${text}`);
		proc.exit(1);
	};
	const hooks: Array<[string, (...args: unknown[]) => void]> = [
		['exit', restore],
		...Object.entries(SIGNAL_EXIT_CODES).map(([signal, code]): [string, () => void] => [
			signal,
			() => {
				restore();
				proc.exit(code);
			},
		]),
		['uncaughtException', onCrash],
		['unhandledRejection', onCrash],
	];
	for (const [event, listener] of hooks) proc.on(event, listener);
	return () => {
		for (const [event, listener] of hooks) proc.off(event, listener);
	};
}
