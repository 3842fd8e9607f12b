// The selector: the rows and selection of the table nearest the top of the stack, computed
// from the stores (not from the last frame), once per change. The reducer acts on these rows
// and the views draw them, so a key can never act on rows other than those about to be shown.
import type {BaseRow, KubeObject, OwnerRef} from '../model/types.js';
import type {RowStore, Snapshot} from '../store/rowStore.js';
import {followSelection, selectRows} from '../store/selectors.js';
import type {Session} from '../kube/session.js';
import type {PaneRegistry, PaneSpec, PodRef} from './panes/panes.js';
import type {Visible} from './messages.js';
import {topTable, type TableView, type UiState} from './state.js';
import {narrowIncludes} from './narrow.js';
import {shownFilter} from './prompt.js';

/** The full pod behind a containers pane (fetched by the runner), or why there is none. */
export interface PodPart {
	object?: KubeObject;
	problem?: string;
}

export interface VisibleTable extends Visible {
	/** Why a pod's parts cannot be listed (shown in the empty table). */
	problem?: string;
	clusterWide: boolean;
}

function ownedBy(row: BaseRow, uid: string): boolean {
	return ((row as BaseRow & {owners?: readonly OwnerRef[]}).owners ?? []).some((owner) => owner.uid === uid);
}

/** The operator-label fallback of an owner drill-down: the label's value is the owner's name. */
function labelledFor(row: BaseRow, by: TableView['ownerLabels']): boolean {
	return by !== undefined && by.keys.some((key) => row.labels?.[key] === by.name);
}

export function paneFor(panes: PaneRegistry, table: TableView | undefined): PaneSpec {
	return panes.get(table?.pane ?? 'pods') ?? panes.get('pods') ?? [...panes.values()][0]!;
}

export function isClusterWide(pane: PaneSpec, table: TableView | undefined): boolean {
	return Boolean(pane.clusterWide || table?.allNamespaces);
}

/** The store a pane's table reads: its own (see PaneSpec.store), else its resource's in the pane's scope. */
export function paneStore(session: Session, pane: PaneSpec, clusterWide: boolean): RowStore<BaseRow> {
	if (pane.store) return pane.store(session, clusterWide);
	return session.store(pane.resource, clusterWide ? {allNamespaces: true} : undefined) as RowStore<BaseRow>;
}

export function tableSnapshot(session: Session, pane: PaneSpec, clusterWide: boolean): Snapshot<BaseRow> {
	return paneStore(session, pane, clusterWide).snapshot();
}

/**
 * A memoised selector over one session. Order and filter barely depend on the second, so the
 * clock is rounded to 10 s: recomputing them every tick would cost a sort of 50k rows per second.
 */
export function createVisible(session: Session, panes: PaneRegistry, podPart: (pod: PodRef, row: BaseRow | undefined) => PodPart) {
	let last: {key: readonly unknown[]; rows: readonly BaseRow[]} | undefined;
	return (state: UiState, now: number): VisibleTable => {
		const table = topTable(state);
		const pane = paneFor(panes, table);
		const clusterWide = isClusterWide(pane, table);
		const snapshot = tableSnapshot(session, pane, clusterWide);
		const parts = pane.podParts;
		const pod = parts && table?.pod ? podPart(table.pod, snapshot.byUid.get(table.pod.uid)) : undefined;
		const coarseNow = Math.floor(now / 10_000) * 10_000;
		const filter = shownFilter(state.overlay, table?.filter);
		const key = [snapshot, pod?.object, pane, pane.columns, table?.nodeName, table?.ownerUid, table?.ownerLabels, table?.narrow, table?.toggles, filter, state.badOnly, table?.sort, coarseNow];
		if (!last || key.some((k, i) => k !== last!.key[i])) {
			let rows: readonly BaseRow[] = parts ? (pod?.object ? parts.rows(pod.object) : []) : snapshot.rows;
			if (pane.collapse) rows = pane.collapse(rows);
			if (pane.include) rows = rows.filter((row) => pane.include!(row));
			if (table?.nodeName !== undefined) rows = rows.filter((row) => (row as BaseRow & {node?: string}).node === table.nodeName);
			if (table?.ownerUid !== undefined) rows = rows.filter((row) => ownedBy(row, table.ownerUid!) || labelledFor(row, table.ownerLabels));
			const narrow = table?.narrow;
			if (narrow) rows = rows.filter((row) => narrowIncludes(narrow, row));
			for (const id of table?.toggles ?? []) {
				const toggle = pane.toggles?.[id];
				if (toggle) rows = rows.filter((row) => toggle.include(row));
			}
			// A pane that re-projects its rows judges them itself (a node's failing GPU plugin is bad on :gpu).
			const severity = pane.severity;
			if (state.badOnly && severity) rows = rows.filter((row) => {
				const level = severity(row);
				return level === 'error' || level === 'warn';
			});
			const badOnly = state.badOnly && !severity;
			last = {key, rows: selectRows(rows, pane.columns, {filter, badOnly, sort: table?.sort, ...(pane.ordered ? {keepOrder: true} : {})}, coarseNow)};
		}
		const rows = last.rows;
		const selectedIndex = followSelection(rows, table?.selectedUid, table?.selectedIndex ?? 0);
		const problem = parts ? (pod?.problem ?? (pod?.object ? undefined : 'loading…')) : undefined;
		// Marked rows a filter hides are still acted on, so they are looked up in the store itself.
		const lookup = (uid: string): BaseRow | undefined => (parts ? undefined : snapshot.byUid.get(uid));
		return {pane, rows, selected: rows[selectedIndex], selectedIndex, clusterWide, lookup, ...(problem !== undefined ? {problem} : {})};
	};
}
