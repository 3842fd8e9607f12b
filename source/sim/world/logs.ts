// Container logs: a bounded ring per container instance, filled lazily up to "now" from the
// instance's deterministic stream (no timer per container, so 50,000 idle pods cost nothing),
// the previous instance kept after a restart, and followers fed by one shared ticker.
import {ApiError, type LogLine, type LogQuery, type LogSource} from '../contracts.js';
import type {KubeObject} from '../../model/types.js';
import {createStream, meanIntervalMs, profileFor, type LogStream} from './loggen.js';
import {K, parseTime, type Runtime} from './runtime.js';

export class LogRing {
	private readonly buffer: LogLine[] = [];
	private start = 0;
	constructor(readonly capacity: number) {}

	push(line: LogLine): void {
		if (this.buffer.length < this.capacity) {
			this.buffer.push(line);
			return;
		}
		this.buffer[this.start] = line;
		this.start = (this.start + 1) % this.capacity;
	}

	get size(): number {
		return this.buffer.length;
	}

	/** Oldest first. */
	lines(): LogLine[] {
		return [...this.buffer.slice(this.start), ...this.buffer.slice(0, this.start)];
	}
}

export const RING_CAPACITY = 5000;

export type EndKind = 'crash' | 'oom' | 'completed' | 'killed';

interface Instance {
	index: number;
	start: number;
	end?: number;
	endKind?: EndKind;
	ring: LogRing;
	stream: LogStream;
	/** Next ordinary line's time (epoch ms). */
	nextAt: number;
	finished: boolean;
	followers: Set<Follower>;
}

interface Follower {
	onLine(line: LogLine): void;
	onEnd(reason: string): void;
}

interface ContainerLog {
	image: string;
	init: boolean;
	/** Newest last; at most two kept (current and previous). */
	instances: Instance[];
}

export interface LogBook extends LogSource {
	started(pod: KubeObject, container: string, index: number, at: number): void;
	stopped(uid: string, container: string, at: number, kind: EndKind): void;
	forget(uid: string): void;
}

