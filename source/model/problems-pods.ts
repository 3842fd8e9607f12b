// Pod problem rules: what is wrong with a pod, in the words kubectl's STATUS uses, with the
// last termination when it explains the crash (OOMKilled) and, for a pending pod, why it
// waits and whether a node is coming (see problems-autoscaler.ts).
import type {PodRow} from './pods.js';
import type {Problem} from './problems.js';
import {isAcceleratorResource} from './gpu-resources.js';
import {formatNamedAmounts} from './gpu-resources.js';
import {condenseSchedulerMessage} from './gpu-triage.js';
import {humanDuration} from './age.js';
import {sinceField} from './problems-since.js';

/** What the pod rules read; PodRow has all of it (lastTermination is the LAST column's data, when present). */
export type PodProblemInput = Pick<PodRow, 'uid' | 'name' | 'namespace' | 'createdAt' | 'phase' | 'ready' | 'status' | 'restarts' | 'requests'> &
	Partial<Pick<PodRow, 'node' | 'lastRestartAt' | 'scheduled' | 'deleting' | 'problemSince'>> & {
		/** The newest container termination: reason ('OOMKilled', 'Error') and when it ended. */
		lastTermination?: {reason: string; at?: number; exitCode?: number};
	};

export interface PodRuleOptions {
	/** A pod pending less than this is still being placed, not a problem (default 2 min). */
	pendingAfterMs?: number;
	/** Same for Running but not ready (default 2 min). */
	notReadyAfterMs?: number;
	/** A running pod whose last termination was OOMKilled within this long is still news (default 24 h). */
	recentOomMs?: number;
	/** Why a pending pod waits, beyond the scheduler (the autoscaler's verdict), by pod uid. */
	pendingWhy?: (pod: PodProblemInput) => PendingWhy | undefined;
}

/** The scheduler's word and the autoscaler's verdict on one pending pod. */
export interface PendingWhy {
	/** The newest FailedScheduling message (full text). */
	scheduler?: string;
	/** 'a node is coming (gpu-h100: 2 → 3, 40s ago)' or 'no node will come (gpu-h100 at max size 2)'. */
	autoscaler?: string;
}

export const DEFAULT_PENDING_AFTER_MS = 120_000;
const DAY_MS = 86_400_000;

/** STATUS words that mean the pod cannot run until someone acts (rank 0 errors). */
const BROKEN = new Set([
	'CrashLoopBackOff',
	'ImagePullBackOff',
	'ErrImagePull',
	'OOMKilled',
	'Error',
	'CreateContainerConfigError',
	'CreateContainerError',
	'InvalidImageName',
	'RunContainerError',
	'ContainerCannotRun',
	'StartError',
]);

/** 'Init:CrashLoopBackOff' → 'CrashLoopBackOff'; 'Init:Error' → 'Error'. */
function statusWord(status: string): string {
	return status.startsWith('Init:') ? status.slice('Init:'.length) : status;
}

function readyCounts(ready: string): {ready: number; total: number} | undefined {
	const m = /^(\d+)\/(\d+)$/.exec(ready);
	return m ? {ready: Number(m[1]), total: Number(m[2])} : undefined;
}

function base(pod: PodProblemInput): Pick<Problem, 'kind' | 'uid' | 'name' | 'namespace'> {
	return {kind: 'Pod', uid: pod.uid, name: pod.name, ...(pod.namespace !== undefined ? {namespace: pod.namespace} : {})};
}

function acceleratorsOf(pod: PodProblemInput): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [name, value] of Object.entries(pod.requests ?? {})) if (value > 0 && isAcceleratorResource(name)) out[name] = value;
	return out;
}

/** The pod's problem now, or undefined when it is healthy (or finished, or going away). */
export function podProblem(pod: PodProblemInput, now: number, options: PodRuleOptions = {}): Problem | undefined {
	if (pod.deleting || pod.phase === 'Succeeded') return undefined;
	const word = statusWord(pod.status);
	const last = pod.lastTermination;
	if (BROKEN.has(word) || (pod.phase === 'Failed' && word !== 'Completed')) {
		const parts = [pod.status];
		if (last && last.reason !== word) parts.push(`last ${last.reason}${last.exitCode !== undefined && last.reason === 'Error' ? ` (exit ${last.exitCode})` : ''}`);
		if (pod.restarts > 0) parts.push(`${pod.restarts} ${pod.restarts === 1 ? 'restart' : 'restarts'}`);
		// Since the last crash when it crashed; a container that never ran (a pull, a missing
		// config) has been so since the pod's Ready condition went False. Not the creation time:
		// a pod can run for weeks before its image goes missing.
		const since = last?.at ?? pod.lastRestartAt ?? pod.problemSince?.Ready;
		return {...base(pod), severity: 'error', rank: 0, reason: parts.join(' · '), ...sinceField(since)};
	}
	if (pod.phase === 'Pending' && !pod.node) {
		const since = pod.scheduled?.since ?? pod.createdAt;
		if (since !== undefined && now - since < (options.pendingAfterMs ?? DEFAULT_PENDING_AFTER_MS)) return undefined;
		const accelerators = formatNamedAmounts(acceleratorsOf(pod));
		const why = options.pendingWhy?.(pod);
		const scheduler = why?.scheduler ?? pod.scheduled?.message;
		const head = accelerators ? `Pending for ${accelerators}` : 'Pending';
		const parts = [head];
		if (why?.autoscaler) parts.push(why.autoscaler);
		if (scheduler) parts.push(condenseSchedulerMessage(scheduler));
		// Pending since it was created, or since the scheduler last judged it (PodScheduled=False).
		const problem: Problem = {...base(pod), severity: 'warn', rank: 2, reason: parts.join(' · '), ...sinceField(since)};
		if (scheduler) problem.detail = scheduler;
		return problem;
	}
	if (pod.phase === 'Running' && last?.reason === 'OOMKilled' && last.at !== undefined && now - last.at < (options.recentOomMs ?? DAY_MS)) {
		// It runs again, but it was killed for memory: the next spike kills it again.
		const counts = readyCounts(pod.ready);
		const parts = [`OOMKilled ${humanDuration(Math.max(0, now - last.at))} ago`, `${pod.restarts} ${pod.restarts === 1 ? 'restart' : 'restarts'}`];
		if (counts && counts.ready < counts.total) parts.push(`not ready ${pod.ready}`);
		return {...base(pod), severity: 'warn', rank: 1, reason: parts.join(' · '), since: last.at};
	}
	if (pod.phase === 'Running') {
		const counts = readyCounts(pod.ready);
		if (counts && counts.ready < counts.total) {
			// Not ready since the Ready condition left True; a pod that started a moment ago (no
			// condition time yet) is given the same grace from its start.
			const since = pod.problemSince?.Ready;
			const settling = since ?? pod.lastRestartAt ?? pod.createdAt;
			if (settling !== undefined && now - settling < (options.notReadyAfterMs ?? DEFAULT_PENDING_AFTER_MS)) return undefined;
			const parts = [`not ready ${pod.ready}`];
			if (last) parts.push(`last ${last.reason}${last.at !== undefined ? ` ${humanDuration(Math.max(0, now - last.at))} ago` : ''}`);
			return {...base(pod), severity: 'warn', rank: 2, reason: parts.join(' · '), ...sinceField(since)};
		}
	}
	return undefined;
}
