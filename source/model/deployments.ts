// Deployment rows, as `kubectl get deployments` prints them.
import type {BaseRow, Column, KindModel, KubeObject, Severity} from './types.js';
import {arr, rec, str, num, condition} from './json.js';
import {rowBase} from './rowBase.js';
import {labelSelectorText} from './selectors.js';
import {ageColumn, nameColumn, namespaceColumn} from './columns.js';
import {deploymentProblemTimes, type ProblemTimes} from './problems-since.js';

export interface DeploymentRow extends BaseRow {
	kind: 'Deployment';
	desired: number;
	updated: number;
	ready: number;
	available: number;
	/** Label selector as query text ('app=web'); drill-down sends it to the pods watch. */
	selector: string;
	images: string[];
	containers: string[];
	paused: boolean;
	/** Why the row is not ok, from conditions ('ProgressDeadlineExceeded', 'ReplicaFailure: ...'). */
	problem?: string;
	/** The controller has not yet seen the newest spec. */
	stale: boolean;
	/** When Progressing went False, ReplicaFailure True, Available False: :problems' SINCE. */
	problemSince?: ProblemTimes;
}

export function projectDeployment(object: KubeObject): DeploymentRow {
	const meta = object.metadata;
	const spec = rec(object.spec);
	const status = rec(object.status);
	const podSpec = rec(rec(spec?.template)?.spec);
	const containers = arr(podSpec?.containers);
	const observed = num(status?.observedGeneration);
	const row: DeploymentRow = {
		kind: 'Deployment',
		...rowBase(meta),
		// The API defaults spec.replicas to 1; unset only in objects that skipped defaulting.
		desired: num(spec?.replicas) ?? 1,
		updated: num(status?.updatedReplicas) ?? 0,
		ready: num(status?.readyReplicas) ?? 0,
		available: num(status?.availableReplicas) ?? 0,
		selector: labelSelectorText(spec?.selector),
		images: containers.map((c) => str(c.image) ?? ''),
		containers: containers.map((c) => str(c.name) ?? ''),
		paused: spec?.paused === true,
		stale: meta.generation !== undefined && observed !== undefined && observed < meta.generation,
		severity: 'ok',
	};
	const progressing = condition(status, 'Progressing');
	const failure = condition(status, 'ReplicaFailure');
	if (progressing?.reason === 'ProgressDeadlineExceeded' && progressing.status === 'False') row.problem = 'ProgressDeadlineExceeded';
	else if (failure?.status === 'True') row.problem = `ReplicaFailure: ${str(failure.reason) ?? ''}`.trim();
	const since = deploymentProblemTimes(object);
	if (since) row.problemSince = since;
	row.severity = deploymentSeverity(row);
	return row;
}

/** error: stuck (deadline, replica failure) or nothing available; warn: rolling or short of ready. */
export function deploymentSeverity(row: Pick<DeploymentRow, 'desired' | 'updated' | 'ready' | 'available' | 'problem' | 'stale'>): Severity {
	if (row.problem) return 'error';
	if (row.desired > 0 && row.available === 0) return 'error';
	if (row.ready < row.desired || row.updated < row.desired || row.available < row.desired || row.stale) return 'warn';
	return 'ok';
}

export const deploymentColumns: Array<Column<DeploymentRow>> = [
	namespaceColumn<DeploymentRow>(),
	nameColumn<DeploymentRow>(),
	{id: 'ready', title: 'READY', cell: (r) => `${r.ready}/${r.desired}`, sortValue: (r) => (r.desired === 0 ? 1 : r.ready / r.desired)},
	{id: 'uptodate', title: 'UP-TO-DATE', align: 'right', cell: (r) => String(r.updated), sortValue: (r) => r.updated},
	{id: 'available', title: 'AVAILABLE', align: 'right', cell: (r) => String(r.available), sortValue: (r) => r.available},
	ageColumn<DeploymentRow>(),
	{id: 'containers', title: 'CONTAINERS', wide: true, cell: (r) => r.containers.join(',')},
	{id: 'images', title: 'IMAGES', wide: true, cell: (r) => r.images.join(',')},
	{id: 'selector', title: 'SELECTOR', wide: true, cell: (r) => r.selector || '<none>'},
];

export const deploymentModel: KindModel<DeploymentRow> = {kind: 'Deployment', project: projectDeployment, columns: deploymentColumns};
