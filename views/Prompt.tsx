// The ':' and '/' prompts as one standalone component, for a host that does not route keys
// itself. The App feeds the same state machine (prompt.ts) from its single key handler.
// ':' runs a command (an unknown word keeps the prompt open with the reason under it); '/' is
// a regex over visible cells, '!text' inverts, '-l k=v' is a server-side label selector.
import React, {useRef, useState} from 'react';
import {useInput} from 'ink';
import {PromptLine} from './PromptLine.js';
import {openPrompt, promptKey, type FilterChoice, type PromptState} from './prompt.js';
import type {Command} from './commands.js';

export type PromptProps = {initial?: string; onCancel(): void; isActive?: boolean} & (
	| {kind: 'command'; onCommand(command: Command): void}
	| {kind: 'filter'; onApply(filter: FilterChoice): void}
);

export function Prompt(props: PromptProps) {
	const {kind, initial = '', onCancel, isActive = true} = props;
	const [prompt, setPromptState] = useState(() => openPrompt(kind, initial));
	// Keys can arrive before the re-render that hands useInput a fresh closure; the ref
	// always holds what the previous key left.
	const latest = useRef(prompt);
	const setPrompt = (next: PromptState) => {
		latest.current = next;
		setPromptState(next);
	};
	useInput(
		(input, key) => {
			const outcome = promptKey(latest.current, input, key);
			if (outcome.type === 'edit' || outcome.type === 'invalid') setPrompt(outcome.prompt);
			else if (outcome.type === 'cancel') onCancel();
			else if (outcome.type === 'command' && props.kind === 'command') props.onCommand(outcome.command);
			else if (outcome.type === 'filter' && props.kind === 'filter') props.onApply(outcome.filter);
		},
		{isActive},
	);
	return <PromptLine prompt={prompt} />;
}
