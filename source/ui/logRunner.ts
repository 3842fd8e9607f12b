// The runner's side of log views: one buffer and one feed per open view, keyed by the request
// that opened it; lines reach the screen at most once a frame, and notices that update in place
// (a reconnect counting up) replace their earlier line instead of piling up.
import type {ActionLayer} from '../actions/actionLayer.js';
import {LogBuffer} from '../actions/logBuffer.js';
import {multiFeed, podFeed, type LogFeed} from '../actions/logFeed.js';
import {deploymentTargets} from '../actions/targets.js';
import type {Session} from '../kube/session.js';
import {FRAME_MS} from '../kube/timing.js';
import {entryToFileLine, noticeEntry, toEntry, type LogEntry} from '../model/logEntry.js';
import type {Effect, LogParams, Msg} from './messages.js';
import type {LogSource} from './overlays.js';

export interface LogRunnerDeps {
	session: Session;
	lineCap: number;
	dispatch(msg: Msg): void;
	/** Asks for a new frame without a state change. */
	repaint(): void;
}

interface LogStreamSlot {
	buffer: LogBuffer<LogEntry>;
	feed: LogFeed;
	stop?: () => void;
	/** Where each notice that updates in place was pushed (absolute line number), by its id. */
	notices: Map<string, number>;
}

export function createLogRunner(deps: LogRunnerDeps) {
	const {session, dispatch} = deps;
	const logs = new Map<number, LogStreamSlot>();
	let timer: NodeJS.Timeout | undefined;
	let disposed = false;

	const repaintSoon = () => {
		if (timer || disposed) return;
		timer = setTimeout(() => {
			timer = undefined;
			if (!disposed) deps.repaint();
		}, FRAME_MS);
	};

	const feedFor = (source: LogSource, actions: ActionLayer): LogFeed => {
		switch (source.type) {
			case 'pod':
				return podFeed(actions, source.namespace, source.pod, source.container);
			case 'containers': {
				const targets = source.containers.map((container) => ({namespace: source.namespace, pod: source.pod, container}));
				return multiFeed(actions, {current: () => targets, subscribe: () => () => {}});
			}
			case 'deployment':
				// The cluster-wide pods store: right whatever namespace or label filter the pods pane has.
				return multiFeed(actions, deploymentTargets(session.allPods(), source.namespace, source.workload));
		}
	};

	const startLogs = (req: number, slot: LogStreamSlot, params: LogParams) => {
		slot.stop = slot.feed(params, {
			line: (line) => {
				slot.buffer.push(toEntry(line));
				repaintSoon();
			},
			notice: (text, level, replaces) => {
				const entry = noticeEntry(text, level);
				const at = replaces === undefined ? undefined : slot.notices.get(replaces);
				if (at === undefined || !slot.buffer.replace(at, entry)) {
					slot.buffer.push(entry);
					if (replaces !== undefined) slot.notices.set(replaces, slot.buffer.dropped + slot.buffer.size - 1);
				}
				repaintSoon();
			},
			status: (text) => dispatch({type: 'logStatus', req, text}),
		});
	};

	return {
		open(effect: Extract<Effect, {type: 'openLogs'}>, layer: ActionLayer): void {
			const slot: LogStreamSlot = {buffer: new LogBuffer<LogEntry>(deps.lineCap), feed: feedFor(effect.source, layer), notices: new Map()};
			logs.set(effect.req, slot);
			startLogs(effect.req, slot, effect.params);
		},
		restart(effect: Extract<Effect, {type: 'restartLogs'}>): void {
			const slot = logs.get(effect.req);
			if (!slot) return;
			slot.stop?.();
			slot.buffer.clear();
			slot.notices.clear();
			slot.buffer.push(noticeEntry(effect.notice));
			startLogs(effect.req, slot, effect.params);
			repaintSoon();
		},
		save(effect: Extract<Effect, {type: 'saveLogs'}>, layer: ActionLayer): void {
			const slot = logs.get(effect.req);
			const lines = slot ? slot.buffer.toArray().filter((e) => !e.notice).map(entryToFileLine) : [];
			dispatch({type: 'logSaved', req: effect.req, result: layer.saveLogs(effect.target, lines)});
		},
		/** Stops the stream of a closed view and forgets its lines. */
		cancel(req: number): void {
			const slot = logs.get(req);
			logs.delete(req);
			slot?.stop?.();
		},
		source: (req: number) => logs.get(req)?.buffer,
		dispose(): void {
			disposed = true;
			if (timer) clearTimeout(timer);
			for (const slot of logs.values()) slot.stop?.();
			logs.clear();
		},
	};
}
