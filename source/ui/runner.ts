// The edge runner: executes the controller's effects against the session and the action layer
// and feeds what answers back as messages tagged with the request number. It also keeps what
// the state only refers to: the lines of open log views and the pods behind containers panes.
import type {ActionLayer} from '../actions/actionLayer.js';
import {LogBuffer} from '../actions/logBuffer.js';
import type {RolloutStatus} from '../actions/rollout.js';
import type {Session} from '../kube/session.js';
import {loadDetail} from '../kube/detail.js';
import type {BaseRow} from '../model/types.js';
import {multiFeed, podFeed, type LogFeed} from '../actions/logFeed.js';
import {entryToFileLine, noticeEntry, toEntry, type LogEntry} from '../model/logEntry.js';
import {deploymentTargets} from '../actions/targets.js';
import type {PodRef} from './panes/panes.js';
import type {Effect, LogParams, Msg} from './messages.js';
import type {LogSource} from './overlays.js';
import type {PodPart} from './visible.js';
import {osc52} from '../terminal/osc52.js';
import type {HandedTerminal} from '../terminal/handover.js';
import {runAttach, runShell} from '../actions/execShell.js';
import {DEFAULT_DEBUG_IMAGE} from '../actions/execDebug.js';
import {runDebug} from '../actions/execDebugFlow.js';
import {runCommand} from '../actions/execSession.js';
import {commandLines} from '../actions/execOutput.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import type {ChildEnd} from '../terminal/childTerminal.js';
import {runEdit} from './editRunner.js';
import {readManifestSource} from '../actions/manifestDir.js';

/** How often a busy log stream may repaint the screen (~30 fps, like the row stores). */
const FRAME_MS = 33;

export interface RunnerOptions {
	session: Session;
	layer: ActionLayer | undefined;
	lineCap: number;
	/** Feeds an answer back to the controller (queued: never re-entrant). */
	dispatch(msg: Msg): void;
	/** Asks for a new frame without a state change (log lines, a fetched pod). */
	repaint(): void;
	exit(): void;
	switchContext(name: string): void;
	redraw(): void;
	/** Writes an escape sequence to the terminal (OSC 52 for copy); absent where there is none. */
	writeTerminal?(sequence: string): void;
	/** Hands the terminal over (source/terminal/handover.ts); absent where there is no terminal (tests of views). */
	handover?: <T>(use: (terminal: HandedTerminal) => Promise<T>) => Promise<T>;
	/** Shells tried in order (setting shell.candidates). */
	shells?: readonly string[];
	/** Image of debug containers (setting debug.image). */
	debugImage?: string;
	/** Runs a local program ($EDITOR) with the terminal (source/terminal/childTerminal.ts); absent where there is no terminal. */
	runProgram?: (argv: readonly string[]) => Promise<ChildEnd>;
	/** Where the editor's variables are read (default: the process environment). */
	editorEnv?: Readonly<Record<string, string | undefined>>;
}

interface LogStreamSlot {
	buffer: LogBuffer<LogEntry>;
	feed: LogFeed;
	stop?: () => void;
	/** Where each notice that updates in place was pushed (absolute line number), by its id. */
	notices: Map<string, number>;
}

