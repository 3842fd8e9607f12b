// Steps that change what is shown: moving, sorting, filtering, switching panes and namespaces,
// drilling down, opening describe/YAML/help. Pure: (state, env) → state + effects.
import {startApply} from './applySteps.js';
import {openForwards} from './portForwardSteps.js';
import {execCommandStep} from './execCommand.js';
import {labelStep} from './labelSteps.js';
import {historyCommand} from './historySteps.js';
import type {BaseRow} from '../model/types.js';
import {detailTitle, type DetailRef} from '../kube/detail.js';
import type {Command} from './commands.js';
import type {PaneSpec} from './panes/panes.js';
import {visibleColumns} from './window.js';
import {helpLines, type HelpBinding} from './help.js';
import type {CatalogEntry} from '../kinds/generic-resolve.js';
import {discoveredHelpLines} from './genericCommands.js';
import {isGenericName} from '../kinds/generic-names.js';
import type {FilterChoice} from './prompt.js';
import type {Env, Step} from './messages.js';
import {
	back,
	clampOffset,
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
	type Move,
	type PagerView,
	type TableView,
	type UiState,
} from './state.js';

export const only = (state: UiState): Step => ({state, effects: []});

export function say(state: UiState, text: string, level: 'info' | 'error' = 'info'): UiState {
	return {...state, message: {text, level}};
}

export const sayStep = (state: UiState, text: string, level: 'info' | 'error' = 'info'): Step => only(say(state, text, level));

/** A fresh request number and the state that has used it up. */
export function request(state: UiState): [number, UiState] {
	return [state.nextReq, {...state, nextReq: state.nextReq + 1}];
}

export function paneOf(env: Env, state: UiState): PaneSpec {
	const table = topTable(state);
	return env.panes.get(table?.pane ?? 'pods') ?? env.panes.get('pods') ?? [...env.panes.values()][0]!;
}

/** Key map contexts of the view on top (overlays have their own; see update.ts). */
export function viewContexts(state: UiState, env: Env): string[] {
	const view = top(state);
	if (view.type === 'pager') return [view.context, 'global'];
	if (view.type === 'contexts') return ['contexts', 'global'];
	return paneOf(env, state).contexts;
}

function withTable(state: UiState, fn: (table: TableView) => TableView): UiState {
	const current = top(state);
	return current.type === 'table' ? replaceTop(state, fn(current)) : state;
}

/** The object an action applies to: the row itself, or for a pod's parts the pod (undefined: not here). */
export function subjectOf(pane: PaneSpec, row: BaseRow | undefined, id: string): BaseRow | undefined {
	return row && pane.podParts ? pane.podParts.subject(row, id) : row;
}

export function move(state: UiState, env: Env, how: Move): Step {
	const view = top(state);
	if (view.type === 'table') {
		const shown = env.visible(state);
		return only(replaceTop(state, moveSelection(view, shown.rows, how, env.pageSize, shown.selectedIndex)));
	}
	if (view.type === 'contexts') {
		if (how !== 'up' && how !== 'down') return only(state);
		return only(replaceTop(state, {...view, index: moveIndex(view.index, view.choices.length, how, 1)}));
	}
	const height = env.pageSize + 1;
	const from = clampOffset(view.offset, view.lines.length, height);
	const offset = how === 'bottom' ? view.lines.length : moveIndex(from, view.lines.length, how, height);
	return only(replaceTop(state, {...view, offset: clampOffset(offset, view.lines.length, height)}));
}

export function sortBy(state: UiState, env: Env, column: string): Step {
	const pane = paneOf(env, state);
	if (!pane.columns.some((c) => c.id === column)) return sayStep(state, `${pane.title} have no ${column} column`, 'error');
	return only(withTable(state, (t) => toggleSort(t, column)));
}

export function sortByLetter(state: UiState, env: Env, letter: string | undefined): Step {
	const pane = paneOf(env, state);
	const shown = visibleColumns(pane.columns, {wide: state.wide, allNamespaces: state.namespace === undefined});
	const column = columnForLetter(shown, letter ?? '');
	if (!column) return sayStep(state, `no column starting with ${letter ?? '?'} here`, 'error');
	return only(withTable(state, (t) => toggleSort(t, column.id)));
}

