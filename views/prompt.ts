// The ':' and '/' prompts as pure state machines: (prompt, key) → outcome. The App feeds
// them from its single key handler, so no keystroke is lost while a prompt mounts, and
// tests can drive them without rendering.
import type {InkKey} from '../source/config/keys.js';
import {parseFilterInput, type FilterInput} from '../source/store/labelSelector.js';
import {sanitizeLine} from '../source/terminal/sanitize.js';
import {completeCommand, parseCommand, type Command} from './commands.js';

export type FilterChoice = Exclude<FilterInput, {kind: 'invalid'}>;

export interface PromptState {
	kind: 'command' | 'filter';
	value: string;
	/** Completion candidates after an ambiguous Tab. */
	candidates: string[];
	error?: string;
}

export type PromptOutcome =
	| {type: 'edit'; prompt: PromptState}
	| {type: 'cancel'}
	| {type: 'command'; command: Command}
	/** Enter on something that is not a command: the reason, for the caller to show. */
	| {type: 'invalid'; prompt: PromptState; message: string}
	| {type: 'filter'; filter: FilterChoice};

export function openPrompt(kind: PromptState['kind'], value = ''): PromptState {
	return {kind, value, candidates: []};
}

function edit(prompt: PromptState, value: string): PromptOutcome {
	return {type: 'edit', prompt: {kind: prompt.kind, value, candidates: []}};
}

export function promptKey(prompt: PromptState, input: string, key: Partial<InkKey>): PromptOutcome {
	if (key.return) {
		if (prompt.kind === 'command') {
			const parsed = parseCommand(prompt.value);
			return parsed.ok ? {type: 'command', command: parsed.command} : {type: 'invalid', prompt: {...prompt, error: parsed.message}, message: parsed.message};
		}
		const parsed = parseFilterInput(prompt.value);
		// A bad label selector is caught here, not as a 400 on the watch later.
		return parsed.kind === 'invalid' ? {type: 'edit', prompt: {...prompt, error: parsed.error}} : {type: 'filter', filter: parsed};
	}
	if (key.escape) return {type: 'cancel'};
	if (key.tab) {
		if (prompt.kind !== 'command') return {type: 'edit', prompt};
		const completion = completeCommand(prompt.value);
		return {type: 'edit', prompt: {kind: prompt.kind, value: completion.text, candidates: completion.candidates.length > 1 ? completion.candidates : []}};
	}
	if (key.backspace || key.delete) {
		if (prompt.value === '') return {type: 'cancel'};
		return edit(prompt, Array.from(prompt.value).slice(0, -1).join(''));
	}
	if (key.ctrl && input === 'u') return edit(prompt, '');
	if (key.ctrl || key.meta || !input) return {type: 'edit', prompt};
	return edit(prompt, prompt.value + sanitizeLine(input));
}
