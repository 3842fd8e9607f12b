// What a ':' word names among every kind the server serves, pure. The words are kubectl's:
// plural, singular, short names, the Kind itself, 'plural.group' (or 'singular.group',
// 'short.group') to pick one of two kinds with the same name, and categories ('all').
// Built-in kinds (source/kinds) bring their own extra words (k9s's 'dp') and win for their
// resources, so ':deploy' keeps its own pane and model.
import type {DiscoveredResource} from '../kube/discovery-documents.js';
import {canWatch} from '../kube/discovery-documents.js';
import type {AnyKind} from './kind.js';

/** One kind ':' can open: a built-in one, or one the server told us about (shown through server-side Tables). */
export interface CatalogEntry {
	group: string;
	plural: string;
	kind: string;
	/** Every word that names it on its own (plural first), lower case. */
	words: readonly string[];
	categories: readonly string[];
	builtIn?: AnyKind;
	discovered?: DiscoveredResource;
}

export type Resolution =
	| {type: 'kind'; entry: CatalogEntry; /** other kinds the same word names; 'plural.group' opens them */ others: CatalogEntry[]}
	| {type: 'category'; category: string; entries: CatalogEntry[]}
	| {type: 'unknown'};

function lower(words: readonly string[]): string[] {
	return [...new Set(words.map((w) => w.toLowerCase()))];
}

/** Built-ins first (in registry order), then every discovered kind with list and watch that no built-in covers. */
export function buildCatalog(builtIns: readonly AnyKind[], discovered: readonly DiscoveredResource[]): CatalogEntry[] {
	const entries: CatalogEntry[] = [];
	const covered = new Set<string>();
	for (const kind of builtIns) {
		const served = discovered.find((d) => d.group === kind.group && d.plural === kind.plural);
		covered.add(`${kind.group}/${kind.plural}`);
		entries.push({
			group: kind.group,
			plural: kind.plural,
			kind: kind.kind,
			words: lower([kind.plural, ...kind.names, ...(served ? [served.singular, ...served.shortNames] : []), kind.kind]),
			categories: served?.categories ?? [],
			builtIn: kind,
			...(served ? {discovered: served} : {}),
		});
	}
	for (const resource of discovered) {
		if (!canWatch(resource) || covered.has(`${resource.group}/${resource.plural}`)) continue;
		covered.add(`${resource.group}/${resource.plural}`);
		entries.push({
			group: resource.group,
			plural: resource.plural,
			kind: resource.kind,
			words: lower([resource.plural, resource.singular, ...resource.shortNames, resource.kind]),
			categories: resource.categories,
			discovered: resource,
		});
	}
	return entries;
}

/**
 * Which of several kinds a bare word means, as kubectl decides it: a built-in kind, then the
 * core group, then Kubernetes' own groups (*.k8s.io and the unsuffixed ones: apps, batch…),
 * then the rest by group name.
 */
function preference(entry: CatalogEntry): [number, string] {
	if (entry.builtIn) return [0, entry.group];
	if (entry.group === '') return [1, ''];
	if (!entry.group.includes('.') || entry.group.endsWith('.k8s.io')) return [2, entry.group];
	return [3, entry.group];
}

function byPreference(a: CatalogEntry, b: CatalogEntry): number {
	const [pa, ga] = preference(a);
	const [pb, gb] = preference(b);
	return pa - pb || ga.localeCompare(gb);
}

export function resolveWord(catalog: readonly CatalogEntry[], text: string): Resolution {
	const word = text.trim().toLowerCase();
	if (word === '') return {type: 'unknown'};
	let matches = catalog.filter((entry) => entry.words.includes(word));
	const dot = word.indexOf('.');
	if (matches.length === 0 && dot > 0) {
		const name = word.slice(0, dot);
		const group = word.slice(dot + 1);
		matches = catalog.filter((entry) => entry.group === group && entry.words.includes(name));
	}
	if (matches.length > 0) {
		const [entry, ...others] = [...matches].sort(byPreference);
		return {type: 'kind', entry: entry!, others};
	}
	const inCategory = catalog.filter((entry) => entry.categories.includes(word));
	if (inCategory.length > 0) return {type: 'category', category: word, entries: inCategory};
	return {type: 'unknown'};
}

/** The word that opens exactly this entry: its plural when that is unambiguous, else 'plural.group'. */
export function qualifiedWord(catalog: readonly CatalogEntry[], entry: CatalogEntry): string {
	const resolved = resolveWord(catalog, entry.plural);
	return resolved.type === 'kind' && resolved.entry === entry ? entry.plural : `${entry.plural}.${entry.group}`;
}

/** Every word Tab may offer, each once: each kind's words, 'plural.group' for kinds in a group, and the categories. */
export function catalogWords(catalog: readonly CatalogEntry[]): string[] {
	const words = new Set<string>();
	for (const entry of catalog) {
		for (const word of entry.words) words.add(word);
		if (entry.group) words.add(`${entry.plural}.${entry.group}`);
	}
	for (const entry of catalog) for (const category of entry.categories) words.add(category);
	return [...words];
}