/** The session follows state.namespace (see scope.ts); here only the state and the message change. */
export function changeNamespace(state: UiState, namespace: string | undefined): UiState {
	if (namespace === state.namespace) return say(state, `already in ${namespace ?? 'all namespaces'}`);
	return say(switchNamespace(state, namespace), `namespace: ${namespace ?? 'all'}`);
}

export function favourite(state: UiState, env: Env, slot: string | undefined): Step {
	const namespace = env.settings.favouriteNamespaces?.[Number(slot) - 1];
	if (namespace === undefined) return sayStep(state, `no favourite namespace ${slot ?? ''} (set favouriteNamespaces in config.yaml)`, 'error');
	return only(changeNamespace(state, namespace));
}

export function previous(state: UiState): Step {
	const earlier = previousNamespace(state);
	if (!earlier) return sayStep(state, 'no previous namespace yet', 'error');
	return only(changeNamespace(state, earlier.namespace));
}

export function help(state: UiState, bindings: readonly HelpBinding[], catalog: readonly CatalogEntry[] = []): Step {
	const view = top(state);
	if (view.type === 'pager' && view.context === 'help') return only(back(state));
	const lines = [...helpLines(bindings), ...discoveredHelpLines(catalog)];
	return only(push(state, {type: 'pager', context: 'help', title: 'help', lines, offset: 0}));
}

export function openDetail(state: UiState, env: Env, as: 'describe' | 'yaml'): Step {
	const view = top(state);
	if (view.type === 'contexts' || (view.type === 'pager' && (view.context === 'help' || view.context === 'output'))) return sayStep(state, 'not available here', 'error');
	const {pane, selected: shown} = env.visible(state);
	const selected = subjectOf(pane, shown, as === 'yaml' ? 'object.yaml' : 'object.describe');
	if (shown && !selected) return sayStep(state, `${as} is not available in ${pane.title}`, 'error');
	if (!selected) return sayStep(state, 'nothing selected', 'error');
	const [req, next] = request(state);
	const object = pane.objectOf?.(selected) ?? {resource: pane.resource, kind: pane.objectKind};
	const ref: DetailRef = {resource: object.resource, kind: object.kind, name: selected.name, uid: selected.uid, ...(selected.namespace !== undefined ? {namespace: selected.namespace} : {})};
	const pager: PagerView = {type: 'pager', context: as, title: detailTitle(as, ref), lines: ['loading…'], offset: 0, ref, requestId: req};
	// From describe, 'y' swaps to YAML of the same object (and back) instead of stacking pagers.
	const swap = view.type === 'pager';
	return {state: swap ? replaceTop(next, pager) : push(next, pager), effects: [{type: 'fetch', req, ref, as}]};
}

/** A detail arrived: it fills its pager if the user is still looking at it. */
export function detailArrived(state: UiState, req: number, lines: string[]): Step {
	const shown = top(state);
	if (shown.type !== 'pager' || shown.requestId !== req) return only(state);
	return only(replaceTop(state, {...shown, lines}));
}

export function drill(state: UiState, env: Env): Step {
	const view = top(state);
	if (view.type === 'contexts') {
		const name = view.choices[view.index];
		const closed = back(state);
		return name === undefined || name === view.current ? only(closed) : {state: closed, effects: [{type: 'switchContext', name}]};
	}
	const {pane, selected} = env.visible(state);
	if (!selected || !pane.enter) return sayStep(state, selected ? `nothing to open from ${pane.title}` : 'nothing selected', 'error');
	const next = pane.enter(selected);
	if (!next) return sayStep(state, `${selected.name} has nothing to drill into (no selector)`, 'error');
	if (next.type === 'namespace') {
		const switched = changeNamespace(state, next.namespace);
		// Picking a namespace returns to where you came from, in that namespace.
		return only(switched.stack.length > 1 ? {...switched, stack: switched.stack.slice(0, -1)} : switchPane(switched, 'pods'));
	}
	const {target} = next;
	if (!env.panes.has(target.pane)) {
		// A CRD created since discovery last answered: ask again, then open it as ':plural.group' would.
		if (isGenericName(target.pane) && env.kinds) return runCommand(state, env, {type: 'rediscover', text: target.pane});
		return sayStep(state, `the ${target.pane} pane is not available in this build`, 'error');
	}
	// A pod's parts are read from the store the pod list used, so they follow its scope.
	const allNamespaces = target.allNamespaces ?? (target.pod && (pane.clusterWide || (view.type === 'table' && view.allNamespaces)) ? true : undefined);
	return only(push(state, tableView(target.pane, {labelSelector: target.labelSelector, nodeName: target.nodeName, ...(target.ownerUid ? {ownerUid: target.ownerUid} : {}), ...(target.ownerLabels ? {ownerLabels: target.ownerLabels} : {}), allNamespaces, detail: target.detail, pod: target.pod, ...(target.select !== undefined ? {selectedUid: target.select} : {})})));
}

