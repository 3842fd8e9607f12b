// CustomResourceDefinitions: what a definition serves, its validation, and the establishing
// controller the real apiextensions server runs. A definition's resource is served from the
// moment it is stored (so a scenario can create objects right after it); its status says
// NamesAccepted and Established a moment later, as a real server's does.
import type {KubeObject} from '../../model/types.js';
import type {PrinterColumn, ResourceKey, ResourceType} from '../contracts.js';
import type {SimStore} from '../store.js';
import {isoTime} from '../time.js';
import {resourceKey} from './resources.js';
import {invalid} from './status.js';

export const CRD_KEY: ResourceKey = 'customresourcedefinitions.apiextensions.k8s.io';

const customVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.length > 0 ? v.filter((s): s is string => typeof s === 'string') : undefined);

interface DefinitionVersion {
	name: string;
	served: boolean;
	storage: boolean;
	schema?: Obj;
	subresources?: Obj;
	columns: PrinterColumn[];
}

function versionsOf(crd: KubeObject): DefinitionVersion[] {
	const versions = (rec(crd.spec)?.versions as unknown[] | undefined) ?? [];
	return versions.map(rec).filter((v): v is Obj => Boolean(v)).map(v => ({
		name: text(v.name),
		served: v.served === true,
		storage: v.storage === true,
		schema: rec(rec(v.schema)?.openAPIV3Schema),
		subresources: rec(v.subresources),
		columns: ((v.additionalPrinterColumns as unknown[] | undefined) ?? []).map(rec).filter((c): c is Obj => Boolean(c)).map(c => {
			const column: PrinterColumn = {name: text(c.name), type: text(c.type), jsonPath: text(c.jsonPath)};
			if (typeof c.format === 'string') column.format = c.format;
			if (typeof c.description === 'string') column.description = c.description;
			if (typeof c.priority === 'number') column.priority = c.priority;
			return column;
		}),
	}));
}

/** The type a definition serves (its storage version), or undefined when it serves none. */
export function servedTypeOf(crd: KubeObject): ResourceType | undefined {
	const spec = rec(crd.spec) ?? {};
	const names = rec(spec.names) ?? {};
	const version = versionsOf(crd).find(v => v.served && v.storage) ?? versionsOf(crd).find(v => v.served);
	if (!version) return undefined;
	const type: ResourceType = {
		group: text(spec.group),
		version: version.name,
		resource: text(names.plural),
		kind: text(names.kind),
		namespaced: spec.scope !== 'Cluster',
		verbs: customVerbs,
		singular: text(names.singular) || text(names.kind).toLowerCase(),
		custom: {definition: crd.metadata.name, columns: version.columns},
	};
	if (version.schema) type.custom!.schema = version.schema;
	const shortNames = strings(names.shortNames);
	if (shortNames) type.shortNames = shortNames;
	const categories = strings(names.categories);
	if (categories) type.categories = categories;
	if (version.subresources?.status) type.subresources = ['status'];
	return type;
}

const dnsLabel = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const kindName = /^[A-Z][A-Za-z0-9]*$/;

/** The first array in a schema that does not say what its items are (a structural schema must). */
function arrayWithoutItems(schema: Obj, path: string): string | undefined {
	if (schema.type === 'array' && !rec(schema.items)) return path;
	for (const [name, property] of Object.entries(rec(schema.properties) ?? {})) {
		const found = rec(property) && arrayWithoutItems(property as Obj, `${path}.properties[${name}]`);
		if (found) return found;
	}
	const items = rec(schema.items);
	return items ? arrayWithoutItems(items, `${path}.items`) : undefined;
}

