// The GPU summary line: totals, problems, then per-model free/total. Colour only underlines
// what the words already say (NO_COLOR terminals read the same line).
import React from 'react';
import {Box, Text} from 'ink';
import {gpuSummaryParts, type GpuSummaryData} from '../../source/model/gpu-summary.js';
import {sanitizeLine} from '../../source/terminal/sanitize.js';

export interface GpuSummaryProps {
	summary: GpuSummaryData;
	width?: number;
}

function problemColour(text: string): string {
	return /GPU-UNAVAILABLE|NotReady/.test(text) ? 'red' : 'yellow';
}

export function GpuSummary({summary, width}: GpuSummaryProps) {
	const parts = gpuSummaryParts(summary);
	return (
		<Box width={width}>
			<Text wrap="truncate-end">
				<Text bold>{parts.totals}</Text>
				{parts.problems.map((problem) => (
					<Text key={problem} color={problemColour(problem)}>{` │ ${problem}`}</Text>
				))}
				{/* Model names come from node labels: untrusted, so never printed raw. */}
				{parts.models ? <Text>{` │ ${sanitizeLine(parts.models)}`}</Text> : null}
			</Text>
		</Box>
	);
}
