// The LAST column of pods: the most recent termination of any of the pod's containers (the
// reason the kubelet recorded and how long ago), e.g. 'OOMKilled 3m'. RESTARTS says how often;
// LAST says why, which is the question during an incident ("which pod was OOMKilled").
import type {KubeObject} from './types.js';
import {arr, rec, str, num} from './json.js';
import {parseTime, formatAge} from './age.js';

export interface LastTermination {
	reason: string;
	/** epoch ms of finishedAt; undefined when the status has none. */
	at?: number;
	exitCode?: number;
	container: string;
}

/**
 * The newest lastState.terminated across init and regular containers. A container terminated
 * now (state.terminated of a restartable container) counts too, so a pod whose container just
 * died shows why before the kubelet restarts it.
 */
export function lastTermination(pod: KubeObject): LastTermination | undefined {
	const status = rec(pod.status);
	let best: LastTermination | undefined;
	for (const c of [...arr(status?.initContainerStatuses), ...arr(status?.containerStatuses)]) {
		for (const terminated of [rec(rec(c.lastState)?.terminated), rec(rec(c.state)?.terminated)]) {
			if (!terminated) continue;
			const exitCode = num(terminated.exitCode);
			// A clean exit of a finished container (Completed) is not what LAST is for.
			if (exitCode === 0 && str(terminated.reason) !== 'OOMKilled') continue;
			const found: LastTermination = {reason: str(terminated.reason) || (exitCode !== undefined ? `ExitCode:${exitCode}` : 'Terminated'), container: str(c.name) ?? ''};
			const at = parseTime(terminated.finishedAt);
			if (at !== undefined) found.at = at;
			if (exitCode !== undefined) found.exitCode = exitCode;
			if (!best || (found.at ?? -Infinity) > (best.at ?? -Infinity)) best = found;
		}
	}
	return best;
}

/** 'OOMKilled 3m', the reason alone when the time is unknown, '' when nothing terminated. */
export function formatLast(last: Pick<LastTermination, 'reason' | 'at'> | undefined, now: number): string {
	if (!last) return '';
	return last.at === undefined ? last.reason : `${last.reason} ${formatAge(last.at, now)}`;
}

/** Sorts newest termination first (ascending); pods that never terminated last. */
export function lastSortValue(last: Pick<LastTermination, 'at'> | undefined, now: number): number {
	if (!last) return Number.MAX_SAFE_INTEGER;
	return last.at === undefined ? Number.MAX_SAFE_INTEGER - 1 : now - last.at;
}
