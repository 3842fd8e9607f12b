// Pod rows: the slim projection the pods pane keeps for every pod, and its columns.
import type {BaseRow, Column, KindModel, KubeObject, OwnerRef, Severity} from './types.js';
import {arr, rec, str, ownerRefs, condition} from './json.js';
import {rowBase} from './rowBase.js';
import {formatAge, parseTime} from './age.js';
import {formatBytes, formatCpu, formatCount, parseQuantity} from './quantity.js';
import {podStatus} from './pod-status.js';
import {reasonSeverity} from './severity.js';
import {effectivePodRequests} from './requests.js';
import {formatNamedAmounts, isAcceleratorResource, shortResourceName} from './gpu-resources.js';
import {sumValues} from './gpu.js';
import {ageColumn, nameColumn, namespaceColumn} from './columns.js';
import {formatLast, lastSortValue, lastTermination, type LastTermination} from './pod-last.js';
import {podLimits, podUsageColumns, type UsageFields} from './metrics-columns.js';
import {podProblemTimes, type ProblemTimes} from './problems-since.js';

export {podStatus, type PodStatusSummary} from './pod-status.js';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export interface PodRow extends BaseRow, UsageFields {
	kind: 'Pod';
	phase: string;
	ready: string;
	status: string;
	restarts: number;
	lastRestartAt?: number;
	ip?: string;
	node?: string;
	nominatedNode?: string;
	qos: QosClass;
	/** Effective requests (scheduler rule) in base units, every resource incl. accelerators. */
	requests: Record<string, number>;
	/** Summed app-container limits (cpu in cores, memory in bytes); a resource absent when any container is unlimited. */
	limits?: Record<string, number>;
	/** The accelerator subset of requests. */
	accelerators: Record<string, number>;
	owners: OwnerRef[];
	/** Regular containers in spec order, then init containers (sidecars have logs worth reading too). */
	containers: string[];
	defaultContainer?: string;
	/** The PodScheduled condition: why a pending pod is not placed. */
	scheduled?: {status: string; reason?: string; message?: string; since?: number};
	deleting: boolean;
	/** The newest non-zero container termination (./pod-last.ts): the LAST column, and :problems' OOMKilled rule. */
	lastTermination?: LastTermination;
	/** When the Ready condition left True (absent while ready): :problems' SINCE for a pod not ready. */
	problemSince?: ProblemTimes;
}

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** QoS class as the kubelet computes it, for objects whose status.qosClass is not set yet. */
export function computeQos(pod: KubeObject): QosClass {
	const spec = rec(pod.spec);
	const containers = [...arr(spec?.initContainers), ...arr(spec?.containers)];
	let any = false;
	let guaranteed = containers.length > 0;
	for (const c of containers) {
		const requests = rec(rec(c.resources)?.requests) ?? {};
		const limits = rec(rec(c.resources)?.limits) ?? {};
		for (const r of ['cpu', 'memory']) {
			const req = requests[r];
			const lim = limits[r];
			if (req !== undefined || lim !== undefined) any = true;
			// Guaranteed needs a limit for both, and any request must equal it (a missing request defaults to the limit).
			if (lim === undefined) guaranteed = false;
			else if (req !== undefined && parseQuantity(req as string) !== parseQuantity(lim as string)) guaranteed = false;
		}
	}
	if (!any) return 'BestEffort';
	return guaranteed ? 'Guaranteed' : 'Burstable';
}

function qosOf(pod: KubeObject): QosClass {
	const declared = str(rec(pod.status)?.qosClass);
	if (declared === 'Guaranteed' || declared === 'Burstable' || declared === 'BestEffort') return declared;
	return computeQos(pod);
}

export function projectPod(pod: KubeObject): PodRow {
	const meta = pod.metadata;
	const spec = rec(pod.spec);
	const status = rec(pod.status);
	const summary = podStatus(pod);
	const requests = effectivePodRequests(pod);
	const accelerators: Record<string, number> = {};
	for (const [name, value] of Object.entries(requests)) {
		if (value > 0 && isAcceleratorResource(name)) accelerators[name] = value;
	}
	const regular = arr(spec?.containers).flatMap((c) => (str(c.name) ? [str(c.name)!] : []));
	const init = arr(spec?.initContainers).flatMap((c) => (str(c.name) ? [str(c.name)!] : []));
	const annotated = meta.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
	const defaultContainer = annotated && regular.includes(annotated) ? annotated : regular[0];
	const ip = str(status?.podIP) ?? str(arr(status?.podIPs)[0]?.ip);

	const row: PodRow = {
		kind: 'Pod',
		...rowBase(meta),
		phase: str(status?.phase) ?? '',
		ready: summary.ready,
		status: summary.status,
		restarts: summary.restarts,
		qos: qosOf(pod),
		requests,
		accelerators,
		owners: ownerRefs(meta.ownerReferences),
		containers: [...regular, ...init],
		deleting: meta.deletionTimestamp !== undefined,
		severity: 'ok',
	};
	if (summary.lastRestartAt !== undefined) row.lastRestartAt = summary.lastRestartAt;
	const last = lastTermination(pod);
	if (last) row.lastTermination = last;
	const limits = podLimits(pod);
	if (Object.keys(limits).length > 0) row.limits = limits;
	if (ip) row.ip = ip;
	const node = str(spec?.nodeName);
	if (node) row.node = node;
	const nominated = str(status?.nominatedNodeName);
	if (nominated) row.nominatedNode = nominated;
	if (defaultContainer) row.defaultContainer = defaultContainer;
	const sched = condition(status, 'PodScheduled');
	if (sched) {
		row.scheduled = {status: str(sched.status) ?? 'Unknown'};
		const reason = str(sched.reason);
		const message = str(sched.message);
		const since = parseTime(sched.lastTransitionTime);
		if (reason) row.scheduled.reason = reason;
		if (message) row.scheduled.message = message;
		if (since !== undefined) row.scheduled.since = since;
	}
	const since = podProblemTimes(pod);
	if (since) row.problemSince = since;
	row.severity = podSeverity(row);
	return row;
}

