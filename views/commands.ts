// The ':' command language: k9s-style aliases for panes, plus context switch and quit.
// Pure, so the prompt component and its tests share one definition of what exists.

/** 'gpuholders' and 'containers' have no command word: Enter on a :gpu node or on a pod reaches them. */
export type PaneId = 'pods' | 'deployments' | 'replicasets' | 'services' | 'nodes' | 'gpu' | 'gpupending' | 'gpuholders' | 'namespaces' | 'containers';

export type Command =
	| {type: 'pane'; pane: PaneId; /** present when the command names a scope; namespace undefined = all */ scope?: {namespace: string | undefined}}
	| {type: 'contexts'}
	| {type: 'quit'};

export type ParsedCommand = {ok: true; command: Command} | {ok: false; message: string};

/** Every accepted word; the first word of each group is the one completion prefers. */
const words: ReadonlyArray<readonly [string, Command]> = [
	['pods', {type: 'pane', pane: 'pods'}],
	['pod', {type: 'pane', pane: 'pods'}],
	['po', {type: 'pane', pane: 'pods'}],
	['deployments', {type: 'pane', pane: 'deployments'}],
	['deploy', {type: 'pane', pane: 'deployments'}],
	['dp', {type: 'pane', pane: 'deployments'}],
	['replicasets', {type: 'pane', pane: 'replicasets'}],
	['rs', {type: 'pane', pane: 'replicasets'}],
	['services', {type: 'pane', pane: 'services'}],
	['service', {type: 'pane', pane: 'services'}],
	['svc', {type: 'pane', pane: 'services'}],
	['nodes', {type: 'pane', pane: 'nodes'}],
	['node', {type: 'pane', pane: 'nodes'}],
	['no', {type: 'pane', pane: 'nodes'}],
	['gpu', {type: 'pane', pane: 'gpu'}],
	['gpupending', {type: 'pane', pane: 'gpupending'}],
	['namespaces', {type: 'pane', pane: 'namespaces'}],
	['namespace', {type: 'pane', pane: 'namespaces'}],
	['ns', {type: 'pane', pane: 'namespaces'}],
	['contexts', {type: 'contexts'}],
	['context', {type: 'contexts'}],
	['ctx', {type: 'contexts'}],
	['quit', {type: 'quit'}],
	['q', {type: 'quit'}],
	['q!', {type: 'quit'}],
];

export const commandWords: readonly string[] = words.map(([word]) => word);

export const unknownCommandHint = '(try :pods, :deploy, :svc, :nodes, :gpu, :ns, :ctx)';

/**
 * ':pods' switches pane; ':pods payments' also switches namespace ('all' or '-A' = all namespaces);
 * ':ns payments' switches namespace and stays where you are.
 */
export function parseCommand(text: string): ParsedCommand {
	const [word = '', arg, ...rest] = text.trim().replace(/^:/, '').split(/\s+/);
	const lower = word.toLowerCase();
	if (lower === '') return {ok: false, message: `empty command ${unknownCommandHint}`};
	const found = words.find(([candidate]) => candidate === lower);
	if (!found) return {ok: false, message: `unknown command: ${word} ${unknownCommandHint}`};
	const command = found[1];
	if (rest.length > 0) return {ok: false, message: `too many arguments for :${word}`};
	if (arg === undefined) return {ok: true, command};
	if (command.type !== 'pane') return {ok: false, message: `:${word} takes no argument`};
	const namespace = arg === 'all' || arg === '-A' ? undefined : arg;
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
