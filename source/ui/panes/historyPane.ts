// A deployment's rollout history as a pane: its ReplicaSets (the replicasets store, narrowed
// to the ones it controls), newest revision first, with the images and change cause of each.
// `u` rolls the deployment back to the selected revision; d and y read the ReplicaSet.
import {ageColumn, nameColumn} from '../../model/columns.js';
import type {ReplicaSetRow} from '../../model/replicasets.js';
import type {Column} from '../../model/types.js';
import {pane, type PaneSpec} from './panes.js';

export const historyColumns: Array<Column<ReplicaSetRow>> = [
	{id: 'revision', title: 'REVISION', align: 'right', cell: (r) => (r.revision === undefined ? '<none>' : String(r.revision)), sortValue: (r) => r.revision ?? 0},
	{id: 'images', title: 'IMAGES', cell: (r) => r.images.join(',')},
	{id: 'cause', title: 'CHANGE-CAUSE', cell: (r) => r.changeCause ?? '<none>'},
	{id: 'ready', title: 'READY', align: 'right', cell: (r) => `${r.ready}/${r.desired}`, sortValue: (r) => r.ready},
	ageColumn<ReplicaSetRow>(),
	nameColumn<ReplicaSetRow>(),
];

export const historyPane: PaneSpec = pane<ReplicaSetRow>({
	id: 'history',
	title: 'history',
	resource: 'replicasets',
	objectKind: 'ReplicaSet',
	namespaced: true,
	contexts: ['history', 'table', 'global'],
	columns: historyColumns,
	// Revisions are what history is about; a ReplicaSet without one is not part of it.
	include: (row) => row.revision !== undefined,
});
