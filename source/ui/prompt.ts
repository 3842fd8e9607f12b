// The ':' and '/' prompts as pure state: what Enter (prompt.submit) and Tab (prompt.complete)
// do is resolved through the key map like every other key; whatever the map leaves unbound
// edits the text.
import type {InkKey} from '../config/keys.js';
import {parseFilterInput, type FilterInput} from '../store/labelSelector.js';
import {completeCommand, parseCommand, type Command} from './commands.js';
import {editText} from './dialogs.js';
import type {CatalogEntry} from '../kinds/generic-resolve.js';
import type {Overlay} from './overlays.js';

export type FilterChoice = Exclude<FilterInput, {kind: 'invalid'}>;

export interface PromptState {
	kind: 'command' | 'filter';
	value: string;
	/** Completion candidates after an ambiguous Tab. */
	candidates: string[];
	error?: string;
}

export type SubmitOutcome =
	| {type: 'command'; command: Command}
	/** Enter on something that is not a command: the reason, for the caller to show. */
	| {type: 'invalid'; message: string}
	| {type: 'filter'; filter: FilterChoice}
	/** A bad label selector keeps the prompt open with the reason. */
	| {type: 'edit'; prompt: PromptState};

export function openPrompt(kind: PromptState['kind'], value = ''): PromptState {
	return {kind, value, candidates: []};
}

export function submitPrompt(prompt: PromptState, catalog?: readonly CatalogEntry[]): SubmitOutcome {
	if (prompt.kind === 'command') {
		const parsed = parseCommand(prompt.value, catalog ? {catalog, rediscover: true} : undefined);
		return parsed.ok ? {type: 'command', command: parsed.command} : {type: 'invalid', message: parsed.message};
	}
	const parsed = parseFilterInput(prompt.value);
	// A bad label selector is caught here, not as a 400 on the watch later.
	return parsed.kind === 'invalid' ? {type: 'edit', prompt: {...prompt, error: parsed.error}} : {type: 'filter', filter: parsed};
}

export function completePrompt(prompt: PromptState, catalog?: readonly CatalogEntry[]): PromptState {
	if (prompt.kind !== 'command') return prompt;
	const completion = completeCommand(prompt.value, catalog);
	return {kind: prompt.kind, value: completion.text, candidates: completion.candidates.length > 1 ? completion.candidates : []};
}

/** A key the map leaves unbound: typing, backspace (on an empty prompt it closes), ctrl-u. */
export function editPrompt(prompt: PromptState, input: string, key: Partial<InkKey>): PromptState | 'cancel' {
	if ((key.backspace || key.delete) && prompt.value === '') return 'cancel';
	const value = editText(prompt.value, input, key);
	return value === prompt.value ? prompt : {kind: prompt.kind, value, candidates: []};
}

/**
 * The text filter a table shows. While the '/' prompt is open, what has been typed so far: as in
 * k9s, the table narrows with each key, and Esc (the prompt closing) brings back the filter that was
 * set. A label selector is a new watch, so it waits for Enter; an empty prompt or a regex still
 * being typed (not yet valid) shows the filter that was set.
 */
export function shownFilter(overlay: Overlay | undefined, committed: string | undefined): string | undefined {
	if (overlay?.type !== 'prompt' || overlay.prompt.kind !== 'filter') return committed;
	const typed = parseFilterInput(overlay.prompt.value);
	return typed.kind === 'text' ? typed.filter : committed;
}
