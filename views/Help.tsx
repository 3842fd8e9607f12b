// The help screen, generated from the key map bindings in effect (the same data the
// dispatcher resolves keys with), grouped by context, most specific first.
import React from 'react';
import {displayKey} from '../source/config/keys.js';
import {TextPager} from './TextPager.js';

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
	const keyWidth = Math.min(
		24,
		Math.max(8, ...bindings.map((b) => b.keys.map(displayKey).join(', ').length)),
	);
	for (const binding of bindings) {
		if (binding.context !== context) {
			if (context !== undefined) lines.push('');
			context = binding.context;
			lines.push(`[${context}]`);
		}
		const keys = binding.keys.map(displayKey).join(', ');
		lines.push(`  ${keys.padEnd(keyWidth)}  ${binding.description}`);
	}
	if (lines.length === 0) lines.push('no key bindings in effect');
	return lines;
}

export interface HelpProps {
	bindings: readonly HelpBinding[];
	offset: number;
	height: number;
	width: number;
}

export function Help({bindings, offset, height, width}: HelpProps) {
	return <TextPager title="help" lines={helpLines(bindings)} offset={offset} height={height} width={width} />;
}
