// Where each kind an action may touch lives in the API, from the kinds registry. Actions name
// kinds the way Kubernetes objects do ('Deployment'), since intents come from rows and objects.
import {apiPath, kindByKind, type AnyKind} from '../kinds/index.js';

function info(kind: string): AnyKind {
	const found = kindByKind(kind);
	if (!found) throw new Error(`kubedeck cannot act on kind ${kind}`);
	return found;
}

export function objectPathFor(kind: string, namespace: string | undefined, name: string, subresource?: string): string {
	return apiPath(info(kind), namespace, name, subresource);
}

/** A kind's collection in one namespace (or cluster-wide for cluster-scoped kinds). */
export function collectionPathFor(kind: string, namespace?: string): string {
	return apiPath(info(kind), namespace);
}

/** "deployment.apps/web" as kubectl prints it (resource.group, singular). */
export function displayName(kind: string, name: string): string {
	const found = kindByKind(kind);
	const singular = kind.toLowerCase();
	return `${found?.group ? `${singular}.${found.group}` : singular}/${name}`;
}

/** "payments/web" or "web" for cluster-scoped objects. */
export function qualifiedName(namespace: string | undefined, name: string): string {
	return namespace ? `${namespace}/${name}` : name;
}
