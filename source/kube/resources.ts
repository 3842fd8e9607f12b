// What the session needs to know about the kinds it watches, derived from the kinds registry
// (source/kinds): the kind names, their row types, and their paths (built only by apiPath).
import type {BaseRow, KubeObject} from '../model/types.js';
import {apiPath, isNamespaced, kindOf, type KindName, type RowsByKind} from '../kinds/index.js';

export type ResourceKind = KindName;

export type RowFor<K extends ResourceKind> = RowsByKind[K];

export {kindNames as resourceKinds, kindOf as resourceOf, namespacedKind} from '../kinds/index.js';

/** Collection path; a namespaced kind without a namespace means all namespaces. */
export function collectionPath(kind: ResourceKind, namespace: string | undefined): string {
	return apiPath(kindOf(kind), namespace);
}

export function objectPath(kind: ResourceKind, namespace: string | undefined, name: string): string {
	return apiPath(kindOf(kind), namespace, name);
}

/** "pods in namespace payments", "pods in all namespaces", "nodes": for status and error messages. */
export function scopeText(kind: ResourceKind, namespace: string | undefined): string {
	if (!isNamespaced(kindOf(kind))) return kind;
	return namespace === undefined ? `${kind} in all namespaces` : `${kind} in namespace ${namespace}`;
}

/** Projects with the kind's model; a generic projector type so the watch engine stays kind-agnostic. */
export type Projector<R extends BaseRow> = (object: KubeObject) => R;
