// The one shape of every action prompt (scale, set image, port-forward): a bold title, the typed
// value with a cursor, an optional note after it, and below either the error or the hint.
import React, {type ReactNode} from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../../source/terminal/sanitize.js';

export interface PromptBoxProps {
	/** Already made safe by the caller where it holds cluster text. */
	title: string;
	value: string;
	after?: ReactNode;
	error?: string;
	hint: string;
}

export function PromptBox({title, value, after, error, hint}: PromptBoxProps) {
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Text color="cyan" bold>
					{title}{' '}
				</Text>
				{sanitizeLine(value)}
				<Text inverse> </Text>
				{after ?? null}
			</Text>
			{error ? (
				<Text color="red" wrap="truncate-end">
					{sanitizeLine(error)}
				</Text>
			) : (
				<Text dimColor wrap="truncate-end">
					{hint}
				</Text>
			)}
		</Box>
	);
}
