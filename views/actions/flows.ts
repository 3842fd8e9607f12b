// The small dialogs of the action flows as pure state machines: (state, key) → outcome.
// The App's single key handler feeds them, so a fast typist loses no key while a dialog
// mounts, and tests drive them without rendering anything.
import type {InkKey} from '../../source/config/keys.js';
import type {DrainOptions} from '../../source/actions/drain.js';
import {sanitizeLine} from '../../source/terminal/sanitize.js';

/** One object an action is about; kind as the API names it ('Deployment', 'Pod', 'Node'). */
export interface ActionTarget {
	kind: string;
	namespace?: string;
	name: string;
}

export function targetText(target: ActionTarget): string {
	const where = target.namespace ? `${target.namespace}/${target.name}` : target.name;
	return `${target.kind.toLowerCase()} ${where}`;
}

type Key = Partial<InkKey>;

/** A one-line text field: typing, backspace, ctrl-u; control keys are ignored. */
export function editText(value: string, input: string, key: Key): string {
	if (key.backspace || key.delete) return Array.from(value).slice(0, -1).join('');
	if (key.ctrl && input === 'u') return '';
	if (key.ctrl || key.meta || !input || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return value;
	return value + sanitizeLine(input);
}

// ---- scale prompt -------------------------------------------------------------------------

export interface ScalePrompt {
	target: ActionTarget;
	value: string;
	/** The desired count when the prompt opened (the prefill), for the "more than 10×" check. */
	from?: number;
	/** True until the user types: a late answer from the API may still replace the prefill. */
	pristine: boolean;
	error?: string;
}

export type ScaleOutcome =
	| {type: 'edit'; prompt: ScalePrompt}
	| {type: 'cancel'}
	| {type: 'submit'; replicas: number; needsConfirmation?: string};

/**
 * Scaling to 0 stops the service; scaling by more than 10× either way is the classic fat
 * finger (3 → 30, 300 → 3). Both get a second question.
 */
export function scaleWarning(target: ActionTarget, from: number | undefined, to: number): string | undefined {
	if (to === 0 && from !== 0) return `Scale ${targetText(target)} to 0? All its pods will stop.`;
	if (from !== undefined && from > 0 && (to > from * 10 || to * 10 < from)) {
		return `Scale ${targetText(target)} from ${from} to ${to} (more than 10×)?`;
	}
	return undefined;
}

export function scaleKey(
	prompt: ScalePrompt,
	input: string,
	key: Key,
	validate: (input: string) => {ok: true; value: number} | {ok: false; message: string},
): ScaleOutcome {
	if (key.escape) return {type: 'cancel'};
	if (key.return) {
		const parsed = validate(prompt.value);
		// A bad number keeps the prompt open with the reason: retyping under stress costs time.
		if (!parsed.ok) return {type: 'edit', prompt: {...prompt, error: parsed.message}};
		const warning = scaleWarning(prompt.target, prompt.from, parsed.value);
		return warning ? {type: 'submit', replicas: parsed.value, needsConfirmation: warning} : {type: 'submit', replicas: parsed.value};
	}
	const value = editText(prompt.value, input, key);
	if (value === prompt.value) return {type: 'edit', prompt};
	const {error: _error, ...rest} = prompt;
	return {type: 'edit', prompt: {...rest, value, pristine: false}};
}

// ---- confirmation with options ------------------------------------------------------------

export interface ConfirmToggle {
	/** The key that flips it, e.g. 'f'. */
	key: string;
	label: string;
	on: boolean;
}

export interface ConfirmDialog {
	question: string;
	toggles: ConfirmToggle[];
}

export type ConfirmOutcome = {type: 'edit'; dialog: ConfirmDialog} | {type: 'yes'; toggles: Record<string, boolean>} | {type: 'no'} | {type: 'ignore'};

/** y answers yes; n, Esc and Enter answer no (a stray Enter mid-incident must not delete). */
export function confirmKey(dialog: ConfirmDialog, input: string, key: Key): ConfirmOutcome {
	if (input === 'y' || input === 'Y') return {type: 'yes', toggles: Object.fromEntries(dialog.toggles.map((t) => [t.key, t.on]))};
	if (input === 'n' || input === 'N' || key.escape || key.return) return {type: 'no'};
	const index = dialog.toggles.findIndex((t) => t.key === input);
	if (index >= 0 && !key.ctrl && !key.meta) {
		const toggles = dialog.toggles.map((t, i) => (i === index ? {...t, on: !t.on} : t));
		return {type: 'edit', dialog: {...dialog, toggles}};
	}
	return {type: 'ignore'};
}

// ---- drain form ---------------------------------------------------------------------------

export interface DrainForm {
	node: string;
	ignoreDaemonSets: boolean;
	deleteEmptyDirData: boolean;
	force: boolean;
	/** Seconds as typed; empty = each pod's own terminationGracePeriodSeconds. */
	gracePeriod: string;
	/** Seconds as typed. */
	timeout: string;
	field: number;
	error?: string;
}

export const drainFields = [
	{id: 'ignoreDaemonSets', label: 'ignore DaemonSets', kind: 'toggle'},
	{id: 'deleteEmptyDirData', label: 'delete emptyDir data', kind: 'toggle'},
	{id: 'force', label: 'force (pods without a controller)', kind: 'toggle'},
	{id: 'gracePeriod', label: 'grace period (s, empty = pod default)', kind: 'number'},
	{id: 'timeout', label: 'timeout (s)', kind: 'number'},
] as const;

export function openDrainForm(node: string): DrainForm {
	// DaemonSet pods cannot be evicted usefully (their controller recreates them), so ignoring
	// them is what almost every operator wants; the dialog shows the choice before anything runs.
	return {node, ignoreDaemonSets: true, deleteEmptyDirData: false, force: false, gracePeriod: '', timeout: '120', field: 0};
}

export type DrainFormOutcome = {type: 'edit'; form: DrainForm} | {type: 'cancel'} | {type: 'submit'; options: DrainOptions};

function wholeSeconds(text: string, what: string, min: number): {ok: true; value: number} | {ok: false; message: string} {
	if (!/^\d+$/.test(text.trim())) return {ok: false, message: `${what} must be a whole number of seconds, got "${text}"`};
	const value = Number(text.trim());
	if (value < min) return {ok: false, message: `${what} must be at least ${min} s`};
	return {ok: true, value};
}

export function drainFormKey(form: DrainForm, input: string, key: Key): DrainFormOutcome {
	if (key.escape) return {type: 'cancel'};
	const field = drainFields[form.field]!;
	if (key.return) {
		const options: DrainOptions = {ignoreDaemonSets: form.ignoreDaemonSets, deleteEmptyDirData: form.deleteEmptyDirData, force: form.force};
		if (form.gracePeriod.trim() !== '') {
			const grace = wholeSeconds(form.gracePeriod, 'grace period', 0);
			if (!grace.ok) return {type: 'edit', form: {...form, field: 3, error: grace.message}};
			options.gracePeriodSeconds = grace.value;
		}
		const timeout = wholeSeconds(form.timeout, 'timeout', 1);
		if (!timeout.ok) return {type: 'edit', form: {...form, field: 4, error: timeout.message}};
		options.timeoutMs = timeout.value * 1000;
		return {type: 'submit', options};
	}
	const {error: _error, ...clean} = form;
	if (key.downArrow || key.tab) return {type: 'edit', form: {...clean, field: (form.field + 1) % drainFields.length}};
	if (key.upArrow) return {type: 'edit', form: {...clean, field: (form.field + drainFields.length - 1) % drainFields.length}};
	if (field.kind === 'toggle') {
		if (input === ' ' || input === 'x') return {type: 'edit', form: {...clean, [field.id]: !form[field.id]}};
		return {type: 'edit', form};
	}
	const current = form[field.id];
	const next = editText(current, input, key);
	if (next !== current && !/^\d*$/.test(next)) return {type: 'edit', form: {...form, error: `${field.label}: digits only`}};
	return {type: 'edit', form: {...clean, [field.id]: next}};
}
