// '/' prompt: regex over visible cells, '!text' inverts, '-l k=v' is a server-side label selector.
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {LineInput} from './LineInput.js';
import {parseFilterInput, type FilterInput} from '../source/store/labelSelector.js';

export interface FilterPromptProps {
	initial?: string;
	onApply(filter: Exclude<FilterInput, {kind: 'invalid'}>): void;
	onCancel(): void;
	isActive?: boolean;
}

export function FilterPrompt({initial = '', onApply, onCancel, isActive = true}: FilterPromptProps) {
	const [value, setValue] = useState(initial);
	const [error, setError] = useState<string | undefined>();
	return (
		<Box flexDirection="column">
			<LineInput
				prefix="/"
				value={value}
				isActive={isActive}
				onChange={(next) => {
					setValue(next);
					setError(undefined);
				}}
				onCancel={onCancel}
				onSubmit={(text) => {
					const parsed = parseFilterInput(text);
					// A bad label selector is caught here, not as a 400 on the watch later.
					if (parsed.kind === 'invalid') setError(parsed.error);
					else onApply(parsed);
				}}
			/>
			{error ? <Text color="red">{error}</Text> : <Text dimColor>regex · !text inverts · -l app=web label selector</Text>}
		</Box>
	);
}
