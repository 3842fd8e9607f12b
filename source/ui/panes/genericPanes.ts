// Panes for kinds discovery found and no built-in KindSpec covers: one per 'plural.group',
// made on first use from the discovered resource, with the server's Table columns (they arrive
// with the first list, so the pane reads them from the session each time it is drawn) and an
// Enter that follows owner references (a workload's pods, a CronJob's Jobs, a CRD's objects).
import type {DiscoveredResource} from '../../kube/discovery-documents.js';
import {tableColumns, type TableColumnDefinition, type TableRow} from '../../model/table.js';
import type {Column} from '../../model/types.js';
import {genericNameOf, isGenericName, type GenericResource} from '../../kinds/generic-names.js';
import type {EnterAction} from '../../kinds/index.js';
import {pane, type PaneRegistry, type PaneSpec} from './panes.js';
import type {PaneId} from '../commands.js';

/** What generic panes read from the session: discovery, and the columns each Table watch heard. */
export interface GenericSource {
	discoveredResource(name: GenericResource): DiscoveredResource | undefined;
	tableColumns(name: GenericResource): readonly TableColumnDefinition[];
}

/** The key-map context every generic pane shares, after its own name. */
export const GENERIC_CONTEXT = 'generic';

/** Kinds whose objects own Jobs rather than pods. */
const ownsJobs = new Set(['CronJob']);

/** Built-in groups whose kinds (other than the workloads named here) own no pods: Enter does nothing on them. */
const podOwners = new Set(['StatefulSet', 'DaemonSet', 'Job']);

/** Labels ML operators put on a job's pods, valued with the job's name (Kubeflow training, JobSet, Volcano, Kubeflow Trainer). */
export const operatorJobLabels: readonly string[] = ['training.kubeflow.org/job-name', 'jobset.sigs.k8s.io/jobset-name', 'volcano.sh/job-name', 'trainer.kubeflow.org/trainjob-name'];

function isCustomGroup(group: string): boolean {
	return group.includes('.') && !group.endsWith('.k8s.io');
}

/**
 * Enter on a generic row. Workloads (and custom resources, which is what ML operators' jobs
 * are) → the pods they own; a CronJob → its Jobs; a CRD → the pane of its objects.
 */
export function genericEnter(resource: DiscoveredResource): ((row: TableRow) => EnterAction | undefined) | undefined {
	if (resource.kind === 'CustomResourceDefinition') {
		return (row) => ({type: 'drill', target: {pane: row.name as GenericResource, detail: `crd/${row.name}`}});
	}
	const detail = (row: TableRow) => `${resource.kind.toLowerCase()}/${row.name}`;
	if (ownsJobs.has(resource.kind)) {
		return (row) => ({type: 'drill', target: {pane: 'jobs.batch', ownerUid: row.uid, detail: detail(row)}});
	}
	if (podOwners.has(resource.kind)) {
		return (row) => ({type: 'drill', target: {pane: 'pods', ownerUid: row.uid, detail: detail(row)}});
	}
	if (isCustomGroup(resource.group)) {
		// Operators own their pods, or at least label them with the job's name: either leads there.
		return (row) => ({type: 'drill', target: {pane: 'pods', ownerUid: row.uid, ownerLabels: {keys: operatorJobLabels, name: row.name}, detail: detail(row)}});
	}
	return undefined;
}

export function genericPane(resource: DiscoveredResource, columnsOf: () => readonly TableColumnDefinition[]): PaneSpec {
	const id = genericNameOf(resource);
	const namespaced = resource.scope === 'Namespaced';
	let made: {from: readonly TableColumnDefinition[]; columns: Array<Column<TableRow>>} | undefined;
	const enter = genericEnter(resource);
	const spec: PaneSpec<TableRow> = {
		id,
		title: resource.plural,
		resource: id,
		objectKind: resource.kind,
		namespaced,
		contexts: [id, GENERIC_CONTEXT, 'table', 'global'],
		generic: {kind: resource.kind, group: resource.group, version: resource.version, plural: resource.plural, scope: resource.scope, verbs: resource.verbs},
		// Rebuilt only when the server sends other definitions (the same array otherwise).
		get columns() {
			const from = columnsOf();
			if (made?.from !== from) made = {from, columns: tableColumns(from, namespaced)};
			return made.columns;
		},
		...(enter ? {enter} : {}),
	};
	return pane(spec);
}

/**
 * The built-in registry, plus a pane for every discovered resource asked for by name. A pane is
 * made once per resource and kept (its column cache with it); a name discovery does not know
 * (yet) has no pane, so ':' can say so.
 */
export function withGenericPanes(builtIn: PaneRegistry, source: GenericSource): PaneRegistry {
	const made = new Map<PaneId, PaneSpec>();
	const lookup = (id: PaneId): PaneSpec | undefined => {
		const own = builtIn.get(id);
		if (own || !isGenericName(id)) return own;
		const resource = source.discoveredResource(id);
		if (!resource) return undefined;
		let spec = made.get(id);
		if (!spec) {
			spec = genericPane(resource, () => source.tableColumns(id));
			made.set(id, spec);
		}
		return spec;
	};
	return new (class extends Map<PaneId, PaneSpec> {
		override get(id: PaneId): PaneSpec | undefined {
			return lookup(id);
		}
		override has(id: PaneId): boolean {
			return lookup(id) !== undefined;
		}
	})(builtIn);
}
