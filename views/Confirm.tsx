// How a pending question reads. Its answers are keys of the key map's confirm context
// (y yes; n, Esc and Enter no: a stray Enter mid-incident must not delete).
import React from 'react';
import {Text} from 'ink';
import {sanitizeLine} from '../source/terminal/sanitize.js';

export function ConfirmLine({question}: {question: string}) {
	return (
		<Text color="yellow" bold wrap="truncate-end">
			{sanitizeLine(question)} [y/N]
		</Text>
	);
}
