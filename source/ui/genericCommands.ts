// ':' words beyond the built-in ones: every kind discovery found (source/kinds/generic-resolve.ts
// decides what a word names). A kind opens its pane; a category (':all') lists its kinds without
// opening any (see the README's "Every kind the server serves" for why); a word nobody knows
// asks discovery once more before it is called unknown, since a CRD may have been created a
// moment ago.
import {buildCatalog, catalogWords, qualifiedWord, resolveWord, type CatalogEntry} from '../kinds/generic-resolve.js';
import {genericNameOf} from '../kinds/generic-names.js';
import {paneKinds, type PaneId} from '../kinds/index.js';
import type {DiscoveredResource} from '../kube/discovery-documents.js';

export type CatalogCommand =
	| {type: 'pane'; pane: PaneId}
	| {type: 'kinds'; category: string; lines: string[]}
	| {type: 'unknown'};

const catalogs = new WeakMap<readonly DiscoveredResource[], CatalogEntry[]>();

/** The catalog of one discovery answer (built once per answer). */
export function catalogOf(discovered: readonly DiscoveredResource[]): CatalogEntry[] {
	let catalog = catalogs.get(discovered);
	if (!catalog) {
		catalog = buildCatalog(paneKinds, discovered);
		catalogs.set(discovered, catalog);
	}
	return catalog;
}

/** The pane an entry opens: a built-in kind's own, else the generic one. */
export function paneOfEntry(entry: CatalogEntry): PaneId {
	return entry.builtIn ? (entry.builtIn.plural as PaneId) : genericNameOf(entry);
}

/** The lines ':CATEGORY' shows: each kind in it with the word that opens it. */
export function categoryLines(catalog: readonly CatalogEntry[], category: string, entries: readonly CatalogEntry[]): string[] {
	const rows = entries.map((entry) => [qualifiedWord(catalog, entry), entry.kind, entry.group || 'core'] as const);
	const width = Math.max(4, ...rows.map(([word]) => word.length));
	return [
		`:${category}: ${entries.length} kinds. Type a word to open one (none is watched until then).`,
		'',
		`${'WORD'.padEnd(width)}  KIND (GROUP)`,
		...rows.map(([word, kind, group]) => `${word.padEnd(width)}  ${kind} (${group})`),
	];
}

export function resolveCatalogCommand(catalog: readonly CatalogEntry[], word: string): CatalogCommand {
	const resolved = resolveWord(catalog, word);
	if (resolved.type === 'kind') return {type: 'pane', pane: paneOfEntry(resolved.entry)};
	if (resolved.type === 'category') return {type: 'kinds', category: resolved.category, lines: categoryLines(catalog, resolved.category, resolved.entries)};
	return {type: 'unknown'};
}

/** Discovered words for Tab, beyond the built-in ones. */
export function discoveredWords(catalog: readonly CatalogEntry[]): string[] {
	return catalogWords(catalog);
}

/** The '?' section listing the kinds discovery added: the word that opens each. */
export function discoveredHelpLines(catalog: readonly CatalogEntry[]): string[] {
	const extra = catalog.filter((entry) => !entry.builtIn);
	if (extra.length === 0) return [];
	const rows = extra.map((entry) => [[qualifiedWord(catalog, entry), ...entry.words.filter((w) => w !== entry.plural && w !== entry.kind.toLowerCase())].join(', '), entry.kind] as const);
	const width = Math.min(40, Math.max(8, ...rows.map(([words]) => words.length)));
	return ['', '[kinds the server serves (: to open)]', ...rows.map(([words, kind]) => `  ${words.padEnd(width)}  ${kind}`)];
}
