// Discovery documents (unaggregated form; clients that ask for aggregated discovery fall back to it).
import type {ResourceType} from '../contracts.js';
import {apiVersionOf, resourceTypes, typesByGroupVersion} from './resources.js';

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

const inAllCategory = new Set(['pods', 'services', 'deployments', 'replicasets', 'daemonsets', 'statefulsets', 'jobs', 'horizontalpodautoscalers']);

const subresourceShape: Record<string, {verbs: string[]; group?: string; version?: string; kind?: string}> = {
	status: {verbs: ['get', 'patch', 'update']},
	scale: {verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1', kind: 'Scale'},
	log: {verbs: ['get']},
	eviction: {verbs: ['create'], group: 'policy', version: 'v1', kind: 'Eviction'},
};

function resourceEntries(type: ResourceType): Array<Record<string, unknown>> {
	const main: Record<string, unknown> = {
		name: type.resource,
		singularName: type.kind.toLowerCase(),
		namespaced: type.namespaced,
		kind: type.kind,
		verbs: type.verbs,
	};
	if (type.shortNames) main.shortNames = type.shortNames;
	if (inAllCategory.has(type.resource)) main.categories = ['all'];
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

export function apiResourceList(groupVersion: string): unknown | undefined {
	const types = typesByGroupVersion().get(groupVersion);
	if (!types) return undefined;
	return {kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: types.flatMap(resourceEntries)};
}

export function apiVersions(serverAddress: string): unknown {
	return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress}]};
}

function groupEntries(): Array<{name: string; versions: Array<{groupVersion: string; version: string}>; preferredVersion: {groupVersion: string; version: string}}> {
	const groups = new Map<string, string[]>();
	for (const type of resourceTypes) {
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

export function apiGroupList(): unknown {
	return {kind: 'APIGroupList', apiVersion: 'v1', groups: groupEntries()};
}

export function apiGroup(name: string): unknown | undefined {
	const group = groupEntries().find(g => g.name === name);
	return group ? {kind: 'APIGroup', apiVersion: 'v1', ...group} : undefined;
}

export {apiVersionOf};
