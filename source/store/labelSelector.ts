// Label selectors, in two uses. Typed in the filter prompt ('/-l app=web,tier!=db') they are
// sent to the API server (which filters the watch), so there we only validate and normalise: a
// typo is reported in the prompt at once instead of as a 400 on the watch. Compiled into a
// predicate they pick rows out of a live store without asking the API (a deployment's pods for
// its log view). Both read the text through the one parser below.
import type {Labels} from '../model/types.js';
import {checkLabelKey as checkKey, checkLabelValue as checkValue} from '../model/names.js';
import {filterError} from './selectors.js';

export type LabelSelectorResult = {ok: true; selector: string} | {ok: false; error: string};

/** One parsed requirement of a selector ('app=web', 'env in (a,b)', '!canary'). */
export type LabelRequirement =
	| {op: '=' | '==' | '!='; key: string; value: string}
	| {op: 'in' | 'notin'; key: string; values: string[]}
	| {op: 'exists' | '!'; key: string};

/** Splits on commas that are not inside a set '( … )'. */
function splitRequirements(text: string): string[] | undefined {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const ch of text) {
		if (ch === '(') depth++;
		if (ch === ')') depth--;
		if (depth < 0 || depth > 1) return undefined;
		if (ch === ',' && depth === 0) {
			parts.push(current);
			current = '';
		} else current += ch;
	}
	if (depth !== 0) return undefined;
	parts.push(current);
	return parts;
}

function parseRequirement(raw: string): {ok: true; requirement: LabelRequirement} | {ok: false; error: string} {
	const text = raw.trim();
	if (text === '') return {ok: false, error: 'empty requirement (two commas in a row, or a trailing comma)'};

	const set = /^(\S+?)\s+(in|notin)\s*\((.*)\)$/.exec(text);
	if (set) {
		const [, key, op, list] = set as unknown as [string, string, 'in' | 'notin', string];
		const keyError = checkKey(key);
		if (keyError) return {ok: false, error: keyError};
		const values = list.split(',').map((v) => v.trim());
		if (values.length === 1 && values[0] === '') return {ok: false, error: `"${key} ${op} ()" needs at least one value`};
		for (const value of values) {
			const valueError = checkValue(value);
			if (valueError) return {ok: false, error: valueError};
		}
		return {ok: true, requirement: {op, key, values}};
	}

	const binary = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(text);
	if (binary) {
		const [, key, op, rawValue] = binary as unknown as [string, string, '=' | '==' | '!=', string];
		const keyError = checkKey(key);
		if (keyError) return {ok: false, error: keyError};
		const value = rawValue.trim();
		const valueError = checkValue(value);
		if (valueError) return {ok: false, error: valueError};
		return {ok: true, requirement: {op, key, value}};
	}

	const exists = /^(!?)\s*([^=!\s()]+)$/.exec(text);
	if (exists) {
		const [, not, key] = exists as unknown as [string, string, string];
		const keyError = checkKey(key);
		if (keyError) return {ok: false, error: keyError};
		return {ok: true, requirement: {op: not ? '!' : 'exists', key}};
	}
	return {ok: false, error: `cannot read "${text}": use key=value, key!=value, key in (a,b), key notin (a,b), key or !key`};
}

/** Parses and validates every requirement; the error names the first that fails. */
function parseLabelRequirements(input: string): {ok: true; requirements: LabelRequirement[]} | {ok: false; error: string} {
	const text = input.trim();
	if (text === '') return {ok: false, error: 'label selector is empty: try -l app=web'};
	const parts = splitRequirements(text);
	if (!parts) return {ok: false, error: `unbalanced parentheses in "${text}"`};
	const requirements: LabelRequirement[] = [];
	for (const part of parts) {
		const result = parseRequirement(part);
		if (!result.ok) return {ok: false, error: `bad label selector: ${result.error}`};
		requirements.push(result.requirement);
	}
	return {ok: true, requirements};
}

/** The canonical text of one requirement: no spaces around operators, one before a set. */
function requirementText(r: LabelRequirement): string {
	switch (r.op) {
		case 'in':
		case 'notin':
			return `${r.key} ${r.op} (${r.values.join(',')})`;
		case 'exists':
			return r.key;
		case '!':
			return `!${r.key}`;
		default:
			return `${r.key}${r.op}${r.value}`;
	}
}

/** Validates a label selector and returns it normalised (spaces removed around operators). */
export function parseLabelSelector(input: string): LabelSelectorResult {
	const parsed = parseLabelRequirements(input);
	return parsed.ok ? {ok: true, selector: parsed.requirements.map(requirementText).join(',')} : parsed;
}

function satisfies(r: LabelRequirement, labels: Labels): boolean {
	const has = Object.prototype.hasOwnProperty.call(labels, r.key);
	switch (r.op) {
		case '=':
		case '==':
			return has && labels[r.key] === r.value;
		case '!=':
			return !has || labels[r.key] !== r.value;
		case 'in':
			return has && r.values.includes(labels[r.key]!);
		case 'notin':
			return !has || !r.values.includes(labels[r.key]!);
		case 'exists':
			return has;
		case '!':
			return !has;
	}
}

/**
 * A predicate for a selector in text form (as the row models print it). Unlike the API, an
 * empty or unparsable selector matches nothing: a caller picking "this deployment's pods" out
 * of a store must not get every pod of the namespace from a missing selector.
 */
export function compileLabelSelector(text: string | undefined): (labels: Labels | undefined) => boolean {
	const parsed = parseLabelRequirements(text ?? '');
	if (!parsed.ok) return () => false;
	const {requirements} = parsed;
	return (labels) => {
		const l = labels ?? {};
		return requirements.every((r) => satisfies(r, l));
	};
}

export type FilterInput =
	| {kind: 'none'}
	| {kind: 'text'; filter: string}
	| {kind: 'labels'; selector: string}
	| {kind: 'invalid'; error: string};

/** What the '/' prompt's text means: nothing, a text filter, or a '-l' label selector; a regex that cannot compile is invalid. */
export function parseFilterInput(input: string): FilterInput {
	const text = input.trim();
	if (text === '') return {kind: 'none'};
	const labels = /^-l(?:\s+(.*)|$)/.exec(text);
	if (labels) {
		const result = parseLabelSelector(labels[1] ?? '');
		return result.ok ? {kind: 'labels', selector: result.selector} : {kind: 'invalid', error: result.error};
	}
	const error = filterError(text);
	return error === undefined ? {kind: 'text', filter: text} : {kind: 'invalid', error};
}
