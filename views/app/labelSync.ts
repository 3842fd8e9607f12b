// Keeps the session's server-side label selector for the shown pane in step with the view
// (drill-downs and '/-l'). Applied in the same step as the state change, not in an effect,
// so the watch is re-scoped before the next frame. Only real changes reach the session:
// each one restarts a watch.
import type {ResourceKind, Session} from '../../source/kube/session.js';
import type {PaneRegistry} from '../panes.js';
import {effectiveSelector, top, type AppState} from './state.js';

export function createSelectorSync(session: () => Session, panes: PaneRegistry) {
	const applied = new Map<ResourceKind, string | undefined>();
	return (state: AppState): void => {
		const view = top(state);
		if (view.type !== 'table') return; // a pager over a drilled table keeps its selector
		const pane = panes.get(view.pane);
		// A pod's containers are read from the pods store the list below them filled: keep its
		// selector, or going in and back out would restart the pods watch twice.
		if (!pane || pane.podParts) return;
		const selector = effectiveSelector(view);
		const known = applied.has(pane.resource);
		if (known ? applied.get(pane.resource) === selector : selector === undefined) return;
		applied.set(pane.resource, selector);
		session().setLabelSelector(pane.resource, selector);
	};
}
