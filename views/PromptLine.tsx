// How an open prompt looks: the text with a cursor, completion candidates, and below it
// either the reason the last Enter was refused or a one-line reminder of the syntax.
import React from 'react';
import {Box, Text} from 'ink';
import type {PromptState} from '../source/ui/prompt.js';

const hints: Record<PromptState['kind'], string> = {
	command: 'Tab completes · Enter runs · Esc cancels',
	filter: 'narrows as you type · ~regex · !text inverts · -l app=web on Enter · Esc cancels',
};

export function PromptLine({prompt}: {prompt: PromptState}) {
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Text color="cyan" bold>
					{prompt.kind === 'command' ? ':' : '/'}
				</Text>
				{prompt.value}
				<Text inverse> </Text>
				{prompt.candidates.length > 0 ? <Text dimColor> {prompt.candidates.join(' ')}</Text> : null}
			</Text>
			{prompt.error ? (
				<Text color="red" wrap="truncate-end">
					{prompt.error}
				</Text>
			) : (
				<Text dimColor wrap="truncate-end">
					{hints[prompt.kind]}
				</Text>
			)}
		</Box>
	);
}
