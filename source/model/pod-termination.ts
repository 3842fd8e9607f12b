// The newest container termination of a pod (last state, or the current state of a container
// that has stopped): 'OOMKilled' 3 minutes ago is the answer to "why does it crash-loop".
import type {KubeObject} from './types.js';
import {arr, num, rec, str} from './json.js';
import {parseTime} from './age.js';

export interface LastTermination {
	reason: string;
	/** finishedAt, epoch ms. */
	at?: number;
	exitCode?: number;
	container: string;
}

export function lastTerminationOf(pod: KubeObject): LastTermination | undefined {
	const status = rec(pod.status);
	let newest: LastTermination | undefined;
	for (const c of [...arr(status?.initContainerStatuses), ...arr(status?.containerStatuses)]) {
		for (const terminated of [rec(rec(c.lastState)?.terminated), rec(rec(c.state)?.terminated)]) {
			if (!terminated) continue;
			const exitCode = num(terminated.exitCode);
			// A clean exit (a finished init container) is no news.
			if (exitCode === 0 && str(terminated.reason) !== 'OOMKilled') continue;
			const at = parseTime(terminated.finishedAt);
			if (newest && (at ?? 0) < (newest.at ?? 0)) continue;
			newest = {reason: str(terminated.reason) ?? 'Error', container: str(c.name) ?? '', ...(at !== undefined ? {at} : {}), ...(exitCode !== undefined ? {exitCode} : {})};
		}
	}
	return newest;
}
