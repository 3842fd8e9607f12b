// What the controller does when an effect answers. Each answer carries the request number
// of the effect that asked; an answer for a view or dialog the user has left changes nothing.
import type {Msg, Step} from './messages.js';
import type {Overlay} from './overlays.js';
import type {UiState} from './state.js';
import {detailArrived, only, request, say} from './viewSteps.js';
import {revealed} from './reveal.js';
import {prefillForwardSpec} from './portForwardSteps.js';
import {dryRunAnswered} from './writeSteps.js';
import {bulkAnswered} from './bulk.js';
import {editPerformed, editPlanned} from './editSteps.js';
import {jobCreated} from './cronJobSteps.js';
import {performedAll} from './applySteps.js';
import {openingEnded, openingProgress} from './typeAhead.js';

/** Verbs after which the rollout is followed on screen (restart, set image, undo). */
const FOLLOWED: ReadonlySet<string> = new Set(['restart', 'setImage', 'undo']);

type Answer = Exclude<Msg, {type: 'key'} | {type: 'rediscovered'} | {type: 'manifestRead'}>;

/** The overlay of this type answering to `req`, if it is still open. */
function open<T extends Overlay['type']>(state: UiState, type: T, req: number): Extract<Overlay, {type: T}> | undefined {
	const overlay = state.overlay;
	return overlay?.type === type && (overlay as {req?: number}).req === req ? (overlay as Extract<Overlay, {type: T}>) : undefined;
}

const withOverlay = (state: UiState, overlay: Overlay): Step => only({...state, overlay});

export function answer(state: UiState, msg: Answer): Step {
	switch (msg.type) {
		case 'detail':
			return detailArrived(state, msg.req, msg.lines);
		case 'performed': {
			const bulk = bulkAnswered(state, msg);
			if (bulk) return bulk;
			const {result, intent} = msg;
			if (intent.verb === 'reveal') return revealed(state, intent, result);
			if (intent.verb === 'setImage' && intent.dryRun) return dryRunAnswered(state, msg.req, intent, result);
			if (intent.verb === 'edit') return editPerformed(state, intent, result);
			if (intent.verb === 'trigger') return jobCreated(state, intent, result);
			// The gate re-reads the count; if it changed meanwhile and this is now a big jump, ask again.
			if (!result.ok && result.reason === 'NotConfirmed' && intent.verb === 'scale' && intent.confirmed !== true) {
				return withOverlay(state, {type: 'confirm', question: `${result.message}. Scale anyway?`, toggles: [], intent});
			}
			const said = say(state, result.message, result.ok ? 'info' : 'error');
			if (!(result.ok && msg.follow && FOLLOWED.has(intent.verb) && !state.overlay && result.details?.['skipped'] !== true)) return only(said);
			const namespace = intent.namespace ?? '';
			const [req, next] = request(said);
			const target = {kind: intent.kind, namespace, name: intent.name};
			return {
				state: {...next, overlay: {type: 'rollout', req, target, history: [], finished: false}},
				effects: [{type: 'followRollout', req, namespace, name: intent.name}],
			};
		}
		case 'replicas': {
			const overlay = open(state, 'scale', msg.req);
			if (!overlay) return only(state);
			const {answer: read} = msg;
			const prompt = !read.ok
				? {...overlay.prompt, error: read.message}
				: overlay.prompt.pristine
					? {...overlay.prompt, value: String(read.replicas), from: read.replicas, ...(read.hpa ? {hpa: read.hpa} : {})}
					: {...overlay.prompt, from: read.replicas, ...(read.hpa ? {hpa: read.hpa} : {})};
			return withOverlay(state, {...overlay, prompt});
		}
		case 'rollout': {
			const overlay = open(state, 'rollout', msg.req);
			if (!overlay) return only(state);
			const {status} = msg;
			if (!msg.finished) return withOverlay(state, {...overlay, status, history: [...overlay.history, status.message].slice(-50)});
			const text = status.stalled || status.done ? status.message : `rollout view stopped: ${status.message}`;
			return only(say({...state, overlay: {...overlay, status, finished: true}}, text, status.done ? 'info' : 'error'));
		}
		case 'drainProgress': {
			const overlay = open(state, 'drain', msg.req);
			if (!overlay) return only(state);
			const id = `${msg.result.namespace}/${msg.result.name}`;
			return withOverlay(state, {...overlay, results: [...overlay.results, msg.result], waiting: overlay.waiting.filter((w) => w !== id)});
		}
		case 'drainRetry': {
			const overlay = open(state, 'drain', msg.req);
			if (!overlay || overlay.final) return only(state);
			return withOverlay(state, {...overlay, blocked: {...overlay.blocked, [`${msg.retry.namespace}/${msg.retry.name}`]: msg.retry}});
		}
		case 'drained': {
			const said = say(state, msg.result.message, msg.result.ok ? 'info' : 'error');
			const overlay = open(state, 'drain', msg.req);
			if (!overlay) return only(said);
			return withOverlay(said, {...overlay, final: {ok: msg.result.ok, message: msg.result.message}});
		}
		case 'logStatus': {
			const overlay = open(state, 'logs', msg.req);
			return overlay ? withOverlay(state, {...overlay, view: {...overlay.view, stream: msg.text}}) : only(state);
		}
		case 'debugProgress':
			return only(openingProgress(state, msg.req, msg.text));
		case 'execEnded': {
			// Undefined: the opening was cancelled with ctrl-c, which said so already.
			const ended = openingEnded(state, msg.req);
			return only(ended ? say(ended, msg.text, msg.ok ? 'info' : 'error') : state);
		}
		case 'editPlanned':
			return editPlanned(state, msg.plan, msg.read);
		case 'logSaved': {
			const overlay = open(state, 'logs', msg.req);
			const {result} = msg;
			const text = result.ok ? `saved ${result.lines} lines to ${result.path}` : result.message;
			// The log view shows the path in full (wrapped); the status line only needs a failure.
			const said = result.ok ? state : say(state, text, 'error');
			return overlay ? withOverlay(said, {...overlay, view: {...overlay.view, note: text}}) : only(said);
		}
		case 'forwardPorts': {
			const overlay = open(state, 'portForward', msg.req);
			if (!overlay) return only(state);
			const prompt = msg.error ? {...overlay.prompt, error: msg.error} : overlay.prompt.pristine ? {...overlay.prompt, value: prefillForwardSpec(msg.ports)} : overlay.prompt;
			return withOverlay(state, {...overlay, prompt});
		}
		case 'performedAll':
			return performedAll(state, msg);
		case 'forwardsStarted':
			return only(say(state, msg.message, msg.ok ? 'info' : 'error'));
		case 'forwards': {
			const overlay = state.overlay?.type === 'forwards' ? {...state.overlay, index: Math.max(0, Math.min(state.overlay.index, msg.list.length - 1))} : state.overlay;
			return only({...state, forwards: msg.list, ...(overlay ? {overlay} : {})});
		}
	}
}

/** Closing a live view stops what feeds it. */
export function closeOverlay(state: UiState, text?: string, level: 'info' | 'error' = 'info'): Step {
	const overlay = state.overlay;
	const closed: UiState = {...state, overlay: undefined};
	const said = text ? say(closed, text, level) : closed;
	const live = overlay && (overlay.type === 'rollout' || overlay.type === 'drain' || overlay.type === 'logs') ? overlay.req : undefined;
	return {state: said, effects: live === undefined ? [] : [{type: 'cancel', req: live}]};
}
