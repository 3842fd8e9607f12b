// y/n confirmation. Anything but 'y' is a no: a stray Enter mid-incident must not delete.
import React from 'react';
import {Text, useInput} from 'ink';
import {sanitizeLine} from '../source/terminal/sanitize.js';

export interface ConfirmProps {
	/** Names the object, e.g. 'Delete pod payments/web-7d9f-abcde?' */
	question: string;
	onAnswer(yes: boolean): void;
	isActive?: boolean;
}

export function Confirm({question, onAnswer, isActive = true}: ConfirmProps) {
	useInput(
		(input, key) => {
			if (input === 'y' || input === 'Y') onAnswer(true);
			else if (input === 'n' || input === 'N' || key.escape || key.return) onAnswer(false);
		},
		{isActive},
	);
	return <ConfirmLine question={question} />;
}

/** How a pending question reads; the App draws it too, feeding the keys from its own handler. */
export function ConfirmLine({question}: {question: string}) {
	return (
		<Text color="yellow" bold wrap="truncate-end">
			{sanitizeLine(question)} [y/N]
		</Text>
	);
}
