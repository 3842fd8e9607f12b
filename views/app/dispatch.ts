// Keys → state changes and session calls. One handler for the whole App: it reads state
// from a ref that every update writes synchronously, so keys arriving faster than frames
// (a held 'j', a pasted ':deploy') each act on the state the previous key left.
// Every action id lands somewhere: one this pane cannot do says so, instead of nothing.
import type {BaseRow} from '../../source/model/types.js';
import type {Session} from '../../source/kube/session.js';
import type {InkKey} from '../../source/config/keys.js';
import {resolveKey, type Keymap} from '../../source/config/keymap.js';
import type {Command} from '../commands.js';
import type {PaneRegistry, PaneSpec} from '../panes.js';
import {visibleColumns} from '../table/layout.js';
import {clampOffset} from '../TextPager.js';
import {helpLines, type HelpBinding} from '../Help.js';
import {openPrompt, promptKey, type FilterChoice} from '../prompt.js';
import {splitKeys} from './keys.js';
import {detailTitle, loadDetail} from './detail.js';
import {
	back,
	columnForLetter,
	moveIndex,
	moveSelection,
	previousNamespace,
	push,
	replaceTop,
	switchNamespace,
	switchPane,
	tableView,
	toggleRestriction,
	toggleSort,
	top,
	topTable,
	type AppState,
	type Move,
	type PagerView,
	type TableView,
	type View,
} from './state.js';

/** What the last render saw; rows are derived from stores, so they come from here. */
export interface RenderedTable {
	paneId: string;
	rows: readonly BaseRow[];
	selected: BaseRow | undefined;
	/** Where the cursor was drawn (the object's row, or its old position if it is gone). */
	selectedIndex: number;
	pageSize: number;
}

export interface DispatchContext {
	session: Session;
	keymap: Keymap;
	panes: PaneRegistry;
	settings: {favouriteNamespaces?: readonly string[]};
	readonly: boolean;
	onExit(): void;
	getState(): AppState;
	update(fn: (state: AppState) => AppState): void;
	rendered(): RenderedTable;
	redraw(): void;
	bindings(contexts: readonly string[]): HelpBinding[];
	/** The action flows (views/actions): their dialogs take keys first; mutation/stream ids start there. */
	actions?: {
		key(input: string, key: Partial<InkKey>): boolean;
		start(id: string, selection: {kind: string; row: BaseRow | undefined}): boolean;
	};
}

const moves: Record<string, Move> = {
	'nav.up': 'up',
	'nav.down': 'down',
	'nav.top': 'top',
	'nav.bottom': 'bottom',
	'nav.pageUp': 'pageUp',
	'nav.pageDown': 'pageDown',
};

const sortColumns: Record<string, string> = {'sort.name': 'name', 'sort.age': 'age', 'sort.status': 'status'};

export function paneOf(panes: PaneRegistry, state: AppState): PaneSpec {
	const table = topTable(state);
	return panes.get(table?.pane ?? 'pods') ?? panes.get('pods') ?? [...panes.values()][0]!;
}

export function contextsFor(view: View, pane: PaneSpec | undefined): string[] {
	if (view.type === 'pager') return [view.context, 'global'];
	if (view.type === 'contexts') return ['contexts', 'global'];
	return pane?.contexts ?? ['table', 'global'];
}

function withTable(state: AppState, fn: (table: TableView) => TableView): AppState {
	const current = top(state);
	return current.type === 'table' ? replaceTop(state, fn(current)) : state;
}

