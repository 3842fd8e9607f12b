// Which action ids the action flows answer, which kinds each applies to (from the kinds
// registry's verbs), and what a log view of a pod or a deployment follows. One table for both
// ends: the controller's flows offer an action only where it fits, and the gate refuses an
// intent where it does not. Pure tables and functions over rows.
import {DEFAULT_DEBUG_IMAGE} from './execDebug.js';
import type {Intent} from './gate.js';
import type {LogTarget} from './logMux.js';
import type {BaseRow} from '../model/types.js';
import type {PodRow} from '../model/pods.js';
import type {RowStore} from '../store/rowStore.js';
import {compileLabelSelector} from '../store/labelSelector.js';
import type {TargetSet} from './logFeed.js';
import {builtInKinds} from '../kinds/index.js';

export const ALL_CONTAINERS = '\u0000all';

export const MUTATIONS: Record<string, Intent['verb']> = {
	'deploy.scale': 'scale',
	'deploy.restart': 'restart',
	'object.delete': 'delete',
	'pod.kill': 'kill',
	'node.cordon': 'cordon',
	'node.uncordon': 'uncordon',
	'node.drain': 'drain',
	// Not a mutation, but it goes through the same gate (confirmation, audit) and kind check.
	'secret.reveal': 'reveal',
	'deploy.undo': 'undo',
	'deploy.setImage': 'setImage',
	'pod.debug': 'debug',
	'object.label': 'label',
	'object.edit': 'edit',
};

export const HANDLED = new Set([...Object.keys(MUTATIONS), 'pod.logs', 'deploy.history', 'pod.shell', 'pod.attach']);

/** For each action id here, the kinds ('Pod', 'Deployment') whose KindSpec.verbs name it. */
export const ALLOWED_KINDS: Readonly<Record<string, readonly string[]>> = Object.freeze(
	Object.fromEntries([...HANDLED].map((id) => [id, builtInKinds.filter((kind) => (kind.verbs as readonly string[]).includes(id)).map((kind) => kind.kind)])),
);

/**
 * Whether a verb may act on a kind: the kind's KindSpec.verbs name the action id that leads to
 * it. The flows offer an action only where this holds, and the gate refuses any intent where it
 * does not, so a kind the registry does not know (or an Event) is never touched.
 */
export function verbFits(verb: Intent['verb'], kind: string): boolean {
	// CronJob is not a built-in kind (its pane is generic), and triggering fits nothing else.
	if (verb === 'trigger' || verb === 'suspend') return kind === 'CronJob';
	// A manifest may hold any kind; where it lives comes from discovery, and the server judges it.
	if (verb === 'apply') return true;
	return Object.entries(MUTATIONS).some(([id, v]) => v === verb && (ALLOWED_KINDS[id] ?? []).includes(kind));
}

/** The container picker's choices, or undefined when there is nothing to choose (one container). */
export function containerChoices(row: BaseRow): Array<{label: string; value: string}> | undefined {
	const pod = row as Partial<PodRow>;
	const containers = pod.containers ?? [];
	if (containers.length <= 1) return undefined;
	// kubectl.kubernetes.io/default-container (already resolved by the row model) comes first.
	const first = pod.defaultContainer && containers.includes(pod.defaultContainer) ? pod.defaultContainer : containers[0]!;
	const ordered = [first, ...containers.filter((c) => c !== first)];
	return [...ordered.map((c) => ({label: c === first ? `${c} (default)` : c, value: c})), {label: 'all containers', value: ALL_CONTAINERS}];
}

/**
 * A deployment's containers across its live pods: pods in its namespace matching its selector,
 * only the containers of its pod template (init containers are not followed). Follows the
 * store, so pods join and leave the log view as the watch sees them come and go.
 */
export function deploymentTargets(store: RowStore<PodRow>, namespace: string, row: BaseRow & {selector?: string; containers?: string[]}): TargetSet {
	const matches = compileLabelSelector(row.selector);
	const wanted = row.containers && row.containers.length > 0 ? new Set(row.containers) : undefined;
	return {
		current: (): LogTarget[] =>
			store
				.snapshot()
				.rows.filter((p) => p.namespace === namespace && matches(p.labels))
				.flatMap((p) => (p.containers ?? []).filter((c) => !wanted || wanted.has(c)).map((container) => ({namespace, pod: p.name, container}))),
		subscribe: (listener) => store.subscribe(listener),
	};
}

/**
 * The intent a key would lead to, before any dialog: in read-only mode it goes to the gate
 * as is, so the refusal is worded (and proven to send nothing) in one place.
 */
export function intentFor(verb: Intent['verb'], kind: string, row: BaseRow): Intent {
	const namespace = row.namespace ?? '';
	switch (verb) {
		case 'scale':
			return {verb, kind: kind === 'ReplicaSet' ? 'ReplicaSet' : 'Deployment', namespace, name: row.name, replicas: (row as {desired?: number}).desired ?? 0};
		case 'restart':
			return {verb, kind: 'Deployment', namespace, name: row.name};
		case 'delete':
			return {verb, kind, ...(row.namespace ? {namespace: row.namespace} : {}), name: row.name};
		case 'kill':
			return {verb, kind: 'Pod', namespace, name: row.name};
		case 'cordon':
		case 'uncordon':
		case 'drain':
			return {verb, kind: 'Node', name: row.name};
		case 'reveal':
			return {verb, kind: 'Secret', namespace, name: row.name, key: (row as {keys?: readonly string[]}).keys?.[0] ?? ''};
		case 'undo': {
			// From a ReplicaSet (a revision in the history): its controlling deployment, to that revision.
			const rs = row as {owners?: ReadonlyArray<{kind: string; name: string; controller?: boolean}>; revision?: number};
			const owner = kind === 'ReplicaSet' ? rs.owners?.find((o) => o.kind === 'Deployment' && o.controller) : undefined;
			return {verb, kind: 'Deployment', namespace, name: owner?.name ?? row.name, toRevision: owner ? (rs.revision ?? 0) : 0};
		}
		case 'setImage':
			return {verb, kind: 'Deployment', namespace, name: row.name, container: (row as {containers?: string[]}).containers?.[0] ?? '', image: ''};
		case 'trigger':
			return {verb, kind: 'CronJob', namespace, name: row.name, jobName: ''};
		case 'debug': {
			// The runner names the real container (a random suffix); this intent only meets the read-only refusal.
			const target = (row as {defaultContainer?: string}).defaultContainer ?? '';
			return {verb, kind: 'Pod', namespace, name: row.name, container: 'debugger', image: DEFAULT_DEBUG_IMAGE, target};
		}
		case 'suspend':
			return {verb, kind: 'CronJob', namespace, name: row.name, suspend: true};
		case 'apply':
			return {verb, kind, namespace, name: row.name, object: {apiVersion: '', kind, metadata: {name: row.name, uid: ''}}, resource: {group: '', version: 'v1', plural: '', namespaced: true}};
		case 'label':
			// Only the read-only refusal meets this intent; the ':label' step builds the real one.
			return {verb, kind, ...(row.namespace ? {namespace: row.namespace} : {}), name: row.name, edits: {field: 'labels', set: [], remove: []}};
		case 'edit':
			// Only the read-only refusal meets this intent; the editor's round builds the real one.
			return {verb, kind, ...(row.namespace ? {namespace: row.namespace} : {}), name: row.name};
	}
}
