// Action ids (from the key map) → state changes and session calls. Every id in the
// vocabulary lands somewhere: an action this pane cannot do says so, instead of nothing.
import type React from 'react';
import {useRef} from 'react';
import type {BaseRow} from '../../source/model/types.js';
import type {Session} from '../../source/kube/session.js';
import type {FilterInput} from '../../source/store/labelSelector.js';
import type {Command} from '../commands.js';
import type {PaneRegistry, PaneSpec} from '../panes.js';
import {visibleColumns} from '../table/layout.js';
import {clampOffset} from '../TextPager.js';
import {helpLines} from '../Help.js';
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
	toggleSort,
	top,
	type AppState,
	type Move,
	type PagerView,
	type TableView,
} from './state.js';

export interface PendingConfirm {
	question: string;
	onYes(): void;
}

export interface DispatchInput {
	props: {
		session: Session;
		settings: {favouriteNamespaces?: readonly string[]};
		readonly: boolean;
		onExit(): void;
	};
	panes: PaneRegistry;
	state: AppState;
	setState: React.Dispatch<React.SetStateAction<AppState>>;
	pane: PaneSpec;
	rows: readonly BaseRow[];
	selected: BaseRow | undefined;
	selectedIndex: number;
	pageSize: number;
	setConfirm(confirm: PendingConfirm | undefined): void;
	redraw(): void;
	now: number;
	bindings(): Array<{keys: string[]; action: string; arg?: string; description: string; context: string}>;
}

