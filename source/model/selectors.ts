// Label selectors as text: kubectl's printing form, which is also what the API accepts as ?labelSelector=.
import {arr, rec, str, strings, stringMap} from './json.js';

/**
 * A metav1.LabelSelector as 'app=web,tier in (a,b),!legacy' (requirements sorted by key, like
 * labels.Selector.String()). '' for an empty selector, which selects everything.
 */
export function labelSelectorText(selector: unknown): string {
	const s = rec(selector);
	if (!s) return '';
	const parts: Array<[string, string]> = [];
	for (const [k, v] of Object.entries(stringMap(s.matchLabels))) parts.push([k, `${k}=${v}`]);
	for (const e of arr(s.matchExpressions)) {
		const key = str(e.key);
		if (!key) continue;
		const values = [...strings(e.values)].sort();
		switch (e.operator) {
			case 'In':
				parts.push([key, `${key} in (${values.join(',')})`]);
				break;
			case 'NotIn':
				parts.push([key, `${key} notin (${values.join(',')})`]);
				break;
			case 'Exists':
				parts.push([key, key]);
				break;
			case 'DoesNotExist':
				parts.push([key, `!${key}`]);
				break;
			default:
				break;
		}
	}
	return parts
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, text]) => text)
		.join(',');
}

/** A plain selector map (Service.spec.selector) as a labelSelector query; '' when empty. */
export function mapSelectorText(selector: Record<string, string> | undefined): string {
	return Object.entries(selector ?? {})
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([k, v]) => `${k}=${v}`)
		.join(',');
}
