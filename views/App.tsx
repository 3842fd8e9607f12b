// The shell: a stack of views (tables, pagers, the context picker), prompts, and one key
// dispatcher driven by the key map. It reads rows only through the session's stores and
// asks the session for full objects; it never talks to the API itself.
import React, {useCallback, useMemo, useRef, useState} from 'react';
import {Box, Text, useInput, useStdout, type Key} from 'ink';
import type {BaseRow} from '../source/model/types.js';
import type {Session} from '../source/kube/session.js';
import {bindingsFor, type Keymap} from '../source/config/keymap.js';
import {selectRows, followSelection} from '../source/store/selectors.js';
import {ResourceTable} from './ResourceTable.js';
import {Header, type WatchBadge} from './Header.js';
import {Footer} from './Footer.js';
import {PromptLine} from './PromptLine.js';
import {ConfirmLine} from './Confirm.js';
import {TextPager} from './TextPager.js';
import {ContextPicker} from './Pickers.js';
import {defaultPanes} from './defaultPanes.js';
import type {ActionLayer} from '../source/actions/actionLayer.js';
import {useActionController} from './actions/useActions.js';
import {ActionBody, ActionLine, isBodyOverlay, lineOverlayRows} from './actions/ActionViews.js';
import type {PaneRegistry, PaneSpec} from './panes.js';
import {tableView, top, topTable, type AppState, type TableView, type View} from './app/state.js';
import {useNow, useSnapshot, useTerminalSize, useWatchStatusVersion, type TerminalSize} from './app/hooks.js';
import {contextsFor, createDispatcher, paneOf, type Dispatcher, type RenderedTable} from './app/dispatch.js';
import {createSelectorSync} from './app/labelSync.js';
import {usePodObject} from './app/podParts.js';

import type {StartView} from '../source/cli-options.js';

export type {StartView} from '../source/cli-options.js';

export interface AppSettings {
	/** Namespaces bound to keys 1–9, in order. */
	favouriteNamespaces?: readonly string[];
	/** Accelerator resource names beyond the built-in vendors (GPU panes). */
	extraAcceleratorResources?: readonly string[];
	/** For the action flows (views/actions): scale prompt ceiling, log tail and ring-buffer cap. */
	scaleCeiling?: number;
	logTailLines?: number;
	logLineCap?: number;
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
	/** The one door for mutations and log streams; without it action keys say they are unavailable. */
	actions?: ActionLayer;
}

const systemClock = () => Date.now();

/** Rows for a table view: store (or the parts of one pod) → pane restriction → node drill → filter/bad-only/sort. */
function useTableRows(session: Session, pane: PaneSpec, view: TableView | undefined, badOnly: boolean, now: number) {
	const clusterWide = Boolean(pane.clusterWide || view?.allNamespaces);
	const snapshot = useSnapshot(session.store(pane.resource, clusterWide ? {allNamespaces: true} : undefined));
	// Order and filter barely depend on the second; recomputing them every tick would cost
	// a sort of 50k rows per second for nothing.
	const coarseNow = Math.floor(now / 10_000) * 10_000;
	const filter = view?.filter;
	const sort = view?.sort;
	const nodeName = view?.nodeName;
	const toggles = view?.toggles;
	const parts = pane.podParts;
	const pod = usePodObject(session, parts ? view?.pod : undefined, snapshot);
	const rows = useMemo(() => {
		let rows: readonly BaseRow[] = parts ? (pod.object ? parts.rows(pod.object) : []) : snapshot.rows;
		if (pane.include) rows = rows.filter((row) => pane.include!(row));
		if (nodeName !== undefined) rows = rows.filter((row) => (row as BaseRow & {node?: string}).node === nodeName);
		for (const id of toggles ?? []) {
			const toggle = pane.toggles?.[id];
			if (toggle) rows = rows.filter((row) => toggle.include(row));
		}
		return selectRows(rows, pane.columns, {filter, badOnly, sort}, coarseNow);
	}, [snapshot, parts, pod.object, pane, nodeName, toggles, filter, badOnly, sort, coarseNow]);
	return {rows, problem: parts ? pod.problem : undefined};
}

