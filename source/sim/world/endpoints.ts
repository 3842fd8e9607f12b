// The EndpointSlice controller: for every Service with a selector, one slice listing the
// pods that match it with their IPs and conditions (ready / serving / terminating), which is
// what `kubectl describe svc` and kubedeck's service pane show as endpoints.
import type {KubeObject} from '../../model/types.js';
import {isTerminal, type PodCache, type PodInfo} from './cache.js';
import {controllerRef} from './deployment.js';
import {fnv32a, K, safeEncode, type Runtime} from './runtime.js';

const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER = 'endpointslice-controller.k8s.io';

interface ServicePort {
	name?: string;
	port: number;
	targetPort?: number | string;
	protocol?: string;
}

export function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
	const entries = Object.entries(selector);
	return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** Endpoints of the slice, sorted by pod name so that unchanged membership writes nothing. */
export function endpointsFor(selector: Record<string, string>, pods: PodInfo[]): Array<Record<string, unknown>> {
	return pods
		.filter(pod => pod.podIP && !isTerminal(pod.phase) && selectorMatches(selector, pod.labels))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.map(pod => ({
			addresses: [pod.podIP],
			conditions: {ready: pod.ready && !pod.deleting, serving: pod.ready, terminating: pod.deleting},
			...(pod.nodeName ? {nodeName: pod.nodeName} : {}),
			targetRef: {kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid},
		}));
}

export interface EndpointsController {
	namespaceChanged(namespace: string): void;
}

export function createEndpointsController(rt: Runtime, cache: PodCache): EndpointsController {
	function sync(namespace: string): void {
		if (!rt.has(K.endpointslices)) return;
		const services = rt.store.list(K.services, namespace);
		const slices = rt.store.list(K.endpointslices, namespace).filter(slice => slice.metadata.labels?.[MANAGED_BY] === CONTROLLER);
		const pods = services.some(svc => Object.keys((svc.spec?.selector as Record<string, string> | undefined) ?? {}).length) ? cache.inNamespace(namespace) : [];
		for (const service of services) {
			const selector = (service.spec?.selector as Record<string, string> | undefined) ?? {};
			if (Object.keys(selector).length === 0) continue; // selector-less services are managed by hand
			const ports = ((service.spec?.ports as ServicePort[] | undefined) ?? []).map(port => ({
				name: port.name ?? '',
				port: typeof port.targetPort === 'number' ? port.targetPort : Number(port.targetPort) || port.port,
				protocol: port.protocol ?? 'TCP',
			}));
			const endpoints = endpointsFor(selector, pods);
			const existing = slices.find(slice => slice.metadata.labels?.[SERVICE_NAME] === service.metadata.name);
			if (existing) {
				rt.tryMutate(K.endpointslices, namespace, existing.metadata.name, slice => {
					slice.endpoints = endpoints;
					slice.ports = ports;
				});
				continue;
			}
			const slice: KubeObject = {
				apiVersion: 'discovery.k8s.io/v1',
				kind: 'EndpointSlice',
				metadata: {
					// Derived from the service, not drawn: slices are created on a timer, which must not shift the pod-name stream.
					name: `${service.metadata.name}-${safeEncode(String(fnv32a(`${namespace}/${service.metadata.name}`, rt.seed >>> 0 || 1))).slice(0, 5)}`,
					namespace,
					uid: '',
					labels: {[SERVICE_NAME]: service.metadata.name, [MANAGED_BY]: CONTROLLER},
					ownerReferences: [controllerRef('v1', 'Service', service)],
					// A seeded (backdated) Service has had its slice since it was created.
					...(rt.seeding && service.metadata.creationTimestamp ? {creationTimestamp: service.metadata.creationTimestamp} : {}),
				},
				addressType: 'IPv4',
				endpoints,
				ports,
			};
			try {
				rt.store.create(K.endpointslices, slice);
			} catch {
				// a name clash with a hand-made slice: try again next sync with another suffix
			}
		}
	}

	return {
		namespaceChanged(namespace) {
			// Throttled: pod churn in a namespace of thousands must not rebuild slices per event.
			rt.throttle(`eps/${namespace}`, 50, () => sync(namespace));
		},
	};
}
