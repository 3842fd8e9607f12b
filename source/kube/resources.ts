// What the session needs to know about the kinds it watches, derived from the kinds registry
// (source/kinds): the kind names, their row types, and their paths (built only by apiPath).
// Besides the built-in kinds, the session watches any resource discovery found, named
// 'plural.group' (a dot never appears in a built-in kind's name) and shown as Table rows.
import type {BaseRow, KubeObject} from '../model/types.js';
import type {TableRow} from '../model/table.js';
import {apiPath, isNamespaced, kindOf, type KindName, type RowsByKind} from '../kinds/index.js';
import type {DiscoveredResource} from './discovery-documents.js';

import {genericNameOf, isGenericName, type GenericResource} from '../kinds/generic-names.js';

export type {GenericResource} from '../kinds/generic-names.js';

export type ResourceKind = KindName | GenericResource;

export type RowFor<K extends ResourceKind> = K extends KindName ? RowsByKind[K] : TableRow;

export {kindNames as resourceKinds, kindOf as resourceOf} from '../kinds/index.js';

export const isGeneric = (kind: ResourceKind): kind is GenericResource => isGenericName(kind);

/** The session's name for a discovered resource. */
export const genericName = (resource: Pick<DiscoveredResource, 'plural' | 'group'>): GenericResource => genericNameOf(resource);

/** What paths and scope need, from a built-in kind or a discovered resource. */
export type PathFacts = Pick<DiscoveredResource, 'group' | 'version' | 'plural' | 'scope'> & {source?: {plural: string; labelSelector: string}};

/** Resolves a resource name to its path facts; generic names through `lookup` (the session's discovery). */
export function pathFacts(kind: ResourceKind, lookup: (name: GenericResource) => PathFacts | undefined): PathFacts {
	if (!isGeneric(kind)) return kindOf(kind);
	const found = lookup(kind);
	if (!found) throw new Error(`${kind} is not served by this cluster (not in discovery)`);
	return found;
}

export function namespacedFacts(facts: Pick<PathFacts, 'scope'>): boolean {
	return isNamespaced(facts);
}

/** Collection path; a namespaced kind without a namespace means all namespaces. */
export function collectionPath(facts: PathFacts, namespace: string | undefined): string {
	return apiPath(facts, namespace);
}

export function objectPath(facts: PathFacts, namespace: string | undefined, name: string): string {
	return apiPath(facts, namespace, name);
}

/** "pods in namespace payments", "pods in all namespaces", "nodes": for status and error messages. */
export function scopeText(kind: ResourceKind, facts: PathFacts, namespace: string | undefined): string {
	const label = isGeneric(kind) ? facts.plural : kind;
	if (!isNamespaced(facts)) return label;
	return namespace === undefined ? `${label} in all namespaces` : `${label} in namespace ${namespace}`;
}

/** Projects with the kind's model; a generic projector type so the watch engine stays kind-agnostic. */
export type Projector<R extends BaseRow> = (object: KubeObject) => R;
