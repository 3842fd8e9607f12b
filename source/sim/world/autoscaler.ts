// A small cluster autoscaler over node groups with min/max sizes, as the real one behaves from
// outside: every 10 simulated seconds it looks at the pods the scheduler marked Unschedulable,
// asks whether one would fit a new node of some group (the group's template node, empty), and
// either raises that group's target (a TriggeredScaleUp event on the pod; the node registers
// after a provisioning delay) or says why not (NotTriggerScaleUp: "max node group size
// reached", or the template's own failures). It keeps kube-system/cluster-autoscaler-status in
// the YAML format of autoscaler 1.30+. It shares no code with the client: the fit test is the
// simulator's own scheduler predicate.
import type {KubeObject} from '../../model/types.js';
import type {PodCache} from './cache.js';
import type {EventRecorder} from './events.js';
import {nodeFailures, type NodeFacts, type Taint} from './scheduler.js';
import {podNeeds} from './scheduling.js';
import {schedulerAmount} from './quantity.js';
import {isoTime, K, type Runtime} from './runtime.js';

export interface NodeGroup {
	name: string;
	minSize: number;
	maxSize: number;
	/** Nodes of the group when the world starts (they must exist, or they are not counted). */
	members: readonly string[];
	/** A new node of the group, named `name`, created `now`. */
	template(name: string, now: number): KubeObject;
	/** How long a new node takes to register, simulated ms. */
	provisionMs: number;
}

export const STATUS_NAMESPACE = 'kube-system';
export const STATUS_NAME = 'cluster-autoscaler-status';
const LOOP_MS = 10_000;
const SOURCE = {component: 'cluster-autoscaler'};

interface GroupState {
	spec: NodeGroup;
	nodes: Set<string>;
	/** Nodes asked of the cloud and not yet registered. */
	coming: number;
	lastScaleUp?: number;
	created: number;
}

function templateFacts(node: KubeObject): NodeFacts {
	const allocatable: Record<string, number> = {};
	const raw = (node.status as {allocatable?: Record<string, string>} | undefined)?.allocatable ?? {};
	for (const [name, value] of Object.entries(raw)) allocatable[name] = schedulerAmount(name, value);
	const spec = (node.spec ?? {}) as {taints?: Taint[]};
	return {name: node.metadata.name, labels: node.metadata.labels ?? {}, taints: spec.taints ?? [], unschedulable: false, allocatable, used: {}, podCount: 0};
}

