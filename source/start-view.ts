// `-c WORD` for a word no built-in pane answers to: only the server knows whether it names a kind
// (a CRD, statefulsets, a short name), so this runs once connected, before the terminal is taken.
// Decided before the UI starts when discovery answers (the pane opens first, or kubedeck exits 2
// with the close names, as for any bad flag); when discovery has not answered within a deadline,
// the UI starts on pods and says so, because the built-in panes work without discovery and a ':'
// word asks discovery again later.
import type {StartView} from './cli-options.js';
import {paneWords} from './kinds/index.js';
import {catalogWords, type CatalogEntry} from './kinds/generic-resolve.js';
import {closeWords} from './kinds/generic-suggest.js';
import {catalogOf, resolveCatalogCommand} from './ui/genericCommands.js';
import type {DiscoveredResource} from './kube/discovery-documents.js';

export type StartResolution =
	| {type: 'pane'; pane: StartView}
	/** Discovery answered and no kind has this name: a bad flag (exit 2). */
	| {type: 'refused'; message: string}
	/** Discovery has not answered: start on pods with this message. */
	| {type: 'undecided'; message: string};

/** What discovery says of the word, pure: its pane, or why not (with the words it was close to). */
export function resolveStartWord(catalog: readonly CatalogEntry[], word: string): StartResolution {
	const resolved = resolveCatalogCommand(catalog, word);
	if (resolved.type === 'pane') return {type: 'pane', pane: resolved.pane as StartView};
	if (resolved.type === 'kinds') {
		const first = resolved.lines.slice(3, 6).map((line) => line.split(/\s+/)[0]);
		return {type: 'refused', message: `-c ${word} names a category of kinds, not one view; name one kind${first.length > 0 ? ` (e.g. ${first.map((w) => `-c ${w}`).join(', ')})` : ''}, or type :${word} in kubedeck to list them`};
	}
	const candidates = [...paneWords.flatMap(({words}) => words), ...catalogWords(catalog)];
	const close = closeWords(candidates, word);
	const hint = close.length > 0 ? `did you mean ${close.join(', ')}?` : 'type : then Tab in kubedeck to list the kinds it serves';
	return {type: 'refused', message: `unknown view for -c/--command: "${word}": no built-in view and no kind the server serves has that name (${hint})`};
}

export interface DiscoverySession {
	discovered(): readonly DiscoveredResource[];
	/** Asks the server now; resolves when the answer (or the failure) is in. */
	rediscover(): Promise<void>;
}

/** How long start-up waits for discovery before starting the UI without it. */
export const START_DISCOVERY_WAIT_MS = 10_000;

/**
 * The cached discovery answers at once when it knows the word; otherwise the server is asked
 * (the kind may be a CRD created since the cache was written) and its answer decides.
 */
export async function resolveStartView(session: DiscoverySession, word: string, waitMs = START_DISCOVERY_WAIT_MS): Promise<StartResolution> {
	const cached = resolveStartWord(catalogOf(session.discovered()), word);
	if (cached.type === 'pane') return cached;
	let timer: NodeJS.Timeout | undefined;
	const answered = await Promise.race([
		session.rediscover().then(() => true),
		new Promise<false>((resolve) => {
			timer = setTimeout(() => resolve(false), waitMs);
		}),
	]).finally(() => clearTimeout(timer));
	const discovered = session.discovered();
	if (!answered || discovered.length === 0) {
		return {type: 'undecided', message: `-c ${word}: the server has not said which kinds it serves yet (discovery ${answered ? 'failed' : `took over ${Math.round(waitMs / 1000)} s`}); type :${word} once it answers`};
	}
	return resolveStartWord(catalogOf(discovered), word);
}
