// The YAML view of an object, like `kubectl get -o yaml` minus metadata.managedFields
// (server-side-apply bookkeeping that buries the fields people came to read).
//
// Written here rather than with js-yaml's dump: dump recurses once per level of nesting and
// tests every string with a regex that overflows the stack on a 5 MB value, and it writes the
// whole of every string. This writer walks the object with an explicit stack (no recursion,
// whatever the depth), costs one step per node, and writes a long string as its start plus its
// size unless asked for all of it; a string shown whole is cut into lines of bounded length,
// so no line of the pager is ever megabytes long.
import type {KubeObject} from './types.js';

export interface YamlOptions {
	/** Show every string whole; otherwise strings longer than maxString are cut and say so. */
	expand?: boolean;
	/** Strings longer than this many UTF-16 units are cut (default 2,048). */
	maxString?: number;
}

export const DEFAULT_MAX_STRING = 2048;
/** A cut string shows at most this many of its lines. */
export const MAX_STRING_LINES = 40;
/** A string shown whole is written in pieces of this many units, one per line. */
export const CHUNK = 1024;
/** Deeper nodes are summarised: indentation alone would make each line longer than the depth. */
export const MAX_DEPTH = 64;
/** Words the key map gives the expand action, for the note on a cut string. */
export const EXPAND_HINT = 'e shows it all';

export function withoutManagedFields(object: KubeObject): KubeObject {
	if (!object.metadata || !('managedFields' in object.metadata)) return object;
	// Rebuild metadata with the same key order, minus the one field; the input stays untouched.
	const metadata = Object.fromEntries(Object.entries(object.metadata).filter(([key]) => key !== 'managedFields'));
	return {...object, metadata: metadata as unknown as KubeObject['metadata']};
}

/** Words YAML 1.1 (which many tools still read) takes for booleans and null. */
const KEYWORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', '~']);
/** Text that reads back as itself: starts with a letter, '_' or '/', no ': ', ' #', no edge blanks. */
const PLAIN = /^[A-Za-z_/][\w./@+=,:%()-]*(?: [\w./@+=,:%()-]+)*$/;
/** Dotted digits (an IP address, a version) are never a number in any YAML schema. */
const DOTTED = /^\d+(?:\.\d+){2,}$/;
/** Printable text a single-quoted scalar can hold as it is. */
const QUOTABLE = /^[\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]*$/;

function isPlain(s: string): boolean {
	if (DOTTED.test(s)) return true;
	return PLAIN.test(s) && !s.endsWith(':') && !s.includes(': ') && !KEYWORDS.has(s.toLowerCase());
}

/** A one-line scalar: plain when it reads back as the same string, else single- or double-quoted. */
function inlineString(s: string): string {
	if (s === '') return "''";
	if (isPlain(s)) return s;
	if (QUOTABLE.test(s)) return `'${s.replace(/'/g, "''")}'`;
	return JSON.stringify(s); // JSON's escapes are YAML's double-quoted escapes
}

function scalar(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'string') return inlineString(value);
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
	return String(value);
}

function size(units: number): string {
	return units >= 1 << 20 ? `${(units / (1 << 20)).toFixed(1)} MiB` : units >= 1024 ? `${(units / 1024).toFixed(1)} KiB` : `${units} characters`;
}

/** Where the first `lines` lines of s end (s.length if it has fewer). */
function lineCut(s: string, lines: number): number {
	let at = -1;
	for (let n = 0; n < lines; n++) {
		at = s.indexOf('\n', at + 1);
		if (at < 0) return s.length;
	}
	return at + 1;
}

