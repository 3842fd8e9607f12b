// Keys typed while a shell, attach or debug session opens (the WebSocket connecting, bash then
// sh being tried, a debug container starting): as ssh does, they belong to the session, not to
// kubedeck. While `state.opening` is set every key is turned back into the bytes a terminal
// sends for it and handed to the runner (effect 'typeAhead'), which keeps them in order and
// writes them to the session's stdin once the terminal is handed over. Only ctrl-c acts here:
// it cancels the opening. The held bytes are bounded like a terminal's own input line.
import {TYPE_AHEAD_CAP} from '../actions/heldInput.js';
import type {InkKey} from '../config/keys.js';
import type {KeyPress} from './keys.js';
import type {Step} from './messages.js';
import type {UiState} from './state.js';
import {say} from './viewSteps.js';


export type TerminalPurpose = 'shell' | 'attach' | 'debug';

export interface Opening {
	req: number;
	purpose: TerminalPurpose;
	/** namespace/pod (container), for the status line. */
	where: string;
	/** What the status line says about the opening (before the ctrl-c hint). */
	lead: string;
	/** Bytes held so far. */
	held: number;
	/** Keys were dropped because the held bytes reached TYPE_AHEAD_CAP. */
	full?: true;
}

const NAMED_KEYS: ReadonlyArray<[keyof InkKey, string]> = [
	['return', '\r'],
	['escape', '\x1b'],
	['backspace', '\x7f'],
	['delete', '\x1b[3~'],
	['upArrow', '\x1b[A'],
	['downArrow', '\x1b[B'],
	['rightArrow', '\x1b[C'],
	['leftArrow', '\x1b[D'],
	['home', '\x1b[H'],
	['end', '\x1b[F'],
	['pageUp', '\x1b[5~'],
	['pageDown', '\x1b[6~'],
];

/**
 * The bytes an xterm-like terminal sends for a key as Ink reported it: text as typed, ctrl+letter
 * as its control byte, alt as an ESC prefix. '' for what has no bytes (a key release, an unknown key).
 */
export function keyBytes([input, key]: KeyPress): string {
	if (key.eventType === 'release') return '';
	if (key.tab) return key.shift ? '\x1b[Z' : '\t';
	const named = NAMED_KEYS.find(([flag]) => key[flag] === true);
	const prefix = key.meta && !key.escape ? '\x1b' : '';
	if (named) return prefix + named[1];
	if (key.ctrl) {
		if (input === ' ') return prefix + '\x00';
		const code = input.toLowerCase().charCodeAt(0);
		if (input.length === 1 && code >= 0x61 && code <= 0x7a) return prefix + String.fromCharCode(code - 0x60);
		if (input.length === 1 && '[\\]^_'.includes(input)) return prefix + String.fromCharCode(input.charCodeAt(0) - 0x40);
		return '';
	}
	return input === '' ? '' : prefix + input;
}

const PURPOSE_WORDS: Record<TerminalPurpose, string> = {shell: 'shell', attach: 'attach', debug: 'debug container'};

function withText(state: UiState, opening: Opening): UiState {
	const full = opening.full ? ` — type-ahead full (${TYPE_AHEAD_CAP} bytes): later keys dropped` : '';
	return say({...state, opening}, `${opening.lead}${full} — ctrl-c cancels`);
}

/** The state once a session's effect is on its way: keys are held from now on. */
export function startOpening(state: UiState, req: number, purpose: TerminalPurpose, where: string, lead: string): UiState {
	return withText(state, {req, purpose, where, lead, held: 0});
}

/** Progress of the opening (a debug container's state) keeps the ctrl-c hint. */
export function openingProgress(state: UiState, req: number, text: string): UiState {
	const opening = state.opening;
	if (opening?.req !== req) return state;
	return withText(state, {...opening, lead: text});
}

/** The session has ended (or never opened): keys are kubedeck's again. Undefined: the answer is for an opening already cancelled. */
export function openingEnded(state: UiState, req: number): UiState | undefined {
	if (state.opening?.req !== req) return undefined;
	const {opening: _done, ...rest} = state;
	return rest;
}

/** A key while a session opens: ctrl-c cancels it; any other key is held for the session. */
export function openingKey(state: UiState, opening: Opening, press: KeyPress): Step {
	const [input, key] = press;
	if (key.ctrl && input === 'c') {
		const {opening: _cancelled, ...rest} = state;
		return {state: say(rest, `${PURPOSE_WORDS[opening.purpose]} cancelled: ${opening.where}`), effects: [{type: 'cancel', req: opening.req}]};
	}
	const data = keyBytes(press);
	if (data === '') return {state, effects: []};
	const size = Buffer.byteLength(data, 'utf8');
	if (opening.held + size > TYPE_AHEAD_CAP) {
		if (opening.full) return {state, effects: []};
		return {state: withText(state, {...opening, full: true}), effects: []};
	}
	return {state: {...state, opening: {...opening, held: opening.held + size}}, effects: [{type: 'typeAhead', req: opening.req, data}]};
}
