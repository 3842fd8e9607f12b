// The resource types the simulated API server serves, as discovery advertises them.
// One table drives discovery, routing and the store's key space, so they cannot disagree.
import type {ResourceKey, ResourceType} from '../contracts.js';

const rw = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const all = ['all'];

export const resourceTypes: readonly ResourceType[] = [
	{group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'], subresources: ['status'], verbs: rw.filter(v => v !== 'deletecollection')},
	{group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'], subresources: ['status'], verbs: rw},
	{group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: all, subresources: ['status', 'log', 'eviction', 'portforward', 'exec', 'attach', 'ephemeralcontainers'], verbs: rw},
	{group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: all, subresources: ['status'], verbs: rw},
	{group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'], verbs: rw},
	{group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], verbs: rw},
	{group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true, verbs: rw},
	{group: '', version: 'v1', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true, shortNames: ['pvc'], subresources: ['status'], verbs: rw},
	{group: '', version: 'v1', resource: 'persistentvolumes', kind: 'PersistentVolume', namespaced: false, shortNames: ['pv'], subresources: ['status'], verbs: rw},
	{group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: all, subresources: ['status', 'scale'], verbs: rw},
	{group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: all, subresources: ['status', 'scale'], verbs: rw},
	// Served for owner lookups (kubectl drain checks DaemonSet owners); the world may have no controller for them.
	{group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], categories: all, subresources: ['status'], verbs: rw},
	{group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'], categories: all, subresources: ['status', 'scale'], verbs: rw},
	{group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true, categories: all, subresources: ['status'], verbs: rw},
	{group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true, shortNames: ['cj'], categories: all, subresources: ['status'], verbs: rw},
	{group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true, verbs: rw},
	{group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress', namespaced: true, shortNames: ['ing'], subresources: ['status'], verbs: rw},
	{group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true, shortNames: ['hpa'], categories: all, subresources: ['status'], verbs: rw},
	{group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true, shortNames: ['pdb'], subresources: ['status'], verbs: rw},
	{group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: ['status'], verbs: rw},
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
	'cronjobs.batch',
	'ingresses.networking.k8s.io',
	'customresourcedefinitions.apiextensions.k8s.io',
	'horizontalpodautoscalers.autoscaling',
	'poddisruptionbudgets.policy',
]);

/** Custom resources always carry a generation, as the real server's CRD handler sets one. */
export function tracksGeneration(type: ResourceType): boolean {
	return type.custom !== undefined || generationKeys.has(resourceKey(type));
}

/** Group/version → types served there (the built-in ones unless given the store's current list). */
export function typesByGroupVersion(types: readonly ResourceType[] = resourceTypes): Map<string, ResourceType[]> {
	const result = new Map<string, ResourceType[]>();
	for (const type of types) {
		const gv = apiVersionOf(type);
		const list = result.get(gv) ?? [];
		list.push(type);
		result.set(gv, list);
	}
	return result;
}
