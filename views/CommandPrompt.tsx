// ':' prompt as a standalone component (the App drives the same state machine itself).
import React, {useState} from 'react';
import {useInput} from 'ink';
import {PromptLine} from './PromptLine.js';
import {openPrompt, promptKey} from './prompt.js';
import type {Command} from './commands.js';

export interface CommandPromptProps {
	onCommand(command: Command): void;
	onCancel(): void;
	isActive?: boolean;
}

export function CommandPrompt({onCommand, onCancel, isActive = true}: CommandPromptProps) {
	const [prompt, setPrompt] = useState(() => openPrompt('command'));
	useInput(
		(input, key) => {
			const outcome = promptKey(prompt, input, key);
			if (outcome.type === 'edit') setPrompt(outcome.prompt);
			else if (outcome.type === 'cancel') onCancel();
			else if (outcome.type === 'command') onCommand(outcome.command);
		},
		{isActive},
	);
	return <PromptLine prompt={prompt} />;
}
