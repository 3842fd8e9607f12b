// The first frame: drawn before the Kubernetes client is even loaded (about a second of module
// loading on a small machine), so the terminal answers at once and says what it is waiting for.
import React from 'react';
import {Box, Text} from 'ink';

export function Starting({readonly}: {readonly: boolean}) {
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				{readonly ? <Text bold>[READ-ONLY]{'  '}</Text> : null}
				<Text dimColor>kubedeck</Text>
			</Text>
			<Text wrap="truncate-end">
				<Text dimColor>watch </Text>
				<Text color="yellow">connecting</Text>
			</Text>
		</Box>
	);
}
