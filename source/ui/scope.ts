// The session's scope as a function of the view state: the namespace, and the server-side
// label selector of the resource the shown table reads. The runner applies it after every
// step, so a watch is re-scoped before the next frame; only real changes reach the session
// (each one restarts a watch).
import type {ResourceKind, Session} from '../kube/session.js';
import type {PaneRegistry} from './panes/panes.js';
import {effectiveSelector, type TableView, type UiState} from './state.js';

export interface Scope {
	namespace: string | undefined;
	selector?: {resource: ResourceKind; selector: string | undefined};
}

export function scopeOf(state: UiState, panes: PaneRegistry): Scope {
	// A pod's containers are read from the pods store the list below them filled: that list's
	// selector stays, or going in and back out would restart the pods watch twice.
	let table: TableView | undefined;
	for (let i = state.stack.length - 1; i >= 0 && !table; i--) {
		const view = state.stack[i]!;
		if (view.type === 'table' && !panes.get(view.pane)?.podParts) table = view;
	}
	const pane = table ? panes.get(table.pane) : undefined;
	return {namespace: state.namespace, ...(table && pane ? {selector: {resource: pane.resource, selector: effectiveSelector(table)}} : {})};
}

export function applyScope(session: Session, scope: Scope): void {
	if (session.namespace !== scope.namespace) session.setNamespace(scope.namespace);
	const wanted = scope.selector;
	if (wanted && session.labelSelector(wanted.resource) !== wanted.selector) session.setLabelSelector(wanted.resource, wanted.selector);
}
