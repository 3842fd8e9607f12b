// ':' prompt. Tab completes; an unknown word keeps the prompt open with the reason, so a
// typo mid-incident costs one backspace rather than retyping.
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {LineInput} from './LineInput.js';
import {completeCommand, parseCommand, type Command} from './commands.js';

export interface CommandPromptProps {
	onCommand(command: Command): void;
	onCancel(): void;
	isActive?: boolean;
}

export function CommandPrompt({onCommand, onCancel, isActive = true}: CommandPromptProps) {
	const [value, setValue] = useState('');
	const [candidates, setCandidates] = useState<string[]>([]);
	const [error, setError] = useState<string | undefined>();
	return (
		<Box flexDirection="column">
			<LineInput
				prefix=":"
				value={value}
				isActive={isActive}
				suffix={candidates.length > 1 ? candidates.join(' ') : undefined}
				onChange={(next) => {
					setValue(next);
					setError(undefined);
					setCandidates([]);
				}}
				onTab={(current) => {
					const completion = completeCommand(current);
					setValue(completion.text);
					setCandidates(completion.candidates);
				}}
				onCancel={onCancel}
				onSubmit={(text) => {
					const parsed = parseCommand(text);
					if (parsed.ok) onCommand(parsed.command);
					else setError(parsed.message);
				}}
			/>
			{error ? <Text color="red">{error}</Text> : null}
		</Box>
	);
}
