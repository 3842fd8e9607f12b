// A list to choose from (the :ctx contexts, a pod's containers). Presentational: the choice
// under the cursor lives in the controller's state and moves through the key map.
//
// The rows are ink-select-input's own Indicator and Item, so the pointer and the highlight look
// as in any Ink select list (the pointer glyph falls back to '>' where the terminal cannot draw
// '❯'). Its SelectInput is not mounted: it reads the keyboard itself, and every key here must go
// through the one key router and the user's key map.
import React from 'react';
import {Box, Text} from 'ink';
import {Indicator, Item} from 'ink-select-input';
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
				{sanitizeLine(title)}
			</Text>
			{labels.length === 0 ? <Text dimColor>nothing to choose from</Text> : null}
			{shown.rows.map(({label, i}) => (
				<Box key={i}>
					<Box flexShrink={0}>
						<Indicator isSelected={i === index} />
					</Box>
					{/* Item's own Text would wrap a long name onto more rows than the window has. */}
					<Text wrap="truncate-end">
						<Item isSelected={i === index} label={sanitizeLine(label)} />
					</Text>
				</Box>
			))}
		</Box>
	);
}

export function ContextPicker({choices, current, index, limit}: {choices: readonly string[]; current: string; index: number; limit: number}) {
	const labels = choices.map((choice) => (choice === current ? `${choice} (current)` : choice));
	return <ChoiceList title="contexts (Enter switches and reconnects, Esc cancels)" labels={labels} index={index} limit={limit} />;
}