/** Where to cut so a surrogate pair stays whole. */
function safeCut(s: string, at: number): number {
	const c = s.charCodeAt(at - 1);
	return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

/**
 * A string that is a block of its own: a literal block when it has newlines and short lines,
 * else a double-quoted scalar cut into pieces with escaped line breaks ("…\" then the next
 * piece), which YAML reads back as the one string. Lines are pushed after `head` (the key).
 */
function blockString(out: string[], head: string, s: string, indent: string): void {
	const lines = s.split('\n');
	if (lines.length > 1 && lines.every((line) => line.length <= CHUNK && QUOTABLE.test(line)) && !/^[ \t]/.test(s)) {
		const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
		out.push(`${head} |${chomp}`);
		const body = chomp === '-' ? lines : lines.slice(0, -1);
		for (const line of body) out.push(line === '' ? '' : `${indent}${line}`);
		return;
	}
	let at = 0;
	let first = true;
	// The next newline is looked up once per newline, not once per piece: one pass over s.
	let newline = -1;
	while (at < s.length) {
		if (newline !== -2 && newline < at) {
			newline = s.indexOf('\n', at);
			if (newline < 0) newline = -2;
		}
		let end = newline >= 0 && newline < at + CHUNK ? newline + 1 : safeCut(s, Math.min(s.length, at + CHUNK));
		if (end <= at) end = at + 2; // a lone high surrogate at the cut: take the pair
		let piece = JSON.stringify(s.slice(at, end)).slice(1, -1);
		// A continuation line loses its leading blanks when read back: escape the first one.
		if (!first && piece.startsWith(' ')) piece = `\\x20${piece.slice(1)}`;
		at = end;
		const last = at >= s.length;
		out.push(`${first ? `${head} "` : indent}${piece}${last ? '"' : '\\'}`);
		first = false;
	}
}

/** A value written after `head` ('key:' or '- '): a scalar on the same line, or a cut string with its size. */
function writeString(out: string[], head: string, s: string, indent: string, options: Required<YamlOptions>): void {
	const long = s.length > CHUNK || s.includes('\n');
	if (!long) {
		out.push(`${head} ${inlineString(s)}`);
		return;
	}
	if (!options.expand && s.length > options.maxString) {
		const shown = s.slice(0, Math.min(safeCut(s, options.maxString), lineCut(s, MAX_STRING_LINES)));
		blockString(out, head, shown, indent);
		out.push(`${indent}# … cut: ${size(s.length)} in all, the first ${shown.length} characters shown (${EXPAND_HINT})`);
		return;
	}
	blockString(out, head, s, indent);
}

type Container = Record<string, unknown> | unknown[];

interface Frame {
	entries: Array<[string | undefined, unknown]>;
	index: number;
	/** Indentation of this container's lines after the first. */
	indent: string;
	/** What the first line starts with instead of `indent` ('  - ' for a mapping inside a list). */
	lead: string;
	depth: number;
}

function isContainer(value: unknown): value is Container {
	return typeof value === 'object' && value !== null;
}

function isEmpty(value: Container): boolean {
	if (Array.isArray(value)) return value.length === 0;
	for (const _ in value) return false;
	return true;
}

function frameOf(value: Container, indent: string, lead: string, depth: number): Frame {
	const entries: Array<[string | undefined, unknown]> = Array.isArray(value) ? value.map((v) => [undefined, v]) : Object.entries(value);
	return {entries, index: 0, indent, lead, depth};
}

/**
 * The object as YAML lines. Keys stay in the server's order; each line is bounded (a long
 * string is cut, or split into pieces when expanded); the walk uses an explicit stack, so a
 * deeply nested object cannot overflow the call stack.
 */
export function objectToYamlLines(object: KubeObject, options: YamlOptions = {}): string[] {
	const settings: Required<YamlOptions> = {expand: options.expand ?? false, maxString: Math.max(1, options.maxString ?? DEFAULT_MAX_STRING)};
	const root: unknown = withoutManagedFields(object);
	const out: string[] = [];
	if (!isContainer(root) || isEmpty(root)) {
		out.push(isContainer(root) ? (Array.isArray(root) ? '[]' : '{}') : scalar(root));
		return out;
	}
	const stack: Frame[] = [frameOf(root, '', '', 0)];
	while (stack.length > 0) {
		const frame = stack[stack.length - 1]!;
		if (frame.index >= frame.entries.length) {
			stack.pop();
			continue;
		}
		const [key, value] = frame.entries[frame.index]!;
		const start = frame.index === 0 ? frame.lead : frame.indent;
		frame.index++;
		const head = key === undefined ? `${start}-` : `${start}${inlineString(key.length > CHUNK ? `${key.slice(0, safeCut(key, CHUNK))}…` : key)}:`;
		const childIndent = `${frame.indent}  `;
		if (typeof value === 'string') {
			writeString(out, head, value, childIndent, settings);
		} else if (!isContainer(value)) {
			out.push(`${head} ${scalar(value)}`);
		} else if (isEmpty(value)) {
			out.push(`${head} ${Array.isArray(value) ? '[]' : '{}'}`);
		} else if (frame.depth + 1 >= MAX_DEPTH) {
			out.push(`${head} ${Array.isArray(value) ? '[…]' : '{…}'} # nested deeper than ${MAX_DEPTH} levels: not shown`);
		} else if (key === undefined) {
			// A list item's first entry goes on the '- ' line itself.
			stack.push(frameOf(value, childIndent, `${head} `, frame.depth + 1));
		} else {
			out.push(head);
			stack.push(frameOf(value, childIndent, childIndent, frame.depth + 1));
		}
	}
	return out;
}

/** The whole document as one string, every string whole (what a file or a test wants). */
export function objectToYaml(object: KubeObject): string {
	return `${objectToYamlLines(object, {expand: true}).join('\n')}\n`;
}
