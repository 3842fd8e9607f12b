// The shell: a stack of views (tables, pagers, the context picker), prompts, and one key
// dispatcher driven by the key map. It reads rows only through the session's stores and
// asks the session for full objects; it never talks to the API itself.
import React, {useMemo, useRef, useState} from 'react';
import {Box, Text, useInput, useStdout} from 'ink';
import type {BaseRow} from '../source/model/types.js';
import type {Session} from '../source/kube/session.js';
import {resolveKey, bindingsFor, type Keymap} from '../source/config/keymap.js';
import {selectRows, followSelection} from '../source/store/selectors.js';
import {ResourceTable} from './ResourceTable.js';
import {Header, type WatchBadge} from './Header.js';
import {Footer} from './Footer.js';
import {CommandPrompt} from './CommandPrompt.js';
import {FilterPrompt} from './FilterPrompt.js';
import {Confirm} from './Confirm.js';
import {TextPager} from './TextPager.js';
import {ContextPicker} from './Pickers.js';
import {defaultPanes} from './defaultPanes.js';
import type {PaneRegistry, PaneSpec} from './panes.js';
import type {PaneId} from './commands.js';
import {effectiveSelector, tableView, top, type AppState, type TableView, type View} from './app/state.js';
import {useNow, useSnapshot, useTerminalSize, useWatchStatusVersion, type TerminalSize} from './app/hooks.js';
import {useDispatcher, type PendingConfirm} from './app/dispatch.js';
import {useLabelSelectorSync} from './app/labelSync.js';

export type StartView = 'pods' | 'deploy' | 'svc' | 'nodes' | 'gpu' | 'gpupending';

export interface AppSettings {
	/** Namespaces bound to keys 1–9, in order. */
	favouriteNamespaces?: readonly string[];
}

export interface AppProps {
	session: Session;
	keymap: Keymap;
	settings: AppSettings;
	readonly: boolean;
	initialView?: StartView;
	onSwitchContext(name: string): void;
	onExit(): void;
	/** Context names for ':ctx' (from the kubeconfig); without them the picker shows only the current one. */
	contexts?: readonly string[];
	panes?: PaneRegistry;
	/** Fixed size for tests; otherwise the terminal's, following resizes. */
	size?: TerminalSize;
	clock?: () => number;
}

const startPane: Record<StartView, PaneId> = {
	pods: 'pods',
	deploy: 'deployments',
	svc: 'services',
	nodes: 'nodes',
	gpu: 'gpu',
	gpupending: 'gpupending',
};

const systemClock = () => Date.now();

export function contextsFor(view: View, pane: PaneSpec | undefined): string[] {
	if (view.type === 'pager') return [view.context, 'global'];
	if (view.type === 'contexts') return ['contexts', 'global'];
	return pane?.contexts ?? ['table', 'global'];
}

/** Rows for a table view: store → pane restriction → node drill → filter/bad-only/sort. */
function useTableRows(session: Session, pane: PaneSpec, view: TableView | undefined, badOnly: boolean, now: number) {
	const clusterWide = Boolean(pane.clusterWide || view?.allNamespaces);
	const snapshot = useSnapshot(session.store(pane.resource, clusterWide ? {allNamespaces: true} : undefined));
	// Order and filter barely depend on the second; recomputing them every tick would cost
	// a sort of 50k rows per second for nothing.
	const coarseNow = Math.floor(now / 10_000) * 10_000;
	const filter = view?.filter;
	const sort = view?.sort;
	const nodeName = view?.nodeName;
	return useMemo(() => {
		let rows: readonly BaseRow[] = snapshot.rows;
		if (pane.include) rows = rows.filter((row) => pane.include!(row));
		if (nodeName !== undefined) rows = rows.filter((row) => (row as BaseRow & {node?: string}).node === nodeName);
		return selectRows(rows, pane.columns, {filter, badOnly, sort}, coarseNow);
	}, [snapshot, pane, nodeName, filter, badOnly, sort, coarseNow]);
}

