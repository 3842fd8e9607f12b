// Columns every kind shares, so NAMESPACE/NAME/AGE read and sort the same in every pane.
import type {BaseRow, Column} from './types.js';
import {formatAge} from './age.js';

export function namespaceColumn<R extends BaseRow>(): Column<R> {
	return {id: 'namespace', title: 'NAMESPACE', allNamespaces: true, cell: (r) => r.namespace ?? ''};
}

export function nameColumn<R extends BaseRow>(): Column<R> {
	return {id: 'name', title: 'NAME', cell: (r) => r.name};
}

/** AGE sorts by age (ascending = youngest first); rows without a timestamp sort as oldest. */
export function ageColumn<R extends BaseRow>(): Column<R> {
	return {
		id: 'age',
		title: 'AGE',
		align: 'right',
		cell: (r, now) => formatAge(r.createdAt, now),
		sortValue: (r, now) => (r.createdAt === undefined ? Number.MAX_SAFE_INTEGER : now - r.createdAt),
	};
}
