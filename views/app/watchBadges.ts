// Which watches the header names: the current pane's always, the others' only when something is
// wrong with them, plus the metrics sample and GPU telemetry beside the panes they feed.
import type {ResourceKind, Session} from '../../source/kube/session.js';
import {paneKinds} from '../../source/kinds/index.js';
import type {UiState} from '../../source/ui/state.js';
import type {PaneRegistry, PaneSpec} from '../../source/ui/panes/panes.js';
import type {WatchBadge} from '../Header.js';

const watchedKinds = paneKinds.map((kind) => kind.plural as ResourceKind);

/** Discovered kinds' panes further down the stack: their watches stay open (Esc returns to them), so their trouble is news too. */
export function genericPanesBehind(state: UiState, panes: PaneRegistry): PaneSpec[] {
	return state.stack.slice(0, -1).flatMap((view) => {
		const behind = view.type === 'table' ? panes.get(view.pane) : undefined;
		return behind?.generic ? [behind] : [];
	});
}

/** The current pane's watch always; the others only when something is wrong with them. */
export function watchBadges(session: Session, pane: PaneSpec, clusterWide: boolean, behind: readonly PaneSpec[] = []): WatchBadge[] {
	// A discovered kind's resource name is 'plural.group'; the header names it as its title does.
	const badges: WatchBadge[] = [{kind: pane.resource.includes('.') ? pane.title : pane.resource, status: session.status(pane.resource, clusterWide ? {allNamespaces: true} : undefined)}];
	const others = [...watchedKinds.map((kind) => ({kind, resource: kind})), ...behind.map((spec) => ({kind: spec.title, resource: spec.resource as ResourceKind}))];
	for (const {kind, resource} of others) {
		if (resource === pane.resource) continue;
		const status = session.status(resource);
		// Another pane's watch in trouble is news on this one too (a stall included).
		if (status.state === 'forbidden' || status.state === 'error' || status.state === 'reconnecting' || status.state === 'stalled') {
			badges.push({kind, status});
		}
	}
	// The CPU/MEM sample's age (or why there is none) beside the pods and nodes panes.
	const metrics = session.metricsStatus?.(pane.resource);
	if (metrics) badges.push({kind: 'metrics', status: metrics});
	// GPU telemetry in trouble (Prometheus not usable, exporters failing): its one line why.
	const gpu = session.gpuTelemetryStatus?.(pane.resource);
	if (gpu) badges.push({kind: 'gpu', status: gpu});
	return badges;
}
