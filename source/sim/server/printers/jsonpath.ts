// The JSONPath subset CRD printer columns use (client-go's jsonpath, as the apiextensions
// server evaluates `{<jsonPath>}`): fields, quoted fields, indexes (negative from the end),
// wildcards, and filters comparing a field with a literal.
type Step =
	| {op: 'field'; name: string}
	| {op: 'index'; index: number}
	| {op: 'all'}
	| {op: 'filter'; path: Step[]; compare: '==' | '!=' | '<' | '>' | '<=' | '>=' | 'exists'; literal?: unknown};

export class JsonPathError extends Error {}

const fieldChars = /^[^.[\]\s]+/;

function parseLiteral(text: string): unknown {
	const quoted = /^(['"])(.*)\1$/.exec(text);
	if (quoted) return quoted[2];
	if (text === 'true' || text === 'false') return text === 'true';
	const number = Number(text);
	if (text !== '' && !Number.isNaN(number)) return number;
	throw new JsonPathError(`unrecognized literal ${text}`);
}

function parseFilter(body: string): Step {
	const match = /^@((?:\.[^.\s=!<>]+)*)\s*(==|!=|<=|>=|<|>)?\s*(.*)$/.exec(body.trim());
	if (!match) throw new JsonPathError(`unrecognized filter ${body}`);
	const path = parseJsonPath(match[1] || '');
	if (!match[2]) return {op: 'filter', path, compare: 'exists'};
	return {op: 'filter', path, compare: match[2] as '==', literal: parseLiteral(match[3]!.trim())};
}

/** Parses `.a.b[0]['c.d'][*][?(@.type=="Ready")]`; the surrounding `{}` are optional. */
export function parseJsonPath(path: string): Step[] {
	let rest = path.trim();
	if (rest.startsWith('{') && rest.endsWith('}')) rest = rest.slice(1, -1).trim();
	const steps: Step[] = [];
	while (rest.length > 0) {
		if (rest.startsWith('.')) {
			rest = rest.slice(1);
			if (rest.startsWith('*')) {
				steps.push({op: 'all'});
				rest = rest.slice(1);
				continue;
			}
			const name = fieldChars.exec(rest)?.[0];
			if (!name) {
				if (rest === '') break; // `.` alone is the root
				throw new JsonPathError(`unexpected ${rest} in ${path}`);
			}
			steps.push({op: 'field', name});
			rest = rest.slice(name.length);
			continue;
		}
		if (rest.startsWith('[')) {
			const end = closingBracket(rest, path);
			const inner = rest.slice(1, end).trim();
			rest = rest.slice(end + 1);
			if (inner === '*') steps.push({op: 'all'});
			else if (/^-?\d+$/.test(inner)) steps.push({op: 'index', index: Number(inner)});
			else if (/^(['"]).*\1$/.test(inner)) steps.push({op: 'field', name: inner.slice(1, -1)});
			else if (inner.startsWith('?(') && inner.endsWith(')')) steps.push(parseFilter(inner.slice(2, -1)));
			else throw new JsonPathError(`unsupported subscript [${inner}] in ${path}`);
			continue;
		}
		// A leading field without its dot (`status.phase`), as kubectl accepts.
		if (steps.length === 0) {
			rest = `.${rest}`;
			continue;
		}
		throw new JsonPathError(`unexpected ${rest} in ${path}`);
	}
	return steps;
}

function closingBracket(text: string, path: string): number {
	let quote: string | undefined;
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === quote) quote = undefined;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '[' || c === '(') depth++;
		else if (c === ']' || c === ')') {
			depth--;
			if (depth === 0 && c === ']') return i;
		}
	}
	throw new JsonPathError(`unclosed [ in ${path}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

function compare(value: unknown, step: Extract<Step, {op: 'filter'}>): boolean {
	if (step.compare === 'exists') return value !== undefined;
	const literal = step.literal;
	switch (step.compare) {
		case '==': return value === literal;
		case '!=': return value !== literal;
		default: {
			if (typeof value !== 'number' || typeof literal !== 'number') return false;
			if (step.compare === '<') return value < literal;
			if (step.compare === '>') return value > literal;
			if (step.compare === '<=') return value <= literal;
			return value >= literal;
		}
	}
}

/** Every value the path reaches, in document order; missing fields reach nothing. */
export function evaluateJsonPath(steps: readonly Step[], root: unknown): unknown[] {
	let values: unknown[] = [root];
	for (const step of steps) {
		const next: unknown[] = [];
		for (const value of values) {
			switch (step.op) {
				case 'field':
					if (isRecord(value) && step.name in value) next.push(value[step.name]);
					break;
				case 'index':
					if (Array.isArray(value)) {
						const i = step.index < 0 ? value.length + step.index : step.index;
						if (i >= 0 && i < value.length) next.push(value[i]);
					}
					break;
				case 'all':
					if (Array.isArray(value)) next.push(...value);
					else if (isRecord(value)) next.push(...Object.keys(value).sort().map(k => value[k]));
					break;
				case 'filter': {
					const items = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : [];
					for (const item of items) if (compare(evaluateJsonPath(step.path, item)[0], step)) next.push(item);
					break;
				}
			}
		}
		values = next;
	}
	return values;
}
