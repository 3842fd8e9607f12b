// The runner's side of exec: a shell, a debug container or an attach hands the terminal over
// and reports how it ended ('execEnded'); a one-off command's output comes back as a detail view.
// While one opens, the keys typed meanwhile wait in its HeldInput (effect 'typeAhead') and a
// 'cancel' (ctrl-c) aborts it.
import type {ActionLayer} from '../actions/actionLayer.js';
import {runAttach, runShell, type OpeningOptions, type ShellOutcome} from '../actions/execShell.js';
import {createHeldInput, type HeldInput} from '../actions/heldInput.js';
import {DEFAULT_DEBUG_IMAGE} from '../actions/execDebug.js';
import {runDebug} from '../actions/execDebugFlow.js';
import {runCommand} from '../actions/execSession.js';
import {commandLines} from '../actions/execOutput.js';
import type {Session} from '../kube/session.js';
import type {HandedTerminal} from '../terminal/handover.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import type {Effect, Msg} from './messages.js';

export type ExecEffect = Extract<Effect, {type: 'shell' | 'debug' | 'attach' | 'execCommand' | 'typeAhead'}>;

export interface ExecRunnerDeps {
	session: Session;
	layer: ActionLayer;
	dispatch(msg: Msg): void;
	/** How to stop each request's running work when it is cancelled (the runner's, shared). */
	stops: Map<number, () => void>;
	/** Keys typed while each request's session opens (the runner's, shared). */
	held: Map<number, HeldInput>;
	/** Hands the terminal over; absent where there is no terminal. */
	handover: (<T>(use: (terminal: HandedTerminal) => Promise<T>) => Promise<T>) | undefined;
	shells: readonly string[] | undefined;
	debugImage: string | undefined;
}

/** A session on its way: where its typed-ahead keys wait and how it is cancelled, until `ended`. */
function opening(deps: ExecRunnerDeps, req: number): OpeningOptions & {signal: AbortSignal; ended(outcome: ShellOutcome): void} {
	const abort = new AbortController();
	const typed = createHeldInput();
	deps.stops.set(req, () => abort.abort());
	deps.held.set(req, typed);
	return {
		typed,
		signal: abort.signal,
		ended(outcome) {
			deps.stops.delete(req);
			deps.held.delete(req);
			deps.dispatch({type: 'execEnded', req, ...outcome});
		},
	};
}

export function runExec(deps: ExecRunnerDeps, effect: ExecEffect): void {
	const {session, layer, dispatch} = deps;
	switch (effect.type) {
		case 'typeAhead':
			deps.held.get(effect.req)?.hold(effect.data);
			return;
		case 'shell': {
			const {req, target} = effect;
			if (!layer.webSockets || !deps.handover) {
				dispatch({type: 'execEnded', req, ok: false, text: 'exec: no terminal to hand over here'});
				return;
			}
			const open = opening(deps, req);
			void runShell(layer.webSockets, target, deps.shells ?? ['bash', 'sh'], deps.handover, open).then(open.ended);
			return;
		}
		case 'debug': {
			const {req, target} = effect;
			if (!layer.webSockets || !deps.handover) {
				dispatch({type: 'execEnded', req, ok: false, text: 'debug: no terminal to hand over here'});
				return;
			}
			const open = opening(deps, req);
			void runDebug({
				perform: (intent) => layer.perform(intent),
				readPod: () => session.fetchObject('pods', target.namespace, target.pod),
				attach: (container) => runAttach(layer.webSockets!, {...target, container}, {tty: true, stdin: true}, deps.handover!, open),
				progress: (text) => dispatch({type: 'debugProgress', req, text}),
				signal: open.signal,
			}, target, deps.debugImage ?? DEFAULT_DEBUG_IMAGE).then(open.ended);
			return;
		}
		case 'attach': {
			const {req, target} = effect;
			if (!layer.webSockets || !deps.handover) {
				dispatch({type: 'execEnded', req, ok: false, text: 'attach: no terminal to hand over here'});
				return;
			}
			const opener = layer.webSockets;
			const handover = deps.handover;
			const open = opening(deps, req);
			// The container's spec says whether it has a TTY and stdin to attach to (kubectl reads it the same way).
			void session
				.fetchObject('pods', target.namespace, target.pod)
				.then((pod) => {
					const spec = pod.spec as {containers?: Array<{name: string; tty?: boolean; stdin?: boolean}>; ephemeralContainers?: Array<{name: string; tty?: boolean; stdin?: boolean}>} | undefined;
					const container = [...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])].find((c) => c.name === target.container);
					return runAttach(opener, target, {tty: Boolean(container?.tty && container.stdin), stdin: Boolean(container?.stdin)}, handover, open);
				})
				.then(open.ended, (error: unknown) => open.ended({ok: false, text: `attach: ${error instanceof Error ? error.message : String(error)}`}));
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
	}
}
