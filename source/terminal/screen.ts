// The alternate screen keeps the operator's scrollback intact; leaving it must happen on every
// way out (normal exit, SIGTERM from a supervisor, SIGINT, a crash), or the shell is left
// blank with a hidden cursor on a bastion mid-incident.

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
}

/**
 * Restores the screen on exit, SIGTERM, SIGINT and uncaughtException/unhandledRejection.
 * Signals then exit with 128+signal like a shell expects; crashes print the error after the
 * screen is back so it is readable. Returns a function that removes the hooks.
 */
export function installScreenRestore(stream: ScreenStream, options: RestoreHooksOptions = {}): () => void {
	const proc: ProcessLike = options.proc ?? process;
	const report = options.report ?? ((message: string) => process.stderr.write(message + '\n'));
	const onExit = (): void => {
		restoreScreen(stream);
	};
	const onSigterm = (): void => {
		restoreScreen(stream);
		proc.exit(143);
	};
	const onSigint = (): void => {
		restoreScreen(stream);
		proc.exit(130);
	};
	const onCrash = (error: unknown): void => {
		restoreScreen(stream);
		const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
		report(`kubedeck crashed: ${text}`);
		proc.exit(1);
	};
	const hooks: Array<[string, (...args: unknown[]) => void]> = [
		['exit', onExit],
		['SIGTERM', onSigterm],
		['SIGINT', onSigint],
		['uncaughtException', onCrash],
		['unhandledRejection', onCrash],
	];
	for (const [event, listener] of hooks) proc.on(event, listener);
	return () => {
		for (const [event, listener] of hooks) proc.off(event, listener);
	};
}
