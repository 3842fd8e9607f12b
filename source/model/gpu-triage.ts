// GPU triage: who holds a node's accelerators, and which pods wait for accelerators and why.
// Pure joins over pod rows and event rows, recomputed from the live snapshots.
import type {BaseRow, Column, OwnerRef, Severity} from './types.js';
import {formatAge} from './age.js';
import {formatCount} from './quantity.js';
import {holdsAccelerators, podAccelerators, sumValues, type GpuOptions, type GpuPodInput} from './gpu.js';
import {formatNamedAmounts, isAcceleratorResource} from './gpu-resources.js';

/** Pod rows may carry their own severity (the model's PodRow does). */
export type GpuPodWithSeverity = GpuPodInput & {severity?: Severity};

/** What the pending join needs of an event; the model's EventRow satisfies it. */
export interface GpuEventInput {
	reason?: string;
	message?: string;
	involved: {kind?: string; namespace?: string; name: string; uid?: string};
	/** Newest of lastTimestamp / eventTime / series.lastObservedTime, epoch ms. */
	lastSeen?: number;
}

export interface GpuHolderRow extends BaseRow {
	kind: 'GpuHolder';
	node: string;
	devices: Record<string, number>;
	total: number;
	status: string;
	owner: string;
}

export interface GpuPendingRow extends BaseRow {
	kind: 'GpuPending';
	devices: Record<string, number>;
	total: number;
	/** When the pod became unschedulable (PodScheduled lastTransitionTime), else its creation. */
	waitingSince?: number;
	/** The newest FailedScheduling event message, else the PodScheduled condition message. */
	message: string;
	owner: string;
}

/** 'ReplicaSet/llm-7d9f' for the controller owner (or the first), '-' for a bare pod. */
export function ownerText(owners: readonly OwnerRef[] | undefined): string {
	if (!owners || owners.length === 0) return '-';
	const owner = owners.find(o => o.controller) ?? owners[0]!;
	return `${owner.kind}/${owner.name}`;
}

/** 'gpu:2', 'mig-1g.10gb:1,mig-3g.40gb:1' — always named, since one screen mixes kinds. */
export function formatDevices(devices: Readonly<Record<string, number>>): string {
	return formatNamedAmounts(devices) || '-';
}

function positive(devices: Readonly<Record<string, number>>): Record<string, number> {
	const result: Record<string, number> = {};
	for (const [name, value] of Object.entries(devices)) if (value > 0) result[name] = value;
	return result;
}

/** The pods holding accelerators on one node, oldest first (the longest holders are the usual suspects). */
export function gpuHolders(nodeName: string, pods: readonly GpuPodWithSeverity[], options?: GpuOptions): GpuHolderRow[] {
	const rows: GpuHolderRow[] = [];
	for (const pod of pods) {
		if (pod.node !== nodeName || !holdsAccelerators(pod)) continue;
		const devices = positive(podAccelerators(pod, options));
		const total = sumValues(devices);
		if (total <= 0) continue;
		const row: GpuHolderRow = {
			kind: 'GpuHolder',
			uid: pod.uid,
			name: pod.name,
			node: nodeName,
			devices,
			total,
			status: pod.status,
			owner: ownerText(pod.owners),
			severity: pod.severity ?? (pod.deleting ? 'warn' : 'ok'),
		};
		if (pod.namespace !== undefined) row.namespace = pod.namespace;
		if (pod.createdAt !== undefined) row.createdAt = pod.createdAt;
		rows.push(row);
	}
	return rows.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.name.localeCompare(b.name));
}

/** True for a pod the scheduler has rejected (PodScheduled=False, Unschedulable) that asks for accelerators. */
export function isPendingForAccelerators(pod: GpuPodInput, options?: GpuOptions): boolean {
	if (pod.node || pod.phase === 'Succeeded' || pod.phase === 'Failed') return false;
	if (pod.scheduled?.status !== 'False' || pod.scheduled.reason !== 'Unschedulable') return false;
	return sumValues(podAccelerators(pod, options)) > 0;
}

function eventKey(namespace: string | undefined, name: string): string {
	return `${namespace ?? ''}/${name}`;
}

/**
 * The newest FailedScheduling event per pod, keyed by uid and by namespace/name (events of
 * a recreated pod with the same name are told apart by uid when the event carries one).
 */
export function latestFailedScheduling(events: readonly GpuEventInput[]): {byUid: Map<string, GpuEventInput>; byName: Map<string, GpuEventInput>} {
	const byUid = new Map<string, GpuEventInput>();
	const byName = new Map<string, GpuEventInput>();
	const newer = (a: GpuEventInput, b: GpuEventInput | undefined) => !b || (a.lastSeen ?? 0) >= (b.lastSeen ?? 0);
	for (const event of events) {
		if (event.reason !== 'FailedScheduling') continue;
		if (event.involved.kind !== undefined && event.involved.kind !== 'Pod') continue;
		if (event.involved.uid) {
			if (newer(event, byUid.get(event.involved.uid))) byUid.set(event.involved.uid, event);
		}
		const key = eventKey(event.involved.namespace, event.involved.name);
		if (newer(event, byName.get(key))) byName.set(key, event);
	}
	return {byUid, byName};
}