export function App(props: AppProps) {
	const {session, keymap} = props;
	const panes = props.panes ?? defaultPanes;
	const size = useTerminalSize(props.size);
	const now = useNow(props.clock ?? systemClock);
	useWatchStatusVersion(session);

	const [state, setState] = useState<AppState>(() => ({
		stack: [tableView(startPane[props.initialView ?? 'pods'])],
		mode: 'normal',
		wide: false,
		badOnly: false,
		namespace: session.namespace,
		message: panes.has(startPane[props.initialView ?? 'pods'])
			? undefined
			: {text: `the ${props.initialView} pane is not available in this build`, level: 'error'},
	}));
	const [confirm, setConfirm] = useState<PendingConfirm | undefined>();
	const {write} = useStdout();

	const view = top(state);
	// The table under a pager/picker stays the source of the selection (describe acts on it).
	const table = [...state.stack].reverse().find((v): v is TableView => v.type === 'table');
	const pane = panes.get(table?.pane ?? 'pods') ?? panes.get('pods')!;
	const rows = useTableRows(session, pane, table, state.badOnly, now);
	const lastIndex = useRef(0);
	const selectedIndex = followSelection(rows, table?.selectedUid, table?.selectedIndex ?? lastIndex.current);
	lastIndex.current = selectedIndex;
	const selected = rows[selectedIndex];

	useLabelSelectorSync(session, view.type === 'table' ? pane : undefined, view.type === 'table' ? effectiveSelector(view) : undefined);

	const contexts = contextsFor(view, pane);
	const bindings = useMemo(() => bindingsFor(keymap, contexts), [keymap, contexts.join(',')]);

	// Layout: keep the frame one line shorter than the terminal, or Ink clears the whole
	// screen on every render (a flicker storm over SSH).
	const problems = watchBadges(session, pane).filter((w) => w.status.message && w.status.state !== 'live');
	const summary = pane.summary?.(rows, now);
	const headerLines = 2 + problems.length;
	const promptLines = state.mode === 'command' || state.mode === 'filter' ? 2 : confirm ? 1 : 0;
	const footerLines = 1 + (state.message ? 1 : 0);
	const bodyHeight = Math.max(3, size.rows - 1 - headerLines - promptLines - footerLines - (summary ? 1 : 0));
	const tableHeight = bodyHeight - 2;

	const dispatch = useDispatcher({
		props,
		panes,
		state,
		setState,
		pane,
		rows,
		selected,
		selectedIndex,
		pageSize: tableHeight,
		setConfirm,
		// Ink repaints its whole frame after a write, so clearing first gives a true redraw.
		redraw: () => write('\x1b[2J\x1b[3J\x1b[H'),
		now,
		bindings: () => bindingsFor(keymap, contextsFor(view, pane)),
	});

	useInput(
		(input, key) => {
			// ctrl-c always quits, whatever the key map says: the way out must never be rebound away.
			if (key.ctrl && input === 'c') {
				props.onExit();
				return;
			}
			const hit = resolveKey(keymap, contexts, input, key);
			if (hit) dispatch.action(hit.action, hit.arg);
		},
		{isActive: state.mode === 'normal' && !confirm && view.type !== 'contexts'},
	);

	const forbidden = session.status(pane.resource, table?.allNamespaces || pane.clusterWide ? {allNamespaces: true} : undefined);
	const emptyText =
		forbidden.state === 'forbidden' || forbidden.state === 'error'
			? forbidden.message ?? forbidden.state
			: forbidden.state === 'live'
				? 'no rows'
				: `${forbidden.state}…`;

	return (
		<Box flexDirection="column" width={size.columns}>
			<Header
				info={session.info}
				namespace={state.namespace}
				readonly={props.readonly}
				watches={watchBadges(session, pane)}
				width={size.columns}
			/>
			{summary ? <Text wrap="truncate-end">{summary}</Text> : null}
			{view.type === 'pager' ? (
				<TextPager title={view.title} lines={view.lines} offset={view.offset} height={bodyHeight - 1} width={size.columns} />
			) : view.type === 'contexts' ? (
				<ContextPicker
					choices={props.contexts ?? [session.info.context]}
					current={session.info.context}
					limit={Math.max(3, bodyHeight - 1)}
					onCancel={() => setState((s) => ({...s, stack: s.stack.slice(0, -1)}))}
					onSelect={(name) => {
						setState((s) => ({...s, stack: s.stack.slice(0, -1)}));
						if (name !== session.info.context) props.onSwitchContext(name);
					}}
				/>
			) : (
				<ResourceTable
					rows={rows}
					columns={pane.columns}
					selectedUid={selected?.uid}
					height={tableHeight}
					width={size.columns}
					wide={state.wide}
					allNamespaces={pane.namespaced && (state.namespace === undefined || Boolean(pane.clusterWide || view.allNamespaces))}
					sort={view.sort}
					now={now}
					title={pane.title}
					scope={pane.namespaced ? (pane.clusterWide || view.allNamespaces ? 'all' : state.namespace ?? 'all') : undefined}
					detail={tableDetail(view, state.badOnly)}
					emptyText={emptyText}
				/>
			)}
			{state.mode === 'command' ? (
				<CommandPrompt
					onCancel={() => setState((s) => ({...s, mode: 'normal'}))}
					onCommand={(command) => dispatch.command(command)}
				/>
			) : null}
			{state.mode === 'filter' && view.type === 'table' ? (
				<FilterPrompt
					initial={view.filterLabel ? `-l ${view.filterLabel}` : view.filter ?? ''}
					onCancel={() => setState((s) => ({...s, mode: 'normal'}))}
					onApply={(filter) => dispatch.filter(filter)}
				/>
			) : null}
			{confirm ? (
				<Confirm
					question={confirm.question}
					onAnswer={(yes) => {
						setConfirm(undefined);
						if (yes) confirm.onYes();
					}}
				/>
			) : null}
			<Footer
				hints={bindings.filter((b) => !b.action.startsWith('nav.') && !b.action.startsWith('sort.'))}
				width={size.columns}
				message={state.message}
			/>
		</Box>
	);
}

function tableDetail(view: TableView, badOnly: boolean): string | undefined {
	const parts: string[] = [];
	if (view.detail) parts.push(view.detail);
	if (view.filterLabel) parts.push(`-l ${view.filterLabel}`);
	if (view.filter) parts.push(`/${view.filter}`);
	if (badOnly) parts.push('bad only');
	return parts.length > 0 ? parts.join(' ') : undefined;
}

const watchedKinds = ['pods', 'deployments', 'replicasets', 'services', 'nodes', 'namespaces'] as const;

/** The current pane's watch always; the others only when something is wrong with them. */
function watchBadges(session: Session, pane: PaneSpec): WatchBadge[] {
	const badges: WatchBadge[] = [{kind: pane.resource, status: session.status(pane.resource)}];
	for (const kind of watchedKinds) {
		if (kind === pane.resource) continue;
		const status = session.status(kind);
		if (status.state === 'forbidden' || status.state === 'error' || status.state === 'reconnecting') {
			badges.push({kind, status});
		}
	}
	return badges;
}