export function createRunner(options: RunnerOptions) {
	const {session, layer, dispatch} = options;
	const stops = new Map<number, () => void>();
	const logs = new Map<number, LogStreamSlot>();
	// Only the pod of the containers pane on screen: the selector asks for no other, and one
	// entry per pod ever opened would keep every one of those full objects for the whole session.
	let held: {uid: string; part: PodPart & {row?: BaseRow; fetching: boolean}} | undefined;
	let timer: NodeJS.Timeout | undefined;
	let disposed = false;

	const repaintSoon = () => {
		if (timer || disposed) return;
		timer = setTimeout(() => {
			timer = undefined;
			if (!disposed) options.repaint();
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

	const run = (effect: Effect): void => {
		// An answer that lands after the App went away (quit, context switch) starts nothing new.
		if (disposed) return;
		switch (effect.type) {
			case 'exit':
				return options.exit();
			case 'redraw':
				return options.redraw();
			case 'copy':
				return options.writeTerminal?.(osc52(effect.text).sequence);
			case 'switchContext':
				return options.switchContext(effect.name);
			case 'rediscover':
				void session.rediscover().then(() => dispatch({type: 'rediscovered', req: effect.req, text: effect.text}));
				return;
			case 'fetch':
				void loadDetail(session, effect.ref, effect.as, Date.now()).then((lines) => dispatch({type: 'detail', req: effect.req, lines}));
				return;
			case 'readManifest':
				void readManifestSource(effect.file).then((result) => dispatch({type: 'manifestRead', req: effect.req, file: effect.file, result}));
				return;
			case 'cancel': {
				const stop = stops.get(effect.req);
				stops.delete(effect.req);
				stop?.();
				const slot = logs.get(effect.req);
				logs.delete(effect.req);
				slot?.stop?.();
				return;
			}
		}
		if (!layer) return; // the reducer offers no action without a layer
		switch (effect.type) {
			case 'perform': {
				const {req, intent} = effect;
				void layer.perform(intent).then((result) => dispatch({type: 'performed', req, intent, result, ...(effect.follow ? {follow: true} : {})}));
				return;
			}
			case 'performAll': {
				const {req, phase, file, intents} = effect;
				// One after the other, in the file's order (a Namespace before what lives in it).
				void (async () => {
					const results = [];
					for (const intent of intents) results.push({intent, result: await layer.perform(intent)});
					dispatch({type: 'performedAll', req, phase, file, results});
				})();
				return;
			}
			case 'readReplicas':
				void layer.currentReplicas(effect.kind, effect.namespace, effect.name).then((answer) => dispatch({type: 'replicas', req: effect.req, answer}));
				return;
			case 'followRollout': {
				const abort = new AbortController();
				stops.set(effect.req, () => abort.abort());
				const onStatus = (status: RolloutStatus) => {
					if (!abort.signal.aborted) dispatch({type: 'rollout', req: effect.req, status, finished: false});
				};
				void layer.followRollout(effect.namespace, effect.name, {signal: abort.signal, onStatus}).then((status) => {
					if (!abort.signal.aborted) dispatch({type: 'rollout', req: effect.req, status, finished: true});
				});
				return;
			}
			case 'drain': {
				const {req, node} = effect;
				const abort = new AbortController();
				stops.set(req, () => abort.abort());
				void layer
					.perform({
						verb: 'drain',
						kind: 'Node',
						name: node,
						confirmed: true,
						options: {...effect.options, signal: abort.signal, onRetry: (retry) => dispatch({type: 'drainRetry', req, retry})},
						onProgress: (result) => dispatch({type: 'drainProgress', req, result}),
					})
					.then((result) => {
						stops.delete(req);
						dispatch({type: 'drained', req, result});
					});
				return;
			}
			case 'openLogs': {
				const slot: LogStreamSlot = {buffer: new LogBuffer<LogEntry>(options.lineCap), feed: feedFor(effect.source, layer), notices: new Map()};
				logs.set(effect.req, slot);
				startLogs(effect.req, slot, effect.params);
				return;
			}
			case 'restartLogs': {
				const slot = logs.get(effect.req);
				if (!slot) return;
				slot.stop?.();
				slot.buffer.clear();
				slot.notices.clear();
				slot.buffer.push(noticeEntry(effect.notice));
				startLogs(effect.req, slot, effect.params);
				repaintSoon();
				return;
			}
			case 'shell': {
				const {req, target} = effect;
				if (!layer.webSockets || !options.handover) {
					dispatch({type: 'execEnded', req, ok: false, text: 'exec: no terminal to hand over here'});
					return;
				}
				void runShell(layer.webSockets, target, options.shells ?? ['bash', 'sh'], options.handover).then((outcome) => dispatch({type: 'execEnded', req, ...outcome}));
				return;
			}
			case 'debug': {
				const {req, target} = effect;
				if (!layer.webSockets || !options.handover) {
					dispatch({type: 'execEnded', req, ok: false, text: 'debug: no terminal to hand over here'});
					return;
				}
				const abort = new AbortController();
				stops.set(req, () => abort.abort());
				void runDebug({
					perform: (intent) => layer.perform(intent),
					readPod: () => session.fetchObject('pods', target.namespace, target.pod),
					attach: (container) => runAttach(layer.webSockets!, {...target, container}, {tty: true, stdin: true}, options.handover!),
					progress: (text) => dispatch({type: 'debugProgress', req, text}),
					signal: abort.signal,
				}, target, options.debugImage ?? DEFAULT_DEBUG_IMAGE).then((outcome) => {
					stops.delete(req);
					dispatch({type: 'execEnded', req, ...outcome});
				});
				return;
			}
			case 'attach': {
				const {req, target} = effect;
				if (!layer.webSockets || !options.handover) {
					dispatch({type: 'execEnded', req, ok: false, text: 'attach: no terminal to hand over here'});
					return;
				}
				const opener = layer.webSockets;
				const handover = options.handover;
				// The container's spec says whether it has a TTY and stdin to attach to (kubectl reads it the same way).
				void session
					.fetchObject('pods', target.namespace, target.pod)
					.then((pod) => {
						const spec = pod.spec as {containers?: Array<{name: string; tty?: boolean; stdin?: boolean}>; ephemeralContainers?: Array<{name: string; tty?: boolean; stdin?: boolean}>} | undefined;
						const container = [...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])].find((c) => c.name === target.container);
						return runAttach(opener, target, {tty: Boolean(container?.tty && container.stdin), stdin: Boolean(container?.stdin)}, handover);
					})
					.then(
						(outcome) => dispatch({type: 'execEnded', req, ...outcome}),
						(error: unknown) => dispatch({type: 'execEnded', req, ok: false, text: `attach: ${error instanceof Error ? error.message : String(error)}`}),
					);
				return;
			}
			case 'execCommand': {
				const {req, target, command} = effect;
				if (!layer.webSockets) {
					dispatch({type: 'detail', req, lines: ['exec: not available here']});
					return;
				}
				void runCommand(layer.webSockets, target, command).then(
					(result) => dispatch({type: 'detail', req, lines: commandLines(result)}),
					(error: unknown) => dispatch({type: 'detail', req, lines: [sanitizeLine(`exec: ${error instanceof Error ? error.message : String(error)}`)]}),
				);
				return;
			}
			case 'saveLogs': {
				const slot = logs.get(effect.req);
				const lines = slot ? slot.buffer.toArray().filter((e) => !e.notice).map(entryToFileLine) : [];
				dispatch({type: 'logSaved', req: effect.req, result: layer.saveLogs(effect.target, lines)});
				return;
			}
			case 'readForwardPorts':
				if (!layer.forwardablePorts) return dispatch({type: 'forwardPorts', req: effect.req, ports: [], error: 'port-forward is not available here'});
				void layer.forwardablePorts(effect.target).then(
					(ports) => dispatch({type: 'forwardPorts', req: effect.req, ports}),
					(error: unknown) => dispatch({type: 'forwardPorts', req: effect.req, ports: [], error: `cannot read the ports: ${error instanceof Error ? error.message : String(error)}`}),
				);
				return;
			case 'startForwards':
				void startForwards(layer, effect).then((answer) => dispatch({type: 'forwardsStarted', req: effect.req, ...answer}));
				return;
			case 'stopForward':
				layer.portForwards?.stop(effect.id);
				return;
			case 'edit':
				return runEdit({session, layer, runProgram: options.runProgram, ...(options.editorEnv ? {env: options.editorEnv} : {}), dispatch}, effect);
		}
	};

	// :pf shows the forwards' counters; byte counts change per chunk, so the state hears of them at most once a frame.
	let forwardsTimer: NodeJS.Timeout | undefined;
	const forwards = layer?.portForwards;
	const unsubscribeForwards = forwards?.subscribe(() => {
		if (forwardsTimer || disposed) return;
		forwardsTimer = setTimeout(() => {
			forwardsTimer = undefined;
			if (!disposed) dispatch({type: 'forwards', list: forwards.list()});
		}, FRAME_MS);
	});

	/**
	 * The pod behind a containers pane, kept current without a watch of its own: whenever its
	 * row in the pods store changes (a new object from the watch), the pod is fetched again.
	 */
	const podPart = (pod: PodRef, row: BaseRow | undefined): PodPart => {
		if (held?.uid !== pod.uid) held = {uid: pod.uid, part: {fetching: false}};
		const entry = held.part;
		if (entry.fetching || (entry.row === row && (entry.object || entry.problem))) return entry.object || entry.problem ? entry : {problem: 'loading…'};
		const current = entry;
		current.fetching = true;
		current.row = row;
		session.fetchObject('pods', pod.namespace, pod.name).then(
			(object) => {
				current.fetching = false;
				// Same name, new uid: the pod was replaced (a StatefulSet's pod-0); this pane was about the old one.
				if (object.metadata.uid !== pod.uid) {
					delete current.object;
					current.problem = `pod ${pod.name} was replaced; go back and open the new one`;
				} else {
					current.object = object;
					delete current.problem;
				}
				if (!disposed) options.repaint();
			},
			(error: unknown) => {
				current.fetching = false;
				current.problem = `cannot read pod ${pod.name}: ${error instanceof Error ? error.message : String(error)}`;
				if (!disposed) options.repaint();
			},
		);
		return current.object || current.problem ? current : {problem: 'loading…'};
	};

	return {
		run,
		podPart,
		/** How many full pod objects are kept (at most one). */
		heldPods: (): number => (held ? 1 : 0),
		logSource: (req: number) => logs.get(req)?.buffer,
		podsOnNode: (node: string): string[] =>
			session
				.allPods()
				.snapshot()
				.rows.filter((p) => p.node === node)
				.map((p) => `${p.namespace ?? ''}/${p.name}`),
		dispose() {
			disposed = true;
			if (timer) clearTimeout(timer);
			if (forwardsTimer) clearTimeout(forwardsTimer);
			unsubscribeForwards?.();
			for (const stop of stops.values()) stop();
			for (const slot of logs.values()) slot.stop?.();
			stops.clear();
			logs.clear();
			held = undefined;
		},
	};
}

export type Runner = ReturnType<typeof createRunner>;

/** Starts one forward per pair; the answer names each local address, or the first failure. */
async function startForwards(layer: ActionLayer, effect: Extract<Effect, {type: 'startForwards'}>): Promise<{ok: boolean; message: string}> {
	const {target, pairs} = effect;
	if (!layer.portForwards) return {ok: false, message: 'port-forward is not available here'};
	const opened: string[] = [];
	for (const pair of pairs) {
		try {
			const info = await layer.portForwards.start({target: {...target, port: pair.remote}, localPort: pair.local});
			opened.push(`${info.bindAddress}:${info.localPort} → ${pair.remote}`);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			return {ok: false, message: opened.length ? `forwarding ${opened.join(', ')}; ${message}` : message};
		}
	}
	return {ok: true, message: `forwarding ${opened.join(', ')} to ${target.kind.toLowerCase()} ${target.namespace}/${target.name} (:pf lists forwards)`};
}
