// ReplicaSet rows, as `kubectl get replicasets` prints them.
import type {BaseRow, Column, KindModel, KubeObject, OwnerRef} from './types.js';
import {arr, rec, str, num, ownerRefs} from './json.js';
import {rowBase} from './rowBase.js';
import {labelSelectorText} from './selectors.js';
import {ageColumn, nameColumn, namespaceColumn} from './columns.js';

export interface ReplicaSetRow extends BaseRow {
	kind: 'ReplicaSet';
	desired: number;
	current: number;
	ready: number;
	selector: string;
	images: string[];
	containers: string[];
	owners: OwnerRef[];
	/** deployment.kubernetes.io/revision: orders a deployment's old and new replica sets. */
	revision?: number;
	/** kubernetes.io/change-cause, as kubectl rollout history shows it. */
	changeCause?: string;
	/** spec.template (a reference into the stored object, not a copy): what the history diff compares. */
	template?: unknown;
}

export function projectReplicaSet(object: KubeObject): ReplicaSetRow {
	const meta = object.metadata;
	const spec = rec(object.spec);
	const status = rec(object.status);
	const containers = arr(rec(rec(spec?.template)?.spec)?.containers);
	const row: ReplicaSetRow = {
		kind: 'ReplicaSet',
		...rowBase(meta),
		desired: num(spec?.replicas) ?? 1,
		current: num(status?.replicas) ?? 0,
		ready: num(status?.readyReplicas) ?? 0,
		selector: labelSelectorText(spec?.selector),
		images: containers.map((c) => str(c.image) ?? ''),
		containers: containers.map((c) => str(c.name) ?? ''),
		owners: ownerRefs(meta.ownerReferences),
		severity: 'ok',
	};
	const revision = Number(meta.annotations?.['deployment.kubernetes.io/revision']);
	if (Number.isInteger(revision) && revision > 0) {
		row.revision = revision;
		if (spec?.template !== undefined) row.template = spec.template;
	}
	const cause = meta.annotations?.['kubernetes.io/change-cause'];
	if (cause) row.changeCause = cause;
	row.severity = row.ready < row.desired || row.current !== row.desired ? 'warn' : 'ok';
	return row;
}

export const replicaSetColumns: Array<Column<ReplicaSetRow>> = [
	namespaceColumn<ReplicaSetRow>(),
	nameColumn<ReplicaSetRow>(),
	{id: 'desired', title: 'DESIRED', align: 'right', cell: (r) => String(r.desired), sortValue: (r) => r.desired},
	{id: 'current', title: 'CURRENT', align: 'right', cell: (r) => String(r.current), sortValue: (r) => r.current},
	{id: 'ready', title: 'READY', align: 'right', cell: (r) => String(r.ready), sortValue: (r) => r.ready},
	ageColumn<ReplicaSetRow>(),
	{id: 'containers', title: 'CONTAINERS', wide: true, cell: (r) => r.containers.join(',')},
	{id: 'images', title: 'IMAGES', wide: true, cell: (r) => r.images.join(',')},
	{id: 'selector', title: 'SELECTOR', wide: true, cell: (r) => r.selector || '<none>'},
];

export const replicaSetModel: KindModel<ReplicaSetRow> = {kind: 'ReplicaSet', project: projectReplicaSet, columns: replicaSetColumns};
