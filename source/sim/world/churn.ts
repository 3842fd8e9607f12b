// The churn generator for benches: churnPerSecond pod modifications per second, spread over
// ten ticks a second. Mostly annotation bumps (cheap MODIFIED events), some restartCount bumps
// and Ready flips, so watchers see the kinds of change a busy cluster produces.
import type {PodCache} from './cache.js';
import {isoTime, K, type Runtime} from './runtime.js';

export function startChurn(rt: Runtime, cache: PodCache, perSecond: number): void {
	if (perSecond <= 0) return;
	let uids: string[] = [];
	let refreshed = 0;
	let counter = 0;
	let carry = 0;
	const tickMs = 100;
	// Real time, not simulated: churn is a bench knob measured in events per wall-clock second.
	rt.every(tickMs * rt.speed, () => {
		const now = rt.now();
		if (now - refreshed > 1000 || uids.length === 0) {
			uids = [...cache.pods.keys()];
			refreshed = now;
		}
		if (uids.length === 0) return;
		carry += (perSecond * tickMs) / 1000;
		const count = Math.floor(carry);
		carry -= count;
		for (let i = 0; i < count; i++) {
			const info = cache.pods.get(uids[Math.floor(rt.random() * uids.length)]!);
			if (!info || info.deleting) continue;
			const kind = rt.random();
			counter++;
			rt.tryMutate(K.pods, info.namespace, info.name, pod => {
				(pod.metadata.annotations ??= {})['sim.kubedeck.io/churn'] = String(counter);
				const status = (pod.status ??= {}) as {containerStatuses?: Array<{ready?: boolean; restartCount?: number}>; conditions?: Array<{type: string; status: string; lastTransitionTime?: string}>};
				const first = status.containerStatuses?.[0];
				if (!first) return;
				if (kind < 0.15) first.restartCount = (first.restartCount ?? 0) + 1;
				else if (kind < 0.3) {
					first.ready = !first.ready;
					for (const condition of status.conditions ?? []) {
						if (condition.type === 'Ready' || condition.type === 'ContainersReady') {
							condition.status = first.ready ? 'True' : 'False';
							condition.lastTransitionTime = isoTime(now);
						}
					}
				}
			});
		}
	});
}
