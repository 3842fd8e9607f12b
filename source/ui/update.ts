// The controller: update(state, msg, env) → state + effects, and the one key router. A key is
// resolved through the key map in the contexts of whatever has the keys (an overlay, else the
// view), then reduced by its entry in the action table; keys the map leaves unbound edit the
// open prompt or dialog. No I/O here: effects are data for the runner.
import type {InkKey} from '../config/keys.js';
import {bindingsFor, resolveKey} from '../config/keymap.js';
import {isActionId} from '../config/vocabulary.js';
import {ACTION_TABLE, enabledBindings} from './actions.js';
import {answer, closeOverlay} from './answers.js';
import {editDrainForm, editScale, toggleConfirm} from './dialogs.js';
import {logParams} from './flowSteps.js';
import {helpLines, type HelpBinding} from './help.js';
import {editSearch, logAction, SINCE_CHOICES, submitSearch} from './logView.js';
import type {Env, Msg, Step} from './messages.js';
import type {Overlay} from './overlays.js';
import {editPrompt} from './prompt.js';
import {editPortForward} from './portForwardSteps.js';
import {editImagePrompt} from './imagePrompt.js';
import type {UiState} from './state.js';
import {only, runCommand, say, viewContexts} from './viewSteps.js';
import {parseCommand} from './commands.js';
import type {EntrySource} from '../model/logEntry.js';
import {keyId, type KeyPress} from './keys.js';
import {dropStaleMarks} from './marks.js';
import {manifestRead} from './applySteps.js';
import {openingKey} from './typeAhead.js';

export const LOG_CONTEXTS = ['logs', 'global'] as const;

export function update(state: UiState, msg: Msg, env: Env): Step {
	const step =
		msg.type === 'rediscovered'
			? rediscovered(state, msg.text, env)
			: msg.type === 'manifestRead'
				? manifestRead(state, env, msg)
				: msg.type === 'key'
					? burstKey(state, msg.key, msg.burst === true, env)
					: answer(state, msg);
	// Marks belong to the table they were made in: another pane, namespace or drill-down drops them.
	const kept = dropStaleMarks(step.state);
	return kept === step.state ? step : {...step, state: kept};
}

/** The actions that answer a dialog: the one key press that closes it must not also act on what lies below. */
const ANSWERS: ReadonlySet<string> = new Set(['prompt.submit', 'confirm.yes', 'confirm.no', 'view.drill']);

/**
 * Keys are reduced one by one, each on the state the one before produced; but Enter Enter in one
 * read (a double press over SSH, a paste ending in two newlines) must not submit the scale prompt
 * and then drill into the row under it, nor confirm twice. So after a key answers a dialog, the
 * same key repeated within that read is dropped; any other key, or the next read, acts as usual.
 */
function burstKey(state: UiState, press: KeyPress, burst: boolean, env: Env): Step {
	// While a session opens every key is the session's, repeats included (a typed line's Enter Enter).
	if (state.opening) return openingKey(state, state.opening, press);
	const id = keyId(press);
	if (burst && state.answeredKey === id) return only(state);
	const {answeredKey: _answered, ...fresh} = state;
	const before: UiState = state.answeredKey === undefined ? state : fresh;
	const step = key(before, press[0], press[1], env);
	const dialog = before.overlay;
	const answered = dialog !== undefined && dialog.type !== 'logs' && step.state.overlay?.type !== dialog.type && ANSWERS.has(resolveKey(env.keymap, keyContexts(before, env), press[0], press[1])?.action ?? '');
	return answered ? {...step, state: {...step.state, answeredKey: id}} : step;
}

/** Discovery has answered again: the ':' text is parsed for good (now an unknown word is unknown). */
function rediscovered(state: UiState, text: string, env: Env): Step {
	const parsed = parseCommand(text, {catalog: env.kinds?.() ?? [], rediscover: false});
	const quiet: UiState = {...state, message: undefined};
	return parsed.ok ? runCommand(quiet, env, parsed.command) : only(say(quiet, parsed.message, 'error'));
}

/** Applies messages in order, collecting effects (the runner and the tests both use it). */
export function updateAll(state: UiState, msgs: readonly Msg[], env: Env): Step {
	const effects: Step['effects'] = [];
	for (const msg of msgs) {
		const step = update(state, msg, env);
		state = step.state;
		effects.push(...step.effects);
	}
	return {state, effects};
}

/** The key map contexts that resolve keys now, most specific first. */
export function keyContexts(state: UiState, env: Env): readonly string[] {
	const overlay = state.overlay;
	switch (overlay?.type) {
		case undefined:
			return viewContexts(state, env);
		case 'prompt':
		case 'scale':
		case 'drainForm':
		case 'portForward':
		case 'image':
			return ['prompt'];
		case 'forwards':
			return ['table', 'global'];
		case 'confirm':
			return ['confirm'];
		case 'picker':
		case 'files':
			return ['contexts', 'global'];
		case 'rollout':
		case 'drain':
			return ['global'];
		case 'logs':
			return overlay.view.searchInput !== undefined ? ['prompt'] : LOG_CONTEXTS;
	}
}

