// A pod's effective resource requests, counted the way the scheduler counts them
// (k8s.io/component-helpers/resource PodRequests), so that GPU ALLOCATED, node
// pressure and the pods pane agree with what Kubernetes actually reserves.
import type {KubeObject} from './types.js';
import {parseQuantity} from './quantity.js';

export type ResourceAmounts = Record<string, number>;

interface ContainerLike {
	name?: string;
	restartPolicy?: string;
	resources?: {requests?: Record<string, string | number>; limits?: Record<string, string | number>};
}

// Resources that pod-level spec.resources may set (the PodLevelResources feature supports only these).
const podLevelResources = new Set(['cpu', 'memory']);

/**
 * Requests of one container in base units. A resource with a limit but no request
 * counts its limit: that is what API defaulting writes into requests, and objects
 * read from a simulator or a fixture may not have been defaulted.
 */
export function containerRequests(container: ContainerLike): ResourceAmounts {
	const result: ResourceAmounts = {};
	const requests = container.resources?.requests ?? {};
	const limits = container.resources?.limits ?? {};
	for (const [name, value] of Object.entries(limits)) result[name] = parseQuantity(value);
	for (const [name, value] of Object.entries(requests)) result[name] = parseQuantity(value);
	return result;
}

function add(into: ResourceAmounts, from: ResourceAmounts): void {
	for (const [name, value] of Object.entries(from)) into[name] = (into[name] ?? 0) + value;
}

function maxInto(into: ResourceAmounts, from: ResourceAmounts): void {
	for (const [name, value] of Object.entries(from)) {
		if (!(name in into) || value > into[name]!) into[name] = value;
	}
}

// Summing decimal quantities (0.1 + 0.2 cores) leaves binary noise that would show up in cells.
function tidy(amounts: ResourceAmounts): ResourceAmounts {
	for (const [name, value] of Object.entries(amounts)) {
		if (!Number.isInteger(value)) amounts[name] = Math.round(value * 1e9) / 1e9;
	}
	return amounts;
}

function containersOf(spec: Record<string, unknown> | undefined, key: string): ContainerLike[] {
	const list = spec?.[key];
	return Array.isArray(list) ? (list as ContainerLike[]) : [];
}

/**
 * Effective requests of a pod, per resource:
 *   max(sum(app containers) + sum(sidecars), max over regular init containers of
 *       (its requests + sidecars started before it), cumulative sidecars at each sidecar)
 *   + spec.overhead
 * Sidecars are init containers with restartPolicy Always; they keep running next to the
 * app containers, so they add to the steady state and to every later init container.
 * Pod-level spec.resources.requests (cpu, memory) override the container aggregate.
 */
export function effectivePodRequests(pod: KubeObject): ResourceAmounts {
	const spec = pod.spec;
	const total: ResourceAmounts = {};
	for (const container of containersOf(spec, 'containers')) add(total, containerRequests(container));

	const sidecars: ResourceAmounts = {};
	const initPeak: ResourceAmounts = {};
	for (const container of containersOf(spec, 'initContainers')) {
		const own = containerRequests(container);
		if (container.restartPolicy === 'Always') {
			add(total, own);
			add(sidecars, own);
			maxInto(initPeak, sidecars);
		} else {
			const during: ResourceAmounts = {...own};
			add(during, sidecars);
			maxInto(initPeak, during);
		}
	}
	maxInto(total, initPeak);

	const podLevel = (spec?.resources ?? undefined) as ContainerLike['resources'] | undefined;
	if (podLevel) {
		const podRequests = containerRequests({resources: podLevel});
		for (const [name, value] of Object.entries(podRequests)) {
			if (podLevelResources.has(name)) total[name] = value;
		}
	}

	const overhead = spec?.overhead;
	if (overhead && typeof overhead === 'object') {
		for (const [name, value] of Object.entries(overhead as Record<string, string | number>)) {
			total[name] = (total[name] ?? 0) + parseQuantity(value);
		}
	}
	return tidy(total);
}