export function createLogBook(runtime: Runtime): LogBook {
	const containers = new Map<string, ContainerLog>();
	const byPod = new Map<string, Set<string>>();
	const following = new Set<Instance>();
	let cancelTicker: (() => void) | undefined;

	const keyOf = (uid: string, container: string) => `${uid}/${container}`;

	function containerSpec(pod: KubeObject, name: string): {image: string; init: boolean} | undefined {
		const spec = (pod.spec ?? {}) as {containers?: Array<{name: string; image?: string}>; initContainers?: Array<{name: string; image?: string}>; ephemeralContainers?: Array<{name: string; image?: string}>};
		const main = [...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].find(c => c.name === name);
		if (main) return {image: main.image ?? '', init: false};
		const init = (spec.initContainers ?? []).find(c => c.name === name);
		return init ? {image: init.image ?? '', init: true} : undefined;
	}

	function newInstance(pod: KubeObject, container: string, image: string, init: boolean, index: number, at: number): Instance {
		const identity = `${pod.metadata.namespace}/${pod.metadata.name}/${container}/${index}`;
		const stream = createStream(runtime.seed, identity, profileFor(image, container, init), image);
		const ring = new LogRing(RING_CAPACITY);
		for (const text of stream.startup(at)) ring.push({time: at, text});
		return {index, start: at, ring, stream, nextAt: at + stream.gap() / runtime.speed, finished: false, followers: new Set()};
	}

	function record(pod: KubeObject, container: string, image: string, init: boolean): ContainerLog {
		const key = keyOf(pod.metadata.uid, container);
		let log = containers.get(key);
		if (!log) {
			log = {image, init, instances: []};
			containers.set(key, log);
			let set = byPod.get(pod.metadata.uid);
			if (!set) byPod.set(pod.metadata.uid, (set = new Set()));
			set.add(key);
		}
		return log;
	}

	function emit(instance: Instance, line: LogLine): void {
		instance.ring.push(line);
		for (const follower of instance.followers) follower.onLine(line);
	}

	/** Produces the instance's lines up to `until` (or its end). */
	function advance(instance: Instance, until: number): void {
		const limit = instance.end !== undefined ? Math.min(until, instance.end) : until;
		// Long-idle instances skip ahead: only the last ring's worth of lines could be kept anyway.
		const span = (RING_CAPACITY * meanIntervalMs('web')) / runtime.speed;
		if (limit - instance.nextAt > span) instance.nextAt = limit - span;
		while (instance.nextAt <= limit) {
			const at = instance.nextAt;
			emit(instance, {time: Math.floor(at), text: instance.stream.next(at)});
			instance.nextAt = at + instance.stream.gap() / runtime.speed;
		}
		if (instance.end !== undefined && !instance.finished && until >= instance.end) {
			instance.finished = true;
			const last = instance.endKind === 'crash' ? instance.stream.fatal(instance.end) : instance.endKind === 'completed' ? instance.stream.completed() : [];
			for (const text of last) emit(instance, {time: instance.end, text});
			const reason = instance.endKind === 'killed' ? 'container stopped' : 'container exited';
			for (const follower of instance.followers) follower.onEnd(reason);
			instance.followers.clear();
			following.delete(instance);
		}
	}

	// Pods the kubelet never started (seeded as Running, e.g. the scale scenario) get their
	// instances from what the status says: current from state, previous from lastState.
	function derive(pod: KubeObject, container: string, log: ContainerLog): void {
		if (log.instances.length > 0) return;
		const status = (pod.status ?? {}) as Record<string, unknown>;
		const all = [...((status.initContainerStatuses as unknown[]) ?? []), ...((status.containerStatuses as unknown[]) ?? [])] as Array<{
			name: string;
			restartCount?: number;
			state?: {running?: {startedAt?: string}; terminated?: {startedAt?: string; finishedAt?: string; reason?: string}};
			lastState?: {terminated?: {startedAt?: string; finishedAt?: string; reason?: string}};
		}>;
		const entry = all.find(s => s.name === container);
		if (!entry) return;
		const restarts = entry.restartCount ?? 0;
		const last = entry.lastState?.terminated;
		const lastStart = parseTime(last?.startedAt);
		if (last && lastStart !== undefined) {
			const instance = newInstance(pod, container, log.image, log.init, Math.max(0, restarts - 1), lastStart);
			instance.end = parseTime(last.finishedAt) ?? lastStart;
			instance.endKind = last.reason === 'OOMKilled' ? 'oom' : last.reason === 'Completed' ? 'completed' : 'crash';
			log.instances.push(instance);
		}
		const running = entry.state?.running?.startedAt ?? entry.state?.terminated?.startedAt;
		const start = parseTime(running);
		if (start !== undefined) {
			const instance = newInstance(pod, container, log.image, log.init, restarts, start);
			const terminated = entry.state?.terminated;
			if (terminated) {
				instance.end = parseTime(terminated.finishedAt) ?? start;
				instance.endKind = terminated.reason === 'Completed' ? 'completed' : terminated.reason === 'OOMKilled' ? 'oom' : 'crash';
			}
			log.instances.push(instance);
		}
	}

	function waitingReason(pod: KubeObject, container: string): string {
		const status = (pod.status ?? {}) as Record<string, unknown>;
		const all = [...((status.initContainerStatuses as unknown[]) ?? []), ...((status.containerStatuses as unknown[]) ?? [])] as Array<{name: string; state?: {waiting?: {reason?: string}}}>;
		const reason = all.find(s => s.name === container)?.state?.waiting?.reason ?? 'ContainerCreating';
		// The kubelet words image failures differently from the waiting reason.
		return reason === 'ImagePullBackOff' || reason === 'ErrImagePull' ? 'trying and failing to pull image' : reason;
	}

	type Lookup = {pod: KubeObject; instance: Instance} | ApiError;

	function lookup(namespace: string, podName: string, container: string, previous: boolean): Lookup {
		const pod = runtime.get(K.pods, namespace, podName);
		if (!pod) return new ApiError(404, 'NotFound', `pods "${podName}" not found`);
		const spec = containerSpec(pod, container);
		if (!spec) return new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${podName}`);
		const log = record(pod, container, spec.image, spec.init);
		derive(pod, container, log);
		const instances = log.instances;
		if (previous) {
			// As the kubelet: "previous" is the container in lastState. While the container waits
			// (CrashLoopBackOff) no new instance has started, so that is the newest one.
			const statuses = [...(((pod.status ?? {}) as {initContainerStatuses?: unknown[]}).initContainerStatuses ?? []), ...(((pod.status ?? {}) as {containerStatuses?: unknown[]}).containerStatuses ?? [])] as Array<{name: string; state?: {waiting?: unknown}; lastState?: {terminated?: unknown}}>;
			const status = statuses.find(c => c.name === container);
			const newest = instances[instances.length - 1];
			const waiting = Boolean(status?.state?.waiting && status.lastState?.terminated);
			const before = waiting && newest?.end !== undefined ? newest : instances.length >= 2 ? instances[instances.length - 2] : undefined;
			if (!before) return new ApiError(400, 'BadRequest', `previous terminated container "${container}" in pod "${podName}" not found`);
			return {pod, instance: before};
		}
		const current = instances[instances.length - 1];
		if (!current) return new ApiError(400, 'BadRequest', `container "${container}" in pod "${podName}" is waiting to start: ${waitingReason(pod, container)}`);
		return {pod, instance: current};
	}

	function ensureTicker(): void {
		if (cancelTicker || following.size === 0) return;
		// 250ms of real time regardless of speed: followers see lines in small batches.
		cancelTicker = runtime.every(250 * runtime.speed, () => {
			const now = runtime.now();
			for (const instance of [...following]) advance(instance, now);
			if (following.size === 0 && cancelTicker) {
				cancelTicker();
				cancelTicker = undefined;
			}
		});
	}

	runtime.onStop(() => {
		for (const instance of following) {
			for (const follower of instance.followers) follower.onEnd('simulator stopped');
			instance.followers.clear();
		}
		following.clear();
	});

	return {
		read(namespace, podName, query: LogQuery) {
			const found = lookup(namespace, podName, query.container, query.previous);
			if (found instanceof ApiError) return found;
			advance(found.instance, runtime.now());
			let lines = found.instance.ring.lines();
			if (query.sinceTime !== undefined) lines = lines.filter(line => line.time >= query.sinceTime!);
			if (query.tailLines !== undefined && query.tailLines >= 0) lines = query.tailLines === 0 ? [] : lines.slice(-query.tailLines);
			return lines;
		},
		follow(namespace, podName, container, onLine, onEnd) {
			const found = lookup(namespace, podName, container, false);
			if (found instanceof ApiError) {
				onEnd(found.message);
				return () => {};
			}
			const instance = found.instance;
			if (instance.finished) {
				onEnd('container exited');
				return () => {};
			}
			// Registered before catching up, so no line falls between the caller's read and this follow.
			const follower: Follower = {onLine, onEnd};
			instance.followers.add(follower);
			following.add(instance);
			advance(instance, runtime.now());
			ensureTicker();
			return () => {
				instance.followers.delete(follower);
				if (instance.followers.size === 0) following.delete(instance);
			};
		},
		started(pod, container, index, at) {
			const spec = containerSpec(pod, container);
			if (!spec) return;
			const log = record(pod, container, spec.image, spec.init);
			log.instances.push(newInstance(pod, container, spec.image, spec.init, index, at));
			while (log.instances.length > 2) log.instances.shift();
		},
		stopped(uid, container, at, kind) {
			const log = containers.get(keyOf(uid, container));
			const current = log?.instances[log.instances.length - 1];
			if (!current || current.end !== undefined) return;
			current.end = at;
			current.endKind = kind;
			advance(current, at);
		},
		forget(uid) {
			for (const key of byPod.get(uid) ?? []) {
				for (const instance of containers.get(key)?.instances ?? []) {
					for (const follower of instance.followers) follower.onEnd('pod deleted');
					instance.followers.clear();
					following.delete(instance);
				}
				containers.delete(key);
			}
			byPod.delete(uid);
		},
	};
}
