// The columns the real API server prints per kind (pkg/printers/internalversion), as
// meta.k8s.io/v1 Table column definitions and cells. The server always prints the wide set;
// kubectl hides priority-1 columns unless -o wide. Pod cells reuse the model's kubectl-exact
// status logic rather than a second copy of it.
import type {KubeObject} from '../../model/types.js';
import {formatAge, humanDuration, parseTime} from '../../model/age.js';
import {podStatus} from '../../model/pod-status.js';

export interface ColumnDefinition {
	name: string;
	type: string;
	format: string;
	description: string;
	priority: number;
}

export type Cell = string | number;

export type Printer = {columns: ColumnDefinition[]; cells(object: KubeObject, now: number): Cell[]};

const col = (name: string, type = 'string', priority = 0, format = ''): ColumnDefinition => ({name, type, format, description: name, priority});
const wide = (name: string, type = 'string') => col(name, type, 1);

const get = (object: unknown, ...keys: string[]): unknown => {
	let cursor = object;
	for (const k of keys) cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string, unknown>)[k] : undefined;
	return cursor;
};
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
const s = (v: unknown, fallback = '<none>'): string => (typeof v === 'string' && v !== '' ? v : fallback);
const age = (o: KubeObject, now: number): string => formatAge(parseTime(o.metadata.creationTimestamp), now);