/** The definition errors the real server reports most often (422 Invalid). */
export function validateDefinition(crd: KubeObject): void {
	const name = crd.metadata.name ?? '';
	const fail = (field: string, message: string, reason?: string): never => {
		throw invalid('CustomResourceDefinition', 'apiextensions.k8s.io', name, field, message, reason);
	};
	const spec = rec(crd.spec) ?? {};
	const names = rec(spec.names) ?? {};
	const group = text(spec.group);
	const plural = text(names.plural);
	if (!group) fail('spec.group', 'Required value', 'FieldValueRequired');
	if (!group.includes('.')) fail('spec.group', `Invalid value: "${group}": should be a domain with at least one dot`);
	if (!plural) fail('spec.names.plural', 'Required value', 'FieldValueRequired');
	if (!dnsLabel.test(plural)) fail('spec.names.plural', `Invalid value: "${plural}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`);
	if (name !== `${plural}.${group}`) fail('metadata.name', `Invalid value: "${name}": must be spec.names.plural+"."+spec.group`);
	if (!kindName.test(text(names.kind))) fail('spec.names.kind', text(names.kind) ? `Invalid value: "${text(names.kind)}": may have mixed case, but should otherwise match: ^[a-z]([-a-z0-9]*[a-z0-9])?$` : 'Required value', text(names.kind) ? undefined : 'FieldValueRequired');
	if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') fail('spec.scope', `Unsupported value: "${text(spec.scope)}": supported values: "Cluster", "Namespaced"`, 'FieldValueNotSupported');
	const versions = versionsOf(crd);
	if (versions.length === 0) fail('spec.versions', 'Invalid value: null: must have exactly one version marked as storage version');
	if (versions.filter(v => v.storage).length !== 1) fail('spec.versions', 'Invalid value: must have exactly one version marked as storage version');
	for (const [i, v] of versions.entries()) {
		if (!v.schema) fail(`spec.versions[${i}].schema.openAPIV3Schema`, 'Required value: schemas are required', 'FieldValueRequired');
		const list = arrayWithoutItems(v.schema!, 'spec.validation.openAPIV3Schema');
		if (list) fail(`${list}.items`, 'Required value: must be specified', 'FieldValueRequired');
	}
}

/** Status as the real server writes it once the names are accepted and the resource is served. */
function establishedStatus(crd: KubeObject, now: number): Obj {
	const spec = rec(crd.spec) ?? {};
	const names = {...rec(spec.names)} as Obj;
	names.singular ||= text(names.kind).toLowerCase();
	names.listKind ||= `${text(names.kind)}List`;
	const at = isoTime(now);
	const storage = versionsOf(crd).find(v => v.storage)?.name;
	return {
		acceptedNames: names,
		conditions: [
			{type: 'NamesAccepted', status: 'True', lastTransitionTime: at, reason: 'NoConflicts', message: 'no conflicts found'},
			{type: 'Established', status: 'True', lastTransitionTime: at, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted'},
		],
		storedVersions: storage ? [storage] : [],
	};
}

function isEstablished(crd: KubeObject): boolean {
	const conditions = (rec(crd.status)?.conditions as Obj[] | undefined) ?? [];
	return conditions.some(c => c.type === 'Established' && c.status === 'True');
}

/**
 * The establishing controller: serves each stored definition's resource at once, marks it
 * Established on the next microtask (never inside another write), and on delete stops serving
 * it after its objects are gone.
 */
export function establishDefinitions(store: SimStore): void {
	const served = new Map<string, ResourceKey>();
	store.subscribe(event => {
		if (event.resource !== CRD_KEY) return;
		const crd = event.object;
		const name = crd.metadata.name;
		if (event.type === 'DELETED') {
			const key = served.get(name);
			served.delete(name);
			if (key) store.removeType(key);
			return;
		}
		const type = servedTypeOf(crd);
		if (!type) return;
		served.set(name, resourceKey(type));
		store.addType(type);
		if (isEstablished(crd)) return;
		queueMicrotask(() => {
			const current = store.record(CRD_KEY, undefined, name);
			if (!current || isEstablished(current.object)) return;
			store.mutate(CRD_KEY, undefined, name, object => {
				object.status = establishedStatus(object, Date.now());
			});
		});
	});
}
