// Pure validation of command-line flags into start-up options, so bad input gets a clear
// message (and exit code 2) before anything touches a terminal or a cluster.
import {paneWords, type CommandPaneId} from './kinds/index.js';
import {checkNamespace} from './model/names.js';

/** The pane to open first: any pane a ':' word opens (every kind with a pane, :gpu, :gpupending). */
export type StartView = CommandPaneId;

/** -c takes the same words as ':' for panes (source/kinds derives both). */
const viewAliases = new Map<string, StartView>(paneWords.flatMap(({pane, words}) => words.map((word) => [word, pane] as const)));

/** For --help and the error message: each pane's first word. */
export const startViewChoices: readonly string[] = paneWords.map(({words}) => words[0]!);

export interface RawFlags {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	allNamespaces?: boolean;
	readonly?: boolean;
	demo?: boolean;
	keymap?: string;
	command?: string;
	/** Start on :problems (same as -c problems). */
	triage?: boolean;
}

export interface StartOptions {
	kubeconfig?: string;
	context?: string;
	/** undefined means: the context's default namespace (or all, with allNamespaces). */
	namespace?: string;
	allNamespaces: boolean;
	readonly: boolean;
	demo: boolean;
	keymap?: string;
	view: StartView;
	/**
	 * -c with a word no built-in pane answers to: it may name a kind the server serves (a CRD,
	 * statefulsets…), which only discovery can tell, so run-app resolves it once connected
	 * (source/start-view.ts); `view` stays 'pods' until then.
	 */
	startWord?: string;
}

/** What a kind's name can look like (kubectl's words: DNS labels, and 'plural.group'); anything else is refused at once. */
const kindWordPattern = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

export function parseStartOptions(flags: RawFlags, extraArgs: readonly string[]): {ok: true; options: StartOptions} | {ok: false; message: string} {
	if (extraArgs.length > 0) {
		return {ok: false, message: `unexpected argument: ${extraArgs[0]} (kubedeck takes flags only; see kubedeck --help)`};
	}
	let view: StartView = 'pods';
	let startWord: string | undefined;
	if (flags.command !== undefined) {
		const wanted = flags.command.replace(/^:/, '').trim().toLowerCase();
		const found = viewAliases.get(wanted);
		if (found) view = found;
		else if (kindWordPattern.test(wanted)) startWord = wanted;
		else {
			return {ok: false, message: `unknown view for -c/--command: "${flags.command}" (one of: ${startViewChoices.join(', ')}, another word for one of them, or a kind the server serves)`};
		}
	}
	if (flags.triage) {
		if (flags.command !== undefined && view !== 'problems') {
			return {ok: false, message: `--triage opens :problems; it cannot be combined with -c ${flags.command}`};
		}
		view = 'problems';
	}
	const badNamespace = flags.namespace === undefined ? undefined : checkNamespace(flags.namespace);
	if (badNamespace) return {ok: false, message: `-n/--namespace: ${badNamespace}`};
	if (flags.demo && flags.kubeconfig) {
		return {ok: false, message: '--demo starts its own simulated cluster; it cannot be combined with --kubeconfig'};
	}
	if (flags.demo && flags.context) {
		return {ok: false, message: '--demo starts its own simulated cluster; it cannot be combined with --context'};
	}
	for (const [name, value] of [['--kubeconfig', flags.kubeconfig], ['--context', flags.context], ['--keymap', flags.keymap]] as const) {
		if (value !== undefined && value.trim() === '') {
			return {ok: false, message: `${name} needs a value`};
		}
	}
	return {
		ok: true,
		options: {
			kubeconfig: flags.kubeconfig,
			context: flags.context,
			namespace: flags.allNamespaces ? undefined : flags.namespace,
			allNamespaces: Boolean(flags.allNamespaces),
			readonly: Boolean(flags.readonly),
			demo: Boolean(flags.demo),
			keymap: flags.keymap,
			view,
			...(startWord ? {startWord} : {}),
		},
	};
}
