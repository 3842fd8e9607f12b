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
	notice(text: string, level: 'info' | 'warn' | 'error'): void;
	status(text: string): void;
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

export function podFeed(layer: ActionLayer, namespace: string, pod: string, container?: string): LogFeed {
	return (params, sink) => {
		const stream = layer.streamLogs(
			{namespace, pod, ...(container ? {container} : {}), ...streamParams(params)},
			{
				onLine: (line) => sink.line(line),
				onStatus: (state, message) => {
					if (state === 'streaming') sink.status(params.previous ? 'previous instance' : 'streaming');
					else if (state === 'connecting') sink.status('connecting…');
					else {
						sink.status(`reconnecting: ${message ?? ''}`.trim());
						sink.notice(`stream interrupted (${message ?? 'ended'}); resuming without repeating lines`, 'warn');
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
