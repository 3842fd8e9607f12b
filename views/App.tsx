// The shell: renders the controller's state (source/ui) — a stack of views, prompts, questions
// and action views — and forwards keys to it. Rows come from the selector over the session's
// stores; keys are routed, and the API is reached, only by the controller and its runner.
import React, {useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import {Box, Text, useApp, useInput, useStdout, type Key} from 'ink';
import type {Session} from '../source/kube/session.js';
import type {BaseRow} from '../source/model/types.js';
import {bindingsFor, type Keymap} from '../source/config/keymap.js';
import {displayKey} from '../source/config/keys.js';
import type {ActionLayer} from '../source/actions/actionLayer.js';
import {footerHints} from '../source/ui/help.js';
import {createBurstMarker, splitKeys} from '../source/ui/keys.js';
import type {Env} from '../source/ui/messages.js';
import {isBodyOverlay} from '../source/ui/overlays.js';
import {top, type TableView} from '../source/ui/state.js';
import {activeBindings, hintContexts} from '../source/ui/update.js';
import {paneStore} from '../source/ui/visible.js';
import {shownFilter} from '../source/ui/prompt.js';
import {TableFrame, useTableWindow} from './ResourceTable.js';
import {Header} from './Header.js';
import {Footer} from './Footer.js';
import {PromptLine} from './PromptLine.js';
import {TextPager} from './TextPager.js';
import {ContextPicker} from './Pickers.js';
import {defaultPanes} from '../source/ui/panes/defaultPanes.js';
import type {GpuIdleSettings} from '../source/store/gpuTelemetryStores.js';
import {withGenericPanes} from '../source/ui/panes/genericPanes.js';
import {catalogOf} from '../source/ui/genericCommands.js';
import {ActionBody, ActionLine, lineOverlayRows} from './actions/ActionViews.js';
import {markedUids, marksText} from '../source/ui/marks.js';
import {LOG_CHROME_ROWS} from './actions/LogView.js';
import type {PaneRegistry, PaneSpec} from '../source/ui/panes/panes.js';
import {useStoreVersion, useTerminalSize, useWatchStatusVersion, type TerminalSize} from './app/hooks.js';
import {useTextClock} from './app/useTextClock.js';
import {tableTimeText} from './app/timeText.js';
import {useController} from './app/useController.js';
import {genericPanesBehind, watchBadges} from './app/watchBadges.js';
import type {StartView} from '../source/cli-options.js';

export type {StartView} from '../source/cli-options.js';

export interface AppSettings {
	/** Namespaces bound to keys 1–9, in order. */
	favouriteNamespaces?: readonly string[];
	/** Accelerator resource names beyond the built-in vendors (GPU panes). */
	extraAcceleratorResources?: readonly string[];
	/** For the action flows: scale prompt ceiling, log tail and ring-buffer cap. */
	scaleCeiling?: number;
	logTailLines?: number;
	logLineCap?: number;
	/** Shells `s` tries in order; the debug containers' image. */
	shellCandidates?: readonly string[];
	debugImage?: string;
	/** false turns `x` (reveal a secret value) off. */
	revealSecrets?: boolean;
	/** :gpuidle's threshold, window and prices per GPU model (settings gpuIdle.*, gpuPricePerHour). */
	idleGpus?: GpuIdleSettings;
}

export interface AppProps {
	session: Session;
	keymap: Keymap;
	settings: AppSettings;
	readonly: boolean;
	initialView?: StartView;
	/** Said in the message line at start (e.g. why -c could not open its kind yet). */
	startMessage?: string;
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
	/** Told after each frame is committed which controller version it shows (tests wait on it, never sleep). */
	probe?: {rendered(version: number, latest: () => number): void; ticked?(redrawn: boolean): void};
	/** The clock's tick (1 s); tests shorten it. */
	tickMs?: number;
}

const systemClock = () => Date.now();
export function App(props: AppProps) {
	const {session, keymap} = props;
	const [panes] = useState(() => withGenericPanes(props.panes ?? defaultPanes(props.settings.extraAcceleratorResources, props.settings.idleGpus), session));
	const size = useTerminalSize(props.size);
	const clock = props.clock ?? systemClock;
	// Ages are drawn against the time of each render; a tick renders only when it changes text on screen.
	const {now, textAt} = useTextClock(clock, {...(props.tickMs ? {intervalMs: props.tickMs} : {}), ...(props.probe?.ticked ? {ticked: props.probe.ticked} : {})});
	useWatchStatusVersion(session);

	// What the reducer may read; refreshed every render, read by every key in between.
	const envRef = useRef<Env>(undefined);
	const {controller, runner, visible} = useController(props, panes, () => envRef.current!);
	const {state, version} = useSyncExternalStore(controller.subscribe, controller.frame, controller.frame);
	useEffect(() => props.probe?.rendered(version, () => controller.frame().version));

	const view = top(state);
	const shown = visible(state, now);
	const {pane, rows, clusterWide} = shown;
	// Subscribed so that the frame follows the stores; the selector reads the same snapshots.
	useStoreVersion(paneStore(session, pane, clusterWide));
	// Without summaryFrom this is the table's own store (no second watch); with it, cluster-wide.
	const relatedStore = session.store(pane.summaryFrom ?? pane.resource, pane.summaryFrom || clusterWide ? {allNamespaces: true} : undefined);
	useStoreVersion(relatedStore);
	const related = relatedStore.snapshot();

	// Layout: keep the frame one line shorter than the terminal, or Ink clears the whole
	// screen on every render (a flicker storm over SSH).
	const badges = watchBadges(session, pane, clusterWide, genericPanesBehind(state, panes));
	const problems = badges.filter((w) => w.status.message && w.status.state !== 'live');
	const summary = pane.summary?.(rows, now, pane.summaryFrom ? related.rows : undefined);
	const overlay = state.overlay;
	const footnote = view.type === 'table' && !(overlay && isBodyOverlay(overlay)) ? pane.footnote?.(rows[shown.selectedIndex], now, rows) : undefined;
	const headerLines = 2 + problems.length;
	const promptLines = (overlay?.type === 'prompt' ? 2 : 0) + lineOverlayRows(overlay, size.columns);
	const footerLines = 1 + (state.message ? 1 : 0);
	const bodyHeight = Math.max(3, size.rows - 1 - headerLines - promptLines - footerLines - (summary ? 1 : 0) - (footnote ? 1 : 0));
	const tableHeight = bodyHeight - 2;

	const env: Env = {
		keymap,
		panes,
		settings: props.settings,
		visible: (s) => visible(s, clock()),
		pageSize: overlay?.type === 'logs' ? Math.max(1, bodyHeight - LOG_CHROME_ROWS) : tableHeight,
		...(props.actions ? {actions: actionFacts(props.actions)} : {}),
		logSource: runner.logSource,
		podsOnNode: runner.podsOnNode,
		contexts: props.contexts ?? [],
		currentContext: session.info.context,
		now: clock(),
		kinds: () => catalogOf(session.discovered()),
	};
	envRef.current = env;

	const [markBursts] = useState(createBurstMarker);
	const {waitUntilRenderFlush} = useApp();
	const {stdout} = useStdout();
	const terminal = Boolean((stdout as {isTTY?: boolean}).isTTY);
	const onKey = useCallback((input: string, key: Key) => {
		// Keys of one read (a paste, tmux send-keys) go through the reducer one at a time, in order.
		for (const {key: press, burst} of markBursts(splitKeys(input, key))) controller.dispatch({type: 'key', key: press, ...(burst ? {burst} : {})});
		// Keys first: Ink holds a frame back while another went out less than 33 ms before (its
		// render throttle), and under a busy watch a data frame always just did: the key's frame
		// would wait 16 ms on average, up to 66. Flushing it as soon as React has committed puts
		// the key on screen at once; watch frames keep their pace. Only a terminal is throttled (a
		// test's stream is drawn unthrottled, and the flush would add an empty write to its frames).
		if (terminal) void waitUntilRenderFlush();
	}, [controller, markBursts, waitUntilRenderFlush, terminal]);
	useInput(onKey);

	const hints = footerHints(activeBindings(state, env), hintContexts(state, env)[0]);
	const answers = useMemo(() => confirmAnswers(keymap), [keymap]);

	// What a tick could change on this frame: a table's ages and the header; other views redraw each tick.
	const onTable = !(overlay && isBodyOverlay(overlay)) && view.type !== 'pager' && view.type !== 'contexts';
	const allNamespacesShown = pane.namespaced && (state.namespace === undefined || clusterWide);
	textAt.current = onTable
		? tableTimeText({badges, summary: summaryAt(pane, rows, related.rows), rows, columns: pane.columns, selectedIndex: shown.selectedIndex, height: tableHeight, wide: state.wide, allNamespaces: allNamespacesShown})
		: undefined;

	// Only the rows on screen go down to the table (see useTableWindow).
	const tableWindow = useTableWindow(rows, shown.selectedIndex, tableHeight);

	const status = session.status(pane.resource, clusterWide ? {allNamespaces: true} : undefined);
	const emptyText = shown.problem ?? (
		status.state === 'forbidden' || status.state === 'error'
			? status.message ?? status.state
			: status.state === 'live'
				? 'no rows'
				: `${status.state}…`);

	return (
		<Box flexDirection="column" width={size.columns}>
			<Header info={session.info} namespace={state.namespace} readonly={props.readonly} watches={badges} width={size.columns} now={now} />
			{summary ? <Text wrap="truncate-end">{summary}</Text> : null}
			{overlay && isBodyOverlay(overlay) ? (
				<ActionBody
					overlay={overlay}
					height={bodyHeight}
					width={size.columns}
					now={now}
					{...(props.settings.logTailLines !== undefined ? {tailLines: props.settings.logTailLines} : {})}
					{...(overlay.type === 'logs' ? {logLines: runner.logSource(overlay.req)} : {})}
					{...(overlay.type === 'forwards' ? {forwards: state.forwards ?? []} : {})}
				/>
			) : view.type === 'pager' ? (
				<TextPager title={view.title} lines={view.lines} offset={view.offset} height={bodyHeight - 1} width={size.columns} wrap={view.wrap} column={view.column} diff={view.diff} />
			) : view.type === 'contexts' ? (
				<ContextPicker choices={view.choices} current={view.current} index={view.index} limit={Math.max(3, bodyHeight - 1)} />
			) : (
				<TableFrame
					window={tableWindow}
					columns={pane.columns}
					width={size.columns}
					wide={state.wide}
					allNamespaces={allNamespacesShown}
					sort={view.sort}
					now={now}
					title={pane.title}
					scope={pane.namespaced ? (clusterWide ? 'all' : state.namespace ?? 'all') : undefined}
					detail={tableDetail(view, shownFilter(state.overlay, view.filter), state.badOnly, pane, marksText(state, shown))}
					emptyText={emptyText}
					marked={markedUids(state)}
				/>
			)}
			{footnote ? <Text wrap="truncate-end">{footnote}</Text> : null}
			{overlay?.type === 'prompt' ? <PromptLine prompt={overlay.prompt} /> : null}
			{overlay && !isBodyOverlay(overlay) && overlay.type !== 'prompt' ? <ActionLine overlay={overlay} answers={answers} width={size.columns} /> : null}
			<Footer hints={hints} width={size.columns} message={state.message} />
		</Box>
	);
}

/**
 * The summary line at a given moment. Made out here, not as an arrow in App: a closure in App's body
 * would put `rows` in the scope every closure of that render shares, and React keeps the effects of
 * the frame before, so the rows of the frame before would stay alive with them (see useTableWindow).
 */
function summaryAt(pane: PaneSpec, rows: readonly BaseRow[], related: readonly BaseRow[]): ((now: number) => string | undefined) | undefined {
	const summary = pane.summary;
	return summary ? (now) => summary(rows, now, pane.summaryFrom ? related : undefined) : undefined;
}

function actionFacts(layer: ActionLayer): NonNullable<Env['actions']> {
	return {readonly: layer.readonly, validateReplicas: (input) => layer.validateReplicas(input)};
}

/** 'y confirms · n, <esc> or <enter> cancels', from the key map's confirm context. */
function confirmAnswers(keymap: Keymap): string {
	const keysOf = (action: string) => {
		const names = bindingsFor(keymap, ['confirm']).find((b) => b.action === action)?.keys ?? [];
		// shift-y next to y says nothing new.
		const shown = names.filter((k) => !(k.length === 1 && /[A-Z]/.test(k) && names.includes(k.toLowerCase()))).map(displayKey);
		return shown.length <= 1 ? (shown[0] ?? '?') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
	};
	return `${keysOf('confirm.yes')} confirms · ${keysOf('confirm.no')} cancels`;
}

function tableDetail(view: TableView, filter: string | undefined, badOnly: boolean, pane: PaneSpec, marks?: string): string | undefined {
	const parts: string[] = [];
	if (view.detail) parts.push(view.detail);
	for (const id of view.toggles ?? []) {
		const label = pane.toggles?.[id]?.label;
		if (label) parts.push(label);
	}
	if (view.filterLabel) parts.push(`-l ${view.filterLabel}`);
	if (filter) parts.push(`/${filter}`);
	if (badOnly) parts.push('bad only');
	if (marks) parts.push(marks);
	return parts.length > 0 ? parts.join(' ') : undefined;
}
