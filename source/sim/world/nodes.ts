// Node health: cheap heartbeats (a slice of nodes per tick bumps lastHeartbeatTime), and the
// NotReady fault. Annotating a node with sim.kubedeck.io/fault=notready makes it behave like an
// unreachable node: conditions Unknown "Kubelet stopped posting node status.", the unreachable
// taints, its pods' Ready=False, and after 300s the NoExecute taint evicts its pods (which then
// hang in Terminating, since no kubelet is there to confirm). Removing the annotation heals it.
import type {KubeObject} from '../../model/types.js';
import {FAULT_ANNOTATION} from './faults.js';
import type {EventRecorder} from './events.js';
import {deletePod} from './gc.js';
import type {Kubelet} from './kubelet.js';
import {isoTime, K, type Runtime} from './runtime.js';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
type Condition = {type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string; lastTransitionTime?: string};

export function isNodeReady(node: KubeObject): boolean {
	const conditions = ((node.status as {conditions?: Condition[]} | undefined)?.conditions ?? []);
	return conditions.find(c => c.type === 'Ready')?.status === 'True';
}

/** The conditions a healthy kubelet reports. */
export function healthyConditions(stamp: string): Condition[] {
	const c = (type: string, status: string, reason: string, message: string): Condition => ({type, status, lastHeartbeatTime: stamp, lastTransitionTime: stamp, reason, message});
	return [
		c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
		c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
		c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
		c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
	];
}

/** Applies the notready fault (or heals) on a node object; a node without conditions gets healthy ones. */
export function applyNodeFault(node: KubeObject, now: number): void {
	const broken = node.metadata.annotations?.[FAULT_ANNOTATION] === 'notready';
	const stamp = isoTime(now);
	const spec = (node.spec ??= {}) as {taints?: Array<{key: string; effect: string; timeAdded?: string}>};
	const status = (node.status ??= {}) as {conditions?: Condition[]};
	if (!status.conditions?.length) status.conditions = healthyConditions(stamp);
	const conditions = status.conditions;
	for (const condition of conditions) {
		if (broken && condition.status !== 'Unknown') {
			condition.status = 'Unknown';
			condition.reason = 'NodeStatusUnknown';
			condition.message = 'Kubelet stopped posting node status.';
			condition.lastTransitionTime = stamp;
		} else if (!broken && condition.status === 'Unknown') {
			const ready = condition.type === 'Ready';
			condition.status = ready ? 'True' : 'False';
			condition.reason = ready ? 'KubeletReady' : `KubeletHas${condition.type === 'MemoryPressure' ? 'SufficientMemory' : condition.type === 'DiskPressure' ? 'NoDiskPressure' : 'SufficientPID'}`;
			condition.message = ready ? 'kubelet is posting ready status' : `kubelet has ${condition.type === 'MemoryPressure' ? 'sufficient memory available' : condition.type === 'DiskPressure' ? 'no disk pressure' : 'sufficient PID available'}`;
			condition.lastTransitionTime = stamp;
			condition.lastHeartbeatTime = stamp;
		}
	}
	const others = (spec.taints ?? []).filter(t => t.key !== UNREACHABLE);
	if (broken) {
		const existing = (spec.taints ?? []).filter(t => t.key === UNREACHABLE);
		spec.taints = [...others, ...(existing.length === 2 ? existing : [{key: UNREACHABLE, effect: 'NoSchedule', timeAdded: stamp}, {key: UNREACHABLE, effect: 'NoExecute', timeAdded: stamp}])];
	} else if (others.length) spec.taints = others;
	else delete spec.taints;
}

/**
 * The node lifecycle controller's cordon taint: while spec.unschedulable is set the node carries
 * `node.kubernetes.io/unschedulable:NoSchedule`, stamped with the time it was added (so a client
 * can tell how long a node has been cordoned); uncordoning removes it. Returns whether it changed.
 */
export function syncCordonTaint(node: KubeObject, now: number): boolean {
	const spec = (node.spec ??= {}) as {unschedulable?: boolean; taints?: Array<{key: string; effect: string; timeAdded?: string}>};
	const taints = spec.taints ?? [];
	const has = taints.some(t => t.key === UNSCHEDULABLE);
	if (Boolean(spec.unschedulable) === has) return false;
	const others = taints.filter(t => t.key !== UNSCHEDULABLE);
	if (spec.unschedulable) spec.taints = [...others, {key: UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: isoTime(now)}];
	else if (others.length) spec.taints = others;
	else delete spec.taints;
	return true;
}

