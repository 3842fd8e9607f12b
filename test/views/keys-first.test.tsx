// Keys first: a keypress reaches the screen at once, even while Ink's render throttle (one frame
// per 33 ms) is holding frames back — as it always is under a busy watch, whose data frames come
// every 33 ms. The App is rendered through Ink itself, as the CLI renders it (throttled, a TTY),
// with setTimeout and Date frozen: the throttle's window then never ends on its own, so a frame
// that appears after a key was flushed for the key, not released by the clock.
import {afterEach, mock, test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {performance} from 'node:perf_hooks';
import React from 'react';
import {render} from 'ink';
import {App} from '../../views/App.js';
import {FakeSession, NOW, defaultKeymap, row, testPanes} from './fakes.js';

afterEach(() => mock.timers.reset());

/** A terminal's output side: a TTY of a fixed size that keeps what was written. */
class FakeTty extends EventEmitter {
	readonly isTTY = true;
	readonly columns = 100;
	readonly rows = 16;
	readonly writes: string[] = [];
	write(chunk: string | Uint8Array, callback?: () => void): boolean {
		this.writes.push(String(chunk));
		callback?.();
		return true;
	}
}

/** A terminal's input side in raw mode: written data is read once. */
class FakeKeyboard extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	type(data: string): void {
		this.data = data;
		this.emit('readable');
	}
	read(): string | null {
		const data = this.data;
		this.data = null;
		return data;
	}
	setRawMode(): void {}
	setEncoding(): void {}
	ref(): void {}
	unref(): void {}
	resume(): void {}
	pause(): void {}
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Polls with the event loop turning (timers are frozen), up to a real deadline. */
async function eventually(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!condition()) {
		if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
}

test('a cursor move is drawn while the render throttle holds frames back, without waiting for its window to end', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: NOW});
	const session = new FakeSession('default');
	session.setRows('pods', [row('web-1'), row('web-2'), row('web-3')]);
	session.setStatus('pods', {state: 'live', since: NOW - 60_000, dataAt: NOW});
	const stdout = new FakeTty();
	const stdin = new FakeKeyboard();
	const instance = render(
		<App session={session} keymap={defaultKeymap()} settings={{}} readonly={false} panes={testPanes} size={{columns: 100, rows: 16}} clock={() => NOW} onExit={() => {}} onSwitchContext={() => {}} />,
		{stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, interactive: true, exitOnCtrlC: false, patchConsole: false},
	);
	try {
		const screen = () => stdout.writes.join('').replace(ANSI, '');
		const cursorOn = (name: string) => new RegExp(`^> *${name} `, 'm');
		// The first frame goes out on the throttle's leading edge; the window it opens never closes.
		await eventually(() => cursorOn('web-1').test(screen()), 'the first frame');
		const before = stdout.writes.length;
		stdin.type('j');
		await eventually(() => cursorOn('web-2').test(stdout.writes.slice(before).join('').replace(ANSI, '')), 'the cursor on web-2 after j');
	} finally {
		instance.unmount();
	}
});
