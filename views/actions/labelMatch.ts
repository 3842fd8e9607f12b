// Which pods belong to a deployment, from the live pods store: the deployment's selector text
// (as the row model prints it) matched against pod labels. Logs of a deployment follow this
// set as pods come and go, without asking the API for anything.
import type {Labels} from '../../source/model/types.js';

type Requirement =
	| {op: 'eq' | 'ne'; key: string; value: string}
	| {op: 'in' | 'notin'; key: string; values: string[]}
	| {op: 'exists' | 'absent'; key: string};

/** Splits on commas outside parentheses ('a in (x,y),b=c' → two requirements). */
function splitTerms(text: string): string[] {
	const terms: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '(') depth++;
		else if (c === ')') depth = Math.max(0, depth - 1);
		else if (c === ',' && depth === 0) {
			terms.push(text.slice(start, i));
			start = i + 1;
		}
	}
	terms.push(text.slice(start));
	return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function parseTerm(term: string): Requirement | undefined {
	let m = /^(\S+?)\s*(==|=|!=)\s*(\S*)$/.exec(term);
	if (m) return {op: m[2] === '!=' ? 'ne' : 'eq', key: m[1]!, value: m[3]!};
	m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
	if (m) return {op: m[2] as 'in' | 'notin', key: m[1]!, values: m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '')};
	m = /^!\s*(\S+)$/.exec(term);
	if (m) return {op: 'absent', key: m[1]!};
	if (/^\S+$/.test(term)) return {op: 'exists', key: term};
	return undefined;
}

/**
 * A predicate for a label selector in text form. An empty or unparsable selector matches
 * nothing: following every pod of a namespace by mistake would flood the log view.
 */
export function labelMatcher(selector: string | undefined): (labels: Labels | undefined) => boolean {
	const terms = splitTerms(selector ?? '');
	const requirements = terms.map(parseTerm);
	if (requirements.length === 0 || requirements.some((r) => r === undefined)) return () => false;
	const reqs = requirements as Requirement[];
	return (labels) => {
		const l = labels ?? {};
		return reqs.every((r) => {
			const has = Object.prototype.hasOwnProperty.call(l, r.key);
			switch (r.op) {
				case 'eq':
					return has && l[r.key] === r.value;
				case 'ne':
					return !has || l[r.key] !== r.value;
				case 'in':
					return has && r.values.includes(l[r.key]!);
				case 'notin':
					return !has || !r.values.includes(l[r.key]!);
				case 'exists':
					return has;
				case 'absent':
					return !has;
			}
		});
	};
}
