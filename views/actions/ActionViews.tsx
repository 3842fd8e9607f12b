// How each action overlay looks. Lines (scale prompt, confirmations) sit above the footer with
// the table still visible; bodies (rollout, drain, container picker, logs) replace the table.
import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../../source/terminal/sanitize.js';
import {ConfirmLine, questionRows} from '../Confirm.js';
import {BULK_LIST_LINES, BulkList} from '../marks/BulkList.js';
import type {Overlay} from '../../source/ui/overlays.js';
import type {EntrySource} from '../../source/model/logEntry.js';
import {ChoiceList} from '../Pickers.js';
import {drainFields, targetText, type DrainForm} from '../../source/ui/dialogs.js';
import {retryText} from '../../source/ui/dialogs.js';
import {LogView} from './LogView.js';
import {ForwardPromptLine, ForwardsPane} from './PortForwardViews.js';
import {PromptBox} from './PromptBox.js';
import type {ForwardInfo} from '../../source/actions/portForward.js';

export function isLineOverlay(overlay: Overlay | undefined): boolean {
	return overlay?.type === 'scale' || overlay?.type === 'confirm' || overlay?.type === 'portForward' || overlay?.type === 'image';
}

/** Rows a line overlay takes at this width (the App subtracts them from the table). */
export function lineOverlayRows(overlay: Overlay | undefined, width = 80): number {
	if (!isLineOverlay(overlay)) return 0;
	if (overlay?.type !== 'confirm') return 2;
	return questionRows(overlay.question, width).length + 1 + (overlay.bulk ? BULK_LIST_LINES : 0);
}

/** `answers` names the confirm keys from the key map, e.g. 'y confirms · n, <esc> or <enter> cancels'. */
export function ActionLine({overlay, answers, width = 80}: {overlay: Overlay; answers: string; width?: number}) {
	if (overlay.type === 'scale') {
		const {prompt} = overlay;
		return (
			<PromptBox
				title={`Scale ${sanitizeLine(targetText(prompt.target))} to:`}
				value={prompt.value}
				after={prompt.from !== undefined ? <Text dimColor> (now {prompt.from})</Text> : undefined}
				{...(prompt.error ? {error: prompt.error} : {})}
				hint="a whole number of replicas · Enter scales · Esc cancels"
			/>
		);
	}
	if (overlay.type === 'portForward') return <ForwardPromptLine overlay={overlay} />;
	if (overlay.type === 'image') {
		const {prompt} = overlay;
		return (
			<PromptBox
				title={`Image of ${sanitizeLine(prompt.container)} in ${sanitizeLine(targetText(prompt.target))}:`}
				value={prompt.value}
				{...(prompt.error ? {error: prompt.error} : {})}
				hint={prompt.checking !== undefined ? 'asking the server for a dry run…' : 'Enter asks the server for a dry run first · ctrl-u clears · Esc cancels'}
			/>
		);
	}
	if (overlay.type === 'confirm') {
		return (
			<Box flexDirection="column">
				<ConfirmLine question={overlay.question} width={width} />
				{overlay.bulk ? <BulkList names={overlay.bulk.items.map((item) => item.name)} width={width} /> : null}
				<Text dimColor wrap="truncate-end">
					{overlay.toggles.length > 0 ? overlay.toggles.map((t) => `${t.key}: ${t.on ? '[x]' : '[ ]'} ${t.label}`).join('   ') + `   · ${answers}` : answers}
				</Text>
			</Box>
		);
	}
	return null;
}

function Bar({label, value, of}: {label: string; value: number; of: number}) {
	const width = 20;
	const filled = of > 0 ? Math.min(width, Math.round((value / of) * width)) : width;
	return (
		<Text>
			{label.padEnd(10)} {'#'.repeat(filled)}
			{'.'.repeat(width - filled)} {value}/{of}
		</Text>
	);
}

function RolloutPane({overlay, height}: {overlay: Extract<Overlay, {type: 'rollout'}>; height: number}) {
	const {status} = overlay;
	const colour = status?.done ? 'green' : status?.stalled ? 'red' : 'yellow';
	// Earlier sentences, oldest first; the current one is already shown above.
	const history = overlay.history.slice(0, -1).slice(-Math.max(1, height - 8));
	return (
		<Box flexDirection="column">
			<Text bold color="cyan">
				rollout status {sanitizeLine(targetText(overlay.target))}
			</Text>
			<Text color={colour} bold wrap="truncate-end">
				{status ? sanitizeLine(status.message) : 'Waiting for the first status…'}
				{status?.stalled ? ' (ProgressDeadlineExceeded: the rollout will not finish by itself)' : ''}
			</Text>
			{status ? (
				<>
					<Bar label="updated" value={status.updated} of={status.desired} />
					<Bar label="ready" value={status.ready} of={status.desired} />
					<Bar label="available" value={status.available} of={status.desired} />
					<Text>{status.oldReplicas > 0 ? `${status.oldReplicas} old replica(s) terminating` : 'no old replicas left'}</Text>
				</>
			) : null}
			{history.map((line, i) => (
				<Text key={i} dimColor wrap="truncate-end">
					{sanitizeLine(line)}
				</Text>
			))}
			<Text dimColor>{overlay.finished ? (status?.done ? 'complete · Esc back' : 'stopped · Esc back') : 'following (polling the deployment) · Esc back'}</Text>
		</Box>
	);
}

