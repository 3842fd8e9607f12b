// Discovery documents → the resources a server serves, pure. Two shapes say the same thing:
// aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList, one document for /api
// and one for /apis, since Kubernetes 1.30 GA) and the older per-group documents (APIVersions,
// APIGroupList, then one APIResourceList per group version). Both become DiscoveredResource,
// one per (group, resource) at the group's preferred version that serves it.
import {arr, rec, str, strings} from '../model/json.js';
import type {Scope} from '../kinds/kind.js';

export interface DiscoveredResource {
	/** '' for the core group. */
	group: string;
	version: string;
	plural: string;
	singular: string;
	kind: string;
	scope: Scope;
	shortNames: readonly string[];
	categories: readonly string[];
	/** The API's verbs: get, list, watch, create, update, patch, delete, deletecollection. */
	verbs: readonly string[];
}

/** What aggregated discovery is asked for; a server without it answers with the older documents. */
export const AGGREGATED_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9';

export function isAggregated(document: unknown): boolean {
	return rec(document)?.kind === 'APIGroupDiscoveryList';
}

/** A pane needs both: the first screen comes from list, every change after it from watch. */
export function canWatch(resource: Pick<DiscoveredResource, 'verbs'>): boolean {
	return resource.verbs.includes('list') && resource.verbs.includes('watch');
}

/** Resources of an APIGroupDiscoveryList (from /api or /apis); versions are listed most preferred first. */
export function parseAggregated(document: unknown): DiscoveredResource[] {
	const out: DiscoveredResource[] = [];
	for (const group of arr(rec(document)?.items)) {
		const groupName = str(rec(group.metadata)?.name) ?? '';
		const seen = new Set<string>();
		for (const version of arr(group.versions)) {
			const versionName = str(version.version);
			if (!versionName) continue;
			for (const resource of arr(version.resources)) {
				const plural = str(resource.resource);
				const kind = str(rec(resource.responseKind)?.kind);
				if (!plural || !kind || seen.has(plural)) continue;
				seen.add(plural);
				out.push({
					group: groupName,
					version: versionName,
					plural,
					singular: str(resource.singularResource) || kind.toLowerCase(),
					kind,
					scope: resource.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
					shortNames: strings(resource.shortNames),
					categories: strings(resource.categories),
					verbs: strings(resource.verbs),
				});
			}
		}
	}
	return out;
}

/** The group versions to read with the older documents: core's from /api, each group's preferred from /apis. */
export function legacyGroupVersions(apiVersions: unknown, apiGroupList: unknown): string[] {
	const core = strings(rec(apiVersions)?.versions).slice(0, 1);
	const groups = arr(rec(apiGroupList)?.groups).flatMap((group) => {
		const preferred = str(rec(group.preferredVersion)?.groupVersion) ?? str(arr(group.versions)[0]?.groupVersion);
		return preferred ? [preferred] : [];
	});
	return [...core, ...groups];
}

/** Resources of one APIResourceList ('v1' or 'apps/v1'); subresources ('pods/log') are left out. */
export function parseResourceList(groupVersion: string, document: unknown): DiscoveredResource[] {
	const slash = groupVersion.indexOf('/');
	const group = slash < 0 ? '' : groupVersion.slice(0, slash);
	const version = slash < 0 ? groupVersion : groupVersion.slice(slash + 1);
	return arr(rec(document)?.resources).flatMap((resource): DiscoveredResource[] => {
		const plural = str(resource.name);
		const kind = str(resource.kind);
		if (!plural || !kind || plural.includes('/')) return [];
		return [{
			group,
			version,
			plural,
			singular: str(resource.singularName) || kind.toLowerCase(),
			kind,
			scope: resource.namespaced === false ? 'Cluster' : 'Namespaced',
			shortNames: strings(resource.shortNames),
			categories: strings(resource.categories),
			verbs: strings(resource.verbs),
		}];
	});
}
