// Label and field selectors as the API server parses them; parse errors are 400s.
import type {KubeObject} from '../../model/types.js';
import type {ResourceKey} from '../contracts.js';
import {badRequest} from './status.js';

/** What a matcher reads: labels without parsing, the object only for field selectors. */
export interface Selectable {
	readonly labels: Readonly<Record<string, string>> | undefined;
	readonly object: KubeObject;
}

export type Matcher = (record: Selectable) => boolean;

type Requirement =
	| {op: 'exists' | 'notexists'; key: string}
	| {op: 'eq' | 'ne'; key: string; value: string}
	| {op: 'in' | 'notin'; key: string; values: string[]};

const keyPattern = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const valuePattern = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string, source: string): string {
	if (!keyPattern.test(key)) throw badRequest(`unable to parse requirement: invalid label key "${key}" in selector "${source}"`);
	return key;
}

function checkValue(value: string, source: string): string {
	if (value.length > 63 || !valuePattern.test(value)) throw badRequest(`unable to parse requirement: invalid label value "${value}" in selector "${source}"`);
	return value;
}

/** Splits on commas outside parentheses. */
function splitTerms(selector: string): string[] {
	const terms: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < selector.length; i++) {
		const c = selector[i];
		if (c === '(') depth++;
		else if (c === ')') depth--;
		else if (c === ',' && depth === 0) {
			terms.push(selector.slice(start, i));
			start = i + 1;
		}
	}
	terms.push(selector.slice(start));
	return terms.map(t => t.trim());
}

export function parseLabelSelector(selector: string): Requirement[] {
	if (selector.trim() === '') return [];
	return splitTerms(selector).map(term => {
		if (term === '') throw badRequest(`unable to parse requirement: found '', expected: identifier in selector "${selector}"`);
		const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
		if (set) {
			const values = set[3]!.split(',').map(v => checkValue(v.trim(), selector));
			return {op: set[2] as 'in' | 'notin', key: checkKey(set[1]!, selector), values};
		}
		if (term.startsWith('!')) return {op: 'notexists', key: checkKey(term.slice(1).trim(), selector)};
		const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
		if (cmp) {
			const op = cmp[2] === '!=' ? 'ne' : 'eq';
			return {op, key: checkKey(cmp[1]!, selector), value: checkValue(cmp[3]!, selector)};
		}
		if (/^\S+$/.test(term)) return {op: 'exists', key: checkKey(term, selector)};
		throw badRequest(`unable to parse requirement: invalid selector term "${term}" in selector "${selector}"`);
	});
}

export function labelsMatch(requirements: readonly Requirement[], labels: Readonly<Record<string, string>> | undefined): boolean {
	for (const r of requirements) {
		const has = labels !== undefined && Object.hasOwn(labels, r.key);
		const value = has ? labels![r.key] : undefined;
		switch (r.op) {
			case 'exists': if (!has) return false; break;
			case 'notexists': if (has) return false; break;
			case 'eq': if (value !== r.value) return false; break;
			case 'ne': if (value === r.value) return false; break;
			case 'in': if (!has || !r.values.includes(value!)) return false; break;
			case 'notin': if (has && r.values.includes(value!)) return false; break;
		}
	}
	return true;
}

type FieldGetter = (object: KubeObject) => unknown;

function path(...keys: string[]): FieldGetter {
	return object => {
		let cursor: unknown = object;
		for (const key of keys) {
			if (cursor === null || typeof cursor !== 'object') return undefined;
			cursor = (cursor as Record<string, unknown>)[key];
		}
		return cursor;
	};
}

const common: Record<string, FieldGetter> = {
	'metadata.name': path('metadata', 'name'),
	'metadata.namespace': path('metadata', 'namespace'),
};

const fieldsByResource: Record<ResourceKey, Record<string, FieldGetter>> = {
	pods: {
		'spec.nodeName': path('spec', 'nodeName'),
		'spec.restartPolicy': path('spec', 'restartPolicy'),
		'spec.schedulerName': path('spec', 'schedulerName'),
		'spec.serviceAccountName': path('spec', 'serviceAccountName'),
		'spec.hostNetwork': o => Boolean(path('spec', 'hostNetwork')(o)),
		'status.phase': path('status', 'phase'),
		'status.podIP': path('status', 'podIP'),
		'status.nominatedNodeName': path('status', 'nominatedNodeName'),
	},
	events: {
		'involvedObject.kind': path('involvedObject', 'kind'),
		'involvedObject.namespace': path('involvedObject', 'namespace'),
		'involvedObject.name': path('involvedObject', 'name'),
		'involvedObject.uid': path('involvedObject', 'uid'),
		'involvedObject.apiVersion': path('involvedObject', 'apiVersion'),
		'involvedObject.resourceVersion': path('involvedObject', 'resourceVersion'),
		'involvedObject.fieldPath': path('involvedObject', 'fieldPath'),
		reason: path('reason'),
		reportingComponent: path('reportingComponent'),
		source: path('source', 'component'),
		type: path('type'),
	},
	nodes: {'spec.unschedulable': o => Boolean(path('spec', 'unschedulable')(o))},
	namespaces: {'status.phase': path('status', 'phase')},
	'replicasets.apps': {'status.replicas': path('status', 'replicas')},
};

function fieldText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return String(value);
}

export function parseFieldSelector(resource: ResourceKey, selector: string): ((object: KubeObject) => boolean) | undefined {
	if (selector.trim() === '') return undefined;
	const known = {...common, ...fieldsByResource[resource]};
	const terms = selector.split(',').map(term => {
		const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
		if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
		const getter = known[m[1]!];
		if (!getter) throw badRequest(`field label not supported: ${m[1]}`);
		return {getter, negate: m[2] === '!=', value: m[3]!};
	});
	return object => terms.every(t => (fieldText(t.getter(object)) === t.value) !== t.negate);
}

/** One matcher for both selectors (undefined = everything matches). */
export function compileSelectors(resource: ResourceKey, labelSelector: string | null, fieldSelector: string | null): Matcher | undefined {
	const labels = labelSelector ? parseLabelSelector(labelSelector) : [];
	const fields = fieldSelector ? parseFieldSelector(resource, fieldSelector) : undefined;
	if (labels.length === 0 && !fields) return undefined;
	return record => (labels.length === 0 || labelsMatch(labels, record.labels)) && (!fields || fields(record.object));
}
