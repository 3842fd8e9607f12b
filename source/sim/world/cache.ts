// The world's own slim index of pods, kept current from store events. Controllers must not
// list 50,000 pods (each store read is a copy) on every change; they ask this index instead:
// pods by owner, by node (with summed requests for the scheduler), by namespace, and pending.
import type {KubeObject} from '../../model/types.js';
import {podRequests} from './requests.js';
import {parseTime} from './runtime.js';

export interface PodInfo {
	uid: string;
	namespace: string;
	name: string;
	labels: Record<string, string>;
	createdAt: number;
	/** Arrival order in this index: the scheduler's queue is first-in, first-out. */
	seq: number;
	ownerUid?: string;
	nodeName?: string;
	phase: string;
	deleting: boolean;
	ready: boolean;
	/** When Ready last became True (epoch ms), for minReadySeconds/availability. */
	readySince?: number;
	scheduled: boolean;
	podIP?: string;
	requests: Record<string, number>;
}

export interface NodeUsage {
	used: Record<string, number>;
	count: number;
}

export function isTerminal(phase: string): boolean {
	return phase === 'Succeeded' || phase === 'Failed';
}

export function podInfoOf(pod: KubeObject): PodInfo {
	const status = (pod.status ?? {}) as {phase?: string; podIP?: string; conditions?: Array<{type: string; status: string; lastTransitionTime?: string}>};
	const spec = (pod.spec ?? {}) as {nodeName?: string};
	const conditions = status.conditions ?? [];
	const readyCondition = conditions.find(c => c.type === 'Ready');
	const ready = readyCondition?.status === 'True';
	const owner = pod.metadata.ownerReferences?.find(ref => ref.controller) ?? undefined;
	return {
		uid: pod.metadata.uid,
		namespace: pod.metadata.namespace ?? 'default',
		name: pod.metadata.name,
		labels: pod.metadata.labels ?? {},
		createdAt: parseTime(pod.metadata.creationTimestamp) ?? 0,
		seq: 0,
		ownerUid: owner?.uid,
		nodeName: spec.nodeName || undefined,
		phase: status.phase ?? 'Pending',
		deleting: Boolean(pod.metadata.deletionTimestamp),
		ready,
		readySince: ready ? parseTime(readyCondition?.lastTransitionTime) : undefined,
		scheduled: Boolean(spec.nodeName),
		podIP: status.podIP,
		requests: podRequests(pod),
	};
}

export class PodCache {
	readonly pods = new Map<string, PodInfo>();
	readonly byOwner = new Map<string, Set<string>>();
	readonly byNamespace = new Map<string, Set<string>>();
	readonly usage = new Map<string, NodeUsage>();
	readonly pending = new Set<string>();
	private arrivals = 0;

	/** Applies an event; returns the previous info (undefined when new). */
	apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: KubeObject): PodInfo | undefined {
		const previous = this.pods.get(pod.metadata.uid);
		if (previous) this.unindex(previous);
		if (type === 'DELETED') {
			this.pods.delete(pod.metadata.uid);
			return previous;
		}
		const info = podInfoOf(pod);
		info.seq = previous?.seq ?? ++this.arrivals;
		this.pods.set(info.uid, info);
		this.index(info);
		return previous;
	}

	ownedBy(uid: string): PodInfo[] {
		return this.lookup(this.byOwner.get(uid));
	}

	inNamespace(namespace: string): PodInfo[] {
		return this.lookup(this.byNamespace.get(namespace));
	}

	private lookup(uids: Iterable<string> | undefined): PodInfo[] {
		const result: PodInfo[] = [];
		for (const podUid of uids ?? []) {
			const info = this.pods.get(podUid);
			if (info) result.push(info);
		}
		return result;
	}

	usageOf(node: string): NodeUsage {
		return this.usage.get(node) ?? {used: {}, count: 0};
	}

	private index(info: PodInfo): void {
		if (info.ownerUid) addTo(this.byOwner, info.ownerUid, info.uid);
		addTo(this.byNamespace, info.namespace, info.uid);
		if (!info.nodeName && !info.deleting && !isTerminal(info.phase)) this.pending.add(info.uid);
		// Terminal pods release their resources (the scheduler ignores Succeeded/Failed pods).
		if (info.nodeName && !isTerminal(info.phase)) this.adjust(info.nodeName, info.requests, 1);
	}

	private unindex(info: PodInfo): void {
		if (info.ownerUid) removeFrom(this.byOwner, info.ownerUid, info.uid);
		removeFrom(this.byNamespace, info.namespace, info.uid);
		this.pending.delete(info.uid);
		if (info.nodeName && !isTerminal(info.phase)) this.adjust(info.nodeName, info.requests, -1);
	}

	private adjust(node: string, requests: Record<string, number>, sign: 1 | -1): void {
		let usage = this.usage.get(node);
		if (!usage) {
			usage = {used: {}, count: 0};
			this.usage.set(node, usage);
		}
		usage.count += sign;
		for (const [name, value] of Object.entries(requests)) {
			// Integer amounts (scheduler units): adding and removing pods leaves no rounding noise.
			usage.used[name] = (usage.used[name] ?? 0) + sign * value;
		}
	}
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
	let set = map.get(key);
	if (!set) {
		set = new Set();
		map.set(key, set);
	}
	set.add(value);
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
	const set = map.get(key);
	if (!set) return;
	set.delete(value);
	if (set.size === 0) map.delete(key);
}
