// The ':' command language: a pane per kind and per view over kinds, each under all its words
// (derived from the kinds registry, source/kinds), plus context switch and quit.
// Pure, so the controller's prompt (prompt.ts), the README's table and the tests share one
// definition of what exists.
import {paneKinds, paneWords, viewPanes, wordsOf, type PaneId} from '../kinds/index.js';
import {checkNamespace} from '../model/names.js';
import type {CatalogEntry} from '../kinds/generic-resolve.js';
import {discoveredWords, resolveCatalogCommand} from './genericCommands.js';
import {absentApiMessage} from './absentApis.js';
import {parseExecCommand} from './execCommand.js';

export type {PaneId} from '../kinds/index.js';

export type Command =
	| {type: 'pane'; pane: PaneId; /** present when the command names a scope; namespace undefined = all */ scope?: {namespace: string | undefined}}
	| {type: 'contexts'}
	| {type: 'quit'}
	/** A category (':all'): the kinds in it, listed (no pane opens, no watch starts). */
	| {type: 'kinds'; category: string; lines: string[]}
	/** A word no kind answers to yet: discovery is asked again, then the text is parsed once more. */
	| {type: 'rediscover'; text: string}
	| {type: 'forwards'}
	/** ':exec CMD' in the selected pod (source/ui/execCommand.ts). */
	| {type: 'exec'; argv: string[]}
	/** ':label k=v k2-' / ':annotate …' on the selected row (source/ui/labelSteps.ts). */
	| {type: 'label'; field: 'labels' | 'annotations'; text: string}
	/** ':apply FILE': server-side apply of a manifest, after a dry run and a diff (source/ui/applySteps.ts); a directory or no file: a picker. */
	| {type: 'apply'; file: string}
	/** ':history' (the selected deployment) or ':history NAME' (a deployment in the list shown): its rollout history. */
	| {type: 'history'; name: string};

export type ParsedCommand = {ok: true; command: Command} | {ok: false; message: string};

/** The commands that are not panes, with what they do for the README's table. */
const otherCommands: ReadonlyArray<{words: readonly string[]; command: Command; opens: string}> = [
	{words: ['contexts', 'context', 'ctx'], command: {type: 'contexts'}, opens: 'context picker'},
	{words: ['quit', 'q', 'q!'], command: {type: 'quit'}, opens: 'quit (so do `q` and `ctrl-c`; `ctrl-c` always quits, whatever the key map says)'},
	{words: ['pf', 'portforwards', 'portforward'], command: {type: 'forwards'}, opens: 'active port-forwards (`ctrl-d` stops the selected one)'},
	{words: ['exec'], command: {type: 'exec', argv: []}, opens: '`:exec CMD` runs CMD in the selected pod (no TTY) and pages its output'},
	{words: ['label'], command: {type: 'label', field: 'labels', text: ''}, opens: '`:label k=v k2-` sets and removes labels on the selected object (checked first, asks, audited)'},
	{words: ['annotate'], command: {type: 'label', field: 'annotations', text: ''}, opens: '`:annotate k=v k2-` the same for annotations (`k="two words"` for spaces)'},
	{words: ['history'], command: {type: 'history', name: ''}, opens: '`:history` the rollout history of the selected deployment (as `h` on its row); `:history NAME` of the deployment NAME in the list shown'},
	{words: ['apply'], command: {type: 'apply', file: ''}, opens: '`:apply FILE` server-side applies a manifest (field manager kubedeck): dry run and diff first, one question, conflicts named and forced only when asked; `:apply DIR` (or `:apply` alone) picks a file from a directory'},
];

/** Every accepted word; the first word of each group is the one completion prefers. */
const words: ReadonlyArray<readonly [string, Command]> = [
	...paneWords.flatMap(({pane, words: group}) => group.map((word) => [word, {type: 'pane', pane}] as const)),
	...otherCommands.flatMap(({words: group, command}) => group.map((word) => [word, command] as const)),
];

export const commandWords: readonly string[] = words.map(([word]) => word);

/** A sample of the words people reach for first, not the full list (Tab and the README have that); a test checks each one parses. */
export const unknownCommandHint = '(try :pods, :deploy, :svc, :nodes, :gpu, :ns, :ctx)';

/**
 * ':pods' switches pane; ':pods payments' also switches namespace ('all' or '-A' = all namespaces);
 * ':ns payments' switches namespace and stays where you are.
 */
