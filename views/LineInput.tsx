// A minimal single-line editor for prompts. Our own rather than ink-text-input because
// Tab must complete commands, and Esc must cancel instead of being swallowed.
import React from 'react';
import {Text, useInput} from 'ink';
import {sanitizeLine} from '../source/terminal/sanitize.js';

export interface LineInputProps {
	prefix: string;
	value: string;
	onChange(value: string): void;
	onSubmit(value: string): void;
	onCancel(): void;
	onTab?(value: string): void;
	isActive?: boolean;
	/** Dim text after the cursor, e.g. the completion candidates. */
	suffix?: string;
}

export function LineInput({prefix, value, onChange, onSubmit, onCancel, onTab, isActive = true, suffix}: LineInputProps) {
	useInput(
		(input, key) => {
			if (key.return) onSubmit(value);
			else if (key.escape) onCancel();
			else if (key.tab) onTab?.(value);
			else if (key.backspace || key.delete) {
				if (value === '') onCancel();
				else onChange(Array.from(value).slice(0, -1).join(''));
			} else if (key.ctrl && input === 'u') onChange('');
			else if (!key.ctrl && !key.meta && input) onChange(value + sanitizeLine(input));
		},
		{isActive},
	);
	return (
		<Text wrap="truncate-end">
			<Text color="cyan" bold>
				{prefix}
			</Text>
			{value}
			<Text inverse> </Text>
			{suffix ? <Text dimColor> {suffix}</Text> : null}
		</Text>
	);
}
