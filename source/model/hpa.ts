// HorizontalPodAutoscaler rows (autoscaling/v2), with the columns `kubectl get hpa` prints
// (REFERENCE, TARGETS, MINPODS, MAXPODS, REPLICAS, AGE) and what an SRE asks next: is it pinned
// at its maximum, and can it scale at all (the AbleToScale / ScalingActive / ScalingLimited
// conditions, in wide).
import type {BaseRow, Column, KindModel, KubeObject, Severity} from './types.js';
import {arr, rec, str, num} from './json.js';
import {rowBase} from './rowBase.js';
import {ageColumn, nameColumn, namespaceColumn} from './columns.js';
import {formatHpaTargets} from './hpa-targets.js';
import {parseTime} from './age.js';

export interface HpaCondition {
	type: string;
	status: string;
	reason: string;
	message: string;
	/** lastTransitionTime in epoch ms: how long the HPA has been so (:problems' SINCE). */
	since?: number;
}

export interface HpaRow extends BaseRow {
	kind: 'HorizontalPodAutoscaler';
	/** 'Deployment/web', as kubectl prints it. */
	reference: string;
	targetKind: string;
	targetName: string;
	/** TARGETS, computed once from spec and status (it depends on nothing else). */
	targets: string;
	/** undefined when spec.minReplicas is unset (kubectl prints '<unset>'). */
	min?: number;
	max: number;
	current: number;
	desired: number;
	conditions: HpaCondition[];
}

export function projectHpa(object: KubeObject): HpaRow {
	const spec = rec(object.spec);
	const status = rec(object.status);
	const ref = rec(spec?.scaleTargetRef);
	const targetKind = str(ref?.kind) ?? '';
	const targetName = str(ref?.name) ?? '';
	const row: HpaRow = {
		kind: 'HorizontalPodAutoscaler',
		...rowBase(object.metadata),
		reference: `${targetKind}/${targetName}`,
		targetKind,
		targetName,
		targets: formatHpaTargets(spec?.metrics, status?.currentMetrics),
		max: num(spec?.maxReplicas) ?? 0,
		current: num(status?.currentReplicas) ?? 0,
		desired: num(status?.desiredReplicas) ?? 0,
		conditions: arr(status?.conditions).map((c): HpaCondition => {
			const since = parseTime(c.lastTransitionTime);
			return {type: str(c.type) ?? '', status: str(c.status) ?? '', reason: str(c.reason) ?? '', message: str(c.message) ?? '', ...(since !== undefined ? {since} : {})};
		}),
		severity: 'ok',
	};
	const min = num(spec?.minReplicas);
	if (min !== undefined) row.min = min;
	row.severity = hpaSeverity(row);
	return row;
}

/** Pinned at the maximum: the autoscaler wants (or has) as many replicas as it may have. */
export function atMax(row: Pick<HpaRow, 'current' | 'max'>): boolean {
	return row.max > 0 && row.current >= row.max;
}

/** Cannot scale (AbleToScale or ScalingActive False) is an error; pinned at max or limited warns. */
export function hpaSeverity(row: Pick<HpaRow, 'conditions' | 'current' | 'max'>): Severity {
	const is = (type: string, status: string) => row.conditions.some((c) => c.type === type && c.status === status);
	if (is('AbleToScale', 'False') || is('ScalingActive', 'False')) return 'error';
	if (atMax(row) || is('ScalingLimited', 'True')) return 'warn';
	return 'ok';
}

/** The STATUS flag: 'AtMax', a failing condition's reason, else ''. Never colour alone. */
export function hpaFlag(row: Pick<HpaRow, 'conditions' | 'current' | 'max'>): string {
	const failing = row.conditions.find((c) => (c.type === 'AbleToScale' || c.type === 'ScalingActive') && c.status === 'False');
	if (failing) return failing.reason || `${failing.type}=False`;
	if (atMax(row)) return 'AtMax';
	const limited = row.conditions.find((c) => c.type === 'ScalingLimited' && c.status === 'True');
	return limited ? limited.reason || 'ScalingLimited' : '';
}

function conditionCell(row: HpaRow, type: string): string {
	const c = row.conditions.find((x) => x.type === type);
	if (!c) return '';
	return c.reason ? `${c.status} (${c.reason})` : c.status;
}

export const hpaColumns: Array<Column<HpaRow>> = [
	namespaceColumn<HpaRow>(),
	nameColumn<HpaRow>(),
	{id: 'reference', title: 'REFERENCE', cell: (r) => r.reference},
	// Kept at 80 columns over REFERENCE (usually the HPA's own name): TARGETS, MIN/MAX and
	// REPLICAS together answer "is it pinned at its maximum, and how hot is it".
	{id: 'targets', title: 'TARGETS', essential: true, cell: (r) => r.targets},
	{id: 'minpods', title: 'MINPODS', align: 'right', essential: true, cell: (r) => (r.min === undefined ? '<unset>' : String(r.min)), sortValue: (r) => r.min ?? 1},
	{id: 'maxpods', title: 'MAXPODS', align: 'right', essential: true, cell: (r) => String(r.max), sortValue: (r) => r.max},
	{id: 'replicas', title: 'REPLICAS', align: 'right', essential: true, cell: (r) => String(r.current), sortValue: (r) => r.current},
	ageColumn<HpaRow>(),
	{id: 'status', title: 'STATUS', cell: (r) => hpaFlag(r)},
	{id: 'abletoscale', title: 'ABLETOSCALE', wide: true, cell: (r) => conditionCell(r, 'AbleToScale')},
	{id: 'scalingactive', title: 'SCALINGACTIVE', wide: true, cell: (r) => conditionCell(r, 'ScalingActive')},
	{id: 'scalinglimited', title: 'SCALINGLIMITED', wide: true, cell: (r) => conditionCell(r, 'ScalingLimited')},
];

export const hpaModel: KindModel<HpaRow> = {kind: 'HorizontalPodAutoscaler', project: projectHpa, columns: hpaColumns};
