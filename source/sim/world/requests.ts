// What a pod asks of its node, as kube-scheduler's NodeResourcesFit counts it (component-helpers
// resource.PodRequests): app containers and sidecars add up; each regular init container needs
// its own requests plus the sidecars started before it; the pod needs the larger of the two.
// Pod-level requests replace the container total for the resources they may set; overhead adds.
// Amounts are in the scheduler's units (schedulerAmount), as is node allocatable.
import type {KubeObject} from '../../model/types.js';
import {schedulerAmount} from './quantity.js';

export type ResourceAmounts = Record<string, number>;

interface ContainerResources {
	requests?: Record<string, unknown>;
	limits?: Record<string, unknown>;
}
interface Container {
	restartPolicy?: string;
	resources?: ContainerResources;
}

/** A container's requests; a limit without a request counts, since API defaulting copies it over. */
function requestsOf(resources: ContainerResources | undefined): ResourceAmounts {
	const out: ResourceAmounts = {};
	for (const [name, value] of Object.entries(resources?.limits ?? {})) out[name] = schedulerAmount(name, value);
	for (const [name, value] of Object.entries(resources?.requests ?? {})) out[name] = schedulerAmount(name, value);
	return out;
}

function plus(a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts {
	const out = {...a};
	for (const name in b) out[name] = (out[name] ?? 0) + b[name]!;
	return out;
}

function atLeast(a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts {
	const out = {...a};
	for (const name in b) out[name] = Math.max(out[name] ?? b[name]!, b[name]!);
	return out;
}

const containers = (pod: KubeObject, field: string): Container[] => {
	const value = pod.spec?.[field];
	return Array.isArray(value) ? (value as Container[]) : [];
};

/** Resources pod-level spec.resources may set (the PodLevelResources feature). */
const podLevel = (name: string): boolean => name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');

export function podRequests(pod: KubeObject): ResourceAmounts {
	let steady: ResourceAmounts = {};
	for (const c of containers(pod, 'containers')) steady = plus(steady, requestsOf(c.resources));
	let sidecarsSoFar: ResourceAmounts = {};
	let initPeak: ResourceAmounts = {};
	for (const c of containers(pod, 'initContainers')) {
		const own = requestsOf(c.resources);
		if (c.restartPolicy === 'Always') {
			steady = plus(steady, own);
			sidecarsSoFar = plus(sidecarsSoFar, own);
			initPeak = atLeast(initPeak, sidecarsSoFar);
		} else initPeak = atLeast(initPeak, plus(own, sidecarsSoFar));
	}
	let total = atLeast(steady, initPeak);
	const podRequested = (pod.spec?.resources as ContainerResources | undefined)?.requests ?? {};
	for (const [name, value] of Object.entries(podRequested)) if (podLevel(name)) total[name] = schedulerAmount(name, value);
	const overhead = pod.spec?.overhead as Record<string, unknown> | undefined;
	if (overhead && typeof overhead === 'object') total = plus(total, Object.fromEntries(Object.entries(overhead).map(([name, value]) => [name, schedulerAmount(name, value)])));
	return total;
}
