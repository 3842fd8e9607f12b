// Help and footer text, generated from the bindings in effect (the same data keys are
// resolved with), so neither can advertise a key that does something else.
import {displayKey} from '../config/keys.js';
import {displayWidth} from '../terminal/width.js';

export interface HelpBinding {
	keys: string[];
	action: string;
	arg?: string;
	description: string;
	context: string;
}

export function helpLines(bindings: readonly HelpBinding[]): string[] {
	const lines: string[] = [];
	let context: string | undefined;
	const keyWidth = Math.min(24, Math.max(8, ...bindings.map((b) => displayWidth(b.keys.map(displayKey).join(', ')))));
	for (const binding of bindings) {
		if (binding.context !== context) {
			if (context !== undefined) lines.push('');
			context = binding.context;
			lines.push(`[${context}]`);
		}
		const keys = binding.keys.map(displayKey).join(', ');
		// Padded by terminal columns, not UTF-16 units: a user's key map may bind a wide character.
		lines.push(`  ${keys}${' '.repeat(Math.max(0, keyWidth - displayWidth(keys)))}  ${binding.description}`);
	}
	if (lines.length === 0) lines.push('no key bindings in effect');
	return lines;
}

/** The keys a newcomer needs first, then what this pane adds; navigation and sorting live in help. */
const essentials = ['view.command', 'view.filter', 'view.help', 'view.back'];

export function footerHints<B extends {action: string; context: string; description: string}>(bindings: readonly B[], specific: string | undefined): B[] {
	const shown = bindings.filter((b) => !/^(nav|sort)\./.test(b.action) && b.action !== 'ns.favourite');
	const rank = (b: B) => (essentials.includes(b.action) ? 0 : b.context === specific ? 1 : 2);
	return [...shown].sort((a, b) => rank(a) - rank(b)).map((b) => ({...b, description: b.description.replace(/\s*\(.*\)$/, '')}));
}