export function toggleOrJump(state: UiState, env: Env, id: string): Step | undefined {
	const view = top(state);
	if (view.type !== 'table') return undefined;
	const pane = paneOf(env, state);
	const toggle = pane.toggles?.[id];
	if (toggle) {
		const on = !(view.toggles?.includes(id) ?? false);
		return sayStep(withTable(state, (t) => toggleRestriction(t, id)), `${toggle.label}: ${on ? 'on' : 'off'}`);
	}
	const jump = pane.jumps?.[id];
	if (jump) {
		if (!env.panes.has(jump)) return sayStep(state, `the ${jump} pane is not available in this build`, 'error');
		return only(push(state, tableView(jump)));
	}
	return undefined;
}

export function runCommand(state: UiState, env: Env, cmd: Command): Step {
	const closed: UiState = {...state, overlay: undefined};
	if (cmd.type === 'quit') return {state: closed, effects: [{type: 'exit'}]};
	if (cmd.type === 'forwards') return openForwards(closed);
	if (cmd.type === 'exec') return execCommandStep(closed, env, cmd.argv);
	if (cmd.type === 'label') return labelStep(closed, env, cmd.field, cmd.text);
	if (cmd.type === 'apply') return startApply(closed, env, cmd.file);
	if (cmd.type === 'history') return historyCommand(closed, env, cmd.name);
	if (cmd.type === 'contexts') {
		const index = Math.max(0, env.contexts.indexOf(env.currentContext));
		const choices = env.contexts.length > 0 ? env.contexts : [env.currentContext];
		return only(push(closed, {type: 'contexts', choices, current: env.currentContext, index}));
	}
	if (cmd.type === 'kinds') return only(push(closed, {type: 'pager', context: 'help', title: `:${cmd.category}`, lines: cmd.lines, offset: 0}));
	if (cmd.type === 'rediscover') {
		const [req, next] = request(closed);
		return {state: say(next, `looking for ${cmd.text.trim().split(/\s+/)[0]} in the server's discovery…`), effects: [{type: 'rediscover', req, text: cmd.text}]};
	}
	if (!env.panes.has(cmd.pane)) return sayStep(closed, `the ${cmd.pane} pane is not available in this build`, 'error');
	// ':ns payments' is a namespace switch, not a trip to the namespaces list: as in k9s, the
	// current pane stays (and keeps its drill-down), now showing that namespace.
	if (cmd.pane === 'namespaces' && cmd.scope) return only(changeNamespace(closed, cmd.scope.namespace));
	const switched = switchPane(closed, cmd.pane);
	return only(cmd.scope ? changeNamespace(switched, cmd.scope.namespace) : switched);
}

export function applyFilter(state: UiState, parsed: FilterChoice): Step {
	const closed: UiState = {...state, overlay: undefined};
	const shown = top(closed);
	if (shown.type !== 'table') return only(closed);
	const next: TableView =
		parsed.kind === 'none'
			? {...shown, filter: undefined, filterLabel: undefined}
			: parsed.kind === 'labels'
				? {...shown, filter: undefined, filterLabel: parsed.selector}
				: {...shown, filter: parsed.filter, filterLabel: undefined};
	return only(replaceTop(closed, next));
}
