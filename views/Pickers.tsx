// Choosing a context from a list (ink-select-input); Esc cancels. (Namespaces have their own
// pane, :ns, whose Enter switches.)
import React from 'react';
import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import {sanitizeLine} from '../source/terminal/sanitize.js';

export interface PickerProps {
	title: string;
	choices: readonly string[];
	current?: string;
	onSelect(choice: string): void;
	onCancel(): void;
	limit?: number;
	isActive?: boolean;
}

export function Picker({title, choices, current, onSelect, onCancel, limit, isActive = true}: PickerProps) {
	useInput((_input, key) => {
		if (key.escape) onCancel();
	}, {isActive});
	const items = choices.map((choice) => ({
		key: choice,
		label: choice === current ? `${sanitizeLine(choice)} (current)` : sanitizeLine(choice),
		value: choice,
	}));
	const initialIndex = Math.max(0, choices.indexOf(current ?? ''));
	return (
		<Box flexDirection="column">
			<Text bold color="cyan">
				{title}
			</Text>
			{items.length === 0 ? (
				<Text dimColor>nothing to choose from</Text>
			) : (
				<SelectInput
					items={items}
					initialIndex={initialIndex}
					limit={limit}
					isFocused={isActive}
					onSelect={(item) => onSelect(item.value)}
				/>
			)}
		</Box>
	);
}

export function ContextPicker(props: Omit<PickerProps, 'title'>) {
	return <Picker title="contexts (Enter switches and reconnects, Esc cancels)" {...props} />;
}
