// The controller's view state and its pure transitions: the stack of views, selection and
// namespace history, table-testable without rendering.
import type {ForwardInfo} from '../actions/portForward.js';
import type {BaseRow, Column} from '../model/types.js';
import {followSelection} from '../store/selectors.js';
import type {PaneId} from './commands.js';
import type {PodRef} from './panes/panes.js';
import type {SortState} from '../store/selectors.js';
import type {Overlay} from './overlays.js';
import type {DetailRef} from '../kube/detail.js';
import {defaultSortOf} from './paneDefaults.js';
import type {Narrow} from './narrow.js';
import type {Marks} from './marks.js';
import type {BulkRun} from './bulk.js';
import type {EditPager} from './editSteps.js';
import type {Opening} from './typeAhead.js';

export interface TableView {
	type: 'table';
	pane: PaneId;
	/** Text filter for selectRows (regex, '!x' inverts). */
	filter?: string;
	/** Server-side selector from a drill-down (deployment/service → pods); Esc goes back past it. */
	labelSelector?: string;
	/** Server-side selector typed as '/-l ...'; Esc clears it first. */
	filterLabel?: string;
	nodeName?: string;
	/** Only rows owned by this uid (drill-down by owner references). */
	ownerUid?: string;
	/** Or rows labelled with the owner's name under one of these keys (see DrillTarget.ownerLabels). */
	ownerLabels?: {keys: readonly string[]; name: string};
	/** Kept client-side: a jump's restriction (./narrow.ts), e.g. the events of one object. */
	narrow?: Narrow;
	/** Rollout history: the revision marked with m, which = compares the selected one with. */
	compareWith?: {uid: string; revision: number; detail?: string};
	/** Rows from the cluster-wide store instead of the session's namespace. */
	allNamespaces?: boolean;
	detail?: string;
	/** The pod a containers pane lists. */
	pod?: PodRef;
	sort?: SortState;
	/** Action ids of the pane's toggles that are on (see PaneSpec.toggles). */
	toggles?: readonly string[];
	selectedUid?: string;
	/** Where the selection was, for when its object disappears. */
	selectedIndex: number;
}

export interface PagerView {
	type: 'pager';
	/** The key-map context: 'output' is a command's output (:exec), which closes as itself, not as help. */
	context: 'describe' | 'yaml' | 'help' | 'output';
	title: string;
	lines: string[];
	offset: number;
	/** Long lines wrap onto the next rows instead of being cut at the edge (w). */
	wrap?: boolean;
	/** First display column shown when not wrapping (left/right scroll). */
	column?: number;
	/** The object shown (describe, yaml), so the expand key can fetch it again. */
	ref?: DetailRef;
	/** Matches a pending fetch to the pager it fills, so a late answer cannot land elsewhere. */
	requestId?: number;
	/** Lines of a unified diff: coloured by their first character (which says it without colour). */
	diff?: true;
	/** An edit's diff (source/ui/editSteps.ts): the dry run under its question, or a conflict to edit again on top of. */
	edit?: EditPager;
}

/** The :ctx picker: the kubeconfig's contexts, one highlighted. */
export interface ContextsView {
	type: 'contexts';
	choices: readonly string[];
	current: string;
	index: number;
}

export type View = TableView | PagerView | ContextsView;

export interface UiState {
	stack: View[];
	/** What takes the keys before the view: a prompt, a question, an action's dialog or live view. */
	overlay?: Overlay;
	wide: boolean;
	badOnly: boolean;
	namespace: string | undefined;
	/** The namespace before the last switch, for '-'; absent until a switch happened. */
	previous?: {namespace: string | undefined};
	message?: {text: string; level: 'info' | 'error'};
	/** The next request number; every effect that answers later carries one. */
	nextReq: number;
	/** The key (keys.ts keyId) that just answered a dialog: repeats of it in the same read are dropped. */
	answeredKey?: string;
	/** The action layer's port-forwards as the runner last saw them (for :pf). */
	forwards?: readonly ForwardInfo[];
	/** Rows marked with space in the table on top (source/ui/marks.ts). */
	marks?: Marks;
	/** A bulk action on marked rows waiting for its answers (source/ui/bulk.ts). */
	bulk?: BulkRun;
	/** A shell, attach or debug session on its way: keys are held for it (source/ui/typeAhead.ts). */
	opening?: Opening;
}

export function tableView(pane: PaneId, extra: Partial<TableView> = {}): TableView {
	const sort = defaultSortOf(pane);
	return {type: 'table', pane, selectedIndex: 0, ...(sort ? {sort} : {}), ...extra};
}

export function top(state: UiState): View {
	return state.stack[state.stack.length - 1] ?? tableView('pods');
}