export function App(props: AppProps) {
	const {session, keymap} = props;
	// Built once per App: the dispatcher and selector sync hold on to it.
	const [panes] = useState(() => props.panes ?? defaultPanes(props.settings.extraAcceleratorResources));
	const size = useTerminalSize(props.size);
	const now = useNow(props.clock ?? systemClock);
	useWatchStatusVersion(session);
	const {write} = useStdout();

	const [state, setState] = useState<AppState>(() => initialState(props, panes));
	// Written synchronously on every update, so the next key sees this one's effect even
	// before React renders (see app/dispatch.ts).
	const stateRef = useRef(state);
	const propsRef = useRef(props);
	propsRef.current = props;

	const view = top(state);
	const pane = paneOf(panes, state);
	const table = topTable(state);
	const {rows, problem: partsProblem} = useTableRows(session, pane, table, state.badOnly, now);
	const lastIndex = useRef(0);
	// A vanished object leaves the cursor where it was drawn last, on its neighbour.
	const selectedIndex = followSelection(rows, table?.selectedUid, table?.selectedUid === undefined ? (table?.selectedIndex ?? 0) : lastIndex.current);
	lastIndex.current = selectedIndex;
	const selected = rows[selectedIndex];

	const bodyHeightRef = useRef(3);
	const actions = useActionController({
		layer: props.actions,
		session,
		keymap,
		settings: props.settings,
		say: (text, level) => {
			stateRef.current = {...stateRef.current, message: {text, level}};
			setState(stateRef.current);
		},
		bodyHeight: () => bodyHeightRef.current,
	});
	const overlay = actions.overlay();
	const contexts = actions.contexts() ?? contextsFor(view, pane);
	const bindings = useMemo(() => bindingsFor(keymap, contexts), [keymap, contexts.join(',')]);

	// Layout: keep the frame one line shorter than the terminal, or Ink clears the whole
	// screen on every render (a flicker storm over SSH).
	const clusterWide = Boolean(pane.clusterWide || table?.allNamespaces);
	const badges = watchBadges(session, pane, clusterWide);
	const problems = badges.filter((w) => w.status.message && w.status.state !== 'live');
	// Without summaryFrom this is the table's own store (no second watch); with it, cluster-wide.
	const related = useSnapshot(
		session.store(pane.summaryFrom ?? pane.resource, pane.summaryFrom || clusterWide ? {allNamespaces: true} : undefined),
	);
	const summary = pane.summary?.(rows, now, pane.summaryFrom ? related.rows : undefined);
	const headerLines = 2 + problems.length;
	const promptLines = (state.prompt ? 2 : state.confirm ? 1 : 0) + lineOverlayRows(overlay);
	const footerLines = 1 + (state.message ? 1 : 0);
	const bodyHeight = Math.max(3, size.rows - 1 - headerLines - promptLines - footerLines - (summary ? 1 : 0));
	const tableHeight = bodyHeight - 2;
	bodyHeightRef.current = bodyHeight;

	const rendered = useRef<RenderedTable>({paneId: pane.id, rows, selected, selectedIndex, pageSize: tableHeight});
	rendered.current = {paneId: pane.id, rows, selected, selectedIndex, pageSize: tableHeight};

	const syncSelector = useRef<(state: AppState) => void>(undefined);
	syncSelector.current ??= createSelectorSync(() => propsRef.current.session, panes);
	const update = (fn: (s: AppState) => AppState) => {
		stateRef.current = fn(stateRef.current);
		syncSelector.current?.(stateRef.current);
		setState(stateRef.current);
	};

	const dispatcher = useRef<Dispatcher>(undefined);
	dispatcher.current ??= createDispatcher({
		get session() {
			return propsRef.current.session;
		},
		get keymap() {
			return propsRef.current.keymap;
		},
		get settings() {
			return propsRef.current.settings;
		},
		get readonly() {
			return propsRef.current.readonly;
		},
		panes,
		onExit: () => propsRef.current.onExit(),
		getState: () => stateRef.current,
		update: (fn) => update(fn),
		rendered: () => rendered.current,
		// Ink repaints its whole frame after a write, so clearing first gives a true redraw.
		redraw: () => write('\x1b[2J\x1b[3J\x1b[H'),
		bindings: (ctxs) => bindingsFor(propsRef.current.keymap, ctxs),
		actions,
	});
	const onKey = useCallback((input: string, key: Key) => dispatcher.current?.key(input, key), []);
	useInput(onKey, {isActive: view.type !== 'contexts'});

	const status = session.status(pane.resource, clusterWide ? {allNamespaces: true} : undefined);
	const emptyText = partsProblem ?? (
		status.state === 'forbidden' || status.state === 'error'
			? status.message ?? status.state
			: status.state === 'live'
				? 'no rows'
				: `${status.state}…`);

	return (
		<Box flexDirection="column" width={size.columns}>
			<Header info={session.info} namespace={state.namespace} readonly={props.readonly} watches={badges} width={size.columns} />
			{summary ? <Text wrap="truncate-end">{summary}</Text> : null}
			{overlay && isBodyOverlay(overlay) ? (
				<ActionBody overlay={overlay} height={bodyHeight} width={size.columns} now={now} tailLines={props.settings.logTailLines} onPick={actions.pick} />
			) : view.type === 'pager' ? (
				<TextPager title={view.title} lines={view.lines} offset={view.offset} height={bodyHeight - 1} width={size.columns} />
			) : view.type === 'contexts' ? (
				<ContextPicker
					choices={props.contexts ?? [session.info.context]}
					current={session.info.context}
					limit={Math.max(3, bodyHeight - 1)}
					onCancel={() => update((s) => ({...s, stack: s.stack.slice(0, -1)}))}
					onSelect={(name) => {
						update((s) => ({...s, stack: s.stack.slice(0, -1)}));
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
					allNamespaces={pane.namespaced && (state.namespace === undefined || clusterWide)}
					sort={view.sort}
					now={now}
					title={pane.title}
					scope={pane.namespaced ? (clusterWide ? 'all' : state.namespace ?? 'all') : undefined}
					detail={tableDetail(view, state.badOnly, pane)}
					emptyText={emptyText}
				/>
			)}
			{state.prompt ? <PromptLine prompt={state.prompt} /> : null}
			{overlay && !isBodyOverlay(overlay) ? <ActionLine overlay={overlay} /> : null}
			{state.confirm ? <ConfirmLine question={state.confirm.question} /> : null}
			<Footer hints={footerHints(bindings, contexts[0])} width={size.columns} message={state.message} />
		</Box>
	);
}

function initialState(props: AppProps, panes: PaneRegistry): AppState {
	const first = props.initialView ?? 'pods';
	const available = panes.has(first);
	return {
		stack: [tableView(available ? first : 'pods')],
		wide: false,
		badOnly: false,
		namespace: props.session.namespace,
		message: available ? undefined : {text: `the ${first} pane is not available in this build`, level: 'error'},
	};
}

/** The keys a newcomer needs first, then what this pane adds; navigation and sorting live in help. */
const essentials = ['view.command', 'view.filter', 'view.help', 'view.back'];

export function footerHints<B extends {action: string; context: string; description: string}>(bindings: readonly B[], specific: string | undefined): B[] {
	const shown = bindings.filter((b) => !/^(nav|sort)\./.test(b.action) && b.action !== 'ns.favourite');
	const rank = (b: B) => (essentials.includes(b.action) ? 0 : b.context === specific ? 1 : 2);
	return [...shown]
		.sort((a, b) => rank(a) - rank(b))
		.map((b) => ({...b, description: b.description.replace(/\s*\(.*\)$/, '')}));
}

function tableDetail(view: TableView, badOnly: boolean, pane: PaneSpec): string | undefined {
	const parts: string[] = [];
	if (view.detail) parts.push(view.detail);
	for (const id of view.toggles ?? []) {
		const label = pane.toggles?.[id]?.label;
		if (label) parts.push(label);
	}
	if (view.filterLabel) parts.push(`-l ${view.filterLabel}`);
	if (view.filter) parts.push(`/${view.filter}`);
	if (badOnly) parts.push('bad only');
	return parts.length > 0 ? parts.join(' ') : undefined;
}

const watchedKinds = ['pods', 'deployments', 'replicasets', 'services', 'nodes', 'namespaces'] as const;

/** The current pane's watch always; the others only when something is wrong with them. */
function watchBadges(session: Session, pane: PaneSpec, clusterWide: boolean): WatchBadge[] {
	const badges: WatchBadge[] = [{kind: pane.resource, status: session.status(pane.resource, clusterWide ? {allNamespaces: true} : undefined)}];
	for (const kind of watchedKinds) {
		if (kind === pane.resource) continue;
		const status = session.status(kind);
		if (status.state === 'forbidden' || status.state === 'error' || status.state === 'reconnecting') {
			badges.push({kind, status});
		}
	}
	return badges;
}
