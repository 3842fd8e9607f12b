// The kinds :problems reads from their objects rather than from a pane's rows (statefulsets,
// jobs, PVCs): discovered kinds, whose panes hold only the server's Table cells. Their watch
// projects each object straight to its problem (or none), so the store keeps a few fields per
// object, not the object, and the rule runs once per change rather than once per frame.
import type {BaseRow, KubeObject} from './types.js';
import type {Problem} from './problems.js';
import {jobProblem, pvcProblem, statefulSetProblem} from './problems-workloads.js';

/** A watched object reduced to what :problems needs: who it is, and its problem when it has one. */
export interface ProblemObjectRow extends BaseRow {
	problem?: Problem;
}

export interface ProblemObjectKind {
	/** The session's name for the discovered resource ('plural.group'; core group: 'plural.'). */
	resource: `${string}.${string}`;
	kind: string;
	rule(object: KubeObject): Problem | undefined;
}

/** What :problems watches once discovery lists it; a kind the server does not serve is simply absent. */
export const problemObjectKinds: readonly ProblemObjectKind[] = [
	{resource: 'statefulsets.apps', kind: 'StatefulSet', rule: statefulSetProblem},
	{resource: 'jobs.batch', kind: 'Job', rule: jobProblem},
	{resource: 'persistentvolumeclaims.', kind: 'PersistentVolumeClaim', rule: pvcProblem},
];

/**
 * The projection for one of those kinds. Items of a list carry no `kind` (only watch events
 * do), so the kind comes from the resource, not the object.
 */
export function projectProblemObject(spec: Pick<ProblemObjectKind, 'kind' | 'rule'>): (object: KubeObject) => ProblemObjectRow {
	return (object) => {
		const meta = object.metadata;
		const problem = spec.rule({...object, kind: spec.kind});
		return {
			uid: meta.uid,
			name: meta.name,
			...(meta.namespace !== undefined ? {namespace: meta.namespace} : {}),
			severity: problem ? problem.severity : 'ok',
			...(problem ? {problem} : {}),
		};
	};
}
