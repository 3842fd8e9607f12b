// Text from the cluster (log lines, names, annotations, event messages) is untrusted: a log
// line containing ESC]0;title BEL or ESC[2J would otherwise act on the operator's terminal.
// Everything here is a single linear pass so a 1 MB line costs one scan, never a backtrack.
// Sanitising comes before any measuring (width.ts): what is measured is what will be drawn.
import {displayWidth, graphemeStart} from './width.js';
import {detachedCopy} from './detach.js';
import {ideographBefore, isAstralFormat, isContextual, isControl, isFormat, isLineSeparator, keepsContextual, tagSequenceLength} from './formatChars.js';

export {detachedCopy};

export interface SanitizeOptions {
	/** Cut the result at this many UTF-16 units and end it with '…' (keeps huge lines cheap to render). */
	maxLength?: number;
	/**
	 * Tabs become spaces up to the next multiple of this many display columns, counted from the
	 * start of the line (default 8, like a terminal, so tab-aligned log output stays aligned).
	 * 1 makes every tab a single space.
	 */
	tabWidth?: number;
}

const ESC = 0x1b;
const BEL = 0x07;
const ST8 = 0x9c; // 8-bit String Terminator
const ELLIPSIS = '…';
/** UTF-16 units read past a length cap: more than any grapheme a terminal draws as one. */
const GRAPHEME_LOOKAHEAD = 64;

/** Where a control sequence starting at i ends (exclusive), or s.length if it never ends. */
function skipSequence(s: string, i: number): number {
	const c = s.charCodeAt(i);
	if (c === ESC) {
		if (i + 1 >= s.length) return s.length; // lone ESC at the end
		const next = s.charCodeAt(i + 1);
		if (next === 0x5b /* [ */) return skipCsi(s, i + 2);
		if (next === 0x5d /* ] */) return skipString(s, i + 2, true);
		// DCS P, SOS X, PM ^, APC _ carry a payload up to ST.
		if (next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) return skipString(s, i + 2, false);
		// Other escapes: ESC, intermediates 0x20-0x2f, then one final byte 0x30-0x7e (ESC(B, ESC7, ESCc).
		let j = i + 1;
		while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
		if (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x7e) return j + 1;
		// ESC followed by something that cannot finish a sequence: drop only the ESC.
		return i + 1;
	}
	if (c === 0x9b) return skipCsi(s, i + 1);
	if (c === 0x9d) return skipString(s, i + 1, true);
	if (c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) return skipString(s, i + 1, false);
	return i + 1; // any other single control character
}

/** CSI: parameter bytes 0x30-0x3f, intermediate bytes 0x20-0x2f, one final byte 0x40-0x7e. */
function skipCsi(s: string, j: number): number {
	while (j < s.length) {
		const c = s.charCodeAt(j);
		if (c >= 0x40 && c <= 0x7e) return j + 1;
		if (c < 0x20 || c > 0x3f) return j; // malformed: stop swallowing at the first byte that cannot belong
		j++;
	}
	return j;
}

/** OSC/DCS/APC/PM/SOS payload up to ST (ESC \ or 0x9c); OSC also ends at BEL as xterm allows. */
function skipString(s: string, j: number, belEnds: boolean): number {
	while (j < s.length) {
		const c = s.charCodeAt(j);
		if (c === ST8) return j + 1;
		if (belEnds && c === BEL) return j + 1;
		if (c === ESC) return s.charCodeAt(j + 1) === 0x5c /* \ */ ? j + 2 : j + 1;
		j++;
	}
	return j;
}

/** How a neutralised character is shown: visible, so the operator sees the text held one. */
export function visibleEscape(cp: number): string {
	return `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
}

function sanitize(s: string, options: SanitizeOptions, singleLine: boolean): string {
	const tabWidth = Math.max(1, options.tabWidth ?? 8);
	const max = options.maxLength ?? Infinity;
	// Scanning a little past the cap shows whether the cut falls inside a grapheme.
	const limit = max + GRAPHEME_LOOKAHEAD;
	let out = '';
	// Display columns of out since the last newline, up to out[measured]: tab stops are measured
	// lazily, only when a tab comes, so text without tabs is never measured here.
	let column = 0;
	let measured = 0;
	let truncated = false;
	let i = 0;
	let runStart = 0;
	const flush = (end: number): void => {
		if (end > runStart) out += s.slice(runStart, end);
	};
	while (i < s.length) {
		if (out.length + (i - runStart) >= limit) {
			truncated = true;
			break;
		}
		const c = s.charCodeAt(i);
		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c >= 0xd800 && c <= 0xdfff) {
			const isHigh = c <= 0xdbff;
			const next = s.charCodeAt(i + 1);
			if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
				const cp = (c - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
				const sequence = cp === 0x1f3f4 ? tagSequenceLength(s, i) : 0;
				const units = sequence || 2;
				// A valid pair (or a flag's tag sequence) must not be split by the length cut.
				if (out.length + (i - runStart) + units > limit) {
					truncated = true;
					break;
				}
				if (sequence === 0 && isAstralFormat(cp) && !(cp >= 0xe0100 && ideographBefore(s, i))) {
					flush(i);
					out += visibleEscape(cp);
					i += 2;
					runStart = i;
					continue;
				}
				i += units;
				continue;
			}
			flush(i);
			out += '\ufffd';
			i++;
			runStart = i;
			continue;
		}
		if ((!isControl(c) && !isFormat(c)) || (isContextual(c) && keepsContextual(s, i, c))) {
			i++;
			continue;
		}
		flush(i);
		if (c === 0x09) {
			column += displayWidth(out.slice(measured));
			const spaces = tabWidth - (column % tabWidth);
			out += ' '.repeat(spaces);
			column += spaces;
			measured = out.length;
			i++;
		} else if (isLineSeparator(c)) {
			if (singleLine) {
				out += ' ';
			} else {
				out += '\n';
				column = 0;
				measured = out.length;
			}
			i++;
		} else if (c >= 0x80 && isFormat(c)) {
			out += visibleEscape(c);
			i++;
		} else {
			// CR (would let a line overwrite itself), other C0/C1, DEL and whole escape sequences vanish.
			i = skipSequence(s, i);
		}
		runStart = i;
	}
	if (!truncated) {
		flush(s.length);
		return out.length > max ? capped(out, max) : out;
	}
	flush(i);
	return capped(out, max);
}

/** At most `max` UTF-16 units with the '…' inside the cap, cut between graphemes: never inside an emoji sequence or a surrogate pair. */
function capped(out: string, max: number): string {
	const room = Math.max(0, max - 1);
	return detachedCopy(out.slice(0, graphemeStart(out, room)) + ELLIPSIS);
}

/**
 * Multi-line text made safe to print: newlines kept, tabs expanded, escape sequences and other
 * controls removed, bidi controls and invisible format characters shown as `<U+202E>`.
 */
export function sanitizeText(s: string, options: SanitizeOptions = {}): string {
	return sanitize(s, options, false);
}

/** A single table cell or log line: like sanitizeText, and newlines become spaces, CRs vanish. */
export function sanitizeLine(s: string, options: SanitizeOptions = {}): string {
	return sanitize(s, options, true);
}
