// Secret rows, as `kubectl get secrets` prints them (printSecret): NAME, TYPE, DATA, AGE. A row
// keeps the key names (the reveal picker lists them) and never a value.
import type {BaseRow, Column, KindModel, KubeObject} from './types.js';
import {str} from './json.js';
import {rowBase} from './rowBase.js';
import {ageColumn, nameColumn, namespaceColumn} from './columns.js';
import {secretKeys} from './secret-mask.js';

export interface SecretRow extends BaseRow {
	kind: 'Secret';
	type: string;
	/** Key names of data (and stringData), sorted; DATA is their count. */
	keys: readonly string[];
}

export function projectSecret(object: KubeObject): SecretRow {
	// kubectl prints the type as stored; the API server defaults an empty one to Opaque.
	const type = str(object.type) || 'Opaque';
	return {kind: 'Secret', ...rowBase(object.metadata), type, keys: secretKeys(object).map((k) => k.key), severity: 'ok'};
}

export const secretColumns: Array<Column<SecretRow>> = [
	namespaceColumn<SecretRow>(),
	nameColumn<SecretRow>(),
	{id: 'type', title: 'TYPE', cell: (r) => r.type},
	{id: 'data', title: 'DATA', align: 'right', cell: (r) => String(r.keys.length), sortValue: (r) => r.keys.length},
	ageColumn<SecretRow>(),
];

export const secretModel: KindModel<SecretRow> = {kind: 'Secret', project: projectSecret, columns: secretColumns};
