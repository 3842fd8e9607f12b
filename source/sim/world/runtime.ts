// Shared machinery of the world's controllers: the store, a seeded random source, and timers
// that are scaled by `speed`, never keep the process alive, and are all cleared by stop().
import type {ObjectStore, ResourceKey} from '../contracts.js';
import type {KubeObject} from '../../model/types.js';

export const K = {
	pods: 'pods',
	nodes: 'nodes',
	namespaces: 'namespaces',
	services: 'services',
	events: 'events',
	configmaps: 'configmaps',
	deployments: 'deployments.apps',
	replicasets: 'replicasets.apps',
	endpointslices: 'endpointslices.discovery.k8s.io',
	hpas: 'horizontalpodautoscalers.autoscaling',
	daemonsets: 'daemonsets.apps',
	jobs: 'jobs.batch',
	statefulsets: 'statefulsets.apps',
} as const;

/** mulberry32: tiny, fast, and good enough for names and jitter; the same seed gives the same world. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a 32-bit: the hash Kubernetes uses for pod-template-hash; also seeds per-object streams. */
export function fnv32a(text: string, basis = 0x811c9dc5): number {
	let hash = basis >>> 0;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

// Kubernetes' rand.String alphabet: no vowels (no accidental words) and no look-alike digits.
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Kubernetes' SafeEncodeString: maps each character onto the safe alphabet. */
export function safeEncode(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) out += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length];
	return out;
}

export interface Runtime {
	store: ObjectStore;
	speed: number;
	seed: number;
	random(): number;
	/** n random characters from the Kubernetes name alphabet (pod and slice suffixes). */
	suffix(n: number): string;
	now(): number;
	/** Runs fn after `ms` of simulated time (ms / speed of real time). Returns a cancel function. */
	after(ms: number, fn: () => void): () => void;
	/** Runs fn every `ms` of simulated time. */
	every(ms: number, fn: () => void): () => void;
	/** Runs fn once soon (coalesces repeated requests with the same key). */
	soon(key: string, fn: () => void): void;
	/** Runs fn once after `ms` of real time; further requests with the same key meanwhile are absorbed. */
	throttle(key: string, ms: number, fn: () => void): void;
	has(key: ResourceKey): boolean;
	/** Get without throwing. */
	get(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined;
	/** Mutate that ignores objects that vanished meanwhile (controllers race with deletes, as in a real cluster). */
	tryMutate(key: ResourceKey, namespace: string | undefined, name: string, fn: (object: KubeObject) => void): KubeObject | undefined;
	/**
	 * While true the world is seeding a scenario: controllers date what they do to a backdated
	 * object from its creationTimestamp, so the demo opens on a cluster with a past. It ends when
	 * the world first falls quiet (whenQuiet), however long the machine takes to get there.
	 */
	seeding: boolean;
	/**
	 * Runs fn once, the first time no work is queued (soon) or throttled: the cascade of
	 * reconciles that follows a change has run its course. A condition, not a wall-clock time.
	 */
	whenQuiet(fn: () => void): void;
	stopped: boolean;
	stop(): void;
	onStop(fn: () => void): void;
}

export function createRuntime(store: ObjectStore, options: {speed?: number; seed?: number; keepAlive?: boolean}): Runtime {
	const speed = options.speed && options.speed > 0 ? options.speed : 1;
	const seed = options.seed ?? 42;
	const random = seededRandom(seed);
	// Names draw from their own stream: timer-driven jitter must not shift which names a seed gives.
	const names = seededRandom(seed ^ 0x9e3779b9);
	const timers = new Set<NodeJS.Timeout>();
	const pending = new Map<string, () => void>();
	let flushScheduled = false;
	let flushTimer: NodeJS.Timeout | undefined;
	const stopHooks: Array<() => void> = [];
	const throttled = new Set<string>();
	const quietHooks: Array<() => void> = [];
	const checkQuiet = () => {
		if (runtime.stopped || pending.size > 0 || throttled.size > 0) return;
		for (const hook of quietHooks.splice(0)) {
			try {
				hook();
			} catch (error) {
				reportError(error);
			}
		}
	};
	const known = new Set(store.types().map(type => (type.group ? `${type.resource}.${type.group}` : type.resource)));
	const unref = (timer: NodeJS.Timeout) => {
		if (!options.keepAlive) timer.unref();
		return timer;
	};

	const runtime: Runtime = {
		store,
		speed,
		seed,
		random,
		suffix(n) {
			let out = '';
			for (let i = 0; i < n; i++) out += ALPHANUMS[Math.floor(names() * ALPHANUMS.length)];
			return out;
		},
		now: () => Date.now(),
		after(ms, fn) {
			if (runtime.stopped) return () => {};
			const timer = unref(
				setTimeout(() => {
					timers.delete(timer);
					if (!runtime.stopped) fn();
				}, Math.max(0, ms / speed)),
			);
			timers.add(timer);
			return () => {
				clearTimeout(timer);
				timers.delete(timer);
			};
		},
		every(ms, fn) {
			if (runtime.stopped) return () => {};
			const timer = unref(
				setInterval(() => {
					if (!runtime.stopped) fn();
				}, Math.max(1, ms / speed)),
			);
			timers.add(timer);
			return () => {
				clearInterval(timer);
				timers.delete(timer);
			};
		},
		soon(key, fn) {
			if (runtime.stopped) return;
			pending.set(key, fn);
			if (flushScheduled) return;
			flushScheduled = true;
			// A macrotask, not a microtask: store listeners run inside writes, and controllers must
			// not write re-entrantly; batching also collapses bursts of events into one reconcile.
			flushTimer = unref(
				setTimeout(() => {
					flushScheduled = false;
					flushTimer = undefined;
					// Work queued while flushing runs in the next round, so one busy controller cannot starve timers.
					const batch = [...pending.values()];
					pending.clear();
					for (const work of batch) {
						if (runtime.stopped) return;
						try {
							work();
						} catch (error) {
							reportError(error);
						}
					}
					checkQuiet();
				}, 0),
			);
		},
		throttle(key, ms, fn) {
			if (runtime.stopped || throttled.has(key)) return;
			throttled.add(key);
			const timer = unref(
				setTimeout(() => {
					timers.delete(timer);
					throttled.delete(key);
					if (runtime.stopped) return;
					try {
						fn();
					} catch (error) {
						reportError(error);
					}
					checkQuiet();
				}, ms),
			);
			timers.add(timer);
		},
		has: key => known.has(key),
		get(key, namespace, name) {
			return store.get(key, namespace, name);
		},
		tryMutate(key, namespace, name, fn) {
			if (!store.get(key, namespace, name)) return undefined;
			try {
				return store.mutate(key, namespace, name, fn);
			} catch (error) {
				if ((error as {code?: number}).code === 404) return undefined;
				throw error;
			}
		},
		seeding: false,
		whenQuiet(fn) {
			if (runtime.stopped) return;
			quietHooks.push(fn);
			// A round of the queue, so the check runs even if nothing else is queued.
			runtime.soon('runtime/quiet-check', () => {});
		},
		stopped: false,
		stop() {
			runtime.stopped = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			if (flushTimer) clearTimeout(flushTimer);
			pending.clear();
			for (const hook of stopHooks.splice(0)) hook();
		},
		onStop(fn) {
			stopHooks.push(fn);
		},
	};
	return runtime;
}

// Controllers must survive a bad object (a user can create anything through the API);
// they report and carry on, like a real controller logging a reconcile error.
function reportError(error: unknown): void {
	if (process.env.KUBEDECK_SIM_DEBUG) console.error('sim world:', error);
}

export {isoTime, parseTime} from '../time.js';
