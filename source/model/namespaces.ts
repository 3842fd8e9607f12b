// Namespace rows, as `kubectl get namespaces` prints them.
import type {BaseRow, Column, KindModel, KubeObject} from './types.js';
import {rec, str} from './json.js';
import {rowBase} from './rowBase.js';
import {ageColumn, nameColumn} from './columns.js';

export interface NamespaceRow extends BaseRow {
	kind: 'Namespace';
	status: string;
}

export function projectNamespace(object: KubeObject): NamespaceRow {
	const meta = object.metadata;
	const status = str(rec(object.status)?.phase) ?? '';
	const row: NamespaceRow = {
		kind: 'Namespace',
		...rowBase(meta),
		status,
		severity: status === 'Terminating' ? 'warn' : 'ok',
	};
	return row;
}

export const namespaceColumns: Array<Column<NamespaceRow>> = [
	nameColumn<NamespaceRow>(),
	{id: 'status', title: 'STATUS', cell: (r) => r.status},
	ageColumn<NamespaceRow>(),
];

export const namespaceModel: KindModel<NamespaceRow> = {kind: 'Namespace', project: projectNamespace, columns: namespaceColumns};
