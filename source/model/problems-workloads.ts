// Workload problem rules: deployments (from their rows), and statefulsets, jobs, PVCs and
// HPAs from their objects (statefulsets, jobs and PVCs are discovered kinds: their watch for
// :problems projects each object through these rules, see problems-objects.ts).
import type {DeploymentRow} from './deployments.js';
import {atMax, type HpaRow} from './hpa.js';
import type {KubeObject} from './types.js';
import type {Problem} from './problems.js';
import {condition, num, rec, str} from './json.js';
import {parseTime} from './age.js';
import {deploymentSince, sinceField} from './problems-since.js';

function objectBase(kind: string, object: KubeObject): Pick<Problem, 'kind' | 'uid' | 'name' | 'namespace'> {
	const meta = object.metadata;
	return {kind, uid: meta.uid, name: meta.name, ...(meta.namespace !== undefined ? {namespace: meta.namespace} : {})};
}

function sinceOf(value: unknown): {since?: number} {
	return sinceField(parseTime(value));
}

export type DeploymentProblemInput = Pick<DeploymentRow, 'uid' | 'name' | 'namespace' | 'desired' | 'available' | 'ready' | 'problem' | 'paused' | 'problemSince'>;

/** A stalled rollout (ProgressDeadlineExceeded, ReplicaFailure) or replicas short of available. */
export function deploymentProblem(row: DeploymentProblemInput): Problem | undefined {
	const base = {kind: 'Deployment', uid: row.uid, name: row.name, ...(row.namespace !== undefined ? {namespace: row.namespace} : {})};
	// Since the condition the reason leads with: Progressing, ReplicaFailure, else Available.
	const since = sinceField(deploymentSince(row.problem, row.problemSince));
	const unavailable = Math.max(0, row.desired - row.available);
	const short = unavailable > 0 ? `${unavailable} of ${row.desired} unavailable` : undefined;
	if (row.problem) return {...base, severity: 'error', rank: 0, reason: [row.problem, short].filter(Boolean).join(' · '), ...since};
	if (!short) return undefined;
	return {...base, severity: row.available === 0 ? 'error' : 'warn', rank: row.available === 0 ? 0 : 1, reason: short, ...since};
}

/**
 * A statefulset with replicas not ready (kubectl's READY n/m), and when an update is under way
 * its stalled rollout: the controller replaces pods one at a time and waits for each to be
 * ready, so an update revision with pods not ready is a rollout that does not move.
 */
export function statefulSetProblem(object: KubeObject): Problem | undefined {
	const status = rec(object.status);
	const desired = num(rec(object.spec)?.replicas) ?? 1;
	const ready = num(status?.readyReplicas) ?? 0;
	if (ready >= desired) return undefined;
	const updated = num(status?.updatedReplicas) ?? 0;
	const update = str(status?.updateRevision);
	const rolling = update !== undefined && update !== str(status?.currentRevision) && updated < desired;
	const reason = [`${desired - ready} of ${desired} not ready`, rolling ? `rollout stalled at ${updated} of ${desired} updated` : undefined].filter(Boolean).join(' · ');
	return {...objectBase('StatefulSet', object), severity: ready === 0 ? 'error' : 'warn', rank: ready === 0 ? 0 : 1, reason};
}

/** A job whose Failed condition is True: its reason (BackoffLimitExceeded, DeadlineExceeded) and message. */
export function jobProblem(object: KubeObject): Problem | undefined {
	const failed = condition(rec(object.status), 'Failed');
	if (failed?.status !== 'True') return undefined;
	const reason = [str(failed.reason) ?? 'Failed', str(failed.message)].filter(Boolean).join(': ');
	return {...objectBase('Job', object), severity: 'error', rank: 0, reason: `failed: ${reason}`, ...sinceOf(failed.lastTransitionTime)};
}

/**
 * A claim still Pending (no volume bound), since its creation: the storage class it waits on,
 * or, without one, that only a matching pre-made volume can bind it.
 */
export function pvcProblem(object: KubeObject): Problem | undefined {
	if (str(rec(object.status)?.phase) !== 'Pending') return undefined;
	const sc = str(rec(object.spec)?.storageClassName);
	const waits = sc ? `storage class ${sc}` : 'no storage class: waits for a matching volume';
	return {...objectBase('PersistentVolumeClaim', object), severity: 'warn', rank: 2, reason: `Pending (${waits})`, ...sinceOf(object.metadata.creationTimestamp)};
}

/**
 * An HPA (autoscaling/v2) that cannot scale (AbleToScale or ScalingActive False: its reason)
 * or is pinned at its maximum (ScalingLimited True with TooManyReplicas, or replicas = max).
 */
export function hpaProblem(object: KubeObject): Problem | undefined {
	const spec = rec(object.spec);
	const status = rec(object.status);
	const base = objectBase('HorizontalPodAutoscaler', object);
	for (const type of ['AbleToScale', 'ScalingActive']) {
		const c = condition(status, type);
		if (c?.status === 'False') {
			return {...base, severity: 'error', rank: 1, reason: `unable to scale: ${str(c.reason) ?? type}${str(c.message) ? ` (${str(c.message)})` : ''}`, ...sinceOf(c.lastTransitionTime)};
		}
	}
	const max = num(spec?.maxReplicas);
	const current = num(status?.currentReplicas) ?? 0;
	const found = condition(status, 'ScalingLimited');
	// Only ScalingLimited True (TooManyReplicas) says since when; False (DesiredWithinRange) dates something else.
	const limited = found?.status === 'True' && str(found.reason) === 'TooManyReplicas' ? found : undefined;
	if (max !== undefined && (current >= max || limited)) {
		return {...base, severity: 'warn', rank: 1, reason: `at max ${max} replicas (current ${current})`, ...sinceOf(limited?.lastTransitionTime)};
	}
	return undefined;
}

/** The problems of raw objects by Kind, for kinds without rows (statefulsets, jobs, PVCs, HPAs). */
export function objectProblem(object: KubeObject): Problem | undefined {
	switch (object.kind) {
		case 'StatefulSet':
			return statefulSetProblem(object);
		case 'Job':
			return jobProblem(object);
		case 'PersistentVolumeClaim':
			return pvcProblem(object);
		case 'HorizontalPodAutoscaler':
			return hpaProblem(object);
		default:
			return undefined;
	}
}


/**
 * The same HPA rule over the :hpa pane's rows (the store :problems watches): unable to scale
 * (AbleToScale or ScalingActive False) is an error; pinned at its maximum warns, with what it
 * holds down ('at max 10 replicas · ScalingLimited TooManyReplicas').
 */
export function hpaRowProblem(row: HpaRow): Problem | undefined {
	const base = {kind: 'HorizontalPodAutoscaler', uid: row.uid, name: row.name, ...(row.namespace !== undefined ? {namespace: row.namespace} : {})};
	const since = sinceField;
	const failing = row.conditions.find((c) => (c.type === 'AbleToScale' || c.type === 'ScalingActive') && c.status === 'False');
	if (failing) {
		return {...base, severity: 'error', rank: 1, reason: `unable to scale: ${failing.reason || failing.type}${failing.message ? ` (${failing.message})` : ''}`, ...since(failing.since)};
	}
	const limited = row.conditions.find((c) => c.type === 'ScalingLimited' && c.status === 'True' && c.reason === 'TooManyReplicas');
	if (!atMax(row) && !limited) return undefined;
	return {...base, severity: 'warn', rank: 1, reason: `at max ${row.max} replicas (current ${row.current}) · ${row.reference}`, ...since(limited?.since)};
}
