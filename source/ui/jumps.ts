// Jumps from the selected row to the objects that answer the next question: its events (E),
// what owns it (o: pod → deployment via its replica set, statefulset, job…; deployment → the
// HPA that owns its replica count), where it runs (n: pod → node), all recent events (W), and
// on :gpu the node's device-plugin pod. Each pushes a pane narrowed to the answer, so Esc comes
// back to the row it started from.
import type {BaseRow, OwnerRef} from '../model/types.js';
import type {PaneId} from './commands.js';
import type {Env, Step} from './messages.js';
import type {Narrow} from './narrow.js';
import {push, tableView, top, type TableView, type UiState} from './state.js';
import {only, paneOf, sayStep} from './viewSteps.js';

type RowWith = BaseRow & {owners?: OwnerRef[]; node?: string; involved?: {kind: string; namespace?: string; name: string; uid: string}; targetKind?: string; targetName?: string};

/** The pane each owner Kind opens, when this build has one. */
const OWNER_PANES: Readonly<Record<string, string>> = {
	Deployment: 'deployments',
	ReplicaSet: 'replicasets',
	StatefulSet: 'statefulsets',
	DaemonSet: 'daemonsets',
	Job: 'jobs',
	CronJob: 'cronjobs',
	Node: 'nodes',
};

function open(state: UiState, env: Env, pane: string, extra: Partial<TableView>): Step {
	if (!env.panes.has(pane as PaneId)) return sayStep(state, `the ${pane} pane is not available in this build`, 'error');
	return only(push(state, tableView(pane as PaneId, {allNamespaces: true, ...extra})));
}

function selectedRow(state: UiState, env: Env): RowWith | undefined {
	return top(state).type === 'table' ? (env.visible(state).selected as RowWith | undefined) : undefined;
}

/** The controlling owner, else the first. */
function controller(owners: readonly OwnerRef[] | undefined): OwnerRef | undefined {
	return owners?.find((o) => o.controller) ?? owners?.[0];
}

/**
 * A ReplicaSet made by a Deployment is named `<deployment>-<pod-template-hash>` and its pods
 * carry that hash as a label: strip it exactly, rather than guess at the last dash.
 */
export function deploymentOfReplicaSet(replicaSet: string, podTemplateHash: string | undefined): string | undefined {
	if (!podTemplateHash || !replicaSet.endsWith(`-${podTemplateHash}`)) return undefined;
	return replicaSet.slice(0, -podTemplateHash.length - 1);
}

/** E: the events about the selected object (on the events pane: about the same object). */
export function eventsOf(state: UiState, env: Env): Step {
	const row = selectedRow(state, env);
	if (!row) return sayStep(state, 'nothing selected', 'error');
	const pane = paneOf(env, state);
	const target = row.involved ?? {kind: pane.objectKind, ...(row.namespace ? {namespace: row.namespace} : {}), name: row.name, uid: row.uid};
	const narrow: Narrow = {type: 'about', kind: target.kind, name: target.name, ...(target.namespace ? {namespace: target.namespace} : {}), ...(target.uid ? {uid: target.uid} : {})};
	return open(state, env, 'events', {narrow, detail: `events of ${target.kind.toLowerCase()}/${target.name}`});
}

/**
 * W: every recent event across namespaces, Warnings first (the events pane's default order):
 * in an incident the warning is rarely in the namespace the session happens to be in.
 */
export function recentEvents(state: UiState, env: Env): Step {
	return open(state, env, 'events', {detail: 'all namespaces'});
}

/** o: the owner of the selected row; on a deployment (which has none) the HPA that owns its replicas. */
export function ownerOf(state: UiState, env: Env): Step {
	const row = selectedRow(state, env);
	if (!row) return sayStep(state, 'nothing selected', 'error');
	const pane = paneOf(env, state);
	if (pane.objectKind === 'Deployment' || pane.objectKind === 'StatefulSet') {
		const narrow: Narrow = {type: 'scaling', kind: pane.objectKind, name: row.name, ...(row.namespace ? {namespace: row.namespace} : {})};
		return open(state, env, 'horizontalpodautoscalers', {narrow, detail: `scaling ${pane.objectKind.toLowerCase()}/${row.name}`});
	}
	const owner = controller(row.owners);
	if (!owner) return sayStep(state, `${pane.objectKind.toLowerCase()}/${row.name} has no owner`, 'error');
	let kind = owner.kind;
	let name = owner.name;
	if (kind === 'ReplicaSet') {
		const deployment = deploymentOfReplicaSet(owner.name, row.labels?.['pod-template-hash']);
		if (deployment) [kind, name] = ['Deployment', deployment];
	}
	const target = OWNER_PANES[kind];
	if (!target || !env.panes.has(target as PaneId)) return sayStep(state, `owned by ${kind}/${name} (no pane for ${kind} here)`);
	const narrow: Narrow = {type: 'named', names: [name], ...(row.namespace && kind !== 'Node' ? {namespace: row.namespace} : {})};
	return open(state, env, target, {narrow, detail: `owner of ${pane.objectKind.toLowerCase()}/${row.name}`});
}

/** n: the node the selected pod runs on. */
export function nodeOf(state: UiState, env: Env): Step {
	const row = selectedRow(state, env);
	if (!row) return sayStep(state, 'nothing selected', 'error');
	if (!row.node) return sayStep(state, `${row.name} is not on a node (not scheduled)`, 'error');
	return open(state, env, 'nodes', {narrow: {type: 'named', names: [row.node]}, detail: `node of pod/${row.name}`});
}

/** Words that name a device-plugin pod of any vendor (NVIDIA, AMD, Intel, the GPU operator's). */
export const DEVICE_PLUGIN_FILTER = 'device-plugin';

/** On a GPU node: the pods on it narrowed to its device plugin, so `l` reads its logs next. */
export function devicePluginOf(state: UiState, env: Env): Step {
	const row = selectedRow(state, env);
	if (!row) return sayStep(state, 'nothing selected', 'error');
	return open(state, env, 'pods', {nodeName: row.name, filter: DEVICE_PLUGIN_FILTER, detail: `device plugin on node/${row.name}`});
}
