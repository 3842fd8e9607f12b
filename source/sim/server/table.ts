// Server-side printing (meta.k8s.io/v1 Table), which is how kubectl renders `get` output.
// Pod cells reuse the model's kubectl-exact status logic rather than a second copy of it.
import type {KubeObject} from '../../model/types.js';
import {formatAge, humanDuration, parseTime} from '../../model/age.js';
import {podStatus} from '../../model/pod-status.js';
import type {ResourceType} from '../contracts.js';

interface ColumnDefinition {
	name: string;
	type: string;
	format: string;
	description: string;
	priority: number;
}

type Cell = string | number;

const col = (name: string, type = 'string', priority = 0, format = ''): ColumnDefinition => ({name, type, format, description: name, priority});

type Printer = {columns: ColumnDefinition[]; cells(object: KubeObject, now: number): Cell[]};

const get = (object: unknown, ...keys: string[]): unknown => {
	let cursor = object;
	for (const k of keys) cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string, unknown>)[k] : undefined;
	return cursor;
};
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
const s = (v: unknown, fallback = '<none>'): string => (typeof v === 'string' && v !== '' ? v : fallback);
const age = (o: KubeObject, now: number): string => formatAge(parseTime(o.metadata.creationTimestamp), now);

const printers: Record<string, Printer> = {
	Pod: {
		columns: [col('Name', 'string', 0, 'name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), col('IP', 'string', 1), col('Node', 'string', 1), col('Nominated Node', 'string', 1), col('Readiness Gates', 'string', 1)],
		cells(o, now) {
			const summary = podStatus(o, now);
			const restarts = summary.lastRestartAt === undefined ? String(summary.restarts) : `${summary.restarts} (${humanDuration(now - summary.lastRestartAt)} ago)`;
			return [o.metadata.name, summary.ready, summary.status, restarts, age(o, now), s(get(o, 'status', 'podIP')), s(get(o, 'spec', 'nodeName')), s(get(o, 'status', 'nominatedNodeName')), '<none>'];
		},
	},
	Deployment: {
		columns: [col('Name', 'string', 0, 'name'), col('Ready'), col('Up-to-date', 'integer'), col('Available', 'integer'), col('Age')],
		cells: (o, now) => [o.metadata.name, `${n(get(o, 'status', 'readyReplicas'))}/${n(get(o, 'spec', 'replicas'))}`, n(get(o, 'status', 'updatedReplicas')), n(get(o, 'status', 'availableReplicas')), age(o, now)],
	},
	ReplicaSet: {
		columns: [col('Name', 'string', 0, 'name'), col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Age')],
		cells: (o, now) => [o.metadata.name, n(get(o, 'spec', 'replicas')), n(get(o, 'status', 'replicas')), n(get(o, 'status', 'readyReplicas')), age(o, now)],
	},
	Node: {
		columns: [col('Name', 'string', 0, 'name'), col('Status'), col('Roles'), col('Age'), col('Version')],
		cells(o, now) {
			const conditions = (get(o, 'status', 'conditions') as Array<{type?: string; status?: string}> | undefined) ?? [];
			const ready = conditions.find(c => c.type === 'Ready');
			let status = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
			if (get(o, 'spec', 'unschedulable') === true) status += ',SchedulingDisabled';
			const roles = Object.keys(o.metadata.labels ?? {}).filter(k => k.startsWith('node-role.kubernetes.io/')).map(k => k.slice('node-role.kubernetes.io/'.length));
			return [o.metadata.name, status, roles.length > 0 ? roles.sort().join(',') : '<none>', age(o, now), s(get(o, 'status', 'nodeInfo', 'kubeletVersion'), '')];
		},
	},
	Service: {
		columns: [col('Name', 'string', 0, 'name'), col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age')],
		cells(o, now) {
			const ports = (get(o, 'spec', 'ports') as Array<{port?: number; protocol?: string; nodePort?: number}> | undefined) ?? [];
			const text = ports.map(p => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
			return [o.metadata.name, s(get(o, 'spec', 'type'), 'ClusterIP'), s(get(o, 'spec', 'clusterIP')), '<none>', text || '<none>', age(o, now)];
		},
	},
	Namespace: {
		columns: [col('Name', 'string', 0, 'name'), col('Status'), col('Age')],
		cells: (o, now) => [o.metadata.name, s(get(o, 'status', 'phase'), 'Active'), age(o, now)],
	},
	HorizontalPodAutoscaler: {
		columns: [col('Name', 'string', 0, 'name'), col('Reference'), col('Targets'), col('MinPods', 'integer'), col('MaxPods', 'integer'), col('Replicas', 'integer'), col('Age')],
		cells(o, now) {
			const ref = get(o, 'spec', 'scaleTargetRef') as {kind?: string; name?: string} | undefined;
			const metrics = (get(o, 'spec', 'metrics') as Array<{resource?: {name?: string; target?: {averageUtilization?: number}}}> | undefined) ?? [];
			const current = (get(o, 'status', 'currentMetrics') as Array<{resource?: {name?: string; current?: {averageUtilization?: number}}}> | undefined) ?? [];
			const targets = metrics.map(m => {
				const now = current.find(c => c.resource?.name === m.resource?.name)?.resource?.current?.averageUtilization;
				return `${m.resource?.name ?? 'metric'}: ${now === undefined ? '<unknown>' : `${now}%`}/${m.resource?.target?.averageUtilization ?? '?'}%`;
			});
			return [o.metadata.name, `${ref?.kind ?? ''}/${ref?.name ?? ''}`, targets.join(', ') || '<none>', n(get(o, 'spec', 'minReplicas')) || 1, n(get(o, 'spec', 'maxReplicas')), n(get(o, 'status', 'currentReplicas')), age(o, now)];
		},
	},
	PodDisruptionBudget: {
		columns: [col('Name', 'string', 0, 'name'), col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), col('Age')],
		cells: (o, now) => [o.metadata.name, String(get(o, 'spec', 'minAvailable') ?? 'N/A'), String(get(o, 'spec', 'maxUnavailable') ?? 'N/A'), n(get(o, 'status', 'disruptionsAllowed')), age(o, now)],
	},
	Event: {
		columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Message')],
		cells(o, now) {
			const last = parseTime(get(o, 'lastTimestamp')) ?? parseTime(get(o, 'eventTime')) ?? parseTime(o.metadata.creationTimestamp);
			const involved = `${String(get(o, 'involvedObject', 'kind') ?? '').toLowerCase()}/${String(get(o, 'involvedObject', 'name') ?? '')}`;
			return [formatAge(last, now), s(get(o, 'type'), ''), s(get(o, 'reason'), ''), involved, s(get(o, 'message'), '')];
		},
	},
};

const generic: Printer = {columns: [col('Name', 'string', 0, 'name'), col('Age')], cells: (o, now) => [o.metadata.name, age(o, now)]};

/** kubectl asks for `application/json;as=Table;v=v1;g=meta.k8s.io` when it prints for humans. */
export function wantsTable(accept: string | undefined): boolean {
	return accept !== undefined && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

export function renderTable(type: ResourceType, objects: KubeObject[], metadata: Record<string, unknown>, now: number): unknown {
	const printer = printers[type.kind] ?? generic;
	return {
		kind: 'Table',
		apiVersion: 'meta.k8s.io/v1',
		metadata,
		columnDefinitions: printer.columns,
		rows: objects.map(object => ({
			cells: printer.cells(object, now),
			object: {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata},
		})),
	};
}
