// Keeps the session's server-side label selector for the shown pane in step with the view
// (drill-downs and '/-l'). Only real changes reach the session: each one restarts a watch.
import {useEffect, useRef} from 'react';
import type {ResourceKind, Session} from '../../source/kube/session.js';
import type {PaneSpec} from '../panes.js';

export function useLabelSelectorSync(session: Session, pane: PaneSpec | undefined, selector: string | undefined): void {
	const applied = useRef(new Map<ResourceKind, string | undefined>());
	useEffect(() => {
		if (!pane) return;
		const known = applied.current.has(pane.resource);
		if (known ? applied.current.get(pane.resource) === selector : selector === undefined) return;
		applied.current.set(pane.resource, selector);
		session.setLabelSelector(pane.resource, selector);
	}, [session, pane, selector]);
}
