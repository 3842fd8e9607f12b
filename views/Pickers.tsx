// A list to choose from (the :ctx contexts, a pod's containers). Presentational: the choice
// under the cursor lives in the controller's state and moves through the key map.
import React from 'react';
import {Box, Text} from 'ink';
import {windowRows} from '../source/ui/window.js';
import {sanitizeLine} from '../source/terminal/sanitize.js';

export interface ChoiceListProps {
	title: string;
	labels: readonly string[];
	index: number;
	/** Lines for the choices; the window follows the cursor. */
	limit: number;
}

export function ChoiceList({title, labels, index, limit}: ChoiceListProps) {
	const lines = Math.max(1, limit);
	const shown = windowRows(labels.map((label, i) => ({label, i})), index, lines, index - lines + 1);
	return (
		<Box flexDirection="column">
			<Text bold color="cyan" wrap="truncate-end">
				{title}
			</Text>
			{labels.length === 0 ? <Text dimColor>nothing to choose from</Text> : null}
			{shown.rows.map(({label, i}) => (
				<Text key={i} color={i === index ? 'blue' : undefined} wrap="truncate-end">
					{i === index ? '❯ ' : '  '}
					{sanitizeLine(label)}
				</Text>
			))}
		</Box>
	);
}

export function ContextPicker({choices, current, index, limit}: {choices: readonly string[]; current: string; index: number; limit: number}) {
	const labels = choices.map((choice) => (choice === current ? `${choice} (current)` : choice));
	return <ChoiceList title="contexts (Enter switches and reconnects, Esc cancels)" labels={labels} index={index} limit={limit} />;
}