/**
 * How bad a pod looks. Init:N/M is progress (warn); Init:<reason> is as bad as the reason
 * (Init:CrashLoopBackOff is an error, not a step). A Running pod with unready containers warns.
 */
export function podSeverity(row: Pick<PodRow, 'status' | 'phase' | 'ready'>): Severity {
	const status = row.status;
	if (status.startsWith('Init:')) {
		const rest = status.slice(5);
		if (/^\d+\/\d+$/.test(rest)) return 'warn';
		return reasonSeverity(rest) === 'error' ? 'error' : 'warn';
	}
	const known = reasonSeverity(status);
	if (known) return known;
	if (row.phase === 'Failed') return 'error';
	if (row.phase === 'Pending') return 'warn';
	if (status === 'Running') {
		const [ready, total] = row.ready.split('/');
		return ready === total ? 'ok' : 'warn';
	}
	return 'ok';
}

/** The RESTARTS cell: 'N', or 'N (5m ago)' when the last restart time is known. */
export function formatRestarts(restarts: number, lastRestartAt: number | undefined, now: number): string {
	if (restarts === 0 || lastRestartAt === undefined) return String(restarts);
	return `${restarts} (${formatAge(lastRestartAt, now)} ago)`;
}

/**
 * The GPU cell: a plain count for whole devices ('2'); named amounts when slices (MIG) or
 * several kinds are involved ('mig-1g.10gb:1'); '' when the pod asks for none.
 */
export function formatAccelerators(accelerators: Readonly<Record<string, number>>): string {
	const held = Object.entries(accelerators).filter(([, v]) => v > 0);
	if (held.length === 1 && !shortResourceName(held[0]![0]).startsWith('mig-')) return formatCount(held[0]![1]);
	return formatNamedAmounts(accelerators);
}

function readyCount(ready: string): number {
	const [a, b] = ready.split('/').map(Number);
	return (a ?? 0) / (b || 1);
}

export const podColumns: Array<Column<PodRow>> = [
	namespaceColumn<PodRow>(),
	nameColumn<PodRow>(),
	{id: 'ready', title: 'READY', cell: (r) => r.ready, sortValue: (r) => readyCount(r.ready)},
	{id: 'status', title: 'STATUS', cell: (r) => r.status},
	{
		id: 'restarts',
		title: 'RESTARTS',
		align: 'right',
		cell: (r, now) => formatRestarts(r.restarts, r.lastRestartAt, now),
		sortValue: (r) => r.restarts,
	},
	ageColumn<PodRow>(),
	{id: 'ip', title: 'IP', cell: (r) => r.ip ?? '<none>'},
	{id: 'node', title: 'NODE', cell: (r) => r.node ?? '<none>'},
	{id: 'gpu', title: 'GPU', align: 'right', cell: (r) => formatAccelerators(r.accelerators), sortValue: (r) => sumValues(r.accelerators)},
	{id: 'nominated', title: 'NOMINATED NODE', wide: true, cell: (r) => r.nominatedNode ?? '<none>'},
	{id: 'qos', title: 'QOS', wide: true, cell: (r) => r.qos},
	{
		id: 'cpu',
		title: 'CPU',
		wide: true,
		align: 'right',
		cell: (r) => (r.requests.cpu ? formatCpu(r.requests.cpu) : ''),
		sortValue: (r) => r.requests.cpu ?? 0,
	},
	{
		id: 'mem',
		title: 'MEM',
		wide: true,
		align: 'right',
		cell: (r) => (r.requests.memory ? formatBytes(r.requests.memory) : ''),
		sortValue: (r) => r.requests.memory ?? 0,
	},
	// Ranked 'useful' by the table layout: "which pod was OOMKilled" is asked in every incident, so
	// IP and NODE give way before it, but not NAME (a name too short to tell pods apart answers nothing).
	{id: 'last', title: 'LAST', cell: (r, now) => formatLast(r.lastTermination, now), sortValue: (r, now) => lastSortValue(r.lastTermination, now)},
	...podUsageColumns<PodRow>(),
];

export const podModel: KindModel<PodRow> = {kind: 'Pod', project: projectPod, columns: podColumns};
