// Where a log view's lines come from, through the action layer only: one container
// (streamLogs) or several sources at once (logMux: all containers of a pod, or every pod of a
// deployment, joining and leaving as the pods store changes). A feed can be restarted with
// other parameters (previous instance, since) by stopping it and starting it again.
import type {ActionLayer} from './actionLayer.js';
import type {LogTarget} from './logMux.js';
import type {RawLine} from '../model/logEntry.js';

export interface LogFeedParams {
	previous: boolean;
	/** undefined = the last tailLines lines. */
	sinceSeconds?: number;
	tailLines: number;
}

export interface LogSink {
	line(line: RawLine): void;
	/** With `replaces`, the notice takes the place of the earlier one with that id (a count that updates) instead of adding a line. */
	notice(text: string, level: 'info' | 'warn' | 'error', replaces?: string): void;
	status(text: string): void;
}

/** HH:MM:SS in local time, as the operator's clock reads. */
function clockTime(ms: number): string {
	const d = new Date(ms);
	return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * The one line a stream's interruptions share: a crash-looping container ends its stream on
 * every restart, and a line each pushed the log itself off the screen.
 */
export function interruptionNotice(count: number, lastMs: number, reason: string): string {
	const times = count === 1 ? '' : ` ×${count}, last ${clockTime(lastMs)}`;
	return `stream interrupted${times} (${reason}); resuming without repeating lines`;
}

/** Starts following; the returned function stops it (and any stream it opened). */
export type LogFeed = (params: LogFeedParams, sink: LogSink) => () => void;

/** The live set of targets, e.g. a deployment's pods from the pods store. */
export interface TargetSet {
	current(): LogTarget[];
	subscribe(listener: () => void): () => void;
}

function streamParams(params: LogFeedParams) {
	// With --since kubectl sends no tail: every line in the window (the ring buffer bounds memory).
	return params.sinceSeconds !== undefined
		? {follow: !params.previous, previous: params.previous, sinceSeconds: params.sinceSeconds}
		: {follow: !params.previous, previous: params.previous, tailLines: params.tailLines};
}

export function podFeed(layer: ActionLayer, namespace: string, pod: string, container?: string, clock: () => number = Date.now): LogFeed {
	return (params, sink) => {
		// One interruption is the stream going from streaming to reconnecting; the retries within it are not counted again.
		let interruptions = 0;
		let interrupted = false;
		const stream = layer.streamLogs(
			{namespace, pod, ...(container ? {container} : {}), ...streamParams(params)},
			{
				onLine: (line) => sink.line(line),
				onStatus: (state, message) => {
					if (state === 'streaming') {
						interrupted = false;
						sink.status(params.previous ? 'previous instance' : 'streaming');
					} else if (state === 'connecting') sink.status('connecting…');
					else {
						sink.status(`reconnecting: ${message ?? ''}`.trim());
						if (!interrupted) interruptions++;
						interrupted = true;
						sink.notice(interruptionNotice(interruptions, clock(), message ?? 'ended'), 'warn', 'interrupted');
					}
				},
				onEnd: (end) => {
					if (end.kind === 'stopped') return;
					const level = end.kind === 'completed' ? 'info' : end.kind === 'error' || end.kind === 'podDeleted' ? 'error' : 'warn';
					sink.status(`ended: ${end.message}`);
					sink.notice(end.kind === 'completed' ? 'end of log' : end.message, level);
				},
			},
		);
		return () => stream.stop();
	};
}

export function multiFeed(layer: ActionLayer, targets: TargetSet): LogFeed {
	return (params, sink) => {
		const mux = layer.logMux(streamParams(params), {
			onLine: (line) => sink.line(line),
			onSourceStart: (source) => sink.notice(`+ ${source} joined`, 'info'),
			onSourceEnd: (source, end) => sink.notice(`- ${source} left: ${end.message}`, end.kind === 'error' ? 'error' : 'info'),
		});
		const update = () => {
			const list = targets.current();
			mux.setTargets(list);
			sink.status(list.length === 0 ? 'no pods to follow (waiting for pods to appear)' : `following ${list.length} container${list.length === 1 ? '' : 's'}`);
		};
		update();
		const unsubscribe = targets.subscribe(update);
		return () => {
			unsubscribe();
			void mux.stop();
		};
	};
}