export interface Dispatcher {
	action(id: string, arg?: string): void;
	command(command: Command): void;
	filter(filter: Exclude<FilterInput, {kind: 'invalid'}>): void;
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

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function useDispatcher(input: DispatchInput): Dispatcher {
	const requests = useRef(0);
	const {props, panes, state, setState, pane, rows, selected, pageSize} = input;
	const {session} = props;
	const view = top(state);

	const say = (text: string, level: 'info' | 'error' = 'info') => setState((s) => ({...s, message: {text, level}}));

	const changeNamespace = (namespace: string | undefined) => {
		if (namespace === state.namespace) {
			say(`already in ${namespace ?? 'all namespaces'}`);
			return;
		}
		session.setNamespace(namespace);
		setState((s) => ({...switchNamespace(s, namespace), message: {text: `namespace: ${namespace ?? 'all'}`, level: 'info'}}));
	};

	const openDetail = (kind: 'describe' | 'yaml') => {
		if (!selected) {
			say('nothing selected', 'error');
			return;
		}
		const id = ++requests.current;
		const target = selected;
		const where = target.namespace ? `${target.namespace}/${target.name}` : target.name;
		const title = `${kind} ${pane.objectKind.toLowerCase()} ${where}`;
		const pager: PagerView = {type: 'pager', context: kind, title, lines: ['loading…'], offset: 0, requestId: id};
		// From describe, 'y' swaps to YAML of the same object (and back) instead of stacking pagers.
		const swap = view.type === 'pager' && view.context !== 'help';
		setState((s) => (swap ? replaceTop(s, pager) : push(s, pager)));
		const fill = (lines: string[]) =>
			setState((s) => {
				const current = top(s);
				if (current.type !== 'pager' || current.requestId !== id) return s; // the user moved on
				return replaceTop(s, {...current, lines});
			});
		void (async () => {
			try {
				const object = await session.fetchObject(pane.resource, target.namespace, target.name);
				// Loaded on first use: start-up should not pay for js-yaml and the describers.
				if (kind === 'yaml') {
					const {objectToYaml} = await import('../../source/model/yaml.js');
					fill(objectToYaml(object).replace(/\n$/, '').split('\n'));
				} else {
					const events = await session
						.fetchEvents({kind: pane.objectKind, namespace: target.namespace, name: target.name, uid: target.uid})
						.catch(() => []); // describe without events beats no describe
					const {describeObject} = await import('../../source/model/describe.js');
					fill(describeObject(pane.objectKind, object, events, Date.now()));
				}
			} catch (error) {
				fill([`cannot ${kind} ${where}: ${errorMessage(error)}`]);
			}
		})();
	};

	const onTable = (fn: (table: TableView) => void) => {
		if (view.type === 'table') fn(view);
		else say('not available here', 'error');
	};

	const action = (id: string, arg?: string): void => {
		if (state.message) setState((s) => ({...s, message: undefined}));
		const move = moves[id];
		if (move) {
			if (view.type === 'table') {
				setState((s) => replaceTop(s, moveSelection(view, rows, move, pageSize)));
			} else if (view.type === 'pager') {
				const height = pageSize + 1;
				const from = clampOffset(view.offset, view.lines.length, height);
				const offset = move === 'bottom' ? view.lines.length : moveIndex(from, view.lines.length, move, height);
				setState((s) => replaceTop(s, {...view, offset: clampOffset(offset, view.lines.length, height)} satisfies PagerView));
			}
			return;
		}
		const sortColumn = sortColumns[id];
		if (sortColumn) {
			onTable((table) => {
				if (!pane.columns.some((c) => c.id === sortColumn)) say(`${pane.title} have no ${sortColumn} column`, 'error');
				else setState((s) => replaceTop(s, toggleSort(table, sortColumn)));
			});
			return;
		}
		switch (id) {
			case 'app.quit':
				props.onExit();
				return;
			case 'app.redraw':
				input.redraw();
				return;
			case 'view.command':
				setState((s) => ({...s, mode: 'command', message: undefined}));
				return;
			case 'view.filter':
				onTable(() => setState((s) => ({...s, mode: 'filter', message: undefined})));
				return;
			case 'view.back':
				setState(back);
				return;
			case 'view.help':
				if (view.type === 'pager' && view.context === 'help') setState(back);
				else setState((s) => push(s, {type: 'pager', context: 'help', title: 'help', lines: helpLines(input.bindings()), offset: 0}));
				return;
			case 'view.wide':
				setState((s) => ({...s, wide: !s.wide}));
				return;
			case 'view.badOnly':
				setState((s) => ({...s, badOnly: !s.badOnly}));
				return;
			case 'view.drill':
				onTable(() => drill());
				return;
			case 'sort.column':
				onTable((table) => {
					const shown = visibleColumns(pane.columns, {wide: state.wide, allNamespaces: state.namespace === undefined});
					const column = columnForLetter(shown, arg ?? '');
					if (!column) say(`no column starting with ${arg ?? '?'} here`, 'error');
					else setState((s) => replaceTop(s, toggleSort(table, column.id)));
				});
				return;
			case 'ns.all':
				changeNamespace(undefined);
				return;
			case 'ns.favourite': {
				const slot = Number(arg);
				const namespace = props.settings.favouriteNamespaces?.[slot - 1];
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
			default:
				// Mutations and streams arrive with the actions layer; until a handler exists the
				// key must still answer, or a user mid-incident thinks it worked.
				say(`${id} is not available here${props.readonly ? ' (read-only mode)' : ''}`, 'error');
		}
	};

	const drill = () => {
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
			setState((s) => (s.stack.length > 1 ? {...s, stack: s.stack.slice(0, -1)} : switchPane(s, 'pods')));
			return;
		}
		const {target} = next;
		if (!panes.has(target.pane)) {
			say(`the ${target.pane} pane is not available in this build`, 'error');
			return;
		}
		setState((s) =>
			push(s, tableView(target.pane, {labelSelector: target.labelSelector, nodeName: target.nodeName, allNamespaces: target.allNamespaces, detail: target.detail})),
		);
	};

	const command = (cmd: Command): void => {
		setState((s) => ({...s, mode: 'normal'}));
		if (cmd.type === 'quit') {
			props.onExit();
			return;
		}
		if (cmd.type === 'contexts') {
			setState((s) => push(s, {type: 'contexts'}));
			return;
		}
		if (!panes.has(cmd.pane)) {
			say(`the ${cmd.pane} pane is not available in this build`, 'error');
			return;
		}
		setState((s) => switchPane(s, cmd.pane));
		if (cmd.scope) changeNamespace(cmd.scope.namespace);
	};

	const filter = (parsed: Exclude<FilterInput, {kind: 'invalid'}>): void => {
		setState((s) => {
			const current = top(s);
			if (current.type !== 'table') return {...s, mode: 'normal'};
			const next: TableView =
				parsed.kind === 'none'
					? {...current, filter: undefined, filterLabel: undefined}
					: parsed.kind === 'labels'
						? {...current, filter: undefined, filterLabel: parsed.selector}
						: {...current, filter: parsed.filter, filterLabel: undefined};
			return {...replaceTop(s, next), mode: 'normal'};
		});
	};

	return {action, command, filter};
}
