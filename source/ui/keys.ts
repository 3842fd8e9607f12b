// Turning what Ink reports into the keys the user pressed. Ink hands over a burst of bytes
// (a paste, or keys typed faster than stdin is read, as tmux send-keys does) as one input
// string, and Esc followed quickly by a key as Alt+key. Both are split back into keys.
import type {InkKey} from '../config/keys.js';

export type KeyPress = [input: string, key: Partial<InkKey>];

function plain(char: string): KeyPress {
	if (char === '\r' || char === '\n') return ['', {return: true}];
	if (char === '\t') return ['', {tab: true}];
	if (char === '\u007F' || char === '\b') return ['', {backspace: true}];
	// Ctrl+letter is one control byte (ctrl-u = 0x15); inside a burst Ink passes it on as text, so
	// it is turned back into the key Ink reports when it arrives alone ('u' with ctrl).
	const code = char.charCodeAt(0);
	if (char.length === 1 && code >= 0x01 && code <= 0x1a) return [String.fromCharCode(code + 0x60), {ctrl: true}];
	// ctrl-space (NUL) and ctrl-\ (FS), as Ink reports them when they arrive alone.
	if (char === '\u0000') return [' ', {ctrl: true}];
	if (char === '\u001C') return ['\\', {ctrl: true}];
	return [char, {shift: /[A-Z]/.test(char)}];
}

export function splitKeys(input: string, key: Partial<InkKey>): KeyPress[] {
	// Nobody drives kubedeck with Alt, so ESC-prefixed printable keys are the two keys typed.
	if (key.meta && !key.escape && !key.ctrl && input.length === 1 && input >= ' ') {
		return [['', {escape: true}], plain(input)];
	}
	// Two Escs in one read (Esc Esc typed fast, or sent together) arrive as Alt+Esc: both count,
	// so the second closes the next level instead of vanishing.
	if (key.escape && key.meta && !key.ctrl && input === '') return [['', {escape: true}], ['', {escape: true}]];
	if (input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B')) {
		return Array.from(input, plain);
	}
	return [[input, key]];
}

/** A key's identity, to tell a repeated key from another one ('\r' twice, not '\r' then 'j'). */
export function keyId([input, key]: KeyPress): string {
	const flags = Object.entries(key).filter(([, on]) => on === true).map(([name]) => name).sort();
	return JSON.stringify([input, flags]);
}

/**
 * Marks which keys arrived in the same read as the key before them. Ink hands one read over as
 * several events (it cuts at escape sequences and backspaces), all within one turn of the event
 * loop; so a read ends when the microtasks run.
 */
export function createBurstMarker(): (presses: readonly KeyPress[]) => Array<{key: KeyPress; burst: boolean}> {
	let reading = false;
	return (presses) => {
		const marked = presses.map((key, i) => ({key, burst: reading || i > 0}));
		if (!reading && presses.length > 0) {
			reading = true;
			queueMicrotask(() => {
				reading = false;
			});
		}
		return marked;
	};
}