function isUnschedulable(pod: KubeObject): boolean {
	if ((pod.spec as {nodeName?: string} | undefined)?.nodeName || pod.metadata.deletionTimestamp) return false;
	const conditions = (pod.status as {conditions?: Array<{type?: string; status?: string; reason?: string}>} | undefined)?.conditions ?? [];
	return conditions.some(c => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
}

/** 'CA time' as the status ConfigMap prints it: Go's time.Time String(). */
function goTime(ms: number): string {
	return `${new Date(ms).toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1000000 +0000 UTC')}`;
}

export function createClusterAutoscaler(rt: Runtime, cache: PodCache, record: EventRecorder, groups: readonly NodeGroup[]): {loop(): void} {
	const states = groups.map((spec): GroupState => ({spec, nodes: new Set(spec.members.filter(name => rt.get(K.nodes, undefined, name))), coming: 0, created: 0}));
	// A pod gets one TriggeredScaleUp per scale-up made for it, as the real autoscaler does.
	const helped = new Map<string, string>();
	let lastWritten = '';
	const since = rt.now();

	function size(group: GroupState): number {
		return group.nodes.size + group.coming;
	}

	function scaleUp(group: GroupState): {from: number; to: number} {
		const from = size(group);
		group.coming++;
		group.lastScaleUp = rt.now();
		group.created++;
		const name = `${group.spec.name}-${rt.suffix(5)}`;
		rt.after(group.spec.provisionMs, () => {
			group.coming--;
			group.nodes.add(name);
			if (!rt.get(K.nodes, undefined, name)) rt.store.create(K.nodes, group.spec.template(name, rt.now()));
			writeStatus();
		});
		return {from, to: from + 1};
	}

	function consider(pod: KubeObject, requests: Record<string, number>): void {
		const uid = pod.metadata.uid;
		const involved = {kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, uid};
		if (helped.has(uid)) return;
		const needs = podNeeds(pod, requests);
		const reasons = new Map<string, number>();
		const count = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
		for (const group of states) {
			const failures = nodeFailures(needs, templateFacts(group.spec.template(`${group.spec.name}-template`, rt.now())));
			if (failures.length > 0) {
				for (const failure of failures) count(failure);
				continue;
			}
			if (size(group) >= group.spec.maxSize) {
				count('max node group size reached');
				continue;
			}
			const {from, to} = scaleUp(group);
			helped.set(uid, group.spec.name);
			record(involved, 'Normal', 'TriggeredScaleUp', `pod triggered scale-up: [{${group.spec.name} ${from}->${to} (max: ${group.spec.maxSize})}]`, SOURCE);
			return;
		}
		const text = [...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ');
		record(involved, 'Normal', 'NotTriggerScaleUp', `pod didn't trigger scale-up: ${text}`, SOURCE);
	}

	function groupYaml(group: GroupState, stamp: string, start: string): string {
		const ready = [...group.nodes].filter(name => {
			const node = rt.get(K.nodes, undefined, name);
			return (node?.status as {conditions?: Array<{type?: string; status?: string}>} | undefined)?.conditions?.some(c => c.type === 'Ready' && c.status === 'True');
		}).length;
		const registered = group.nodes.size;
		const scaling = group.coming > 0 ? 'InProgress' : 'NoActivity';
		const changed = group.lastScaleUp !== undefined ? isoTime(group.lastScaleUp) : start;
		return [
			`- name: ${group.spec.name}`,
			'  health:',
			`    status: ${ready < registered && registered - ready > Math.max(3, registered * 0.45) ? 'Unhealthy' : 'Healthy'}`,
			'    nodeCounts:',
			'      registered:',
			`        total: ${registered}`,
			`        ready: ${ready}`,
			'        notStarted: 0',
			'        unready:',
			`          total: ${registered - ready}`,
			`          resourceUnready: 0`,
			'      longUnregistered: 0',
			`      unregistered: ${group.coming}`,
			`    cloudProviderTarget: ${size(group)}`,
			`    minSize: ${group.spec.minSize}`,
			`    maxSize: ${group.spec.maxSize}`,
			`    lastProbeTime: "${stamp}"`,
			`    lastTransitionTime: "${start}"`,
			'  scaleUp:',
			`    status: ${scaling}`,
			`    lastProbeTime: "${stamp}"`,
			`    lastTransitionTime: "${changed}"`,
			'  scaleDown:',
			'    status: NoCandidates',
			`    lastProbeTime: "${stamp}"`,
		].join('\n');
	}

	function writeStatus(): void {
		const now = rt.now();
		const start = isoTime(since);
		// The body without the probe times decides whether anything changed: a write per loop
		// would bump the ConfigMap's resourceVersion every 10 s for nothing.
		const body = (stamp: string) => {
			const total = states.reduce((n, g) => n + g.nodes.size, 0);
			const coming = states.some(g => g.coming > 0);
			return [
				'autoscalerStatus: Running',
				'clusterWide:',
				'  health:',
				'    status: Healthy',
				'    nodeCounts:',
				'      registered:',
				`        total: ${total}`,
				`        ready: ${total}`,
				'        notStarted: 0',
				`      unregistered: ${states.reduce((n, g) => n + g.coming, 0)}`,
				`    lastProbeTime: "${stamp}"`,
				`    lastTransitionTime: "${start}"`,
				'  scaleUp:',
				`    status: ${coming ? 'InProgress' : 'NoActivity'}`,
				`    lastProbeTime: "${stamp}"`,
				'nodeGroups:',
				...states.map(group => groupYaml(group, stamp, start)),
			].join('\n');
		};
		const key = body('');
		if (key === lastWritten) return;
		lastWritten = key;
		const text = `time: ${goTime(now)}\n${body(isoTime(now))}\n`;
		const existing = rt.get(K.configmaps, STATUS_NAMESPACE, STATUS_NAME);
		if (existing) {
			rt.tryMutate(K.configmaps, STATUS_NAMESPACE, STATUS_NAME, cm => {
				cm.data = {status: text};
			});
			return;
		}
		rt.store.create(K.configmaps, {
			apiVersion: 'v1',
			kind: 'ConfigMap',
			metadata: {name: STATUS_NAME, namespace: STATUS_NAMESPACE, uid: '', annotations: {'cluster-autoscaler.kubernetes.io/last-updated': goTime(now)}},
			data: {status: text},
		});
	}

	function loop(): void {
		for (const group of states) for (const name of group.nodes) if (!rt.get(K.nodes, undefined, name)) group.nodes.delete(name);
		for (const uid of cache.pending) {
			const info = cache.pods.get(uid);
			if (!info) continue;
			const pod = rt.get(K.pods, info.namespace, info.name);
			if (!pod || pod.metadata.uid !== uid || !isUnschedulable(pod)) continue;
			consider(pod, info.requests);
		}
		for (const uid of helped.keys()) if (!cache.pending.has(uid)) helped.delete(uid);
		writeStatus();
	}

	rt.every(LOOP_MS, loop);
	return {loop};
}
