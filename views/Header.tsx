// Who and where you are, and whether what you see is live. Watch states are words
// (live / reconnecting / forbidden), not colours alone: bastion terminals often lack colour.
import React from 'react';
import {Box, Text} from 'ink';
import type {ClusterInfo, WatchStatus} from '../source/kube/session.js';
import {sanitizeLine} from '../source/terminal/sanitize.js';

export interface WatchBadge {
	kind: string;
	status: WatchStatus;
}

export interface HeaderProps {
	info: ClusterInfo;
	namespace: string | undefined;
	readonly: boolean;
	watches: readonly WatchBadge[];
	width: number;
}

const stateColour: Record<WatchStatus['state'], string> = {
	connecting: 'yellow',
	listing: 'yellow',
	live: 'green',
	reconnecting: 'yellow',
	forbidden: 'red',
	error: 'red',
};

export function watchLabel({kind, status}: WatchBadge): string {
	return `${kind} ${status.state}`;
}

export function Header({info, namespace, readonly, watches, width}: HeaderProps) {
	const field = (label: string, value: string | undefined) => (
		<Text>
			<Text dimColor>{label} </Text>
			<Text bold>{sanitizeLine(value ?? '?')}</Text>
			{'  '}
		</Text>
	);
	// A problem on one watch deserves its reason on screen; healthy ones stay terse.
	const problems = watches.filter((watch) => watch.status.message && watch.status.state !== 'live');
	return (
		<Box flexDirection="column" width={width}>
			<Box>
				<Text wrap="truncate-end">
					{/* First, so a narrow terminal never cuts it off. */}
					{readonly ? (
						<Text color="magenta" bold>
							[READ-ONLY]{'  '}
						</Text>
					) : null}
					{field('ctx', info.context)}
					{field('cluster', info.cluster)}
					{field('user', info.user)}
					{field('ns', namespace ?? 'all')}
					{field('k8s', info.serverVersion)}
				</Text>
			</Box>
			<Text wrap="truncate-end">
				<Text dimColor>watch </Text>
				{watches.map((watch, i) => (
					<Text key={watch.kind} color={stateColour[watch.status.state]}>
						{i > 0 ? ' · ' : ''}
						{watchLabel(watch)}
					</Text>
				))}
			</Text>
			{problems.map((watch) => (
				<Text key={watch.kind} color={stateColour[watch.status.state]} wrap="truncate-end">
					{sanitizeLine(`${watch.kind}: ${watch.status.message ?? ''}`)}
				</Text>
			))}
		</Box>
	);
}
