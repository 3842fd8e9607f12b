// What `:exec` shows: the command's stdout, then its stderr, then how it ended — each line through
// the sanitiser (a container's bytes are untrusted once they are drawn inside kubedeck's screen).
import {describeExecEnd} from '../kube/channels.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import type {CommandResult} from './execSession.js';

function linesOf(text: string): string[] {
	if (text === '') return [];
	return text.replace(/\r?\n$/, '').split(/\r?\n/).map((line) => sanitizeLine(line));
}

export function commandLines(result: CommandResult): string[] {
	const out = linesOf(result.stdout);
	const err = linesOf(result.stderr);
	return [...out, ...(err.length ? ['── stderr ──', ...err] : []), '', `── ${sanitizeLine(describeExecEnd(result.end))} ──`];
}
