// `:exec CMD`: runs a command in the selected pod's container without a TTY and shows what it
// printed in a scrollable pager (stdout, then stderr, then the exit status). The words are split
// as a shell would for simple cases ('…' and "…" quotes), so `:exec sh -c 'ls /; env'` works.
import type {Command} from './commands.js';
import type {Env, Step} from './messages.js';
import type {PodRow} from '../model/pods.js';
import type {UiState} from './state.js';
import {rowActionBlocked} from './flowSteps.js';
import {request, sayStep} from './viewSteps.js';
import {push} from './state.js';
import {splitWords} from '../model/words.js';

export {splitWords};

/** ':exec …' → the command, or why not; undefined for any other command word. */
export function parseExecCommand(text: string): {ok: true; command: Command} | {ok: false; message: string} | undefined {
	const match = /^:?\s*exec(?:\s+([\s\S]*))?$/i.exec(text.trim());
	if (!match) return undefined;
	const argv = splitWords(match[1] ?? '');
	if (!argv) return {ok: false, message: ':exec: a quote is left open'};
	if (argv.length === 0) return {ok: false, message: ':exec needs a command, e.g. :exec ls /'};
	return {ok: true, command: {type: 'exec', argv}};
}

export function execCommandStep(state: UiState, env: Env, argv: readonly string[]): Step {
	const closed: UiState = {...state, overlay: undefined};
	const found = rowActionBlocked(closed, env, 'pod.shell');
	if ('reason' in found) return sayStep(closed, found.reason === 'nothing selected' ? ':exec runs in the selected pod: select one first' : found.reason, 'error');
	const container = (found.row as Partial<PodRow>).defaultContainer;
	if (!container) return sayStep(closed, `pod ${found.row.name} has no container to run a command in`, 'error');
	const namespace = found.row.namespace ?? '';
	const [req, next] = request(closed);
	const title = `exec ${namespace}/${found.row.name} (${container}): ${argv.join(' ')}`;
	return {
		state: push(next, {type: 'pager', context: 'output', title, lines: ['running…'], offset: 0, requestId: req}),
		effects: [{type: 'execCommand', req, target: {namespace, pod: found.row.name, container}, command: [...argv]}],
	};
}

