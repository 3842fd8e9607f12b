// The scheduler as a controller: binds pending pods with placePod (scheduler.ts), records
// Scheduled / FailedScheduling events and the PodScheduled condition, and retries unschedulable
// pods when nodes or running pods change, and every 30 simulated seconds regardless.
import type {KubeObject} from '../../model/types.js';
import {schedulerAmount} from './quantity.js';
import type {PodCache} from './cache.js';
import type {EventRecorder} from './events.js';
import {placePod, type NodeFacts, type PodNeeds, type SelectorRequirement, type Taint, type Toleration} from './scheduler.js';
import {isoTime, K, parseTime, type Runtime} from './runtime.js';

const EVENT_TTL_MS = 3_600_000;

export interface SchedulingController {
	nodeChanged(node: KubeObject | undefined, name: string): void;
	/** Something that may free or need capacity happened. */
	poke(): void;
}

type NodeStatic = Omit<NodeFacts, 'used' | 'podCount'>;

function nodeStatic(node: KubeObject): NodeStatic {
	const spec = (node.spec ?? {}) as {unschedulable?: boolean; taints?: Taint[]};
	const allocatable: Record<string, number> = {};
	const raw = ((node.status as {allocatable?: Record<string, string>} | undefined)?.allocatable ?? {});
	for (const [name, value] of Object.entries(raw)) allocatable[name] = schedulerAmount(name, value);
	return {name: node.metadata.name, labels: node.metadata.labels ?? {}, taints: spec.taints ?? [], unschedulable: Boolean(spec.unschedulable), allocatable};
}

export function podNeeds(pod: KubeObject, requests: Record<string, number>): PodNeeds {
	const spec = (pod.spec ?? {}) as {
		nodeSelector?: Record<string, string>;
		tolerations?: Toleration[];
		affinity?: {nodeAffinity?: {requiredDuringSchedulingIgnoredDuringExecution?: {nodeSelectorTerms?: Array<{matchExpressions?: SelectorRequirement[]}>}}};
	};
	const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
	return {
		requests,
		nodeSelector: spec.nodeSelector,
		tolerations: spec.tolerations,
		affinityTerms: terms?.map(term => term.matchExpressions ?? []),
	};
}

export function createScheduling(rt: Runtime, cache: PodCache, record: EventRecorder): SchedulingController {
	const nodes = new Map<string, NodeStatic>();
	const signatures = new Map<string, string>();
	// Unschedulable pods back off (1s doubling to 10s, kube-scheduler's defaults) so that busy
	// clusters do not re-evaluate, and re-event, them on every pod change.
	const backoff = new Map<string, {attempts: number; until: number}>();
	let retryAt = Infinity;
	let cancelRetry: (() => void) | undefined;
	for (const node of rt.store.list(K.nodes)) {
		nodes.set(node.metadata.name, nodeStatic(node));
	}

	function pass(): void {
		if (cache.pending.size === 0) return;
		const pending = [...cache.pending].map(uid => cache.pods.get(uid)!).filter(Boolean);
		pending.sort((a, b) => a.seq - b.seq);
		const now = rt.now();
		let earliest = Infinity;
		for (const info of pending) {
			if (!cache.pending.has(info.uid)) continue;
			const waiting = backoff.get(info.uid);
			if (waiting && waiting.until > now) {
				earliest = Math.min(earliest, waiting.until);
				continue;
			}
			const pod = rt.get(K.pods, info.namespace, info.name);
			if (!pod || pod.metadata.uid !== info.uid || pod.metadata.deletionTimestamp) continue;
			const schedulerName = (pod.spec as {schedulerName?: string} | undefined)?.schedulerName;
			if (schedulerName && schedulerName !== 'default-scheduler') continue;
			if (((pod.spec as {schedulingGates?: unknown[]} | undefined)?.schedulingGates ?? []).length) continue;
			const facts: NodeFacts[] = [...nodes.values()].map(node => {
				const usage = cache.usageOf(node.name);
				return {...node, used: usage.used, podCount: usage.count};
			});
			const placement = placePod(podNeeds(pod, info.requests), facts);
			const involved = {kind: 'Pod', namespace: info.namespace, name: info.name, uid: info.uid};
			// kube-scheduler records through events.k8s.io: the action says which step spoke.
			const source = {component: 'default-scheduler'};
			// A seeded pod created in the past was looked at a moment after it was created.
			const decidedAt = rt.seeding ? Math.min(now, (parseTime(pod.metadata.creationTimestamp) ?? now) + 1000) : now;
			if ('node' in placement) {
				const boundAt = decidedAt;
				rt.tryMutate(K.pods, info.namespace, info.name, target => {
					if (target.metadata.uid !== info.uid) return;
					(target.spec ??= {}).nodeName = placement.node;
					setScheduled(target, 'True', undefined, undefined, boundAt);
				});
				// Events live an hour (the API server's event TTL): an older binding left none behind.
				if (now - boundAt < EVENT_TTL_MS) record(involved, 'Normal', 'Scheduled', `Successfully assigned ${info.namespace}/${info.name} to ${placement.node}`, {...source, action: 'Binding'}, boundAt);
				backoff.delete(info.uid);
			} else {
				const attempts = (backoff.get(info.uid)?.attempts ?? 0) + 1;
				const until = now + Math.min(10_000, 1000 * 2 ** (attempts - 1)) / rt.speed;
				backoff.set(info.uid, {attempts, until});
				earliest = Math.min(earliest, until);
				rt.tryMutate(K.pods, info.namespace, info.name, target => {
					if (target.metadata.uid === info.uid) setScheduled(target, 'False', 'Unschedulable', placement.message, decidedAt);
				});
				record(involved, 'Warning', 'FailedScheduling', placement.message, {...source, action: 'Scheduling'});
			}
		}
		for (const uid of backoff.keys()) if (!cache.pending.has(uid)) backoff.delete(uid);
		// Pods in back-off are looked at again when it expires, rather than on the next event.
		if (earliest < retryAt) {
			cancelRetry?.();
			retryAt = earliest;
			cancelRetry = rt.after((earliest - rt.now()) * rt.speed + 1, () => {
				retryAt = Infinity;
				cancelRetry = undefined;
				schedule();
			});
		}
	}

	function setScheduled(pod: KubeObject, status: 'True' | 'False', reason?: string, message?: string, at = rt.now()): void {
		const podStatus = (pod.status ??= {}) as {phase?: string; conditions?: Array<Record<string, unknown>>};
		podStatus.phase ??= 'Pending';
		const conditions = (podStatus.conditions ??= []);
		const existing = conditions.find(c => c.type === 'PodScheduled');
		const condition: Record<string, unknown> = {type: 'PodScheduled', status, lastProbeTime: null, lastTransitionTime: existing?.status === status ? existing.lastTransitionTime : isoTime(at)};
		if (reason) condition.reason = reason;
		if (message) condition.message = message;
		if (existing) Object.keys(existing).forEach(key => delete existing[key]);
		if (existing) Object.assign(existing, condition);
		else conditions.push(condition);
	}

	const schedule = () => rt.soon('scheduler', pass);
	rt.every(30_000, schedule);

	return {
		nodeChanged(node, name) {
			if (!node) {
				nodes.delete(name);
				signatures.delete(name);
				return schedule();
			}
			const facts = nodeStatic(node);
			// Heartbeats change nothing the scheduler reads; only real changes trigger a pass.
			const signature = JSON.stringify(facts);
			nodes.set(name, facts);
			if (signatures.get(name) === signature) return;
			signatures.set(name, signature);
			schedule();
		},
		poke: schedule,
	};
}
