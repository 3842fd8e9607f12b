import {test} from 'node:test';
import assert from 'node:assert/strict';
import {enterAltScreen, installScreenRestore, restoreInput, restoreScreen} from '../../source/terminal/screen.js';
import type {ProcessLike} from '../../source/terminal/screen.js';

function fakeStream(isTTY = true) {
	const writes: string[] = [];
	return {isTTY, writes, write(chunk: string) {
		writes.push(chunk);
		return true;
	}};
}

function fakeProcess() {
	const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
	const exits: number[] = [];
	const proc: ProcessLike & {emit(event: string, ...args: unknown[]): void; count(): number} = {
		on(event, listener) {
			listeners.set(event, [...(listeners.get(event) ?? []), listener]);
		},
		off(event, listener) {
			listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener));
		},
		exit(code) {
			exits.push(code ?? 0);
		},
		emit(event, ...args) {
			for (const l of listeners.get(event) ?? []) l(...args);
		},
		count() {
			return [...listeners.values()].reduce((n, l) => n + l.length, 0);
		},
	};
	return {proc, exits};
}

test('enter and restore write the alternate-screen sequences once', () => {
	const stream = fakeStream();
	assert.equal(enterAltScreen(stream), true);
	assert.equal(enterAltScreen(stream), false);
	assert.equal(restoreScreen(stream), true);
	assert.equal(restoreScreen(stream), false, 'idempotent');
	assert.deepEqual(stream.writes, ['\x1b[?1049h\x1b[H', '\x1b[?25h\x1b[?1049l']);
});

test('nothing is written when output is not a terminal', () => {
	const stream = fakeStream(false);
	assert.equal(enterAltScreen(stream), false);
	assert.equal(restoreScreen(stream), false);
	assert.deepEqual(stream.writes, []);
});

test('signals and crashes restore the screen and the keyboard, and exit with the conventional code', () => {
	const cases = [['SIGHUP', 129], ['SIGTERM', 143], ['SIGINT', 130], ['uncaughtException', 1], ['unhandledRejection', 1]] as const;
	for (const [event, code] of cases) {
		const stream = fakeStream();
		const {proc, exits} = fakeProcess();
		const rawModes: boolean[] = [];
		const input = {isTTY: true, setRawMode: (mode: boolean) => rawModes.push(mode)};
		const reports: string[] = [];
		const uninstall = installScreenRestore(stream, {proc, input, report: (m) => reports.push(m)});
		enterAltScreen(stream);
		proc.emit(event, new Error('boom'));
		assert.equal(stream.writes.at(-1), '\x1b[?25h\x1b[?1049l', event);
		assert.deepEqual(rawModes, [false], `${event}: raw mode off, so echo is back`);
		assert.deepEqual(exits, [code], event);
		if (code === 1) assert.match(reports[0] ?? '', /kubedeck crashed: Error: boom/);
		uninstall();
		assert.equal(proc.count(), 0, 'uninstall removes every hook');
	}
});

test('a terminal that is gone (SIGHUP) cannot make the restore throw', () => {
	const {proc, exits} = fakeProcess();
	const stream = {isTTY: true, write(): boolean {
		throw new Error('EIO');
	}};
	const input = {isTTY: true, setRawMode(): never {
		throw new Error('EIO');
	}};
	installScreenRestore(stream, {proc, input});
	enterAltScreen({isTTY: true, write: () => true});
	proc.emit('SIGHUP');
	assert.deepEqual(exits, [129]);
	assert.doesNotThrow(() => restoreInput(input));
});

test('normal exit restores without forcing an exit code', () => {
	const stream = fakeStream();
	const {proc, exits} = fakeProcess();
	installScreenRestore(stream, {proc});
	enterAltScreen(stream);
	proc.emit('exit', 0);
	assert.equal(stream.writes.length, 2);
	assert.deepEqual(exits, []);
});
