// The selector: the rows and selection of the table nearest the top of the stack, computed
// from the stores (not from the last frame), once per change. The reducer acts on these rows
// and the views draw them, so a key can never act on rows other than those about to be shown.
import type {BaseRow, KubeObject} from '../model/types.js';
import type {Snapshot} from '../store/rowStore.js';
import {followSelection, selectRows} from '../store/selectors.js';
import type {Session} from '../kube/session.js';
import type {PaneRegistry, PaneSpec, PodRef} from './panes/panes.js';
import type {Visible} from './messages.js';
import {topTable, type TableView, type UiState} from './state.js';

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

export function paneFor(panes: PaneRegistry, table: TableView | undefined): PaneSpec {
	return panes.get(table?.pane ?? 'pods') ?? panes.get('pods') ?? [...panes.values()][0]!;
}

export function isClusterWide(pane: PaneSpec, table: TableView | undefined): boolean {
	return Boolean(pane.clusterWide || table?.allNamespaces);
}

export function tableSnapshot(session: Session, pane: PaneSpec, clusterWide: boolean): Snapshot<BaseRow> {
	return session.store(pane.resource, clusterWide ? {allNamespaces: true} : undefined).snapshot() as Snapshot<BaseRow>;
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
		const key = [snapshot, pod?.object, pane, table?.nodeName, table?.ownerUid, table?.toggles, table?.filter, state.badOnly, table?.sort, coarseNow];
		if (!last || key.some((k, i) => k !== last!.key[i])) {
			let rows: readonly BaseRow[] = parts ? (pod?.object ? parts.rows(pod.object) : []) : snapshot.rows;
			if (pane.collapse) rows = pane.collapse(rows);
			if (pane.include) rows = rows.filter((row) => pane.include!(row));
			if (table?.nodeName !== undefined) rows = rows.filter((row) => (row as BaseRow & {node?: string}).node === table.nodeName);
			if (table?.ownerUid !== undefined) rows = rows.filter((row) => ((row as BaseRow & {owners?: ReadonlyArray<{uid: string}>}).owners ?? []).some((o) => o.uid === table.ownerUid));
			for (const id of table?.toggles ?? []) {
				const toggle = pane.toggles?.[id];
				if (toggle) rows = rows.filter((row) => toggle.include(row));
			}
			last = {key, rows: selectRows(rows, pane.columns, {filter: table?.filter, badOnly: state.badOnly, sort: table?.sort}, coarseNow)};
		}
		const rows = last.rows;
		const selectedIndex = followSelection(rows, table?.selectedUid, table?.selectedIndex ?? 0);
		const problem = parts ? (pod?.problem ?? (pod?.object ? undefined : 'loading…')) : undefined;
		return {pane, rows, selected: rows[selectedIndex], selectedIndex, clusterWide, ...(problem !== undefined ? {problem} : {})};
	};
}
