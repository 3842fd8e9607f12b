// When a problem began, read from the object itself: the SINCE column of :problems. Only a time
// the object states counts — a condition's lastTransitionTime, a taint's timeAdded, the oldest of
// a workload's problem pods — so a row without one shows no SINCE rather than a guess. Pure.
import type {KubeObject} from './types.js';
import {arr, condition, rec, str} from './json.js';
import {parseTime} from './age.js';

/** The taint the API server adds with spec.unschedulable (kubectl cordon), with the time it did. */
export const CORDON_TAINT = 'node.kubernetes.io/unschedulable';

/**
 * A deployment's problem began when the condition that names it last changed: a stalled rollout
 * (Progressing False, ProgressDeadlineExceeded), a replica failure (ReplicaFailure True), or
 * nothing available (Available False). Replicas short while Available is True have no date.
 */
export function deploymentProblemSince(status: unknown): number | undefined {
	const progressing = condition(rec(status), 'Progressing');
	if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') return parseTime(progressing.lastTransitionTime);
	const failure = condition(rec(status), 'ReplicaFailure');
	if (failure?.status === 'True') return parseTime(failure.lastTransitionTime);
	const available = condition(rec(status), 'Available');
	if (available?.status === 'False') return parseTime(available.lastTransitionTime);
	return undefined;
}

/** When each of a node's problems began: Ready not True, each pressure True, the cordon. */
export interface NodeProblemTimes {
	readySince?: number;
	/** By condition type (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable), for those True. */
	pressureSince?: Record<string, number>;
	cordonedSince?: number;
}

export function nodeProblemTimes(object: Pick<KubeObject, 'spec' | 'status'>, pressureTypes: readonly string[]): NodeProblemTimes {
	const conditions = arr(rec(object.status)?.conditions);
	const out: NodeProblemTimes = {};
	const ready = conditions.filter((c) => c.type === 'Ready').at(-1);
	// No Ready condition at all is "Unknown" too, but then there is no time to give.
	const readyAt = ready && ready.status !== 'True' ? parseTime(ready.lastTransitionTime) : undefined;
	if (readyAt !== undefined) out.readySince = readyAt;
	for (const type of pressureTypes) {
		const c = conditions.filter((x) => x.type === type).at(-1);
		const at = c?.status === 'True' ? parseTime(c.lastTransitionTime) : undefined;
		if (at !== undefined) (out.pressureSince ??= {})[type] = at;
	}
	const spec = rec(object.spec);
	if (spec?.unschedulable === true) {
		const taint = arr(spec.taints).find((t) => str(t.key) === CORDON_TAINT && str(t.effect) === 'NoSchedule');
		const at = parseTime(taint?.timeAdded);
		if (at !== undefined) out.cordonedSince = at;
	}
	return out;
}

/** A workload's problem as old as its oldest problem pod's (a StatefulSet's replica never ready). */
export function oldestSince(times: Iterable<number | undefined>): number | undefined {
	let oldest: number | undefined;
	for (const at of times) if (at !== undefined && (oldest === undefined || at < oldest)) oldest = at;
	return oldest;
}
