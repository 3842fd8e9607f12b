// ':' prompt as a standalone component (the App drives the same state machine itself).
import React, {useRef, useState} from 'react';
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
	const [prompt, setPromptState] = useState(() => openPrompt('command'));
	// Keys can arrive before the re-render that hands useInput a fresh closure; the ref
	// always holds what the previous key left.
	const latest = useRef(prompt);
	const setPrompt = (next: typeof prompt) => {
		latest.current = next;
		setPromptState(next);
	};
	useInput(
		(input, key) => {
			const outcome = promptKey(latest.current, input, key);
			// Standalone, an unknown word keeps the prompt open with the reason under it.
			if (outcome.type === 'edit' || outcome.type === 'invalid') setPrompt(outcome.prompt);
			else if (outcome.type === 'cancel') onCancel();
			else if (outcome.type === 'command') onCommand(outcome.command);
		},
		{isActive},
	);
	return <PromptLine prompt={prompt} />;
}
