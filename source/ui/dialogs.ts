// The small dialogs of the action flows as pure data and functions. Submit and cancel keys
// come from the key map (prompt.submit, view.back, confirm.yes/no); the keys it leaves
// unbound edit the dialog here.
import type {InkKey} from '../config/keys.js';
import type {DrainOptions, DrainRetry} from '../actions/drain.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {SCALE_JUMP_FACTOR, hpaWarning, scaleRisk, type HpaOwner} from '../actions/scaleRule.js';

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

/** The drain view's line for a pod whose eviction a PodDisruptionBudget keeps refusing. */
export function retryText(retry: DrainRetry): string {
	const tries = retry.attempt === 1 ? '' : `, ${retry.attempt} refusals`;
	return `waiting: pod ${retry.namespace}/${retry.name} blocked by PodDisruptionBudget (retrying until timeout${tries})`;
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
	/** The HPA that owns the count, when the read found one: the change needs a yes (scaleRule.ts). */
	hpa?: HpaOwner;
}

/** The second question for a risky scale (the rule is the gate's: source/actions/scaleRule.ts). */
export function scaleWarning(target: ActionTarget, from: number | undefined, to: number, hpa?: HpaOwner): string | undefined {
	if (hpa) return `Scale ${targetText(target)} to ${to}? ${hpaWarning(hpa)}.`;
	switch (scaleRisk(from, to)) {
		case 'zero':
			return `Scale ${targetText(target)} to 0? All its pods will stop.`;
		case 'jump':
			return `Scale ${targetText(target)} from ${from} to ${to} (more than ${SCALE_JUMP_FACTOR}×)?`;
		default:
			return undefined;
	}
}

export type ScaleSubmit = {type: 'edit'; prompt: ScalePrompt} | {type: 'submit'; replicas: number; needsConfirmation?: string};

/** prompt.submit on the scale prompt: a bad number keeps it open with the reason (retyping under stress costs time). */
export function submitScale(prompt: ScalePrompt, validate: (input: string) => {ok: true; value: number} | {ok: false; message: string}): ScaleSubmit {
	const parsed = validate(prompt.value);
	if (!parsed.ok) return {type: 'edit', prompt: {...prompt, error: parsed.message}};
	const warning = scaleWarning(prompt.target, prompt.from, parsed.value, prompt.hpa);
	return warning ? {type: 'submit', replicas: parsed.value, needsConfirmation: warning} : {type: 'submit', replicas: parsed.value};
}

export function editScale(prompt: ScalePrompt, input: string, key: Key): ScalePrompt {
	const value = editText(prompt.value, input, key);
	if (value === prompt.value) return prompt;
	const {error: _error, ...rest} = prompt;
	return {...rest, value, pristine: false};
}

// ---- confirmation with options ------------------------------------------------------------

export interface ConfirmToggle {
	/** The key that flips it, e.g. 'f'. */
	key: string;
	label: string;
	on: boolean;
}

/** A key the map leaves unbound in a question: it flips the toggle it names, if any. */
export function toggleConfirm(toggles: ConfirmToggle[], input: string, key: Key): ConfirmToggle[] | undefined {
	const index = toggles.findIndex((t) => t.key === input);
	if (index < 0 || key.ctrl || key.meta) return undefined;
	return toggles.map((t, i) => (i === index ? {...t, on: !t.on} : t));
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

export type DrainFormSubmit = {type: 'edit'; form: DrainForm} | {type: 'submit'; options: DrainOptions};

function wholeSeconds(text: string, what: string, min: number): {ok: true; value: number} | {ok: false; message: string} {
	if (!/^\d+$/.test(text.trim())) return {ok: false, message: `${what} must be a whole number of seconds, got "${text}"`};
	const value = Number(text.trim());
	if (value < min) return {ok: false, message: `${what} must be at least ${min} s`};
	return {ok: true, value};
}

/** prompt.submit on the drain form: the options, or the form with the field at fault. */
export function submitDrainForm(form: DrainForm): DrainFormSubmit {
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

/** Keys the map leaves unbound in the drain form: move between fields, flip toggles, type digits. */
export function editDrainForm(form: DrainForm, input: string, key: Key): DrainForm {
	const field = drainFields[form.field]!;
	const {error: _error, ...clean} = form;
	if (key.downArrow || key.tab) return {...clean, field: (form.field + 1) % drainFields.length};
	if (key.upArrow) return {...clean, field: (form.field + drainFields.length - 1) % drainFields.length};
	if (field.kind === 'toggle') {
		if (input === ' ' || input === 'x') return {...clean, [field.id]: !form[field.id]};
		return form;
	}
	const current = form[field.id];
	const next = editText(current, input, key);
	if (next !== current && !/^\d*$/.test(next)) return {...form, error: `${field.label}: digits only`};
	return {...clean, [field.id]: next};
}
