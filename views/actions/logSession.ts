// One open log view: its ring buffer, its feed, and its view state. Lines arrive at any rate;
// the screen is asked to repaint at most once per frame, and memory never passes the line cap.
import type {InkKey} from '../../source/config/keys.js';
import {bindingsFor, resolveKey, type Keymap} from '../../source/config/keymap.js';
import {helpLines} from '../Help.js';
import type {ActionLayer} from '../../source/actions/actionLayer.js';
import {LogBuffer} from '../../source/actions/logBuffer.js';
import type {SaveLogsTarget} from '../../source/actions/saveLogs.js';
import type {LogFeed} from './logFeed.js';
import {logAction, logSearchKey, openLogView, SINCE_CHOICES, type LogViewState} from './logState.js';
import {entryToFileLine, noticeEntry, toEntry, type LogEntry} from './logText.js';

export const LOG_CONTEXTS = ['logs', 'global'] as const;

/** How often a busy stream may repaint the screen (~30 fps, like the row stores). */
const FRAME_MS = 33;

export interface LogSessionOptions {
	layer: ActionLayer;
	feed: LogFeed;
	title: string;
	/** Where ctrl-s saves (file name parts). */
	saveAs: SaveLogsTarget;
	tailLines: number;
	lineCap: number;
	previous?: boolean;
	/** Asks for a repaint. */
	changed(): void;
	say(text: string, level: 'info' | 'error'): void;
}

export interface LogSession {
	readonly buffer: LogBuffer<LogEntry>;
	view(): LogViewState;
	/** A key for the log view; 'close' when it should go away. */
	key(keymap: Keymap, input: string, key: Partial<InkKey>, pageSize: number): 'close' | undefined;
	stop(): void;
}

export function openLogSession(options: LogSessionOptions): LogSession {
	const buffer = new LogBuffer<LogEntry>(options.lineCap);
	let view = openLogView(options.title, {previous: options.previous ?? false});
	let stopFeed: (() => void) | undefined;
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;

	const schedule = () => {
		if (timer || stopped) return;
		timer = setTimeout(() => {
			timer = undefined;
			if (!stopped) options.changed();
		}, FRAME_MS);
	};

	const start = () => {
		const since = SINCE_CHOICES[view.since]!;
		stopFeed = options.feed(
			{previous: view.previous, tailLines: options.tailLines, ...(since.seconds !== undefined ? {sinceSeconds: since.seconds} : {})},
			{
				line: (line) => {
					buffer.push(toEntry(line));
					schedule();
				},
				notice: (text, level) => {
					buffer.push(noticeEntry(text, level));
					schedule();
				},
				status: (text) => {
					view = {...view, stream: text};
					schedule();
				},
			},
		);
	};

	const restart = () => {
		stopFeed?.();
		buffer.clear();
		const since = SINCE_CHOICES[view.since]!;
		const what = [view.previous ? 'previous container instance' : 'current container', since.seconds !== undefined ? `since ${since.label}` : `last ${options.tailLines} lines`];
		buffer.push(noticeEntry(`── ${what.join(', ')} ──`));
		start();
	};

	const save = () => {
		const lines = buffer.toArray().filter((e) => !e.notice).map(entryToFileLine);
		const saved = options.layer.saveLogs(options.saveAs, lines);
		const text = saved.ok ? `saved ${saved.lines} lines to ${saved.path}` : saved.message;
		// The log view shows the path in full (wrapped); the status line only needs a failure.
		view = {...view, note: text};
		if (!saved.ok) options.say(text, 'error');
	};

	start();
	return {
		buffer,
		view: () => view,
		key(keymap, input, key, pageSize) {
			if (view.searchInput !== undefined) {
				view = logSearchKey(view, buffer, input, key, pageSize).state;
				options.changed();
				return undefined;
			}
			const hit = resolveKey(keymap, LOG_CONTEXTS, input, key);
			if (!hit) return undefined;
			if (hit.action === 'view.help' && !view.help) {
				view = {...view, help: helpLines(bindingsFor(keymap, LOG_CONTEXTS)), note: undefined};
				options.changed();
				return undefined;
			}
			const result = logAction(view, buffer, hit.action, hit.arg, pageSize);
			view = result.state;
			if (result.effect === 'close') return 'close';
			if (result.effect === 'restart') restart();
			if (result.effect === 'save') save();
			options.changed();
			return undefined;
		},
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			timer = undefined;
			stopFeed?.();
			stopFeed = undefined;
		},
	};
}
