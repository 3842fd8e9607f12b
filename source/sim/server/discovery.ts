// Discovery documents (unaggregated form; clients that ask for aggregated discovery fall back to it).
import type {ResourceType} from '../contracts.js';
import {apiVersionOf, typesByGroupVersion} from './resources.js';

export const serverVersion = {
	major: '1',
	minor: '33',
	gitVersion: 'v1.33.1-kubedeck-sim',
	gitCommit: '0000000000000000000000000000000000000000',
	gitTreeState: 'clean',
	buildDate: '2026-01-01T00:00:00Z',
	goVersion: 'go1.24.2',
	compiler: 'gc',
	platform: 'linux/amd64',
};

const subresourceShape: Record<string, {verbs: string[]; group?: string; version?: string; kind?: string}> = {
	status: {verbs: ['get', 'patch', 'update']},
	scale: {verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1', kind: 'Scale'},
	log: {verbs: ['get']},
	eviction: {verbs: ['create'], group: 'policy', version: 'v1', kind: 'Eviction'},
	portforward: {verbs: ['create', 'get'], version: 'v1', group: '', kind: 'PodPortForwardOptions'},
	exec: {verbs: ['create', 'get'], version: 'v1', group: '', kind: 'PodExecOptions'},
	attach: {verbs: ['create', 'get'], version: 'v1', group: '', kind: 'PodAttachOptions'},
	ephemeralcontainers: {verbs: ['get', 'patch', 'update']},
};

function resourceEntries(type: ResourceType): Array<Record<string, unknown>> {
	const main: Record<string, unknown> = {
		name: type.resource,
		singularName: type.singular ?? type.kind.toLowerCase(),
		namespaced: type.namespaced,
		kind: type.kind,
		verbs: type.verbs,
	};
	if (type.shortNames) main.shortNames = type.shortNames;
	if (type.categories) main.categories = type.categories;
	const entries = [main];
	for (const sub of type.subresources ?? []) {
		const shape = subresourceShape[sub]!;
		const entry: Record<string, unknown> = {name: `${type.resource}/${sub}`, singularName: '', namespaced: type.namespaced, kind: shape.kind ?? type.kind, verbs: shape.verbs};
		if (shape.group !== undefined) {
			entry.group = shape.group;
			entry.version = shape.version;
		}
		entries.push(entry);
	}
	return entries;
}

export function apiResourceList(served: readonly ResourceType[], groupVersion: string): unknown | undefined {
	const types = typesByGroupVersion(served).get(groupVersion);
	if (!types) return undefined;
	return {kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: types.flatMap(resourceEntries)};
}

export function apiVersions(serverAddress: string): unknown {
	return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress}]};
}

function groupEntries(served: readonly ResourceType[]): Array<{name: string; versions: Array<{groupVersion: string; version: string}>; preferredVersion: {groupVersion: string; version: string}}> {
	const groups = new Map<string, string[]>();
	for (const type of served) {
		if (!type.group) continue;
		const versions = groups.get(type.group) ?? [];
		if (!versions.includes(type.version)) versions.push(type.version);
		groups.set(type.group, versions);
	}
	return [...groups].map(([name, versions]) => {
		const list = versions.map(version => ({groupVersion: `${name}/${version}`, version}));
		return {name, versions: list, preferredVersion: list[0]!};
	});
}

export function apiGroupList(served: readonly ResourceType[]): unknown {
	return {kind: 'APIGroupList', apiVersion: 'v1', groups: groupEntries(served)};
}

export function apiGroup(served: readonly ResourceType[], name: string): unknown | undefined {
	const group = groupEntries(served).find(g => g.name === name);
	return group ? {kind: 'APIGroup', apiVersion: 'v1', ...group} : undefined;
}

/** Accept asks for aggregated discovery (client-go sends it first, then plain JSON as the fallback). */
export function wantsAggregated(accept: string | undefined): boolean {
	return accept !== undefined && accept.split(',').some(part => /g=apidiscovery\.k8s\.io/.test(part) && /v=v2(;|$)/.test(part.replace(/\s/g, '')) && /as=APIGroupDiscoveryList/.test(part));
}

export const aggregatedContentType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function discoveredResource(type: ResourceType): Record<string, unknown> {
	const entry: Record<string, unknown> = {
		resource: type.resource,
		responseKind: {group: type.group, version: type.version, kind: type.kind},
		scope: type.namespaced ? 'Namespaced' : 'Cluster',
		singularResource: type.singular ?? type.kind.toLowerCase(),
		verbs: type.verbs,
	};
	if (type.shortNames) entry.shortNames = type.shortNames;
	if (type.categories) entry.categories = type.categories;
	const subresources = (type.subresources ?? []).map(sub => {
		const shape = subresourceShape[sub]!;
		return {subresource: sub, responseKind: {group: shape.group ?? type.group, version: shape.version ?? type.version, kind: shape.kind ?? type.kind}, verbs: shape.verbs};
	});
	if (subresources.length) entry.subresources = subresources;
	return entry;
}

/**
 * apidiscovery.k8s.io/v2 APIGroupDiscoveryList: the core group for /api, every other group for
 * /apis, each version with all its resources, so one request replaces a document per group.
 */
export function aggregatedDiscovery(served: readonly ResourceType[], core: boolean): unknown {
	const groups = new Map<string, Map<string, ResourceType[]>>();
	for (const type of served) {
		if ((type.group === '') !== core) continue;
		const versions = groups.get(type.group) ?? new Map<string, ResourceType[]>();
		versions.set(type.version, [...(versions.get(type.version) ?? []), type]);
		groups.set(type.group, versions);
	}
	return {
		kind: 'APIGroupDiscoveryList',
		apiVersion: 'apidiscovery.k8s.io/v2',
		metadata: {},
		items: [...groups].map(([name, versions]) => ({
			metadata: {name, creationTimestamp: null},
			versions: [...versions].map(([version, types]) => ({version, resources: types.map(discoveredResource), freshness: 'Current'})),
		})),
	};
}

export {apiVersionOf};
