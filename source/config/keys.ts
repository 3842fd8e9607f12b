// Key names as users write them in keymap files, and the translation of Ink's (input, key)
// pair into the same names, so the dispatcher, the help screen and the files agree.
import type {Key as InkKey} from 'ink';

export type {InkKey};

const NAMED: Record<string, string> = {
	enter: 'enter',
	return: 'enter',
	esc: 'esc',
	escape: 'esc',
	up: 'up',
	down: 'down',
	left: 'left',
	right: 'right',
	pgup: 'pgup',
	pageup: 'pgup',
	pgdn: 'pgdn',
	pagedown: 'pgdn',
	home: 'home',
	end: 'end',
	tab: 'tab',
	space: 'space',
	backspace: 'backspace',
};

// A terminal sends the same byte for these as for tab, enter (CR/LF) and backspace,
// so a binding on them would never fire the way the user expects.
const AMBIGUOUS_CTRL: Record<string, string> = {h: 'backspace', i: 'tab', j: 'enter', m: 'enter'};

/** The ctrl combinations that are not ctrl+letter yet reach kubedeck as keys of their own. */
const CTRL_NAMED: ReadonlySet<string> = new Set(['space', '\\']);

export type KeyNameResult = {ok: true; key: string} | {ok: false; reason: string};

/**
 * Canonical form of a key name from a keymap file: single characters as typed ('j', 'N', '/'),
 * 'shift-n' → 'N', 'ctrl-d', and the named keys (enter, esc, up, down, left, right, pgup,
 * pgdn, home, end, tab, space, backspace).
 */
export function parseKeyName(raw: string): KeyNameResult {
	const name = raw.trim();
	if (name.length === 0) return {ok: false, reason: 'empty key name'};
	if ([...name].length === 1) {
		const code = name.codePointAt(0) ?? 0;
		if (code < 0x21 || code === 0x7f || (code >= 0x80 && code <= 0x9f)) {
			return {ok: false, reason: `key "${printable(name)}" is a control character; write it by name (e.g. space, tab, ctrl-d)`};
		}
		return {ok: true, key: name};
	}
	const lower = name.toLowerCase();
	if (NAMED[lower]) return {ok: true, key: NAMED[lower]};
	const modifier = /^(shift|ctrl)[-+](.+)$/i.exec(name);
	if (modifier) {
		const mod = modifier[1]!.toLowerCase();
		const rest = modifier[2]!;
		if (mod === 'shift') {
			if (/^[a-z]$/i.test(rest)) return {ok: true, key: rest.toUpperCase()};
			return {ok: false, reason: `"${name}": shift- combines only with a letter (shift-n means N)`};
		}
		// k9s marks a range with ctrl-space and clears marks with ctrl-\; terminals send them as NUL and 0x1c.
		if (CTRL_NAMED.has(rest.toLowerCase())) return {ok: true, key: `ctrl-${rest.toLowerCase()}`};
		if (/^[a-z]$/i.test(rest)) {
			const letter = rest.toLowerCase();
			if (AMBIGUOUS_CTRL[letter]) {
				return {ok: false, reason: `"${name}" cannot be told apart from ${AMBIGUOUS_CTRL[letter]} in a terminal`};
			}
			return {ok: true, key: `ctrl-${letter}`};
		}
		return {ok: false, reason: `"${name}": ctrl- combines only with a letter, space or \\ (e.g. ctrl-d)`};
	}
	return {
		ok: false,
		reason: `malformed key name "${name}" (use a single character, shift-x, ctrl-x, or one of: ${[...new Set(Object.values(NAMED))].join(', ')})`,
	};
}

function printable(s: string): string {
	return [...s].map((c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`).join('');
}

/** The key name for one Ink keypress, or undefined when it is nothing a keymap can bind (paste, alt-combos). */
export function keyFromInk(input: string, key: Partial<InkKey>): string | undefined {
	// Order matters: Ink reports escape with meta set, and arrows with an empty input.
	if (key.escape) return 'esc';
	if (key.return) return 'enter';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pgup';
	if (key.pageDown) return 'pgdn';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.tab) return key.shift ? 'shift-tab' : 'tab';
	// Most terminals send DEL (0x7f) for the Backspace key, which Ink names `delete`.
	if (key.backspace || key.delete) return 'backspace';
	if (key.meta) return undefined;
	if (key.ctrl) {
		if (input === ' ') return 'ctrl-space';
		if (input === '\\') return 'ctrl-\\';
		return input.length === 1 && /^[a-z]$/i.test(input) ? `ctrl-${input.toLowerCase()}` : undefined;
	}
	if (input === ' ') return 'space';
	if ([...input].length !== 1) return undefined;
	const code = input.codePointAt(0) ?? 0;
	if (code < 0x21 || code === 0x7f) return undefined;
	// Shifted letters arrive as the uppercase letter, which is already the canonical name.
	return input;
}

/** How a key name is shown in help and footers: 'ctrl-d' → '<ctrl-d>', 'N' → 'shift-n', 'j' → 'j'. */
export function displayKey(name: string): string {
	if (name.length === 1) {
		return /[A-Z]/.test(name) ? `shift-${name.toLowerCase()}` : name;
	}
	return `<${name}>`;
}