/**
 * How long a pod stays on an unreachable node. Pods without a toleration get the 300s that the
 * API server's DefaultTolerationSeconds admission would have given them.
 */
export function tolerationMs(pod: KubeObject): number {
	const tolerations = ((pod.spec as {tolerations?: Array<{key?: string; operator?: string; effect?: string; tolerationSeconds?: number}>} | undefined)?.tolerations ?? []);
	const match = tolerations.find(t => (!t.effect || t.effect === 'NoExecute') && ((!t.key && t.operator === 'Exists') || t.key === UNREACHABLE));
	if (!match) return 300_000;
	return match.tolerationSeconds === undefined ? Infinity : Math.max(0, match.tolerationSeconds) * 1000;
}

export function createNodeController(rt: Runtime, kubelet: Kubelet, podsOnNode: (node: string) => KubeObject[], record: EventRecorder): {nodeChanged(node: KubeObject): void} {
	let cursor = 0;
	const evictions = new Map<string, () => void>();
	const lastReady = new Map<string, boolean>();

	// Every 10s a quarter of the nodes report in, so each node's heartbeat is at most ~40s old.
	rt.every(10_000, () => {
		const nodes = rt.store.list(K.nodes);
		if (nodes.length === 0) return;
		const batch = Math.ceil(nodes.length / 4);
		const stamp = isoTime(rt.now());
		for (let i = 0; i < batch; i++) {
			const node = nodes[(cursor + i) % nodes.length]!;
			if (!isNodeReady(node)) continue;
			rt.tryMutate(K.nodes, undefined, node.metadata.name, target => {
				for (const condition of ((target.status as {conditions?: Condition[]} | undefined)?.conditions ?? [])) condition.lastHeartbeatTime = stamp;
			});
		}
		cursor = (cursor + batch) % nodes.length;
	});

	return {
		nodeChanged(node) {
			const name = node.metadata.name;
			const cordoned = Boolean((node.spec as {unschedulable?: boolean} | undefined)?.unschedulable);
			const tainted = ((node.spec as {taints?: Array<{key: string}>} | undefined)?.taints ?? []).some(t => t.key === UNSCHEDULABLE);
			if (cordoned !== tainted) rt.soon(`node-cordon/${name}`, () => rt.tryMutate(K.nodes, undefined, name, target => void syncCordonTaint(target, rt.now())));
			const wantsBroken = node.metadata.annotations?.[FAULT_ANNOTATION] === 'notready';
			const hasConditions = Boolean((node.status as {conditions?: unknown[]} | undefined)?.conditions?.length);
			if (!hasConditions || wantsBroken === isNodeReady(node)) {
				rt.soon(`node/${name}`, () => rt.tryMutate(K.nodes, undefined, name, target => applyNodeFault(target, rt.now())));
				return;
			}
			const ready = isNodeReady(node);
			kubelet.nodeReadiness(name, ready);
			const before = lastReady.get(name);
			lastReady.set(name, ready);
			if (before !== undefined && before !== ready) {
				const status = ready ? 'NodeReady' : 'NodeNotReady';
				record({kind: 'Node', name, uid: node.metadata.uid}, 'Normal', status, `Node ${name} status is now: ${status}`, {component: 'node-controller'});
			}
			if (!ready && !evictions.has(name)) {
				// The taint manager: each pod goes when its toleration of unreachable:NoExecute runs out
				// (DaemonSet-style pods tolerate it forever). Checked every 10s rather than a timer per pod.
				const since = rt.now();
				evictions.set(name, rt.every(10_000, () => {
					const current = rt.get(K.nodes, undefined, name);
					if (!current || isNodeReady(current)) return;
					const elapsed = (rt.now() - since) * rt.speed;
					for (const pod of podsOnNode(name)) {
						if (!pod.metadata.deletionTimestamp && elapsed >= tolerationMs(pod)) deletePod(rt, pod);
					}
				}));
			} else if (ready) {
				evictions.get(name)?.();
				evictions.delete(name);
			}
		},
	};
}
