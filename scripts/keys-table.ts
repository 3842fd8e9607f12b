// Prints the key bindings as Markdown tables, one per key map context, for the README.
// It reads the same Keymap the app dispatches with (loadKeymap + bindingsFor), so the README
// can be regenerated whenever keymaps/default.yaml changes instead of being edited by hand.
//
//   node --import tsx scripts/keys-table.ts                 # the shipped defaults
//   node --import tsx scripts/keys-table.ts my-keymap.yaml  # defaults plus your overrides
import {bindingsFor, KeymapError, loadKeymap} from '../source/config/keymap.js';
import {pathToFileURL} from 'node:url';
import {CONTEXTS} from '../source/config/vocabulary.js';
import {paneKinds, viewPanes} from '../source/kinds/index.js';

/** Where each screen context is used, in the words an operator would look for. */
const screenHeadings: Record<string, string> = {
	global: 'Everywhere (global)',
	table: 'Every resource table (table)',
	contexts: 'Context picker, `:ctx` (contexts)',
	logs: 'Log view (logs)',
	describe: 'Describe (describe)',
	yaml: 'YAML (yaml)',
	help: 'Help (help)',
	prompt: 'Prompts: `:` command, `/` filter, scale, drain, log search (prompt)',
	confirm: 'Questions: delete, kill, restart, cordon, risky scales (confirm)',
	output: 'Command output, `:exec CMD` (output)',
};

/** Pane contexts are named after their kind ('Pods (pods)') or by their view's heading. */
const headings: Record<string, string> = {
	...screenHeadings,
	...Object.fromEntries(paneKinds.map((kind) => [kind.plural, `${kind.kind}s (${kind.plural})`])),
	...Object.fromEntries(viewPanes.flatMap((view) => ('heading' in view ? [[view.id, view.heading]] : []))),
};

/** Key names as written in a key map file: 'N' is stored canonically but written shift-n. */
function keyName(name: string): string {
	return name.length === 1 && /[A-Z]/.test(name) ? `shift-${name.toLowerCase()}` : name;
}

function cell(text: string): string {
	return text.replace(/\|/g, '\\|');
}

function code(text: string): string {
	// A backtick inside inline code needs a longer fence; '|' must be escaped even there.
	const fence = text.includes('`') ? '`` ' : '`';
	const close = text.includes('`') ? ' ``' : '`';
	return `${fence}${cell(text)}${close}`;
}

export function keysMarkdown(userFile?: string): string {
	const keymap = loadKeymap(userFile ? {userFile, requireUserFile: true} : {});
	const out: string[] = [];
	for (const context of CONTEXTS) {
		// One context at a time: each table lists what that context binds itself; the app
		// combines them most specific first (see keymaps/README.md for the stacks).
		const bindings = bindingsFor(keymap, [context]);
		out.push(`#### ${headings[context] ?? context}`, '');
		if (bindings.length === 0) {
			out.push('No keys of its own; the `table` and `global` keys apply.', '');
			continue;
		}
		out.push('| Keys | Action | What it does |', '| --- | --- | --- |');
		for (const binding of bindings) {
			const keys = binding.keys.map((k) => code(keyName(k))).join(' ');
			const action = binding.arg === undefined ? binding.action : `${binding.action}:${binding.arg}`;
			out.push(`| ${keys} | ${code(action)} | ${cell(binding.description)} |`);
		}
		out.push('');
	}
	return out.join('\n');
}

// Only when run as a program, so a test could import keysMarkdown.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	try {
		process.stdout.write(keysMarkdown(process.argv[2]));
	} catch (error) {
		if (!(error instanceof KeymapError)) throw error;
		process.stderr.write(`keys-table: ${error.message}\n`);
		process.exitCode = 1;
	}
}