export function parseCommand(text: string, discovered?: {catalog: readonly CatalogEntry[]; rediscover: boolean}): ParsedCommand {
	const [word = '', arg, ...rest] = text.trim().replace(/^:/, '').split(/\s+/);
	const lower = word.toLowerCase();
	if (lower === '') return {ok: false, message: `empty command ${unknownCommandHint}`};
	if (lower === 'exec') return parseExecCommand(text)!;
	if (lower === 'history') {
		if (rest.length > 0) return {ok: false, message: `too many arguments for :${word}`};
		return {ok: true, command: {type: 'history', name: arg ?? ''}};
	}
	if (lower === 'apply') return {ok: true, command: {type: 'apply', file: text.trim().replace(/^:/, '').slice(word.length).trim()}};
	if (lower === 'label' || lower === 'annotate') {
		const rest = text.trim().replace(/^:/, '').slice(word.length);
		return {ok: true, command: {type: 'label', field: lower === 'label' ? 'labels' : 'annotations', text: rest}};
	}
	const found = words.find(([candidate]) => candidate === lower);
	let command: Command;
	if (found) command = found[1];
	else {
		// Built-in words first (they keep their panes); then every kind the server serves.
		const resolved = discovered ? resolveCatalogCommand(discovered.catalog, lower) : {type: 'unknown' as const};
		if (resolved.type === 'unknown') {
			if (discovered?.rediscover) return {ok: true, command: {type: 'rediscover', text}};
			return {ok: false, message: absentApiMessage(word) ?? `unknown command: ${word} ${unknownCommandHint}`};
		}
		command = resolved;
	}
	if (rest.length > 0) return {ok: false, message: `too many arguments for :${word}`};
	if (arg === undefined) return {ok: true, command};
	if (command.type !== 'pane') return {ok: false, message: `:${word} takes no argument`};
	const namespace = arg === 'all' || arg === '-A' ? undefined : arg;
	// Checked here, before it can become part of a URL (':pods ..' used to list every namespace).
	const invalid = namespace === undefined ? undefined : checkNamespace(namespace);
	if (invalid) return {ok: false, message: `:${word}: ${invalid}`};
	return {ok: true, command: {...command, scope: {namespace}}};
}

export interface Completion {
	/** The text after completing as far as all candidates agree. */
	text: string;
	candidates: string[];
}

/** Tab completion for the first word: extends to the longest common prefix of the matches. */
export function completeCommand(text: string, catalog: readonly CatalogEntry[] = []): Completion {
	if (/\s/.test(text.trimStart())) return {text, candidates: []};
	const prefix = text.trim().toLowerCase();
	const all = catalog.length > 0 ? [...new Set([...commandWords, ...discoveredWords(catalog)])] : commandWords;
	const candidates = all.filter((word) => word.startsWith(prefix) && word !== 'q!');
	if (candidates.length === 0) return {text, candidates};
	let common = candidates[0] ?? '';
	for (const candidate of candidates) {
		while (!candidate.startsWith(common)) common = common.slice(0, -1);
	}
	const completed = candidates.length === 1 ? `${common} ` : common;
	return {text: completed.length >= prefix.length ? completed : text, candidates};
}

/** Every kind the server serves beyond the built-in ones (source/ui/genericCommands.ts), as one row: the words are the cluster's. */
const discoveredRow = {
	words: ['<kind>', '<kind>.<group>', '<category>'],
	opens:
		'any other kind the server serves, by plural, singular, short name or Kind (`:sts`, `:cj`, `:pvc`, `:ing`, `:crd`, `:pytorchjobs`): a live pane of the server\'s own table (Enter: the pods it owns, a CronJob\'s jobs, a CRD\'s objects); a category (`:all`) lists its kinds and opens none',
};

/** The README's ':' table, one row per pane or command: its words and what it opens. */
export function commandTable(): Array<{words: readonly string[]; opens: string}> {
	const kindRows = paneKinds.map((kind) => ({words: wordsOf(kind), opens: kind.enterHelp ? `${kind.plural} (Enter: ${kind.enterHelp})` : kind.plural}));
	const viewRows = viewPanes.filter((view) => view.names.length > 0).map((view) => ({words: view.names as readonly string[], opens: ('opens' in view && view.opens) || view.id}));
	return [...kindRows, ...viewRows, discoveredRow, ...otherCommands.map(({words: group, opens}) => ({words: group, opens}))];
}
