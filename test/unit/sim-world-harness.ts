// Shared by the sim-world tests: a real SimStore with a world on it, and polling helpers.
import {SimStore} from '../../source/sim/store.js';
import type {World, WorldOptions} from '../../source/sim/contracts.js';
import type {KubeObject} from '../../source/model/types.js';
import {startWorld} from '../../source/sim/world/index.js';

export interface Harness {
	store: SimStore;
	world: World;
	stop(): void;
}

export function startHarness(options: Partial<WorldOptions> = {}): Harness {
	const store = new SimStore();
	const world = startWorld(store, {scenario: 'empty', speed: 50, seed: 1, ...options});
	return {store, world, stop: () => world.stop()};
}

/** Polls until `check` returns a value (not undefined/false); fails with `what` after the timeout. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/**
 * A pod has reached its story: found unschedulable, or past the kubelet's first steps (no
 * container still ContainerCreating or PodInitializing). The world runs on wall-clock timers,
 * so a starved test process sees earlier moments of the same story; tests wait for this with
 * a deadline instead of assuming how far the story got.
 */
export function podSettled(pod: KubeObject): boolean {
	const conditions = (pod.status?.conditions as Array<{type: string; status: string}> | undefined) ?? [];
	if (conditions.some(c => c.type === 'PodScheduled' && c.status === 'False')) return true;
	const statuses = (pod.status?.containerStatuses as Array<{state?: {waiting?: {reason?: string}}}> | undefined) ?? [];
	if (statuses.length === 0) return false;
	return statuses.every(c => !['ContainerCreating', 'PodInitializing'].includes(c.state?.waiting?.reason ?? ''));
}

/** How long the world tests allow a story to unfold on a starved machine: a deadline, not a pause. */
export const STORY_DEADLINE_MS = 90_000;

export function deployment(namespace: string, name: string, replicas: number, extra: {image?: string; annotations?: Record<string, string>; strategy?: Record<string, unknown>; resources?: Record<string, unknown>; tolerations?: unknown[]} = {}): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, namespace, uid: '', labels: {app: name}},
		spec: {
			replicas,
			selector: {matchLabels: {app: name}},
			...(extra.strategy ? {strategy: extra.strategy} : {}),
			template: {
				metadata: {labels: {app: name}, ...(extra.annotations ? {annotations: extra.annotations} : {})},
				spec: {containers: [{name: 'app', image: extra.image ?? 'nginx:1.27.3', resources: extra.resources ?? {requests: {cpu: '100m', memory: '64Mi'}}}], ...(extra.tolerations ? {tolerations: extra.tolerations} : {})},
			},
		},
	};
}

export function barePod(namespace: string, name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): KubeObject {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace, uid: '', ...(annotations ? {annotations} : {})}, spec: {restartPolicy: 'Always', terminationGracePeriodSeconds: 30, ...spec}, status: {phase: 'Pending'}};
}

export function podsOf(store: SimStore, namespace: string, prefix: string): KubeObject[] {
	return store.list('pods', namespace).filter(p => p.metadata.name.startsWith(`${prefix}-`));
}

export function isReady(pod: KubeObject): boolean {
	return ((pod.status?.conditions as Array<{type: string; status: string}> | undefined) ?? []).some(c => c.type === 'Ready' && c.status === 'True');
}

export function containerStatus(pod: KubeObject, index = 0): {state: Record<string, {reason?: string; exitCode?: number; message?: string}>; lastState: Record<string, {reason?: string; exitCode?: number}>; restartCount: number; ready: boolean} | undefined {
	return (pod.status?.containerStatuses as never[] | undefined)?.[index];
}

/** What `kubectl rollout status` waits for. */
export function rolloutComplete(d: KubeObject | undefined): boolean {
	if (!d) return false;
	const s = (d.status ?? {}) as {observedGeneration?: number; updatedReplicas?: number; replicas?: number; availableReplicas?: number};
	const desired = (d.spec?.replicas as number) ?? 1;
	return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) && (s.updatedReplicas ?? 0) === desired && (s.replicas ?? 0) === desired && (s.availableReplicas ?? 0) === desired;
}
