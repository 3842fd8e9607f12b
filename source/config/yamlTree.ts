// A YAML document as a small tree that remembers where each node starts, so validation
// errors can say "FILE:LINE: reason". js-yaml's load() returns plain values without
// positions; its event stream has offsets, which is all we need.
import {EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, YAMLException} from 'js-yaml';
import type {Event} from 'js-yaml';

export type YamlNode =
	| {kind: 'scalar'; value: string; plain: boolean; line: number}
	| {kind: 'sequence'; items: YamlNode[]; line: number}
	| {kind: 'mapping'; entries: Array<{key: string; keyLine: number; value: YamlNode}>; line: number};

export class YamlTreeError extends Error {
	constructor(
		readonly line: number,
		readonly reason: string,
	) {
		super(`line ${line}: ${reason}`);
	}
}

/** 1-based line of an offset; lineStarts is sorted, so a binary search keeps big files linear-ish. */
function lineLookup(source: string): (offset: number) => number {
	const starts = [0];
	for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
	return (offset: number) => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid]! <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	};
}

/**
 * Parses one YAML document into a positioned tree; undefined for an empty document.
 * Throws YamlTreeError (syntax errors carry js-yaml's line; aliases and duplicate keys are refused).
 */
export function parseYamlTree(source: string): YamlNode | undefined {
	let events: Event[];
	try {
		events = parseEvents(source, {});
	} catch (error) {
		if (error instanceof YAMLException) throw new YamlTreeError(error.mark ? error.mark.line + 1 : 1, `YAML error: ${error.reason}`);
		throw error;
	}
	const lineOf = lineLookup(source);
	let index = 0;
	let lastLine = 1;
	const next = (): Event | undefined => events[index++];

	/** A container being filled: a sequence's items, or a mapping's entries with the key waiting for its value. */
	type Open =
		| {kind: 'sequence'; node: Extract<YamlNode, {kind: 'sequence'}>}
		| {kind: 'mapping'; node: Extract<YamlNode, {kind: 'mapping'}>; seen: Map<string, number>; key?: {value: string; line: number}};

	// One event at a time with an explicit stack of open containers: a document nested
	// thousands deep cannot overflow the call stack.
	const readNode = (firstEvent: Event): YamlNode => {
		const stack: Open[] = [];
		let event: Event | undefined = firstEvent;
		for (;;) {
			if (!event) throw new YamlTreeError(lastLine, 'unexpected end of document');
			let done: YamlNode | undefined;
			switch (event.type) {
				case EVENT_ID.SCALAR: {
					const line = event.valueStart >= 0 ? lineOf(event.valueStart) : lastLine;
					lastLine = line;
					done = {kind: 'scalar', value: event.valueStart >= 0 ? getScalarValue(source, event) : '', plain: event.style === SCALAR_STYLE.PLAIN, line};
					break;
				}
				case EVENT_ID.SEQUENCE: {
					const line = lineOf(event.start);
					lastLine = line;
					stack.push({kind: 'sequence', node: {kind: 'sequence', items: [], line}});
					break;
				}
				case EVENT_ID.MAPPING: {
					const line = lineOf(event.start);
					lastLine = line;
					stack.push({kind: 'mapping', node: {kind: 'mapping', entries: [], line}, seen: new Map()});
					break;
				}
				case EVENT_ID.POP: {
					const closed = stack.pop();
					if (!closed) throw new YamlTreeError(lastLine, 'unexpected YAML structure');
					if (closed.kind === 'mapping' && closed.key) throw new YamlTreeError(closed.key.line, 'unexpected end of document');
					done = closed.node;
					break;
				}
				case EVENT_ID.ALIAS:
					throw new YamlTreeError(event.anchorStart >= 0 ? lineOf(event.anchorStart) : lastLine, 'aliases (*name) are not supported here; write the value out');
				default:
					throw new YamlTreeError(lastLine, 'unexpected YAML structure');
			}
			// A finished node goes into the container it sits in, or is the result.
			while (done) {
				const parent = stack[stack.length - 1];
				if (!parent) return done;
				if (parent.kind === 'sequence') {
					parent.node.items.push(done);
				} else if (!parent.key) {
					if (done.kind !== 'scalar') throw new YamlTreeError(done.line, 'mapping keys must be plain text');
					parent.key = {value: done.value, line: done.line};
				} else {
					const key = parent.key;
					const previous = parent.seen.get(key.value);
					if (previous !== undefined) throw new YamlTreeError(key.line, `"${key.value}" appears twice in the same mapping (first on line ${previous})`);
					parent.seen.set(key.value, key.line);
					parent.node.entries.push({key: key.value, keyLine: key.line, value: done});
					parent.key = undefined;
				}
				done = undefined;
			}
			event = next();
		}
	};

	const first = next();
	if (!first || first.type !== EVENT_ID.DOCUMENT) return undefined;
	const content = next();
	if (!content || content.type === EVENT_ID.POP) return undefined;
	const root = readNode(content);
	// A second document would be silently ignored by load(); refuse it so a pasted file is noticed.
	next(); // POP of the document
	if (index < events.length) throw new YamlTreeError(lastLine, 'only one YAML document is allowed (found a second "---")');
	return root;
}

/** A plain empty value, ~ or null: what a user writes to mean "nothing". */
export function isNullScalar(node: YamlNode): boolean {
	return node.kind === 'scalar' && node.plain && (node.value === '' || node.value === '~' || node.value === 'null');
}
