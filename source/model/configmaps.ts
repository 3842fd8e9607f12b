// ConfigMap rows, as `kubectl get configmaps` prints them (printConfigMap). A row keeps only
// how many keys there are, never the values: they are read on demand (describe, YAML).
import type {BaseRow, Column, KindModel, KubeObject} from './types.js';
import {rec} from './json.js';
import {rowBase} from './rowBase.js';
import {ageColumn, nameColumn, namespaceColumn} from './columns.js';

export interface ConfigMapRow extends BaseRow {
	kind: 'ConfigMap';
	/** DATA: the keys of data and binaryData together. */
	keys: number;
}

export function projectConfigMap(object: KubeObject): ConfigMapRow {
	const keys = Object.keys(rec(object.data) ?? {}).length + Object.keys(rec(object.binaryData) ?? {}).length;
	return {kind: 'ConfigMap', ...rowBase(object.metadata), keys, severity: 'ok'};
}

export const configMapColumns: Array<Column<ConfigMapRow>> = [
	namespaceColumn<ConfigMapRow>(),
	nameColumn<ConfigMapRow>(),
	{id: 'data', title: 'DATA', align: 'right', cell: (r) => String(r.keys), sortValue: (r) => r.keys},
	ageColumn<ConfigMapRow>(),
];

export const configMapModel: KindModel<ConfigMapRow> = {kind: 'ConfigMap', project: projectConfigMap, columns: configMapColumns};
