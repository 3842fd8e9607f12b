// Who and where you are, and whether what you see is live. Watch states are words
// (live / stalled since … / reconnecting in Ns / forbidden), not colours alone: bastion
// terminals often lack colour. Each watch also says how old its rows are, so a row on screen
// is never taken for current when the stream behind it stopped.
import React from 'react';
import {Box, Text} from 'ink';
import type {ClusterInfo, WatchStatus} from '../source/kube/session.js';
import {humanDuration} from '../source/model/age.js';
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
	/** The clock the ages are measured against (epoch ms); the moment of drawing when absent. */
	now?: number;
}

const stateColour: Record<WatchStatus['state'], string> = {
	connecting: 'yellow',
	listing: 'yellow',
	relisting: 'yellow',
	live: 'green',
	stalled: 'red',
	reconnecting: 'yellow',
	forbidden: 'red',
	error: 'red',
};

/** HH:MM:SS on the terminal's clock: the moment a person compares with their own watch. */
export function clockTime(ms: number): string {
	const d = new Date(ms);
	return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * How old the rows are, as coarse as still says what matters: whole seconds under a minute,
 * whole minutes under an hour, then kubectl's durations. A finer age would change the header
 * (and cost a frame) every second for no decision anyone takes on it.
 */
export function dataAge(ms: number): string {
	const clamped = Math.max(0, ms);
	if (clamped < 60_000) return `${Math.trunc(clamped / 1000)}s`;
	if (clamped < 3_600_000) return `${Math.trunc(clamped / 60_000)}m`;
	return humanDuration(clamped);
}

/** A live source younger than this needs no age: the stream (or the poller) is keeping it current. */
export const LIVE_AGE_SHOWN_FROM_MS = 60_000;

/**
 * The state in words, then the age of the rows: "pods stalled since 14:03:07 (data 21s old)".
 * While live the age is left out until it passes a minute (a quiet live watch, a poller fallen
 * behind): otherwise it would redraw the header every second to say "current". Any other state
 * keeps its age, so a stalled or reconnecting stream never looks current.
 */
export function watchLabel({kind, status}: WatchBadge, now: number): string {
	let state: string = status.state;
	if (status.state === 'stalled') state = `stalled since ${clockTime(status.since)}`;
	else if (status.state === 'reconnecting' && status.retryAt !== undefined) state = `reconnecting in ${Math.max(0, Math.ceil((status.retryAt - now) / 1000))}s`;
	const ageMs = status.dataAt === undefined ? undefined : now - status.dataAt;
	const shown = ageMs !== undefined && (status.state !== 'live' || ageMs >= LIVE_AGE_SHOWN_FROM_MS);
	return `${kind} ${state}${shown ? ` (data ${dataAge(ageMs)} old)` : ''}`;
}

export function Header({info, namespace, readonly, watches, width, now = Date.now()}: HeaderProps) {
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
						{watchLabel(watch, now)}
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
