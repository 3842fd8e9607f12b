// The ':' command language: a pane per kind and per view over kinds, each under all its words
// (derived from the kinds registry, source/kinds), plus context switch and quit.
// Pure, so the controller's prompt (prompt.ts), the README's table and the tests share one
// definition of what exists.
import {paneKinds, paneWords, viewPanes, wordsOf, type PaneId} from '../kinds/index.js';
import {checkNamespace} from '../model/names.js';
import {parseExecCommand} from './execCommand.js';

export type {PaneId} from '../kinds/index.js';

export type Command =
	| {type: 'pane'; pane: PaneId; /** present when the command names a scope; namespace undefined = all */ scope?: {namespace: string | undefined}}
	| {type: 'contexts'}
	| {type: 'quit'}
	/** ':exec CMD' in the selected pod (source/ui/execCommand.ts). */
	| {type: 'exec'; argv: string[]};

export type ParsedCommand = {ok: true; command: Command} | {ok: false; message: string};

/** The commands that are not panes, with what they do for the README's table. */
const otherCommands: ReadonlyArray<{words: readonly string[]; command: Command; opens: string}> = [
	{words: ['contexts', 'context', 'ctx'], command: {type: 'contexts'}, opens: 'context picker'},
	{words: ['quit', 'q', 'q!'], command: {type: 'quit'}, opens: 'quit (so do `q` and `ctrl-c`; `ctrl-c` always quits, whatever the key map says)'},
	{words: ['exec'], command: {type: 'exec', argv: []}, opens: '`:exec CMD` runs CMD in the selected pod (no TTY) and pages its output'},
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
export function parseCommand(text: string): ParsedCommand {
	const [word = '', arg, ...rest] = text.trim().replace(/^:/, '').split(/\s+/);
	const lower = word.toLowerCase();
	if (lower === '') return {ok: false, message: `empty command ${unknownCommandHint}`};
	if (lower === 'exec') return parseExecCommand(text)!;
	const found = words.find(([candidate]) => candidate === lower);
	if (!found) return {ok: false, message: `unknown command: ${word} ${unknownCommandHint}`};
	const command = found[1];
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
export function completeCommand(text: string): Completion {
	if (/\s/.test(text.trimStart())) return {text, candidates: []};
	const prefix = text.trim().toLowerCase();
	const candidates = commandWords.filter((word) => word.startsWith(prefix) && word !== 'q!');
	if (candidates.length === 0) return {text, candidates};
	let common = candidates[0] ?? '';
	for (const candidate of candidates) {
		while (!candidate.startsWith(common)) common = common.slice(0, -1);
	}
	const completed = candidates.length === 1 ? `${common} ` : common;
	return {text: completed.length >= prefix.length ? completed : text, candidates};
}

/** The README's ':' table, one row per pane or command: its words and what it opens. */
export function commandTable(): Array<{words: readonly string[]; opens: string}> {
	const kindRows = paneKinds.map((kind) => ({words: wordsOf(kind), opens: kind.enterHelp ? `${kind.plural} (Enter: ${kind.enterHelp})` : kind.plural}));
	const viewRows = viewPanes.filter((view) => view.names.length > 0).map((view) => ({words: view.names as readonly string[], opens: ('opens' in view && view.opens) || view.id}));
	return [...kindRows, ...viewRows, ...otherCommands.map(({words: group, opens}) => ({words: group, opens}))];
}
