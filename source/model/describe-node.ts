// `kubectl describe node`: taints, cordon state, conditions, capacity vs allocatable, the pods
// on the node and what they reserve — the page an SRE reads before cordoning or draining.
import type {KubeObject} from './types.js';
import {arr, rec, str, stringMap, type Json} from './json.js';
import {formatAge, parseTime} from './age.js';
import {DescribeWriter, annotationLines, describeEvents, flat, labelLines, timestamp} from './describe-format.js';
import {nodeRoles, formatTaint} from './nodes.js';
import {formatBytes, formatCount, formatCpu, parseQuantity} from './quantity.js';
import {effectivePodRequests} from './requests.js';

function formatAmount(resource: string, value: number): string {
	if (resource === 'cpu') return formatCpu(value);
	if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) return formatBytes(value);
	return formatCount(value);
}

/** Limits of a pod the same way as requests: max(sum of app containers + sidecars, largest init container). */
function podLimits(pod: KubeObject): Record<string, number> {
	const spec = rec(pod.spec);
	const sum: Record<string, number> = {};
	const add = (c: Json, into: Record<string, number>): void => {
		for (const [k, v] of Object.entries(rec(rec(c.resources)?.limits) ?? {})) into[k] = (into[k] ?? 0) + parseQuantity(v as string);
	};
	for (const c of arr(spec?.containers)) add(c, sum);
	for (const c of arr(spec?.initContainers)) if (c.restartPolicy === 'Always') add(c, sum);
	for (const c of arr(spec?.initContainers)) {
		if (c.restartPolicy === 'Always') continue;
		const one: Record<string, number> = {};
		add(c, one);
		for (const [k, v] of Object.entries(one)) sum[k] = Math.max(sum[k] ?? 0, v);
	}
	return sum;
}

const STANDARD_ORDER = ['cpu', 'memory', 'ephemeral-storage'];

function resourceOrder(names: Iterable<string>): string[] {
	const all = [...new Set(names)];
	const standard = STANDARD_ORDER.filter((n) => all.includes(n));
	const huge = all.filter((n) => n.startsWith('hugepages-')).sort();
	const rest = all.filter((n) => !STANDARD_ORDER.includes(n) && !n.startsWith('hugepages-') && n !== 'pods').sort();
	return [...standard, ...huge, ...rest];
}

function percent(value: number, of: number | undefined): string {
	if (!of) return '0%';
	return `${Math.trunc((value / of) * 100)}%`;
}

/** `pods` are the pods bound to this node (any namespace); when absent, the per-pod sections are left out. */
export function describeNode(node: KubeObject, events: readonly KubeObject[], now: number, pods?: readonly KubeObject[]): string[] {
	const w = new DescribeWriter();
	const spec = rec(node.spec);
	const status = rec(node.status);
	w.kv(0, 'Name', node.metadata.name);
	const roles = nodeRoles(stringMap(node.metadata.labels));
	w.kv(0, 'Roles', roles.length ? roles.join(',') : '<none>');
	w.multi(0, 'Labels', labelLines(node.metadata.labels));
	w.multi(0, 'Annotations', annotationLines(node.metadata.annotations));
	w.kv(0, 'CreationTimestamp', timestamp(node.metadata.creationTimestamp));
	w.multi(0, 'Taints', arr(spec?.taints).map(formatTaint));
	w.kv(0, 'Unschedulable', spec?.unschedulable === true ? 'true' : 'false');
	const conditions = arr(status?.conditions);
	w.line(0, 'Conditions:');
	w.table(
		1,
		['Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message'],
		conditions.map((c) => [c.type, c.status, timestamp(c.lastHeartbeatTime), timestamp(c.lastTransitionTime), c.reason ?? '', c.message ?? '']),
		true,
	);
	w.line(0, 'Addresses:');
	for (const a of arr(status?.addresses)) w.kv(1, flat(a.type), a.address);
	const capacity = rec(status?.capacity) ?? {};
	const allocatable = rec(status?.allocatable) ?? {};
	w.line(0, 'Capacity:');
	for (const [k, v] of Object.entries(capacity)) w.kv(1, k, v);
	w.line(0, 'Allocatable:');
	for (const [k, v] of Object.entries(allocatable)) w.kv(1, k, v);
	const info = rec(status?.nodeInfo);
	w.line(0, 'System Info:');
	const infoFields: Array<[string, string]> = [
		['Machine ID', 'machineID'],
		['System UUID', 'systemUUID'],
		['Boot ID', 'bootID'],
		['Kernel Version', 'kernelVersion'],
		['OS Image', 'osImage'],
		['Operating System', 'operatingSystem'],
		['Architecture', 'architecture'],
		['Container Runtime Version', 'containerRuntimeVersion'],
		['Kubelet Version', 'kubeletVersion'],
	];
	for (const [title, field] of infoFields) w.kv(1, title, info?.[field] ?? '');
	if (str(spec?.podCIDR)) w.kv(0, 'PodCIDR', spec?.podCIDR);
	if (str(spec?.providerID)) w.kv(0, 'ProviderID', spec?.providerID);

	if (pods) {
		const live = pods.filter((p) => {
			const phase = str(rec(p.status)?.phase);
			return phase !== 'Succeeded' && phase !== 'Failed';
		});
		w.kv(0, 'Non-terminated Pods', `(${live.length} in total)`);
		const alloc: Record<string, number> = {};
		for (const [k, v] of Object.entries(allocatable)) alloc[k] = parseQuantity(v as string);
		const totalReq: Record<string, number> = {};
		const totalLim: Record<string, number> = {};
		const rows = live.map((p) => {
			const req = effectivePodRequests(p);
			const lim = podLimits(p);
			for (const [k, v] of Object.entries(req)) totalReq[k] = (totalReq[k] ?? 0) + v;
			for (const [k, v] of Object.entries(lim)) totalLim[k] = (totalLim[k] ?? 0) + v;
			const cell = (r: string, m: Record<string, number>): string => `${formatAmount(r, m[r] ?? 0)} (${percent(m[r] ?? 0, alloc[r])})`;
			return [
				p.metadata.namespace ?? '',
				p.metadata.name,
				cell('cpu', req),
				cell('cpu', lim),
				cell('memory', req),
				cell('memory', lim),
				formatAge(parseTime(p.metadata.creationTimestamp), now),
			];
		});
		w.table(1, ['Namespace', 'Name', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age'], rows, true);
		w.line(0, 'Allocated resources:');
		w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
		const names = resourceOrder(['cpu', 'memory', ...Object.keys(totalReq), ...Object.keys(totalLim), ...Object.keys(alloc)]);
		w.table(
			1,
			['Resource', 'Requests', 'Limits'],
			names.map((r) => {
				const req = formatAmount(r, totalReq[r] ?? 0);
				const lim = formatAmount(r, totalLim[r] ?? 0);
				// Like kubectl, percentages only for the standard resources; extended ones are plain counts.
				if (STANDARD_ORDER.includes(r) || r.startsWith('hugepages-')) {
					return [r, `${req} (${percent(totalReq[r] ?? 0, alloc[r])})`, `${lim} (${percent(totalLim[r] ?? 0, alloc[r])})`];
				}
				return [r, req, lim];
			}),
			true,
		);
	}
	describeEvents(w, events, now);
	return w.lines();
}