/** labels.FormatLabels: sorted k=v pairs, or <none>. */
function formatLabels(labels: unknown): string {
	const entries = Object.entries((labels as Record<string, string> | undefined) ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

/** metav1.FormatLabelSelector: requirements sorted by key, or <none>. */
function formatSelector(selector: unknown): string {
	const sel = (selector ?? {}) as {matchLabels?: Record<string, string>; matchExpressions?: Array<{key: string; operator: string; values?: string[]}>};
	const parts: Array<[string, string]> = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => [k, `${k}=${v}`]);
	for (const e of sel.matchExpressions ?? []) {
		const values = [...(e.values ?? [])].sort().join(',');
		if (e.operator === 'In') parts.push([e.key, `${e.key} in (${values})`]);
		else if (e.operator === 'NotIn') parts.push([e.key, `${e.key} notin (${values})`]);
		else if (e.operator === 'Exists') parts.push([e.key, e.key]);
		else if (e.operator === 'DoesNotExist') parts.push([e.key, `!${e.key}`]);
	}
	parts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return parts.length ? parts.map(([, text]) => text).join(',') : '<none>';
}

type ContainerSpec = {name?: string; image?: string};
const templateContainers = (o: KubeObject): ContainerSpec[] => (get(o, 'spec', 'template', 'spec', 'containers') as ContainerSpec[] | undefined) ?? [];
const names = (containers: ContainerSpec[]) => containers.map(c => c.name ?? '').join(',');
const images = (containers: ContainerSpec[]) => containers.map(c => c.image ?? '').join(',');
/** CONTAINERS, IMAGES, SELECTOR: the wide tail of the workload kinds. */
const workloadWide = [wide('Containers'), wide('Images'), wide('Selector')];
const workloadCells = (o: KubeObject): Cell[] => [names(templateContainers(o)), images(templateContainers(o)), formatSelector(get(o, 'spec', 'selector'))];

/** Up to three items, then " + N more...", as the endpoint printers cut long lists. */
function firstThree(items: string[], empty: string): string {
	if (items.length === 0) return empty;
	const shown = items.slice(0, 3).join(',');
	return items.length > 3 ? `${shown} + ${items.length - 3} more...` : shown;
}

function jobStatusText(o: KubeObject): string {
	const conditions = (get(o, 'status', 'conditions') as Array<{type?: string; status?: string}> | undefined) ?? [];
	const has = (type: string) => conditions.some(c => c.type === type && c.status === 'True');
	if (has('Complete')) return 'Complete';
	if (has('Failed')) return 'Failed';
	if (o.metadata.deletionTimestamp) return 'Terminating';
	if (has('Suspended')) return 'Suspended';
	if (has('FailureTarget')) return 'FailureTarget';
	return 'Running';
}

function jobCompletions(o: KubeObject): string {
	const succeeded = n(get(o, 'status', 'succeeded'));
	const completions = get(o, 'spec', 'completions');
	if (typeof completions === 'number') return `${succeeded}/${completions}`;
	const parallelism = n(get(o, 'spec', 'parallelism'));
	return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(o: KubeObject, now: number): string {
	const start = parseTime(get(o, 'status', 'startTime'));
	if (start === undefined) return '';
	const end = parseTime(get(o, 'status', 'completionTime')) ?? now;
	return humanDuration(end - start);
}

export const printers: Record<string, Printer> = {
	Pod: {
		columns: [col('Name', 'string', 0, 'name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), wide('IP'), wide('Node'), wide('Nominated Node'), wide('Readiness Gates')],
		cells(o, now) {
			const summary = podStatus(o, now);
			const restarts = summary.lastRestartAt === undefined ? String(summary.restarts) : `${summary.restarts} (${humanDuration(now - summary.lastRestartAt)} ago)`;
			const gates = (get(o, 'spec', 'readinessGates') as Array<{conditionType?: string}> | undefined) ?? [];
			const conditions = (get(o, 'status', 'conditions') as Array<{type?: string; status?: string}> | undefined) ?? [];
			const passing = gates.filter(g => conditions.some(c => c.type === g.conditionType && c.status === 'True')).length;
			return [o.metadata.name, summary.ready, summary.status, restarts, age(o, now), s(get(o, 'status', 'podIP')), s(get(o, 'spec', 'nodeName')), s(get(o, 'status', 'nominatedNodeName')), gates.length ? `${passing}/${gates.length}` : '<none>'];
		},
	},
	Deployment: {
		columns: [col('Name', 'string', 0, 'name'), col('Ready'), col('Up-to-date', 'integer'), col('Available', 'integer'), col('Age'), ...workloadWide],
		cells: (o, now) => [o.metadata.name, `${n(get(o, 'status', 'readyReplicas'))}/${n(get(o, 'spec', 'replicas'))}`, n(get(o, 'status', 'updatedReplicas')), n(get(o, 'status', 'availableReplicas')), age(o, now), ...workloadCells(o)],
	},
	ReplicaSet: {
		columns: [col('Name', 'string', 0, 'name'), col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Age'), ...workloadWide],
		cells: (o, now) => [o.metadata.name, n(get(o, 'spec', 'replicas')), n(get(o, 'status', 'replicas')), n(get(o, 'status', 'readyReplicas')), age(o, now), ...workloadCells(o)],
	},
	DaemonSet: {
		columns: [col('Name', 'string', 0, 'name'), col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Up-to-date', 'integer'), col('Available', 'integer'), col('Node Selector'), col('Age'), ...workloadWide],
		cells: (o, now) => [o.metadata.name, n(get(o, 'status', 'desiredNumberScheduled')), n(get(o, 'status', 'currentNumberScheduled')), n(get(o, 'status', 'numberReady')), n(get(o, 'status', 'updatedNumberScheduled')), n(get(o, 'status', 'numberAvailable')), formatLabels(get(o, 'spec', 'template', 'spec', 'nodeSelector')), age(o, now), ...workloadCells(o)],
	},
	StatefulSet: {
		columns: [col('Name', 'string', 0, 'name'), col('Ready'), col('Age'), wide('Containers'), wide('Images')],
		cells: (o, now) => [o.metadata.name, `${n(get(o, 'status', 'readyReplicas'))}/${n(get(o, 'spec', 'replicas'))}`, age(o, now), names(templateContainers(o)), images(templateContainers(o))],
	},
	Job: {
		columns: [col('Name', 'string', 0, 'name'), col('Status'), col('Completions'), col('Duration'), col('Age'), ...workloadWide],
		cells: (o, now) => [o.metadata.name, jobStatusText(o), jobCompletions(o), jobDuration(o, now), age(o, now), ...workloadCells(o)],
	},
	Node: {
		columns: [col('Name', 'string', 0, 'name'), col('Status'), col('Roles'), col('Age'), col('Version'), wide('Internal-IP'), wide('External-IP'), wide('OS-Image'), wide('Kernel-Version'), wide('Container-Runtime')],
		cells(o, now) {
			const conditions = (get(o, 'status', 'conditions') as Array<{type?: string; status?: string}> | undefined) ?? [];
			const ready = conditions.find(c => c.type === 'Ready');
			let status = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
			if (get(o, 'spec', 'unschedulable') === true) status += ',SchedulingDisabled';
			const labels = o.metadata.labels ?? {};
			const roles = new Set(Object.keys(labels).filter(k => k.startsWith('node-role.kubernetes.io/')).map(k => k.slice('node-role.kubernetes.io/'.length)).filter(Boolean));
			if (labels['kubernetes.io/role']) roles.add(labels['kubernetes.io/role']);
			const addresses = (get(o, 'status', 'addresses') as Array<{type?: string; address?: string}> | undefined) ?? [];
			const address = (type: string) => addresses.find(a => a.type === type)?.address ?? '<none>';
			const info = (field: string) => s(get(o, 'status', 'nodeInfo', field), '<unknown>');
			return [o.metadata.name, status, roles.size > 0 ? [...roles].sort().join(',') : '<none>', age(o, now), s(get(o, 'status', 'nodeInfo', 'kubeletVersion'), ''), address('InternalIP'), address('ExternalIP'), info('osImage'), info('kernelVersion'), info('containerRuntimeVersion')];
		},
	},
	Service: {
		columns: [col('Name', 'string', 0, 'name'), col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age'), wide('Selector')],
		cells(o, now) {
			const type = s(get(o, 'spec', 'type'), 'ClusterIP');
			const ports = (get(o, 'spec', 'ports') as Array<{port?: number; protocol?: string; nodePort?: number}> | undefined) ?? [];
			const text = ports.map(p => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
			const externalIPs = (get(o, 'spec', 'externalIPs') as string[] | undefined) ?? [];
			const ingress = ((get(o, 'status', 'loadBalancer', 'ingress') as Array<{ip?: string; hostname?: string}> | undefined) ?? []).map(i => i.ip || i.hostname || '').filter(Boolean);
			let external = externalIPs.length ? externalIPs.join(',') : '<none>';
			if (type === 'LoadBalancer') external = [...ingress, ...externalIPs].join(',') || '<pending>';
			if (type === 'ExternalName') external = s(get(o, 'spec', 'externalName'));
			const clusterIPs = (get(o, 'spec', 'clusterIPs') as string[] | undefined) ?? [];
			return [o.metadata.name, type, s(clusterIPs[0] ?? get(o, 'spec', 'clusterIP')), external, text || '<none>', age(o, now), formatLabels(get(o, 'spec', 'selector'))];
		},
	},
	Namespace: {
		columns: [col('Name', 'string', 0, 'name'), col('Status'), col('Age')],
		cells: (o, now) => [o.metadata.name, s(get(o, 'status', 'phase'), 'Active'), age(o, now)],
	},
	// DATA counts the keys of data and binaryData together, as printConfigMap does.
	ConfigMap: {
		columns: [col('Name', 'string', 0, 'name'), col('Data'), col('Age')],
		cells: (o, now) => [o.metadata.name, Object.keys((get(o, 'data') as object | undefined) ?? {}).length + Object.keys((get(o, 'binaryData') as object | undefined) ?? {}).length, age(o, now)],
	},
	EndpointSlice: {
		columns: [col('Name', 'string', 0, 'name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
		cells(o, now) {
			const ports = ((get(o, 'ports') as Array<{port?: number}> | undefined) ?? []).map(p => (typeof p.port === 'number' ? String(p.port) : '<unset>'));
			const addresses = ((get(o, 'endpoints') as Array<{addresses?: string[]}> | undefined) ?? []).flatMap(e => e.addresses ?? []);
			return [o.metadata.name, s(get(o, 'addressType'), ''), firstThree(ports, '<unset>'), firstThree(addresses, '<unset>'), age(o, now)];
		},
	},
	HorizontalPodAutoscaler: {
		columns: [col('Name', 'string', 0, 'name'), col('Reference'), col('Targets'), col('MinPods', 'integer'), col('MaxPods', 'integer'), col('Replicas', 'integer'), col('Age')],
		cells(o, now) {
			const ref = get(o, 'spec', 'scaleTargetRef') as {kind?: string; name?: string} | undefined;
			const metrics = (get(o, 'spec', 'metrics') as Array<{resource?: {name?: string; target?: {averageUtilization?: number}}}> | undefined) ?? [];
			const current = (get(o, 'status', 'currentMetrics') as Array<{resource?: {name?: string; current?: {averageUtilization?: number}}}> | undefined) ?? [];
			const targets = metrics.map(m => {
				const value = current.find(c => c.resource?.name === m.resource?.name)?.resource?.current?.averageUtilization;
				return `${m.resource?.name ?? 'metric'}: ${value === undefined ? '<unknown>' : `${value}%`}/${m.resource?.target?.averageUtilization ?? '?'}%`;
			});
			return [o.metadata.name, `${ref?.kind ?? ''}/${ref?.name ?? ''}`, targets.join(', ') || '<none>', n(get(o, 'spec', 'minReplicas')) || 1, n(get(o, 'spec', 'maxReplicas')), n(get(o, 'status', 'currentReplicas')), age(o, now)];
		},
	},
	PodDisruptionBudget: {
		columns: [col('Name', 'string', 0, 'name'), col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), col('Age')],
		cells: (o, now) => [o.metadata.name, String(get(o, 'spec', 'minAvailable') ?? 'N/A'), String(get(o, 'spec', 'maxUnavailable') ?? 'N/A'), n(get(o, 'status', 'disruptionsAllowed')), age(o, now)],
	},
	Event: {
		columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), wide('Subobject'), wide('Source'), col('Message'), wide('First Seen'), wide('Count'), wide('Name')],
		cells(o, now) {
			const firstAt = parseTime(get(o, 'firstTimestamp')) ?? parseTime(get(o, 'eventTime'));
			// As printEvent: a series (events.k8s.io repeats) carries the last time and the count.
			const series = get(o, 'series') !== undefined && get(o, 'series') !== null;
			const lastAt = series ? parseTime(get(o, 'series', 'lastObservedTime')) : (parseTime(get(o, 'lastTimestamp')) ?? firstAt);
			const kind = String(get(o, 'involvedObject', 'kind') ?? '').toLowerCase();
			const name = String(get(o, 'involvedObject', 'name') ?? '');
			const component = s(get(o, 'source', 'component'), '') || s(get(o, 'reportingComponent'), '');
			const host = s(get(o, 'source', 'host'), '') || s(get(o, 'reportingInstance'), '');
			const count = series ? n(get(o, 'series', 'count')) : n(get(o, 'count')) || 1;
			return [formatAge(lastAt, now), s(get(o, 'type'), ''), s(get(o, 'reason'), ''), name ? `${kind}/${name}` : kind, s(get(o, 'involvedObject', 'fieldPath'), ''), host ? `${component}, ${host}` : component, s(get(o, 'message'), '').trim(), formatAge(firstAt, now), count, o.metadata.name];
		},
	},
};

export const genericPrinter: Printer = {columns: [col('Name', 'string', 0, 'name'), col('Age')], cells: (o, now) => [o.metadata.name, age(o, now)]};