export function createDispatcher(ctx: DispatchContext) {
	let requests = 0;
	const {panes, update} = ctx;

	const say = (text: string, level: 'info' | 'error' = 'info') => update((s) => ({...s, message: {text, level}}));

	/** Rows and selection of the last render, if it showed the pane the state now names. */
	const current = () => {
		const state = ctx.getState();
		const pane = paneOf(panes, state);
		const rendered = ctx.rendered();
		const fresh = rendered.paneId === pane.id;
		return {
			state,
			pane,
			view: top(state),
			rows: fresh ? rendered.rows : [],
			selected: fresh ? rendered.selected : undefined,
			shownIndex: fresh ? rendered.selectedIndex : undefined,
			pageSize: rendered.pageSize,
		};
	};

	const changeNamespace = (namespace: string | undefined) => {
		if (namespace === ctx.getState().namespace) {
			say(`already in ${namespace ?? 'all namespaces'}`);
			return;
		}
		ctx.session.setNamespace(namespace);
		update((s) => ({...switchNamespace(s, namespace), message: {text: `namespace: ${namespace ?? 'all'}`, level: 'info'}}));
	};

	/** The object an action applies to: the row itself, or for a pod's parts the pod (undefined: not here). */
	const subjectOf = (pane: PaneSpec, row: BaseRow | undefined, id: string): BaseRow | undefined =>
		row && pane.podParts ? pane.podParts.subject(row, id) : row;

	const openDetail = (kind: 'describe' | 'yaml') => {
		const {pane, view} = current();
		const shown = current().selected;
		const selected = subjectOf(pane, shown, kind === 'yaml' ? 'object.yaml' : 'object.describe');
		if (shown && !selected) {
			say(`${kind} is not available in ${pane.title}`, 'error');
			return;
		}
		if (!selected) {
			say('nothing selected', 'error');
			return;
		}
		const id = ++requests;
		const pager: PagerView = {type: 'pager', context: kind, title: detailTitle(kind, pane, selected), lines: ['loading…'], offset: 0, requestId: id};
		// From describe, 'y' swaps to YAML of the same object (and back) instead of stacking pagers.
		const swap = view.type === 'pager' && view.context !== 'help';
		update((s) => (swap ? replaceTop(s, pager) : push(s, pager)));
		void loadDetail(ctx.session, pane, selected, kind, Date.now()).then((lines) =>
			update((s) => {
				const shown = top(s);
				if (shown.type !== 'pager' || shown.requestId !== id) return s; // the user moved on
				return replaceTop(s, {...shown, lines});
			}),
		);
	};

	const drill = () => {
		const {pane, selected, view} = current();
		if (!selected || !pane.enter) {
			say(selected ? `nothing to open from ${pane.title}` : 'nothing selected', 'error');
			return;
		}
		const next = pane.enter(selected);
		if (!next) {
			say(`${selected.name} has nothing to drill into (no selector)`, 'error');
			return;
		}
		if (next.type === 'namespace') {
			changeNamespace(next.namespace);
			// Picking a namespace returns to where you came from, in that namespace.
			update((s) => (s.stack.length > 1 ? {...s, stack: s.stack.slice(0, -1)} : switchPane(s, 'pods')));
			return;
		}
		const {target} = next;
		if (!panes.has(target.pane)) {
			say(`the ${target.pane} pane is not available in this build`, 'error');
			return;
		}
		// A pod's parts are read from the store the pod list used, so they follow its scope.
		const allNamespaces = target.allNamespaces ?? (target.pod && (pane.clusterWide || (view.type === 'table' && view.allNamespaces)) ? true : undefined);
		update((s) =>
			push(s, tableView(target.pane, {labelSelector: target.labelSelector, nodeName: target.nodeName, allNamespaces, detail: target.detail, pod: target.pod})),
		);
	};

	const onTable = (fn: () => void) => {
		if (current().view.type === 'table') fn();
		else say('not available here', 'error');
	};

	const action = (id: string, arg?: string): void => {
		if (ctx.getState().message) update((s) => ({...s, message: undefined}));
		const {pane, view, rows, pageSize, state, shownIndex} = current();
		const move = moves[id];
		if (move) {
			update((s) => {
				const shown = top(s);
				if (shown.type === 'table') return replaceTop(s, moveSelection(shown, rows, move, pageSize, shownIndex));
				if (shown.type !== 'pager') return s;
				const height = pageSize + 1;
				const from = clampOffset(shown.offset, shown.lines.length, height);
				const offset = move === 'bottom' ? shown.lines.length : moveIndex(from, shown.lines.length, move, height);
				return replaceTop(s, {...shown, offset: clampOffset(offset, shown.lines.length, height)});
			});
			return;
		}
		const sortColumn = sortColumns[id];
		if (sortColumn) {
			onTable(() => {
				if (!pane.columns.some((c) => c.id === sortColumn)) say(`${pane.title} have no ${sortColumn} column`, 'error');
				else update((s) => withTable(s, (t) => toggleSort(t, sortColumn)));
			});
			return;
		}
		switch (id) {
			case 'app.quit':
				ctx.onExit();
				return;
			case 'app.redraw':
				ctx.redraw();
				return;
			case 'view.command':
				update((s) => ({...s, prompt: openPrompt('command'), message: undefined}));
				return;
			case 'view.filter':
				onTable(() => update((s) => ({...s, prompt: openPrompt('filter'), message: undefined})));
				return;
			case 'view.back':
				update(back);
				return;
			case 'view.help':
				if (view.type === 'pager' && view.context === 'help') update(back);
				else {
					const lines = helpLines(ctx.bindings(contextsFor(view, pane)));
					update((s) => push(s, {type: 'pager', context: 'help', title: 'help', lines, offset: 0}));
				}
				return;
			case 'view.wide':
				update((s) => ({...s, wide: !s.wide}));
				return;
			case 'view.badOnly':
				update((s) => ({...s, badOnly: !s.badOnly}));
				return;
			case 'view.drill':
				onTable(drill);
				return;
			case 'sort.column':
				onTable(() => {
					const shown = visibleColumns(pane.columns, {wide: state.wide, allNamespaces: state.namespace === undefined});
					const column = columnForLetter(shown, arg ?? '');
					if (!column) say(`no column starting with ${arg ?? '?'} here`, 'error');
					else update((s) => withTable(s, (t) => toggleSort(t, column.id)));
				});
				return;
			case 'ns.all':
				changeNamespace(undefined);
				return;
			case 'ns.favourite': {
				const namespace = ctx.settings.favouriteNamespaces?.[Number(arg) - 1];
				if (namespace === undefined) say(`no favourite namespace ${arg ?? ''} (set favouriteNamespaces in config.yaml)`, 'error');
				else changeNamespace(namespace);
				return;
			}
			case 'ns.previous': {
				const previous = previousNamespace(state);
				if (!previous) say('no previous namespace yet', 'error');
				else changeNamespace(previous.namespace);
				return;
			}
			case 'object.describe':
			case 'object.yaml':
				if (view.type === 'contexts' || (view.type === 'pager' && view.context === 'help')) say('not available here', 'error');
				else openDetail(id === 'object.yaml' ? 'yaml' : 'describe');
				return;
			default: {
				// Pane-specific keys that only change what is shown (the GPU panes' p and h).
				const toggle = pane.toggles?.[id];
				if (toggle && view.type === 'table') {
					const on = !(view.toggles?.includes(id) ?? false);
					update((s) => ({...withTable(s, (t) => toggleRestriction(t, id)), message: {text: `${toggle.label}: ${on ? 'on' : 'off'}`, level: 'info'}}));
					return;
				}
				const jump = pane.jumps?.[id];
				if (jump && view.type === 'table') {
					if (!panes.has(jump)) say(`the ${jump} pane is not available in this build`, 'error');
					else update((s) => push(s, tableView(jump)));
					return;
				}
				const shown = current().selected;
				const subject = subjectOf(pane, shown, id);
				if (!(shown && !subject) && ctx.actions?.start(id, {kind: pane.objectKind, row: subject})) return;
				// Mutations and streams arrive with the actions layer; until a handler exists the
				// key must still answer, or a user mid-incident thinks it worked.
				say(`${id} is not available here${ctx.readonly ? ' (read-only mode)' : ''}`, 'error');
			}
		}
	};

	const command = (cmd: Command): void => {
		update((s) => ({...s, prompt: undefined}));
		if (cmd.type === 'quit') {
			ctx.onExit();
			return;
		}
		if (cmd.type === 'contexts') {
			update((s) => push(s, {type: 'contexts'}));
			return;
		}
		if (!panes.has(cmd.pane)) {
			say(`the ${cmd.pane} pane is not available in this build`, 'error');
			return;
		}
		// ':ns payments' is a namespace switch, not a trip to the namespaces list: as in k9s, the
		// current pane stays (and keeps its drill-down), now showing that namespace.
		if (cmd.pane === 'namespaces' && cmd.scope) {
			changeNamespace(cmd.scope.namespace);
			return;
		}
		update((s) => switchPane(s, cmd.pane));
		if (cmd.scope) changeNamespace(cmd.scope.namespace);
	};

	const filter = (parsed: FilterChoice): void => {
		update((s) => {
			const shown = top(s);
			const closed = {...s, prompt: undefined};
			if (shown.type !== 'table') return closed;
			const next: TableView =
				parsed.kind === 'none'
					? {...shown, filter: undefined, filterLabel: undefined}
					: parsed.kind === 'labels'
						? {...shown, filter: undefined, filterLabel: parsed.selector}
						: {...shown, filter: parsed.filter, filterLabel: undefined};
			return replaceTop(closed, next);
		});
	};

	/** The key handler Ink calls; bursts and Esc+key pairs arrive split (see keys.ts). */
	const key = (input: string, inkKey: Partial<InkKey>): void => {
		for (const [one, oneInk] of splitKeys(input, inkKey)) oneKey(one, oneInk);
	};

	/** One key: confirmation first, then an open prompt, then the key map. */
	const oneKey = (input: string, inkKey: Partial<InkKey>): void => {
		// ctrl-c always quits, whatever the key map says: the way out must never be rebound away.
		if (inkKey.ctrl && input === 'c') {
			ctx.onExit();
			return;
		}
		if (ctx.actions?.key(input, inkKey)) return;
		const state = ctx.getState();
		if (state.confirm) {
			const {confirm} = state;
			// Anything but 'y' is a no: a stray Enter mid-incident must not delete.
			if (input === 'y' || input === 'Y') {
				update((s) => ({...s, confirm: undefined}));
				confirm.onYes();
			} else if (input === 'n' || input === 'N' || inkKey.escape || inkKey.return) {
				update((s) => ({...s, confirm: undefined, message: {text: 'cancelled', level: 'info'}}));
			}
			return;
		}
		if (state.prompt) {
			const outcome = promptKey(state.prompt, input, inkKey);
			if (outcome.type === 'edit') update((s) => ({...s, prompt: outcome.prompt}));
			// As in k9s, an unknown command closes the prompt and says why in the message line,
			// so the next key (often '?') does what it says rather than extending the typo.
			else if (outcome.type === 'invalid') update((s) => ({...s, prompt: undefined, message: {text: outcome.message, level: 'error'}}));
			else if (outcome.type === 'cancel') update((s) => ({...s, prompt: undefined}));
			else if (outcome.type === 'command') command(outcome.command);
			else filter(outcome.filter);
			return;
		}
		const view = top(state);
		if (view.type === 'contexts') return; // the picker reads its own keys
		const hit = resolveKey(ctx.keymap, contextsFor(view, paneOf(panes, state)), input, inkKey);
		if (hit) action(hit.action, hit.arg);
	};

	return {action, command, filter, key};
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
