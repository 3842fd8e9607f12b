// One line of key hints, generated from the same bindings that dispatch keys, so the
// footer can never advertise a key that does something else; plus the last message.
import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../source/terminal/sanitize.js';
import {truncateToWidth} from '../source/terminal/width.js';

export interface Hint {
	keys: string[];
	action: string;
	description: string;
}

export interface FooterProps {
	hints: readonly Hint[];
	width: number;
	message?: {text: string; level: 'info' | 'error'};
}

export function hintLine(hints: readonly Hint[], width: number): string {
	const parts: string[] = [];
	const seen = new Set<string>();
	for (const hint of hints) {
		if (seen.has(hint.action)) continue; // the first (most specific) binding wins, as in dispatch
		seen.add(hint.action);
		const key = hint.keys[0];
		if (key === undefined) continue;
		parts.push(`<${key}> ${hint.description}`);
	}
	return truncateToWidth(parts.join('  '), width);
}

export function Footer({hints, width, message}: FooterProps) {
	return (
		<Box flexDirection="column" width={width}>
			{message ? (
				<Text color={message.level === 'error' ? 'red' : 'green'} wrap="truncate-end">
					{message.level === 'error' ? 'error: ' : ''}
					{sanitizeLine(message.text)}
				</Text>
			) : null}
			<Text dimColor wrap="truncate-end">
				{hintLine(hints, width)}
			</Text>
		</Box>
	);
}
