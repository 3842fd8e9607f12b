// '/' prompt as a standalone component: regex over visible cells, '!text' inverts,
// '-l k=v' is a server-side label selector. The App drives the same state machine itself.
import React, {useRef, useState} from 'react';
import {useInput} from 'ink';
import {PromptLine} from './PromptLine.js';
import {openPrompt, promptKey, type FilterChoice} from './prompt.js';

export interface FilterPromptProps {
	initial?: string;
	onApply(filter: FilterChoice): void;
	onCancel(): void;
	isActive?: boolean;
}

export function FilterPrompt({initial = '', onApply, onCancel, isActive = true}: FilterPromptProps) {
	const [prompt, setPromptState] = useState(() => openPrompt('filter', initial));
	// Keys can arrive before the re-render that hands useInput a fresh closure.
	const latest = useRef(prompt);
	const setPrompt = (next: typeof prompt) => {
		latest.current = next;
		setPromptState(next);
	};
	useInput(
		(input, key) => {
			const outcome = promptKey(latest.current, input, key);
			if (outcome.type === 'edit' || outcome.type === 'invalid') setPrompt(outcome.prompt);
			else if (outcome.type === 'cancel') onCancel();
			else if (outcome.type === 'filter') onApply(outcome.filter);
		},
		{isActive},
	);
	return <PromptLine prompt={prompt} />;
}