function DrainFormPane({form}: {form: DrainForm}) {
	return (
		<Box flexDirection="column">
			<Text bold color="yellow">
				Drain node {sanitizeLine(form.node)}? It is cordoned first, then its pods are evicted (PodDisruptionBudgets are honoured).
			</Text>
			{drainFields.map((field, i) => {
				const value = form[field.id];
				const shown = typeof value === 'boolean' ? (value ? '[x]' : '[ ]') : `${value}${i === form.field ? '_' : ''}`;
				return (
					<Text key={field.id} inverse={i === form.field}>
						{i === form.field ? '> ' : '  '}
						{field.kind === 'toggle' ? `${shown} ${field.label}` : `${field.label}: ${shown}`}
					</Text>
				);
			})}
			{form.error ? <Text color="red">{sanitizeLine(form.error)}</Text> : null}
			<Text dimColor>↑/↓ or Tab move · Space toggles · digits edit · Enter drains · Esc cancels</Text>
		</Box>
	);
}

const noLines: EntrySource = {size: 0, dropped: 0, at: () => undefined};

const outcomeColour = {evicted: 'green', skipped: undefined, refused: 'red', failed: 'red'} as const;

function DrainPane({overlay, height, now}: {overlay: Extract<Overlay, {type: 'drain'}>; height: number; now: number}) {
	const elapsed = Math.max(0, Math.round((now - overlay.started) / 1000));
	// The reason gets its own line: "why not" is what the operator needs, and it is long.
	const rows: Array<{key: string; text: string; colour?: 'green' | 'red' | 'yellow'; dim?: boolean}> = [
		...overlay.results.flatMap((r) => {
			const id = `${r.namespace}/${r.name}`;
			const head = {key: `r-${id}`, text: `${r.outcome.padEnd(8)} ${id}`, colour: outcomeColour[r.outcome]};
			return r.reason ? [head, {key: `r-${id}-why`, text: `         ${r.reason}`, dim: true}] : [head];
		}),
		...(overlay.final
			? []
			: // A refused pod shows even if the pods store had not seen it when the drain began.
				[...new Set([...overlay.waiting, ...Object.keys(overlay.blocked ?? {})])]
					.filter((w) => !overlay.results.some((r) => `${r.namespace}/${r.name}` === w))
					.map((w) => {
						// A budget's refusal is news while it happens: which pod, and that drain keeps trying.
						const retry = overlay.blocked?.[w];
						const text = retry ? retryText(retry) : `waiting: pod ${w} evicting (PodDisruptionBudget refusals are retried until the timeout)`;
						return {key: `w-${w}`, text, colour: 'yellow' as const};
					})),
	];
	const shown = rows.slice(0, Math.max(1, height - 4));
	return (
		<Box flexDirection="column">
			<Text bold color="cyan">
				drain node/{sanitizeLine(overlay.node)} {overlay.final ? '' : `· ${elapsed}s`}
			</Text>
			{shown.map((row) => (
				<Text key={row.key} color={row.colour} dimColor={row.dim} wrap="truncate-end">
					{sanitizeLine(row.text)}
				</Text>
			))}
			{rows.length > shown.length ? <Text dimColor>… {rows.length - shown.length} more</Text> : null}
			{overlay.final ? (
				<Text color={overlay.final.ok ? 'green' : 'red'} bold wrap="truncate-end">
					{sanitizeLine(overlay.final.message)}
				</Text>
			) : null}
			<Text dimColor>{overlay.final ? 'Esc back' : 'Esc cancels the drain (the node stays cordoned)'}</Text>
		</Box>
	);
}

export interface ActionBodyProps {
	overlay: Overlay;
	height: number;
	width: number;
	now: number;
	tailLines?: number;
	/** The lines of the open log view (kept by the runner). */
	logLines?: EntrySource;
	/** The port-forwards for :pf (the runner's last snapshot). */
	forwards?: readonly ForwardInfo[];
}

export function ActionBody({overlay, height, width, now, tailLines, logLines, forwards}: ActionBodyProps) {
	switch (overlay.type) {
		case 'forwards':
			return <ForwardsPane forwards={forwards ?? []} index={overlay.index} height={height} now={now} />;
		case 'rollout':
			return <RolloutPane overlay={overlay} height={height} />;
		case 'drainForm':
			return <DrainFormPane form={overlay.form} />;
		case 'drain':
			return <DrainPane overlay={overlay} height={height} now={now} />;
		case 'picker':
			return (
				<ChoiceList
					title={
						overlay.reveal
							? `secret ${overlay.namespace}/${overlay.pod}: reveal which key? (Enter asks first, Esc cancels)`
							: overlay.setImage
								? `set image of ${targetText(overlay.setImage.target)}: which container? (Enter edits its image, Esc cancels)`
							: overlay.terminal
								? `${overlay.terminal} in ${overlay.namespace}/${overlay.pod}: which container? (Enter opens, Esc cancels)`
								: `logs of ${overlay.namespace}/${overlay.pod}: which container? (Enter opens, Esc cancels)`
					}
					labels={overlay.choices.map((c) => c.label)}
					index={overlay.index}
					limit={Math.max(3, height - 1)}
				/>
			);
		case 'files': {
			const {listing} = overlay;
			const more = listing.more > 0 ? ` (${listing.more} more not shown)` : '';
			return (
				<ChoiceList
					title={`:apply: which manifest in ${listing.dir}?${more} (Enter opens a directory or dry-runs a file, Esc cancels)`}
					labels={listing.choices.map((c) => c.label)}
					index={overlay.index}
					limit={Math.max(3, height - 1)}
				/>
			);
		}
		case 'logs':
			return <LogView view={overlay.view} lines={logLines ?? noLines} height={height} width={width} {...(tailLines !== undefined ? {tailLines} : {})} />;
		default:
			return null;
	}
}
