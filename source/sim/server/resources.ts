// The resource types the simulated API server serves, as discovery advertises them.
// One table drives discovery, routing and the store's key space, so they cannot disagree.
import type {ResourceKey, ResourceType} from '../contracts.js';

const rw = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const resourceTypes: readonly ResourceType[] = [
	{group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'], subresources: ['status'], verbs: rw.filter(v => v !== 'deletecollection')},
	{group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'], subresources: ['status'], verbs: rw},
	{group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], subresources: ['status', 'log', 'eviction'], verbs: rw},
	{group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true, shortNames: ['svc'], subresources: ['status'], verbs: rw},
	{group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'], verbs: rw},
	{group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], verbs: rw},
	{group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], subresources: ['status', 'scale'], verbs: rw},
	{group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], subresources: ['status', 'scale'], verbs: rw},
	// Served for owner lookups (kubectl drain checks DaemonSet owners); the world may have no controller for them.
	{group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], subresources: ['status'], verbs: rw},
	{group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'], subresources: ['status', 'scale'], verbs: rw},
	{group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true, subresources: ['status'], verbs: rw},
	{group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true, verbs: rw},
	{group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true, shortNames: ['hpa'], subresources: ['status'], verbs: rw},
	{group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true, shortNames: ['pdb'], subresources: ['status'], verbs: rw},
];

export function resourceKey(type: {group: string; resource: string}): ResourceKey {
	return type.group ? `${type.resource}.${type.group}` : type.resource;
}

export function apiVersionOf(type: ResourceType): string {
	return type.group ? `${type.group}/${type.version}` : type.version;
}

/** Kinds whose spec changes bump metadata.generation (the ones with controllers observing it). */
export const generationKeys: ReadonlySet<ResourceKey> = new Set([
	'deployments.apps',
	'replicasets.apps',
	'daemonsets.apps',
	'statefulsets.apps',
	'jobs.batch',
	'horizontalpodautoscalers.autoscaling',
	'poddisruptionbudgets.policy',
]);

/** Group/version → types served there. */
export function typesByGroupVersion(): Map<string, ResourceType[]> {
	const result = new Map<string, ResourceType[]>();
	for (const type of resourceTypes) {
		const gv = apiVersionOf(type);
		const list = result.get(gv) ?? [];
		list.push(type);
		result.set(gv, list);
	}
	return result;
}