/** The table nearest the top: under a pager it stays the source of the selection (describe acts on it). */
export function topTable(state: UiState): TableView | undefined {
	for (let i = state.stack.length - 1; i >= 0; i--) {
		const view = state.stack[i]!;
		if (view.type === 'table') return view;
	}
	return undefined;
}

/**
 * Whether a view of objects in `namespace` must read the cluster-wide store: the session's scope
 * holds one namespace, and a jump (or a row of an all-namespaces list) can name another.
 */
export function outsideScope(state: UiState, namespace: string | undefined): true | undefined {
	return topTable(state)?.allNamespaces === true || (state.namespace !== undefined && namespace !== undefined && state.namespace !== namespace) ? true : undefined;
}

export function replaceTop(state: UiState, view: View): UiState {
	return {...state, stack: [...state.stack.slice(0, -1), view]};
}

export function push(state: UiState, view: View): UiState {
	return {...state, stack: [...state.stack, view], overlay: undefined};
}

/** Esc: first undo the filter of the current table, then go back a view; the root view stays. */
export function back(state: UiState): UiState {
	const view = top(state);
	if (view.type === 'table' && (view.filter || view.filterLabel)) {
		return {...replaceTop(state, {...view, filter: undefined, filterLabel: undefined}), message: undefined};
	}
	if (state.stack.length <= 1) return state;
	return {...state, stack: state.stack.slice(0, -1), message: undefined};
}

/** ':pods' from anywhere: replaces the whole stack, as k9s does, so Esc does not wander through history. */
export function switchPane(state: UiState, pane: PaneId): UiState {
	const {marks: _marks, ...rest} = state;
	return {...rest, stack: [tableView(pane)], overlay: undefined, message: undefined};
}

export function switchNamespace(state: UiState, namespace: string | undefined): UiState {
	if (namespace === state.namespace) return state;
	return {...state, namespace, previous: {namespace: state.namespace}};
}

export function previousNamespace(state: UiState): UiState | undefined {
	if (!state.previous) return undefined;
	return switchNamespace(state, state.previous.namespace);
}

/** What the session's watch for this view must select: the drill-down and the typed selector together. */
export function effectiveSelector(view: TableView): string | undefined {
	const parts = [view.labelSelector, view.filterLabel].filter((p): p is string => Boolean(p));
	return parts.length > 0 ? parts.join(',') : undefined;
}

export type Move = 'up' | 'down' | 'top' | 'bottom' | 'pageUp' | 'pageDown';

export function moveIndex(index: number, count: number, move: Move, page: number): number {
	if (count === 0) return 0;
	const step = Math.max(1, page);
	const next = {
		up: index - 1,
		down: index + 1,
		top: 0,
		bottom: count - 1,
		pageUp: index - step,
		pageDown: index + step,
	}[move];
	return Math.min(Math.max(0, next), count - 1);
}

/** Moves a table's selection over the rows currently shown; selection is stored by uid. */
export function moveSelection<R extends BaseRow>(view: TableView, rows: readonly R[], move: Move, page: number, shownIndex?: number): TableView {
	// When the selected object is gone, move from where the cursor is drawn now.
	const current = followSelection(rows, view.selectedUid, shownIndex ?? view.selectedIndex);
	const index = moveIndex(current, rows.length, move, page);
	return {...view, selectedUid: rows[index]?.uid, selectedIndex: index};
}

/** Same column again flips direction; a new column starts ascending (AGE: youngest first, like k9s). */
export function toggleSort(view: TableView, column: string): TableView {
	const ascending = view.sort?.column === column ? !view.sort.ascending : true;
	return {...view, sort: {column, ascending}};
}

/** A pane toggle on or off; the selection stays on its object if it is still shown. */
export function toggleRestriction(view: TableView, id: string): TableView {
	const on = view.toggles?.includes(id) ?? false;
	const toggles = on ? (view.toggles ?? []).filter((t) => t !== id) : [...(view.toggles ?? []), id];
	return {...view, toggles: toggles.length > 0 ? toggles : undefined};
}

/** Shift+letter sorting: the first visible column whose title starts with that letter. */
export function columnForLetter<R extends BaseRow>(columns: readonly Column<R>[], letter: string): Column<R> | undefined {
	const wanted = letter.toUpperCase();
	// A column that claims the letter wins (shift-c sorts by CPU usage, not by the CPU request).
	return columns.find((column) => column.sortLetter === wanted) ?? columns.find((column) => column.title.toUpperCase().startsWith(wanted));
}

/** A pager's first line, clamped so the last page stays full; callers may overshoot freely. */
export function clampOffset(offset: number, lineCount: number, height: number): number {
	return Math.max(0, Math.min(offset, lineCount - Math.max(1, height)));
}
