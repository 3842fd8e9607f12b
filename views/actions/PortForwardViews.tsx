// shift-f's prompt line and the :pf pane; they render state only (the forwards are the runner's snapshot).
import React from 'react';
import {Box, Text} from 'ink';
import type {ForwardInfo} from '../../source/actions/portForward.js';
import type {Overlay} from '../../source/ui/overlays.js';
import {forwardLines} from '../../source/ui/portForwardTable.js';
import {sanitizeLine} from '../../source/terminal/sanitize.js';
import {PromptBox} from './PromptBox.js';

export function ForwardPromptLine({overlay}: {overlay: Extract<Overlay, {type: 'portForward'}>}) {
	const {prompt} = overlay;
	const {target} = prompt;
	return (
		<PromptBox
			title={`Port-forward ${sanitizeLine(`${target.kind.toLowerCase()} ${target.namespace}/${target.name}`)} (REMOTE:LOCAL):`}
			value={prompt.value}
			{...(prompt.error ? {error: prompt.error} : {})}
			hint="local 0 picks a free port · Enter forwards · Esc cancels"
		/>
	);
}

export function ForwardsPane({forwards, index, height, now}: {forwards: readonly ForwardInfo[]; index: number; height: number; now: number}) {
	const [header, ...rows] = forwardLines(forwards, now);
	const errors = forwards[index]?.lastError;
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				port-forwards ({forwards.length}) · ctrl-d stops the selected one · Esc back
			</Text>
			<Text wrap="truncate-end">{header}</Text>
			{rows.length === 0 ? <Text dimColor>no forwards: shift-f on a pod, deployment or service starts one</Text> : null}
			{rows.slice(0, Math.max(1, height - 4)).map((line, i) => (
				<Text key={forwards[i]!.id} inverse={i === index} wrap="truncate-end">
					{sanitizeLine(line)}
				</Text>
			))}
			{errors ? (
				<Text color="red" wrap="truncate-end">
					last error: {sanitizeLine(errors)}
				</Text>
			) : null}
		</Box>
	);
}