/**
 * Bindings for the footer and help: those of the view (a prompt or the log view keeps them;
 * a dialog shows its own keys), without the actions that are disabled now.
 */
export function hintContexts(state: UiState, env: Env): readonly string[] {
	// While a session opens no binding acts (the status line says ctrl-c cancels).
	if (state.opening) return [];
	const overlay = state.overlay;
	return overlay?.type === 'logs' ? LOG_CONTEXTS : overlay && overlay.type !== 'prompt' ? [] : viewContexts(state, env);
}

export function activeBindings(state: UiState, env: Env): HelpBinding[] {
	return enabledBindings(state, env, hintContexts(state, env));
}

function key(state: UiState, input: string, ink: Partial<InkKey>, env: Env): Step {
	// ctrl-c always quits, whatever the key map says: the way out must never be rebound away.
	if (ink.ctrl && input === 'c') return {state, effects: [{type: 'exit'}]};
	const hit = resolveKey(env.keymap, keyContexts(state, env), input, ink);
	const overlay = state.overlay;
	if (overlay?.type === 'logs') return logKey(state, overlay, hit, input, ink, env);
	if (!hit || !isActionId(hit.action)) return overlay ? unbound(state, overlay, input, ink) : only(state);
	const spec = ACTION_TABLE[hit.action];
	// A key bound to something that does not act here is the overlay's own (Tab moves between drain fields).
	if (overlay) return spec.overlays?.includes(overlay.type) ? spec.reduce(state, hit.arg, env) : unbound(state, overlay, input, ink);
	const cleared: UiState = state.message ? {...state, message: undefined} : state;
	const reason = spec.disabled?.(cleared, env);
	return reason ? only(say(cleared, reason, 'error')) : spec.reduce(cleared, hit.arg, env);
}

/** A key the map leaves unbound while an overlay is open: typing in a prompt, a toggle in a question. */
function unbound(state: UiState, overlay: Overlay, input: string, ink: Partial<InkKey>): Step {
	switch (overlay.type) {
		case 'prompt': {
			const prompt = editPrompt(overlay.prompt, input, ink);
			return only({...state, overlay: prompt === 'cancel' ? undefined : {...overlay, prompt}});
		}
		case 'scale':
			return only({...state, overlay: {...overlay, prompt: editScale(overlay.prompt, input, ink)}});
		case 'drainForm':
			return only({...state, overlay: {...overlay, form: editDrainForm(overlay.form, input, ink)}});
		case 'portForward':
			return editPortForward(state, overlay, input, ink);
		case 'image':
			return only({...state, overlay: {...overlay, prompt: editImagePrompt(overlay.prompt, input, ink)}});
		case 'confirm': {
			const toggles = toggleConfirm(overlay.toggles, input, ink);
			return toggles ? only({...state, overlay: {...overlay, toggles}}) : only(state);
		}
		default:
			return only(state);
	}
}

const noLines: EntrySource = {dropped: 0, size: 0, at: () => undefined};

/** Every key of an open log view lands here; what a key does is logAction's (source/ui/logView.ts). */
function logKey(state: UiState, overlay: Extract<Overlay, {type: 'logs'}>, hit: {action: string; arg?: string} | undefined, input: string, ink: Partial<InkKey>, env: Env): Step {
	const source = env.logSource(overlay.req) ?? noLines;
	const set = (view: typeof overlay.view): Step => only({...state, overlay: {...overlay, view}});
	const {view} = overlay;
	if (view.searchInput !== undefined) {
		if (hit?.action === 'view.back') return set({...view, searchInput: undefined});
		if (hit?.action === 'prompt.submit') return set(submitSearch(view, source, env.pageSize));
		return set(editSearch(view, input, ink));
	}
	if (!hit) return only(state);
	if (hit.action === 'view.help' && !view.help) return set({...view, help: helpLines(bindingsFor(env.keymap, LOG_CONTEXTS)), note: undefined});
	const result = logAction(view, source, hit.action, hit.arg, env.pageSize);
	if (result.effect === 'close') return closeOverlay(state);
	const next = {...state, overlay: {...overlay, view: result.state}};
	if (result.effect === 'save') return {state: next, effects: [{type: 'saveLogs', req: overlay.req, target: overlay.saveAs}]};
	if (result.effect === 'restart') {
		const params = logParams(env, result.state);
		const since = SINCE_CHOICES[result.state.since]!;
		const what = [result.state.previous ? 'previous container instance' : 'current container', since.seconds !== undefined ? `since ${since.label}` : `last ${params.tailLines} lines`];
		return {state: next, effects: [{type: 'restartLogs', req: overlay.req, params, notice: `── ${what.join(', ')} ──`}]};
	}
	return only(next);
}
