// Which characters the sanitiser neutralises (sanitize.ts): C0/C1 controls, bidi controls,
// characters that draw nothing, line separators, astral format characters, and the joiners and
// variation selectors that are kept only where they shape what is drawn (an emoji ZWJ sequence,
// a joining script, a standardised variant, a flag's tag sequence). Every look is bounded to a
// code point or two either side, so the sanitiser's pass stays linear.

export function isControl(c: number): boolean {
	return c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f);
}

/**
 * Bidi embeddings, overrides, isolates and marks. On a terminal that reorders text they make
 * what follows read in another order than it is (a name, a path, a command in a log line).
 */
function isBidiControl(c: number): boolean {
	return c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * Characters that draw nothing (or a blank): soft hyphen, combining grapheme joiner, Hangul
 * and Khmer fillers, Mongolian vowel separator, zero-width space, word joiner and invisible
 * operators, deprecated format controls, BOM, interlinear annotation marks. "web\u200Bapi"
 * would otherwise read as "webapi" while being another name.
 */
function isInvisible(c: number): boolean {
	return (
		c === 0x00ad ||
		c === 0x034f ||
		c === 0x115f ||
		c === 0x1160 ||
		c === 0x17b4 ||
		c === 0x17b5 ||
		c === 0x180e ||
		c === 0x200b ||
		(c >= 0x2060 && c <= 0x2065) ||
		(c >= 0x206a && c <= 0x206f) ||
		c === 0x3164 ||
		c === 0xfeff ||
		c === 0xffa0 ||
		(c >= 0xfff0 && c <= 0xfffb)
	);
}

/** Joiners and variation selectors: legitimate inside an emoji or a joining script, invisible anywhere else. */
export function isContextual(c: number): boolean {
	return c === 0x200c || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f);
}

/** Line and paragraph separators: some terminals break the line on them, so they count as a newline. */
export function isLineSeparator(c: number): boolean {
	return c === 0x0a || c === 0x2028 || c === 0x2029;
}

/** Format characters are all at or above U+00AD: one comparison keeps Latin text on the fast path. */
export function isFormat(c: number): boolean {
	return c >= 0x00ad && (isBidiControl(c) || isInvisible(c) || isContextual(c) || isLineSeparator(c));
}

/** Astral format characters: tags, ideographic variation selectors, shorthand and musical format controls. */
export function isAstralFormat(cp: number): boolean {
	return (cp >= 0xe0000 && cp <= 0xe01ef) || (cp >= 0x1bca0 && cp <= 0x1bca3) || (cp >= 0x1d173 && cp <= 0x1d17a);
}

const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const EMOJI = /^\p{Emoji}$/u;
const IDEOGRAPHIC = /^\p{Ideographic}$/u;
const VARIANT_BASE = /^[\p{L}\p{N}\p{S}\p{M}]$/u;
/** Scripts whose letters join or form conjuncts, where ZWJ and ZWNJ change the shape drawn. */
const JOINING = /^[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Nko}\p{sc=Mongolian}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}\p{sc=Khmer}\p{sc=Myanmar}]$/u;

function codePointBefore(s: string, i: number): {cp: number; at: number} | undefined {
	if (i <= 0) return undefined;
	const low = s.charCodeAt(i - 1);
	if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
		const high = s.charCodeAt(i - 2);
		if (high >= 0xd800 && high <= 0xdbff) return {cp: (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000, at: i - 2};
	}
	return {cp: low, at: i - 1};
}

/** An ideograph just before i: what an ideographic variation selector (U+E0100…) may follow. */
export function ideographBefore(s: string, i: number): boolean {
	return matches(IDEOGRAPHIC, codePointBefore(s, i)?.cp);
}

/** Property lookups remembered per code point: a line of 100,000 joiners asks about a handful of neighbours. */
const known = new Map<RegExp, Map<number, boolean>>();

function matches(pattern: RegExp, cp: number | undefined): boolean {
	if (cp === undefined) return false;
	let answers = known.get(pattern);
	if (!answers) known.set(pattern, (answers = new Map()));
	let answer = answers.get(cp);
	if (answer === undefined) {
		if (answers.size >= 4096) answers.clear();
		answer = pattern.test(String.fromCodePoint(cp));
		answers.set(cp, answer);
	}
	return answer;
}

/** The emoji a ZWJ follows: skips one VS16 or skin-tone modifier after it (👩🏽‍💻). */
function emojiBefore(s: string, i: number): boolean {
	let before = codePointBefore(s, i);
	if (before && (before.cp === 0xfe0f || (before.cp >= 0x1f3fb && before.cp <= 0x1f3ff))) before = codePointBefore(s, before.at);
	return matches(PICTOGRAPHIC, before?.cp);
}

/**
 * Whether the joiner or variation selector at i is part of what is drawn. ZWJ stays between two
 * emoji (a ZWJ sequence) or two letters of a joining script, ZWNJ between two such letters;
 * VS15/VS16 after an emoji-capable character, VS1-14 after a non-ASCII letter or symbol
 * (standardised variants). Everywhere else (after ASCII, at the start) they only hide text.
 * The look is one code point either side: bounded, so the pass stays linear.
 */
export function keepsContextual(s: string, i: number, c: number): boolean {
	const before = codePointBefore(s, i)?.cp;
	if (c === 0x200d || c === 0x200c) {
		const after = s.codePointAt(i + 1);
		if (c === 0x200d && emojiBefore(s, i) && matches(PICTOGRAPHIC, after)) return true;
		return matches(JOINING, before) && matches(JOINING, after);
	}
	if (before === undefined || before < 0x80) return c >= 0xfe0e && before !== undefined && matches(EMOJI, before);
	return c >= 0xfe0e ? matches(EMOJI, before) : matches(VARIANT_BASE, before);
}

/**
 * Length of an emoji tag sequence starting at i (U+1F3F4, 1-6 tag letters or digits, CANCEL TAG:
 * the flags of England, Scotland, Wales), or 0. Tags anywhere else are hidden ASCII and escaped.
 */
export function tagSequenceLength(s: string, i: number): number {
	if (s.codePointAt(i) !== 0x1f3f4) return 0;
	let j = i + 2;
	for (let count = 0; count < 6; count++) {
		const cp = s.codePointAt(j);
		if (cp === undefined || !((cp >= 0xe0030 && cp <= 0xe0039) || (cp >= 0xe0061 && cp <= 0xe007a))) break;
		j += 2;
	}
	return j > i + 2 && s.codePointAt(j) === 0xe007f ? j + 2 - i : 0;
}