/** Pods pending for accelerators, longest waiting first, each with the scheduler's latest word. */
export function gpuPendingRows(pods: readonly GpuPodInput[], events: readonly GpuEventInput[], options?: GpuOptions): GpuPendingRow[] {
	const latest = latestFailedScheduling(events);
	const rows: GpuPendingRow[] = [];
	for (const pod of pods) {
		if (!isPendingForAccelerators(pod, options)) continue;
		const devices = positive(podAccelerators(pod, options));
		const byName = latest.byName.get(eventKey(pod.namespace, pod.name));
		// A uid match is certain; a name-only event counts unless it names another pod's uid.
		const event = latest.byUid.get(pod.uid) ?? (byName && (!byName.involved.uid || byName.involved.uid === pod.uid) ? byName : undefined);
		const row: GpuPendingRow = {
			kind: 'GpuPending',
			uid: pod.uid,
			name: pod.name,
			devices,
			total: sumValues(devices),
			message: event?.message ?? pod.scheduled?.message ?? '',
			owner: ownerText(pod.owners),
			severity: 'warn',
		};
		if (pod.namespace !== undefined) row.namespace = pod.namespace;
		if (pod.createdAt !== undefined) row.createdAt = pod.createdAt;
		const since = pod.scheduled?.since ?? pod.createdAt;
		if (since !== undefined) row.waitingSince = since;
		rows.push(row);
	}
	return rows.sort((a, b) => (a.waitingSince ?? Infinity) - (b.waitingSince ?? Infinity) || a.name.localeCompare(b.name));
}

/**
 * The scheduler's message made to fit a cell: its own phrases, but the reasons that matter for
 * accelerators first ('2 Insufficient nvidia.com/gpu'), then the rest by node count, without
 * the preemption postscript. '0/10 nodes are available: …' becomes '0/10: …'.
 * Messages in another shape are returned as they are (flattened to one line).
 */
export function condenseSchedulerMessage(message: string): string {
	const flat = message.replace(/\s+/g, ' ').trim();
	const match = /^(\d+\/\d+) nodes are available: (.*)$/.exec(flat);
	if (!match) return flat;
	const main = match[2]!.split(/\.? preemption: /)[0]!.replace(/\.$/, '');
	const reasons = main.split(', ').map((text, index) => {
		const counted = /^(\d+) (.*)$/.exec(text);
		const count = counted ? Number(counted[1]) : 0;
		const insufficient = /^(?:\d+ )?Insufficient (\S+)/.exec(text)?.[1];
		const rank = insufficient === undefined ? 2 : isAcceleratorResource(insufficient) ? 0 : 1;
		return {text, count, rank, index};
	});
	reasons.sort((a, b) => a.rank - b.rank || b.count - a.count || a.index - b.index);
	return `${match[1]}: ${reasons.map(reason => reason.text).join(', ')}`;
}

const namespaceCol = <R extends BaseRow>(): Column<R> => ({id: 'namespace', title: 'NAMESPACE', cell: row => row.namespace ?? ''});
const podCol = <R extends BaseRow>(): Column<R> => ({id: 'name', title: 'POD', cell: row => row.name});

export const gpuHolderColumns: Array<Column<GpuHolderRow>> = [
	namespaceCol<GpuHolderRow>(),
	podCol<GpuHolderRow>(),
	{id: 'devices', title: 'DEVICES', cell: row => formatDevices(row.devices), sortValue: row => row.total},
	{
		id: 'age',
		title: 'AGE',
		align: 'right',
		cell: (row, now) => formatAge(row.createdAt, now),
		sortValue: (row, now) => (row.createdAt === undefined ? Number.MAX_SAFE_INTEGER : now - row.createdAt),
	},
	{id: 'status', title: 'STATUS', cell: row => row.status},
	{id: 'owner', title: 'OWNER', cell: row => row.owner},
];

export const gpuPendingColumns: Array<Column<GpuPendingRow>> = [
	namespaceCol<GpuPendingRow>(),
	podCol<GpuPendingRow>(),
	{id: 'gpus', title: 'GPUS', align: 'right', cell: row => formatCount(row.total), sortValue: row => row.total},
	{id: 'devices', title: 'RESOURCE', cell: row => formatDevices(row.devices)},
	{
		id: 'waiting',
		title: 'WAITING',
		align: 'right',
		cell: (row, now) => formatAge(row.waitingSince, now),
		sortValue: (row, now) => (row.waitingSince === undefined ? -1 : now - row.waitingSince),
	},
	{id: 'owner', title: 'OWNER', wide: true, cell: row => row.owner},
	{id: 'message', title: 'MESSAGE', cell: row => condenseSchedulerMessage(row.message) || '-'},
];
