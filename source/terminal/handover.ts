// Handing the terminal to something else (a remote shell, an attach, later $EDITOR) and taking it
// back exactly. Ink's own suspendTerminal (passed in as `suspend`) stops Ink reading stdin and
// drawing, and on return forces a full redraw; around it this module leaves kubedeck's alternate
// screen, puts the keyboard in raw mode so every byte (ctrl-c, arrows, tab) reaches the other side,
// forwards window resizes, and re-enters the alternate screen afterwards. No React here: the view
// edge passes Ink's suspend function in.
import {enterAltScreen, restoreScreen} from './screen.js';

export interface HandoverInput {
	isTTY?: boolean;
	setRawMode?(mode: boolean): unknown;
	on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
}

export interface HandoverOutput {
	isTTY?: boolean;
	columns?: number;
	rows?: number;
	write(chunk: string | Uint8Array): boolean;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

/** What the taker of the terminal gets: raw bytes both ways and the window size. */
export interface HandedTerminal {
	write(data: Buffer | string): void;
	onInput(listener: (data: Buffer | string) => void): void;
	size(): {columns: number; rows: number};
	onResize(listener: (columns: number, rows: number) => void): void;
}

/** Ink's suspendTerminal(callback): the app stops reading and drawing while callback runs. */
export type Suspend = (callback: () => Promise<void>) => Promise<void>;

export interface HandoverPorts {
	suspend: Suspend;
	input: HandoverInput;
	output: HandoverOutput;
}

/** Runs `use` with the terminal; whatever happens inside, kubedeck's screen and keyboard come back. */
export async function handOver<T>(ports: HandoverPorts, use: (terminal: HandedTerminal) => Promise<T>): Promise<T> {
	const {input, output} = ports;
	let result!: T;
	await ports.suspend(async () => {
		const inputs: Array<(data: Buffer | string) => void> = [];
		const resizes: Array<(columns: number, rows: number) => void> = [];
		const size = () => ({columns: output.columns ?? 80, rows: output.rows ?? 24});
		const onData = (chunk: Buffer | string): void => {
			for (const listener of inputs) listener(chunk);
		};
		const onResize = (): void => {
			const {columns, rows} = size();
			for (const listener of resizes) listener(columns, rows);
		};
		const altScreen = restoreScreen(output);
		// Wipe what Ink left on the main screen's visible part, so the remote prompt starts clean.
		output.write('\x1b[H\x1b[2J');
		if (input.isTTY) input.setRawMode?.(true);
		// Ink keeps its 'readable' listener through a suspension (and discards what it reads), so the
		// stream keeps reading; this listener only taps the chunks. No pause()/resume() here: on a TTY
		// pause() stops reading the file descriptor, and Ink's input would never come back.
		input.on('data', onData);
		output.on('resize', onResize);
		try {
			result = await use({
				write: data => void output.write(typeof data === 'string' ? data : new Uint8Array(data)),
				onInput: listener => void inputs.push(listener),
				size,
				onResize: listener => void resizes.push(listener),
			});
		} finally {
			output.off('resize', onResize);
			input.off('data', onData);
			// Reset what the remote side may have left on: colours, a hidden cursor, mouse or paste modes.
			output.write('\x1b[0m\x1b[?25h\x1b[?1000l\x1b[?1002l\x1b[?1006l\x1b[?2004l');
			if (altScreen) enterAltScreen(output);
			output.write('\x1b[2J\x1b[H');
		}
	});
	return result;
}
