// :problems — everything unhealthy now, across kinds, worst first (source/model/problems*.ts).
// Its rows come from a store of its own over the pods, nodes, deployments, events and HPA stores
// and the statefulset/job/PVC watches (cluster-wide: triage starts from the whole cluster). Each row names its object's kind, so
// Enter opens that kind's pane with the object selected, and d / y / l act on the object itself.
import type {ProblemRow} from '../../model/problems.js';
import type {Column} from '../../model/types.js';
import type {ResourceKind, Session} from '../../kube/session.js';
import {formatAge} from '../../model/age.js';
import {str, rec} from '../../model/json.js';
import {problemCounts} from '../../model/problems.js';
import {ProblemsStore, type ProblemsStoreOptions} from '../../store/problemsStore.js';
import {ProblemObjectStores} from '../../store/problemObjects.js';
import {problemObjectKinds, projectProblemObject} from '../../model/problems-objects.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {pane, type PaneSpec} from './panes.js';
import type {PaneId} from '../commands.js';

/** Where each problem kind lives: its store and pane, and the short word the KIND cell shows. */
const homes: Readonly<Record<string, {resource: ResourceKind; pane: PaneId; short: string}>> = {
	Pod: {resource: 'pods', pane: 'pods', short: 'pod'},
	Node: {resource: 'nodes', pane: 'nodes', short: 'node'},
	Deployment: {resource: 'deployments', pane: 'deployments', short: 'deploy'},
	HorizontalPodAutoscaler: {resource: 'horizontalpodautoscalers', pane: 'horizontalpodautoscalers', short: 'hpa'},
	// Discovered kinds: their panes and stores are named after the resource ('plural.group').
	StatefulSet: {resource: 'statefulsets.apps', pane: 'statefulsets.apps', short: 'sts'},
	Job: {resource: 'jobs.batch', pane: 'jobs.batch', short: 'job'},
	PersistentVolumeClaim: {resource: 'persistentvolumeclaims.', pane: 'persistentvolumeclaims.', short: 'pvc'},
};

export const problemColumns: Array<Column<ProblemRow>> = [
	{id: 'namespace', title: 'NAMESPACE', cell: row => row.namespace ?? '-'},
	// Most problems are pods; other kinds say what they are in the name ('node/worker-4'), so
	// the kind survives a narrow terminal (a KIND column would be the first to go).
	{id: 'name', title: 'NAME', cell: row => (row.kind === 'Pod' ? row.name : `${homes[row.kind]?.short ?? row.kind}/${row.name}`)},
	{
		id: 'since',
		title: 'SINCE',
		align: 'right',
		cell: (row, now) => (row.since === undefined ? '-' : formatAge(row.since, now)),
		sortValue: (row, now) => (row.since === undefined ? -1 : now - row.since),
	},
	// Reasons quote the cluster (scheduler and autoscaler messages): untrusted, one line. Its id is
	// 'status' so a narrow terminal keeps it longest, as it keeps a pod's STATUS: SINCE (rank
	// 'other') is dropped before REASON gives up a column. It grows into any room left.
	{id: 'status', title: 'REASON', grows: true, cell: row => sanitizeLine(row.reason)},
];

/** '2 errors · 1 warning — worst first; Enter opens the object' — or the all-clear. */
export function problemsSummary(rows: readonly ProblemRow[]): string {
	if (rows.length === 0) return 'no problems found';
	const {errors, warnings} = problemCounts(rows);
	const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	return `${plural(errors, 'error')} · ${plural(warnings, 'warning')} — worst first`;
}

/**
 * The statefulsets, jobs and PVCs :problems reads, attached as discovery lists them (the
 * session's status listeners hear each discovery answer); a session without projected watches
 * (a test's fake) has none.
 */
function problemObjectsOf(session: Session): ProblemObjectStores | undefined {
	const watch = session.watchProjected?.bind(session);
	if (!watch) return undefined;
	const objects = new ProblemObjectStores(problemObjectKinds, {
		served: resource => session.discoveredResource(resource) !== undefined,
		open: kind => watch(kind.resource, 'problems', projectProblemObject(kind)),
	});
	session.onStatus(() => objects.attach());
	return objects;
}

export function createProblemsPane(options: ProblemsStoreOptions = {}): PaneSpec {
	const stores = new WeakMap<Session, ProblemsStore>();
	const storeOf = (session: Session): ProblemsStore => {
		let store = stores.get(session);
		if (!store) {
			const objects = problemObjectsOf(session);
			store = new ProblemsStore(
				{
					pods: session.allPods(),
					nodes: session.store('nodes'),
					deployments: session.store('deployments', {allNamespaces: true}),
					events: session.store('events', {allNamespaces: true}),
					hpas: session.store('horizontalpodautoscalers', {allNamespaces: true}),
					...(objects ? {objects} : {}),
					autoscalerStatus: () => session.fetchObject('configmaps', 'kube-system', 'cluster-autoscaler-status').then(object => str(rec(object.data)?.status)),
					...(session.gpuTelemetry ? {gpuHealth: session.gpuTelemetry()} : {}),
				},
				options,
			);
			stores.set(session, store);
		}
		return store;
	};
	return pane<ProblemRow>({
		id: 'problems',
		title: 'problems',
		// The watch badge and the empty text follow the pods watch, the one every triage needs.
		resource: 'pods',
		objectKind: 'Pod',
		namespaced: true,
		clusterWide: true,
		ordered: true,
		contexts: ['pods', 'table', 'global'],
		columns: problemColumns,
		store: session => storeOf(session),
		objectOf: row => {
			const home = homes[row.kind];
			return home ? {kind: row.kind, resource: home.resource} : undefined;
		},
		enter: row => {
			const home = homes[row.kind];
			if (!home) return undefined;
			return {type: 'drill', target: {pane: home.pane, allNamespaces: true, detail: `problem ${home.short}/${row.name}`, select: row.uid}};
		},
		summary: rows => problemsSummary(rows as readonly ProblemRow[]),
	});
}
