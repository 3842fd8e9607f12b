// The resource registry: for each kind the session can watch, where it lives in the API
// and which model projects its objects into rows.
import type {BaseRow, KindModel, KubeObject} from '../model/types.js';
import {modelFor, type RowsByKind} from '../model/index.js';

export type ResourceKind = keyof RowsByKind;

export type RowFor<K extends ResourceKind> = RowsByKind[K];

export interface ResourceInfo<K extends ResourceKind = ResourceKind> {
	kind: K;
	/** '/api/v1' or '/apis/GROUP/VERSION'. */
	base: string;
	plural: string;
	namespaced: boolean;
	model: KindModel<RowFor<K>>;
}

type Registry = {[K in ResourceKind]: ResourceInfo<K>};

export const resources: Registry = {
	pods: {kind: 'pods', base: '/api/v1', plural: 'pods', namespaced: true, model: modelFor('pods')},
	deployments: {kind: 'deployments', base: '/apis/apps/v1', plural: 'deployments', namespaced: true, model: modelFor('deployments')},
	replicasets: {kind: 'replicasets', base: '/apis/apps/v1', plural: 'replicasets', namespaced: true, model: modelFor('replicasets')},
	services: {kind: 'services', base: '/api/v1', plural: 'services', namespaced: true, model: modelFor('services')},
	nodes: {kind: 'nodes', base: '/api/v1', plural: 'nodes', namespaced: false, model: modelFor('nodes')},
	namespaces: {kind: 'namespaces', base: '/api/v1', plural: 'namespaces', namespaced: false, model: modelFor('namespaces')},
	// core/v1 events: their involvedObject is what describe and the GPU pending pane match on.
	events: {kind: 'events', base: '/api/v1', plural: 'events', namespaced: true, model: modelFor('events')},
};

/** Collection path; a namespaced kind without a namespace means all namespaces. */
export function collectionPath(kind: ResourceKind, namespace: string | undefined): string {
	const info = resources[kind];
	if (info.namespaced && namespace !== undefined) return `${info.base}/namespaces/${encodeURIComponent(namespace)}/${info.plural}`;
	return `${info.base}/${info.plural}`;
}

export function objectPath(kind: ResourceKind, namespace: string | undefined, name: string): string {
	const info = resources[kind];
	if (info.namespaced && namespace === undefined) throw new Error(`${kind} are namespaced: a namespace is needed to fetch ${name}`);
	return `${collectionPath(kind, info.namespaced ? namespace : undefined)}/${encodeURIComponent(name)}`;
}

/** "pods in namespace payments", "pods in all namespaces", "nodes": for status and error messages. */
export function scopeText(kind: ResourceKind, namespace: string | undefined): string {
	if (!resources[kind].namespaced) return kind;
	return namespace === undefined ? `${kind} in all namespaces` : `${kind} in namespace ${namespace}`;
}

/** Projects with the kind's model; a generic projector type so the watch engine stays kind-agnostic. */
export type Projector<R extends BaseRow> = (object: KubeObject) => R;
