// OpenAPI v3 for kubectl: the root index and, per group/version, PATCH operations tagged with
// their kind and the fieldValidation parameter (kubectl reads that to leave validation to the
// server; otherwise `apply`/`create -f` refuse to run), and a schema per kind tagged with its
// group/version/kind for `kubectl explain`: a custom resource's from its definition, a
// built-in kind's an outline (apiVersion, kind, metadata, spec, status).
import {createHash} from 'node:crypto';
import type {ResourceType} from '../contracts.js';
import {apiVersionOf, typesByGroupVersion} from './resources.js';

function hashOf(text: string): string {
	return createHash('sha512').update(text).digest('hex').slice(0, 32).toUpperCase();
}

function pathPrefix(groupVersion: string): string {
	return groupVersion.includes('/') ? `apis/${groupVersion}` : `api/${groupVersion}`;
}

const objectMetaName = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const objectMeta = {
	description: 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
	type: 'object',
	properties: {
		name: {description: 'Name must be unique within a namespace.', type: 'string'},
		namespace: {description: 'Namespace defines the space within which each name must be unique.', type: 'string'},
		labels: {description: 'Map of string keys and values that can be used to organize and categorize (scope and select) objects.', type: 'object', additionalProperties: {type: 'string', default: ''}},
		annotations: {description: 'Annotations is an unstructured key value map stored with a resource.', type: 'object', additionalProperties: {type: 'string', default: ''}},
		uid: {description: 'UID is the unique in time and space value for this object.', type: 'string'},
		resourceVersion: {description: 'An opaque value that represents the internal version of this object.', type: 'string'},
		generation: {description: 'A sequence number representing a specific generation of the desired state.', type: 'integer', format: 'int64'},
		creationTimestamp: {description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', type: 'string', format: 'date-time'},
	},
};

const typeMeta = {
	apiVersion: {description: 'APIVersion defines the versioned schema of this representation of an object.', type: 'string'},
	kind: {description: 'Kind is a string value representing the REST resource this object represents.', type: 'string'},
};

/** The schema's name as the real server spells it: io.k8s.api.<group>.<version>.<Kind>, or reversed-domain for custom groups. */
function schemaName(type: ResourceType): string {
	if (type.custom) return `${type.group.split('.').reverse().join('.')}.${type.version}.${type.kind}`;
	const group = type.group === '' ? 'core' : type.group.replace(/\.k8s\.io$/, '');
	return `io.k8s.api.${group}.${type.version}.${type.kind}`;
}

function schemaOf(type: ResourceType): Record<string, unknown> {
	const gvk = {'x-kubernetes-group-version-kind': [{group: type.group, version: type.version, kind: type.kind}]};
	const metadata = {description: 'Standard object\'s metadata.', allOf: [{$ref: `#/components/schemas/${objectMetaName}`}], default: {}};
	const custom = type.custom?.schema;
	if (custom) {
		const properties = {...(custom.properties as Record<string, unknown> | undefined), ...typeMeta, metadata};
		return {...custom, properties, ...gvk};
	}
	return {
		description: `${type.kind} (served by the kubedeck simulator; fields beyond these are accepted and stored as sent).`,
		type: 'object',
		properties: {
			...typeMeta,
			metadata,
			spec: {description: `Spec defines the desired state of the ${type.kind}.`, type: 'object', 'x-kubernetes-preserve-unknown-fields': true},
			status: {description: `Status is the most recently observed status of the ${type.kind}.`, type: 'object', 'x-kubernetes-preserve-unknown-fields': true},
		},
		'x-kubernetes-preserve-unknown-fields': true,
		...gvk,
	};
}

export function openApiDocument(served: readonly ResourceType[], prefix: string): string | undefined {
	const groupVersion = prefix.startsWith('apis/') ? prefix.slice('apis/'.length) : prefix.startsWith('api/') ? prefix.slice('api/'.length) : undefined;
	const types = groupVersion ? typesByGroupVersion(served).get(groupVersion) : undefined;
	if (!types) return undefined;
	const paths: Record<string, unknown> = {};
	const schemas: Record<string, unknown> = {[objectMetaName]: objectMeta};
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
			responses: {'200': {description: 'OK', content: {'application/json': {schema: {$ref: `#/components/schemas/${schemaName(type)}`}}}}},
		};
		paths[`/${pathPrefix(apiVersionOf(type))}/${scope}${type.resource}/{name}`] = {patch: operation};
		schemas[schemaName(type)] = schemaOf(type);
	}
	return JSON.stringify({openapi: '3.0.0', info: {title: 'Kubernetes', version: 'v1.33.1-kubedeck-sim'}, paths, components: {schemas}});
}

export function openApiRoot(served: readonly ResourceType[]): string {
	const paths: Record<string, {serverRelativeURL: string}> = {};
	for (const groupVersion of typesByGroupVersion(served).keys()) {
		const prefix = pathPrefix(groupVersion);
		paths[prefix] = {serverRelativeURL: `/openapi/v3/${prefix}?hash=${hashOf(openApiDocument(served, prefix)!)}`};
	}
	return JSON.stringify({paths});
}

/** A length-delimited protobuf field (wire type 2); every field written here is short. */
function field(number: number, bytes: Buffer): Buffer {
	return Buffer.concat([Buffer.from([(number << 3) | 2, bytes.length]), bytes]);
}

/**
 * /openapi/v2 as kubectl asks for it (gnostic's openapi_v2.Document in protobuf): the swagger
 * version and info, no definitions. kubectl falls back to it for what OpenAPI v3 does not list
 * (a `kind: List` on `create -f`), and skips client-side checks of kinds it has no schema for,
 * so each item is then validated by the server on create.
 */
export function openApiV2(): Buffer {
	const info = Buffer.concat([field(1, Buffer.from('Kubernetes')), field(2, Buffer.from('v1.33.1-kubedeck-sim'))]);
	return Buffer.concat([field(1, Buffer.from('2.0')), field(2, info)]);
}

export const openApiV2ContentType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
