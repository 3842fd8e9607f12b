// `x`: reveal one value of a Secret, on purpose. From a Secret's row, its describe or its YAML:
// pick the key (skipped when there is one), confirm, and the gate reads it and audits the read.
// The value comes back wrapped (SecretValue) and is only unwrapped into its own pager, which
// Esc drops: no other state ever holds it.
import type {ActionResult, Intent} from '../actions/gate.js';
import {SecretValue} from '../model/secret-mask.js';
import type {Env, Step} from './messages.js';
import type {Overlay} from './overlays.js';
import {push, type UiState} from './state.js';
import {only, say, sayStep} from './viewSteps.js';

const OFF = 'revealing secret values is turned off (revealSecrets: false in config.yaml)';

function subject(state: UiState, env: Env): {namespace: string; name: string; keys: readonly string[]} | {reason: string} {
	const {pane, selected} = env.visible(state);
	if (pane.objectKind !== 'Secret') return {reason: `x reveals a value of a Secret; ${pane.title} are not secrets`};
	if (!selected) return {reason: 'nothing selected'};
	return {namespace: selected.namespace ?? '', name: selected.name, keys: (selected as {keys?: readonly string[]}).keys ?? []};
}

/** Why `x` does nothing here; undefined when it can start. */
export function revealDisabled(state: UiState, env: Env): string | undefined {
	if (env.settings.revealSecrets === false) return OFF;
	if (!env.actions) return 'revealing needs the action layer (kubedeck was started without one)';
	const found = subject(state, env);
	return 'reason' in found && found.reason !== 'nothing selected' ? found.reason : undefined;
}

function ask(state: UiState, namespace: string, name: string, key: string): Step {
	const intent: Intent = {verb: 'reveal', kind: 'Secret', namespace, name, key};
	const question = `Reveal the value of key ${key} of secret ${namespace}/${name}? It is shown on screen and the read is written to the audit log.`;
	return only({...state, overlay: {type: 'confirm', question, toggles: [], intent, progress: `reading key ${key} of secret ${namespace}/${name}…`}});
}

export function startReveal(state: UiState, env: Env): Step {
	const reason = revealDisabled(state, env);
	if (reason) return sayStep(state, reason, 'error');
	const found = subject(state, env);
	if ('reason' in found) return sayStep(state, found.reason, 'error');
	const {namespace, name, keys} = found;
	if (keys.length === 0) return sayStep(state, `secret ${namespace}/${name} has no keys`, 'error');
	if (keys.length === 1) return ask(state, namespace, name, keys[0]!);
	const choices = keys.map((key) => ({label: key, value: key}));
	return only({...state, overlay: {type: 'picker', reveal: true, namespace, pod: name, choices, index: 0}, message: undefined});
}

/** Enter in the key picker: ask before reading. */
export function pickRevealKey(state: UiState, overlay: Extract<Overlay, {type: 'picker'}>): Step {
	const choice = overlay.choices[overlay.index];
	return choice ? ask({...state, overlay: undefined}, overlay.namespace, overlay.pod, choice.value) : only(state);
}

/** The gate's answer to a reveal: the value in a pager of its own, or why not in the status line. */
export function revealed(state: UiState, intent: Extract<Intent, {verb: 'reveal'}>, result: ActionResult): Step {
	const value = result.ok ? result.details?.['value'] : undefined;
	if (!result.ok || !(value instanceof SecretValue)) return only(say(state, result.message, result.ok ? 'info' : 'error'));
	const {binary, lines} = value.text();
	const title = `secret ${intent.namespace}/${intent.name} key ${intent.key} (revealed${binary ? ', binary as base64' : ''}; Esc hides it)`;
	return only(say(push(state, {type: 'pager', context: 'describe', title, lines, offset: 0}), result.message));
}
