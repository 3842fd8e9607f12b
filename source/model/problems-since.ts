// When a problem began, as the object itself records it: a condition's lastTransitionTime, a
// taint's timeAdded. Never a guess: where the object keeps no time for the state a reason names,
// :problems shows no SINCE. A stand-in (the creation time, the last restart) would read as "broken
// for 3 days" on a node that went down a minute ago, and would sort the list by the wrong clock.
//
// Projections (pods.ts, nodes.ts, deployments.ts) keep the times of the states that are problems
// now, on the row, and only those (a healthy row carries none); the rules in problems-*.ts pick
// the one that matches the reason they show.
import type {KubeObject, OwnerRef} from './types.js';
import {arr, rec, str, type Json} from './json.js';
import {parseTime} from './age.js';

/** When each problem state of one object began, epoch ms, by the condition type (or CORDONED). */
export type ProblemTimes = Readonly<Record<string, number>>;

/** A condition that is a problem in one state: Ready not True, MemoryPressure True, and so on. */
interface ProblemCondition {
	type: string;
	/** 'NotTrue' also takes Unknown (a node whose kubelet stopped reporting is not ready either). */
	bad: 'True' | 'False' | 'NotTrue';
}

/** The key of a cordoned node's time: the `node.kubernetes.io/unschedulable` taint's timeAdded. */
export const CORDONED = 'Cordoned';
/** The taint the node lifecycle controller puts on a node whose spec.unschedulable is set. */
export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

const NODE_CONDITIONS: readonly ProblemCondition[] = [
	{type: 'Ready', bad: 'NotTrue'},
	{type: 'MemoryPressure', bad: 'True'},
	{type: 'DiskPressure', bad: 'True'},
	{type: 'PIDPressure', bad: 'True'},
	{type: 'NetworkUnavailable', bad: 'True'},
];

// Progressing=False is a stalled rollout (ProgressDeadlineExceeded); Available=False is replicas short of the minimum.
const DEPLOYMENT_CONDITIONS: readonly ProblemCondition[] = [
	{type: 'Progressing', bad: 'False'},
	{type: 'ReplicaFailure', bad: 'True'},
	{type: 'Available', bad: 'False'},
];

const POD_CONDITIONS: readonly ProblemCondition[] = [{type: 'Ready', bad: 'NotTrue'}];

function isBad(status: string | undefined, bad: ProblemCondition['bad']): boolean {
	return bad === 'NotTrue' ? status !== 'True' : status === bad;
}

/**
 * The lastTransitionTime of each listed condition that is in its problem state; undefined when
 * none is (or none says when). The last condition of a type wins, as kubectl reads a node's Ready.
 */
export function conditionTimes(status: Json | undefined, wanted: readonly ProblemCondition[]): Record<string, number> | undefined {
	let out: Record<string, number> | undefined;
	const conditions = arr(status?.conditions);
	for (const {type, bad} of wanted) {
		const found = conditions.filter((c) => c.type === type).at(-1);
		if (!found || !isBad(str(found.status), bad)) continue;
		const at = parseTime(found.lastTransitionTime);
		if (at !== undefined) (out ??= {})[type] = at;
	}
	return out;
}

/** A node's problem times: Ready, the pressures, and while cordoned the unschedulable taint's timeAdded. */
export function nodeProblemTimes(node: KubeObject): ProblemTimes | undefined {
	const times = conditionTimes(rec(node.status), NODE_CONDITIONS);
	const spec = rec(node.spec);
	if (spec?.unschedulable !== true) return times;
	const taint = arr(spec.taints).find((t) => t.key === UNSCHEDULABLE_TAINT);
	const added = parseTime(taint?.timeAdded);
	return added === undefined ? times : {...times, [CORDONED]: added};
}

export function deploymentProblemTimes(deployment: KubeObject): ProblemTimes | undefined {
	return conditionTimes(rec(deployment.status), DEPLOYMENT_CONDITIONS);
}

/** A pod's Ready condition, while not True: when it stopped being ready (or never was since). */
export function podProblemTimes(pod: KubeObject): ProblemTimes | undefined {
	return conditionTimes(rec(pod.status), POD_CONDITIONS);
}

/**
 * Which deployment condition the reason names: a stalled rollout is Progressing=False, a replica
 * failure is ReplicaFailure=True, and replicas short alone is Available=False (while Available is
 * still True the deployment is short within its maxUnavailable, and nothing says since when).
 */
export function deploymentSince(problem: string | undefined, times: ProblemTimes | undefined): number | undefined {
	if (problem === 'ProgressDeadlineExceeded') return times?.Progressing;
	if (problem?.startsWith('ReplicaFailure')) return times?.ReplicaFailure;
	return times?.Available;
}

/**
 * The oldest SINCE among the problem pods each controller owns (the ownerReference marked
 * controller), by the controller's uid: a statefulset's replicas not ready have been so since
 * its first pod went bad, and the set itself keeps no time for it.
 */
export function oldestSinceByController(pods: Iterable<{owners?: readonly OwnerRef[]; since?: number}>): Map<string, number> {
	const out = new Map<string, number>();
	for (const pod of pods) {
		if (pod.since === undefined) continue;
		const owner = pod.owners?.find((o) => o.controller);
		if (!owner) continue;
		const known = out.get(owner.uid);
		if (known === undefined || pod.since < known) out.set(owner.uid, pod.since);
	}
	return out;
}

/** `{since}` when known, else nothing: rules spread it so an unknown time leaves no key. */
export function sinceField(at: number | undefined): {since?: number} {
	return at !== undefined ? {since: at} : {};
}
