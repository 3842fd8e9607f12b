// What the simulated kubelets report as resource usage, as metrics-server would aggregate it:
// derived from each container's requests with deterministic noise per metrics window, and bent
// by the demo's stories (a crash-looping container spikes as it restarts; a pod annotated idle
// sits near zero). Pure: the same pod at the same window always reads the same, so kubectl top
// and kubedeck can be compared within a window.
import type {KubeObject} from '../../model/types.js';
import {scaledQuantity} from '../world/quantity.js';

/** metrics-server's default --metric-resolution. */
export const METRICS_WINDOW_MS = 15_000;

/** The pod annotation that tells the simulator a pod holds its resources without using them. */
export const USAGE_ANNOTATION = 'sim.kubedeck.io/usage';
const FAULT_ANNOTATION = 'sim.kubedeck.io/fault';

export interface Usage {
	/** nanocores */
	cpu: number;
	/** bytes */
	memory: number;
}

export interface ContainerUsage extends Usage {
	name: string;
}

/** The start of the metrics window a moment falls in: the sample's timestamp. */
export const windowStart = (nowMs: number): number => Math.floor(nowMs / METRICS_WINDOW_MS) * METRICS_WINDOW_MS;

/** A stable fraction in [0, 1) from a text (FNV-1a, then a final mix). */
export function noise(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 15;
	h = Math.imul(h, 0x2c1b3c6d);
	h ^= h >>> 12;
	return (h >>> 0) / 2 ** 32;
}

interface Container {
	name: string;
	resources?: {requests?: Record<string, unknown>; limits?: Record<string, unknown>};
}

function amount(resources: Container['resources'], name: string, scale: number): number | undefined {
	return scaledQuantity(resources?.requests?.[name], scale) ?? scaledQuantity(resources?.limits?.[name], scale);
}

const limit = (resources: Container['resources'], name: string, scale: number): number | undefined => scaledQuantity(resources?.limits?.[name], scale);

/** Whether metrics-server would have a sample for the pod: it runs on a node. */
export function reportsUsage(pod: KubeObject): boolean {
	const status = pod.status as {phase?: string} | undefined;
	return typeof pod.spec?.nodeName === 'string' && status?.phase === 'Running';
}

/** Usage of each app container of a running pod at the window containing nowMs. */
export function podUsage(pod: KubeObject, nowMs: number): ContainerUsage[] {
	const bucket = windowStart(nowMs) / METRICS_WINDOW_MS;
	const annotations = pod.metadata.annotations ?? {};
	const idle = annotations[USAGE_ANNOTATION] === 'idle';
	const crashing = annotations[FAULT_ANNOTATION] === 'crashloop';
	const containers = Array.isArray(pod.spec?.containers) ? (pod.spec!.containers as Container[]) : [];
	return containers.map(c => {
		const key = `${pod.metadata.namespace}/${pod.metadata.name}/${c.name}`;
		const steady = noise(key);
		const jitter = noise(`${key}#${bucket}`);
		const cpuRequest = amount(c.resources, 'cpu', 9) ?? 50_000_000; // 50m when nothing is asked
		const memRequest = amount(c.resources, 'memory', 0) ?? 64 * 2 ** 20;
		let cpuShare = 0.15 + 0.45 * steady + 0.2 * (jitter - 0.5);
		let memShare = 0.35 + 0.4 * steady + 0.05 * (jitter - 0.5);
		if (idle) {
			cpuShare = 0.002 + 0.003 * jitter;
			memShare = 0.2 + 0.02 * jitter;
		} else if (crashing) {
			// Start-up work of a container that keeps restarting: above its request, up to its limit.
			cpuShare = 1.1 + 0.6 * jitter;
			memShare = 0.7 + 0.25 * jitter;
		}
		let cpu = Math.round(cpuRequest * cpuShare);
		let memory = Math.round(memRequest * memShare / 1024) * 1024; // the kubelet reports whole KiB
		const cpuLimit = limit(c.resources, 'cpu', 9);
		const memLimit = limit(c.resources, 'memory', 0);
		if (cpuLimit !== undefined) cpu = Math.min(cpu, cpuLimit);
		if (memLimit !== undefined) memory = Math.min(memory, Math.floor(memLimit / 1024) * 1024);
		return {name: c.name, cpu: Math.max(cpu, 100_000), memory: Math.max(memory, 1024 * 1024)};
	});
}

/** A node's usage: its running pods plus the system daemons outside any pod. */
export function nodeUsage(node: KubeObject, podsOnNode: readonly KubeObject[], nowMs: number): Usage {
	const bucket = windowStart(nowMs) / METRICS_WINDOW_MS;
	const jitter = noise(`${node.metadata.name}#${bucket}`);
	let cpu = 80_000_000 + Math.round(40_000_000 * jitter);
	let memory = (700 + Math.round(100 * jitter)) * 2 ** 20;
	for (const pod of podsOnNode) {
		for (const c of podUsage(pod, nowMs)) {
			cpu += c.cpu;
			memory += c.memory;
		}
	}
	return {cpu, memory};
}
