// The edge runner: executes the controller's effects against the session and the action layer
// and feeds what answers back as messages tagged with the request number. It also keeps what
// the state only refers to: the lines of open log views (logRunner.ts) and the pod behind the
// containers pane (heldPod.ts). Exec and port-forward effects run in execRunner.ts and
// forwardRunner.ts, the editor in editRunner.ts.
import type {ActionLayer} from '../actions/actionLayer.js';
import type {RolloutStatus} from '../actions/rollout.js';
import type {Session} from '../kube/session.js';
import {loadDetail} from '../kube/detail.js';
import type {Effect, Msg} from './messages.js';
import {osc52} from '../terminal/osc52.js';
import type {HandedTerminal} from '../terminal/handover.js';
import type {ChildEnd} from '../terminal/childTerminal.js';
import {runEdit} from './editRunner.js';
import {readManifestSource} from '../actions/manifestDir.js';
import {createLogRunner} from './logRunner.js';
import {runExec} from './execRunner.js';
import type {HeldInput} from '../actions/heldInput.js';
import {createForwardRunner} from './forwardRunner.js';
import {createHeldPod} from './heldPod.js';

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

export function createRunner(options: RunnerOptions) {
	const {session, layer, dispatch} = options;
	const stops = new Map<number, () => void>();
	const held = new Map<number, HeldInput>();
	const logs = createLogRunner({session, lineCap: options.lineCap, dispatch, repaint: () => options.repaint()});
	const forwards = createForwardRunner(layer, dispatch);
	const heldPod = createHeldPod(session, () => options.repaint());
	let disposed = false;

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
				logs.cancel(effect.req);
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
			case 'openLogs':
				return logs.open(effect, layer);
			case 'restartLogs':
				return logs.restart(effect);
			case 'saveLogs':
				return logs.save(effect, layer);
			case 'shell':
			case 'debug':
			case 'attach':
			case 'execCommand':
			case 'typeAhead':
				return runExec({session, layer, dispatch, stops, held, handover: options.handover, shells: options.shells, debugImage: options.debugImage}, effect);
			case 'readForwardPorts':
			case 'startForwards':
			case 'stopForward':
				return forwards.run(effect);
			case 'edit':
				return runEdit({session, layer, runProgram: options.runProgram, ...(options.editorEnv ? {env: options.editorEnv} : {}), dispatch}, effect);
		}
	};

	return {
		run,
		podPart: heldPod.podPart,
		/** How many full pod objects are kept (at most one). */
		heldPods: heldPod.count,
		logSource: logs.source,
		podsOnNode: (node: string): string[] =>
			session
				.allPods()
				.snapshot()
				.rows.filter((p) => p.node === node)
				.map((p) => `${p.namespace ?? ''}/${p.name}`),
		dispose() {
			disposed = true;
			forwards.dispose();
			for (const stop of stops.values()) stop();
			stops.clear();
			logs.dispose();
			heldPod.dispose();
		},
	};
}

export type Runner = ReturnType<typeof createRunner>;
