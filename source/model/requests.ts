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

type Amounts = Map<string, number>;

// Internally Maps: object keys like 'nvidia.com/gpu' put plain objects in dictionary mode, and
// this runs for every pod event (50k pods on the initial list), so the difference shows.
function requestsOf(container: ContainerLike): Amounts {
	const result: Amounts = new Map();
	const resources = container.resources;
	if (!resources) return result;
	const {limits, requests} = resources;
	if (limits && typeof limits === 'object') for (const name of Object.keys(limits)) result.set(name, parseQuantity(limits[name]));
	if (requests && typeof requests === 'object') for (const name of Object.keys(requests)) result.set(name, parseQuantity(requests[name]));
	return result;
}

/**
 * Requests of one container in base units. A resource with a limit but no request
 * counts its limit: that is what API defaulting writes into requests, and objects
 * read from a simulator or a fixture may not have been defaulted.
 */
export function containerRequests(container: ContainerLike): ResourceAmounts {
	return Object.fromEntries(requestsOf(container));
}

function add(into: Amounts, from: Amounts): void {
	for (const [name, value] of from) into.set(name, (into.get(name) ?? 0) + value);
}

function maxInto(into: Amounts, from: Amounts): void {
	for (const [name, value] of from) {
		const current = into.get(name);
		if (current === undefined || value > current) into.set(name, value);
	}
}

// Summing decimal quantities (0.1 + 0.2 cores) leaves binary noise that would show up in cells.
function tidy(amounts: Amounts): ResourceAmounts {
	const result: ResourceAmounts = {};
	for (const [name, value] of amounts) result[name] = Number.isInteger(value) ? value : Math.round(value * 1e9) / 1e9;
	return result;
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
	const total: Amounts = new Map();
	for (const container of containersOf(spec, 'containers')) add(total, requestsOf(container));

	const initContainers = containersOf(spec, 'initContainers');
	if (initContainers.length > 0) {
		const sidecars: Amounts = new Map();
		const initPeak: Amounts = new Map();
		for (const container of initContainers) {
			const own = requestsOf(container);
			if (container.restartPolicy === 'Always') {
				add(total, own);
				add(sidecars, own);
				maxInto(initPeak, sidecars);
			} else {
				add(own, sidecars);
				maxInto(initPeak, own);
			}
		}
		maxInto(total, initPeak);
	}

	const podLevel = spec?.resources as ContainerLike['resources'] | undefined;
	if (podLevel) {
		for (const [name, value] of requestsOf({resources: podLevel})) {
			if (podLevelResources.has(name)) total.set(name, value);
		}
	}

	const overhead = spec?.overhead;
	if (overhead && typeof overhead === 'object') {
		for (const [name, value] of Object.entries(overhead as Record<string, string | number>)) {
			total.set(name, (total.get(name) ?? 0) + parseQuantity(value));
		}
	}
	return tidy(total);
}
