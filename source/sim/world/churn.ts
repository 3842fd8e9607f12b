// The churn generator for benches: churnPerSecond pod modifications per wall-clock second, spread
// over ten ticks a second (each makes up for the time since the last, so late ticks keep the rate).
// Mostly annotation bumps (cheap MODIFIED events), some restartCount bumps and Ready flips, so
// watchers see the kinds of change a busy cluster produces.
import type {PodCache} from './cache.js';
import {isoTime, K, type Runtime} from './runtime.js';

/** The most wall-clock time one late tick makes up for. */
export const CATCH_UP_MS = 1000;

export function startChurn(rt: Runtime, cache: PodCache, perSecond: number): void {
	if (perSecond <= 0) return;
	const setReady = (namespace: string, name: string, counter: number, change: boolean | 'restart' | undefined, now: number) => {
		rt.tryMutate(K.pods, namespace, name, pod => {
			(pod.metadata.annotations ??= {})['sim.kubedeck.io/churn'] = String(counter);
			const status = (pod.status ??= {}) as {containerStatuses?: Array<{ready?: boolean; restartCount?: number}>; conditions?: Array<{type: string; status: string; lastTransitionTime?: string}>};
			const first = status.containerStatuses?.[0];
			if (!first || change === undefined) return;
			if (change === 'restart') {
				first.restartCount = (first.restartCount ?? 0) + 1;
				return;
			}
			if (first.ready === change) return;
			first.ready = change;
			for (const condition of status.conditions ?? []) {
				if (condition.type === 'Ready' || condition.type === 'ContainersReady') {
					condition.status = change ? 'True' : 'False';
					condition.lastTransitionTime = isoTime(now);
				}
			}
		});
	};
	let uids: string[] = [];
	let refreshed = 0;
	let counter = 0;
	let carry = 0;
	const recoveries: Array<{namespace: string; name: string; at: number}> = [];
	const tickMs = 100;
	let last = rt.now();
	// Real time, not simulated: churn is a bench knob measured in events per wall-clock second.
	rt.every(tickMs * rt.speed, () => {
		const now = rt.now();
		// The time that actually passed, not the tick's nominal 100 ms: on a busy machine ticks come
		// late, and the rate asked for is still the rate produced. A long stall (a debugger, a
		// suspended laptop) is not made up in one burst: at most a second of it counts.
		const elapsed = Math.min(Math.max(0, now - last), CATCH_UP_MS);
		last = now;
		if (now - refreshed > 1000 || uids.length === 0) {
			uids = [...cache.pods.keys()];
			refreshed = now;
		}
		if (uids.length === 0) return;
		carry += (perSecond * elapsed) / 1000;
		const count = Math.floor(carry);
		carry -= count;
		let i = 0;
		// Recoveries of earlier readiness blips are modifications too: they count against the budget.
		while (recoveries.length && recoveries[0]!.at <= now && i < count) {
			const due = recoveries.shift()!;
			setReady(due.namespace, due.name, ++counter, true, now);
			i++;
		}
		for (; i < count; i++) {
			const info = cache.pods.get(uids[Math.floor(rt.random() * uids.length)]!);
			if (!info || info.deleting) continue;
			const kind = rt.random();
			counter++;
			const flip = kind >= 0.15 && kind < 0.3;
			setReady(info.namespace, info.name, counter, kind < 0.15 ? 'restart' : flip ? false : undefined, now);
			// A readiness blip, not a slow decay of the whole cluster into NotReady: it recovers.
			if (flip) recoveries.push({namespace: info.namespace, name: info.name, at: now + 2000});
		}
	});
}
