// Just enough OpenAPI v3 for kubectl: the root index and, per group/version, PATCH operations
// tagged with their kind and the fieldValidation parameter. kubectl reads exactly that to
// decide it can leave validation to the server (otherwise `apply`/`create -f` refuse to run).
import {createHash} from 'node:crypto';
import {apiVersionOf, typesByGroupVersion} from './resources.js';

function hashOf(text: string): string {
	return createHash('sha512').update(text).digest('hex').slice(0, 32).toUpperCase();
}

function pathPrefix(groupVersion: string): string {
	return groupVersion.includes('/') ? `apis/${groupVersion}` : `api/${groupVersion}`;
}

export function openApiDocument(prefix: string): string | undefined {
	const groupVersion = prefix.startsWith('apis/') ? prefix.slice('apis/'.length) : prefix.startsWith('api/') ? prefix.slice('api/'.length) : undefined;
	const types = groupVersion ? typesByGroupVersion().get(groupVersion) : undefined;
	if (!types) return undefined;
	const paths: Record<string, unknown> = {};
	for (const type of types) {
		const scope = type.namespaced ? `namespaces/{namespace}/` : '';
		const operation = {
			'x-kubernetes-group-version-kind': {group: type.group, version: type.version, kind: type.kind},
			'x-kubernetes-action': 'patch',
			parameters: [
				{name: 'dryRun', in: 'query', schema: {type: 'string', uniqueItems: true}},
				{name: 'fieldManager', in: 'query', schema: {type: 'string', uniqueItems: true}},
				{name: 'fieldValidation', in: 'query', schema: {type: 'string', uniqueItems: true}},
			],
			responses: {'200': {description: 'OK'}},
		};
		paths[`/${pathPrefix(apiVersionOf(type))}/${scope}${type.resource}/{name}`] = {patch: operation};
	}
	return JSON.stringify({openapi: '3.0.0', info: {title: 'Kubernetes', version: 'v1.33.1-kubedeck-sim'}, paths, components: {schemas: {}}});
}

export function openApiRoot(): string {
	const paths: Record<string, {serverRelativeURL: string}> = {};
	for (const groupVersion of typesByGroupVersion().keys()) {
		const prefix = pathPrefix(groupVersion);
		paths[prefix] = {serverRelativeURL: `/openapi/v3/${prefix}?hash=${hashOf(openApiDocument(prefix)!)}`};
	}
	return JSON.stringify({paths});
}
