// What NVIDIA's dcgm-exporter on a simulated node answers at :9400/metrics, in its real text
// format: one series per GPU (per MIG instance on a MIG node), labelled gpu, UUID, device,
// modelName, Hostname and — for a device a pod holds — pod, namespace and container, as the
// exporter's Kubernetes mode adds them. Consistent with the store: devices are handed to the
// holder pods in a stable order; a pod annotated idle keeps its device near 0 %; the node whose
// device plugin fails reports XID 79 (fallen off the bus) and a pending row remap, after rows
// remapped for correctable and uncorrectable memory errors. Pure.
import type {KubeObject} from '../../model/types.js';
import {scaledQuantity} from './quantity.js';

export const DCGM_PORT = 9400;
export const DCGM_LABELS = {app: 'nvidia-dcgm-exporter', 'app.kubernetes.io/name': 'dcgm-exporter'};
export const DCGM_IMAGE = 'nvcr.io/nvidia/k8s/dcgm-exporter:3.3.9-3.6.1-ubuntu22.04';
const IDLE_ANNOTATION = 'sim.kubedeck.io/usage';
/** The demo's node whose GPUs failed (its device plugin crashloops). */
const FAILED_NODE_ANNOTATION = 'sim.kubedeck.io/gpu-fault';
const WINDOW_MS = 15_000;

interface Device {
	gpu: number;
	uuid: string;
	/** MIG instance, when the node is partitioned. */
	mig?: {profile: string; id: number; memoryMiB: number};
	holder?: {pod: KubeObject; container: string};
}

export function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	h ^= h >>> 13;
	return (Math.imul(h, 0x5bd1e995) >>> 0) / 2 ** 32;
}

const uuidOf = (node: string, gpu: number): string => {
	const hex = (n: number) => Math.floor(hash(`${node}/${gpu}/${n}`) * 2 ** 32).toString(16).padStart(8, '0');
	return `GPU-${hex(1)}-${hex(2).slice(0, 4)}-${hex(3).slice(0, 4)}-${hex(4).slice(0, 4)}-${hex(5)}${hex(6).slice(0, 4)}`;
};

/** The containers' requests of one resource, in the pod's container order. */
export function requestsOf(pod: KubeObject, resource: string): Array<{container: string; count: number}> {
	const containers = Array.isArray(pod.spec?.containers) ? (pod.spec!.containers as Array<{name: string; resources?: {requests?: Record<string, unknown>; limits?: Record<string, unknown>}}>) : [];
	return containers
		.map(c => ({container: c.name, count: scaledQuantity(c.resources?.limits?.[resource] ?? c.resources?.requests?.[resource], 0) ?? 0}))
		.filter(r => r.count > 0);
}

export const running = (pod: KubeObject): boolean => (pod.status as {phase?: string} | undefined)?.phase === 'Running';

/** The node's devices with their holders: whole GPUs, or MIG instances per profile (from GFD's labels). */
export function devicesOf(node: KubeObject, podsOnNode: readonly KubeObject[]): Device[] {
	const labels = node.metadata.labels ?? {};
	const name = node.metadata.name;
	const count = Number(labels['nvidia.com/gpu.count'] ?? 0);
	const holders = [...podsOnNode].filter(running).sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
	const devices: Device[] = [];
	const profiles = Object.keys(labels).filter(k => /^nvidia\.com\/mig-[^.]+\.[^.]+\.count$/.test(k)).map(k => k.slice('nvidia.com/mig-'.length, -'.count'.length));
	if (labels['nvidia.com/mig.strategy'] === 'mixed' && profiles.length > 0) {
		const nextId = new Map<number, number>();
		let slot = 0;
		for (const profile of profiles) {
			const instances = Number(labels[`nvidia.com/mig-${profile}.count`] ?? 0);
			for (let i = 0; i < instances; i++, slot++) {
				const gpu = slot % Math.max(1, count);
				const id = (nextId.get(gpu) ?? 0) + 1;
				nextId.set(gpu, id);
				devices.push({gpu, uuid: uuidOf(name, gpu), mig: {profile, id, memoryMiB: Number(labels[`nvidia.com/mig-${profile}.memory`] ?? 0)}});
			}
			for (const pod of holders) {
				for (const request of requestsOf(pod, `nvidia.com/mig-${profile}`)) {
					for (let n = 0; n < request.count; n++) {
						const free = devices.find(d => d.mig?.profile === profile && !d.holder);
						if (free) free.holder = {pod, container: request.container};
					}
				}
			}
		}
		return devices;
	}
	for (let gpu = 0; gpu < count; gpu++) devices.push({gpu, uuid: uuidOf(name, gpu)});
	// Time-sliced GPUs (GFD's gpu.replicas) are shared: holders take the devices round-robin.
	const shared = Number(labels['nvidia.com/gpu.replicas'] ?? 1) > 1;
	let next = 0;
	const extra: Device[] = [];
	for (const pod of holders) {
		for (const request of requestsOf(pod, 'nvidia.com/gpu')) {
			for (let n = 0; n < request.count && count > 0; n++) {
				const device = devices[next % count]!;
				if (!device.holder) device.holder = {pod, container: request.container};
				else if (shared) extra.push({...device, holder: {pod, container: request.container}});
				next++;
				if (!shared && next >= count) break;
			}
		}
	}
	return [...devices, ...extra].sort((a, b) => a.gpu - b.gpu);
}

const modelNameOf = (product: string | undefined): string => (product ?? 'NVIDIA GPU').replace(/-SHARED$/, '').replace(/-/g, ' ');

function escape(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

const METRICS: ReadonlyArray<[string, 'gauge' | 'counter', string]> = [
	['DCGM_FI_DEV_GPU_UTIL', 'gauge', 'GPU utilization (in %).'],
	['DCGM_FI_PROF_GR_ENGINE_ACTIVE', 'gauge', 'Ratio of time the graphics engine is active.'],
	['DCGM_FI_DEV_FB_USED', 'gauge', 'Framebuffer memory used (in MiB).'],
	['DCGM_FI_DEV_FB_FREE', 'gauge', 'Framebuffer memory free (in MiB).'],
	['DCGM_FI_DEV_GPU_TEMP', 'gauge', 'GPU temperature (in C).'],
	['DCGM_FI_DEV_POWER_USAGE', 'gauge', 'Power draw (in W).'],
	['DCGM_FI_DEV_XID_ERRORS', 'gauge', 'Value of the last XID error encountered.'],
	['DCGM_FI_DEV_ROW_REMAP_PENDING', 'gauge', 'Number of pending row remappings.'],
	['DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', 'counter', 'Number of remapped rows for correctable errors.'],
	['DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', 'counter', 'Number of remapped rows for uncorrectable errors.'],
	['DCGM_FI_DEV_CLOCK_THROTTLE_REASONS', 'gauge', 'Current clock throttle reasons (bitmask).'],
];

/** Thermal slowdown (HW_THERMAL_SLOWDOWN) in the throttle-reasons bitmask. */
const HW_THERMAL = 0x40;

/** The exporter's /metrics text for one node at a moment (values change once per 15 s window). */
export function dcgmMetricsText(node: KubeObject, podsOnNode: readonly KubeObject[], nowMs: number): string {
	const labels = node.metadata.labels ?? {};
	const name = node.metadata.name;
	const model = modelNameOf(labels['nvidia.com/gpu.product']);
	const totalMiB = Number(labels['nvidia.com/gpu.memory'] ?? 0);
	const failed = node.metadata.annotations?.[FAILED_NODE_ANNOTATION] === 'xid';
	const bucket = Math.floor(nowMs / WINDOW_MS);
	const series = new Map<string, string[]>(METRICS.map(([metric]) => [metric, []]));
	for (const device of devicesOf(node, podsOnNode)) {
		const key = `${name}/${device.gpu}/${device.mig?.id ?? ''}`;
		const jitter = hash(`${key}#${bucket}`);
		const idle = device.holder?.pod.metadata.annotations?.[IDLE_ANNOTATION] === 'idle';
		const busy = device.holder && !idle ? 0.6 + 0.3 * hash(key) + 0.1 * jitter : idle ? 0.01 * jitter : 0;
		const memMiB = device.mig?.memoryMiB || totalMiB;
		const used = Math.round(memMiB * (device.holder ? (idle ? 0.04 : 0.55 + 0.35 * hash(`${key}/mem`)) : 0.001));
		const fields: Array<[string, string]> = [
			['gpu', String(device.gpu)],
			['UUID', device.uuid],
			['pci_bus_id', `00000000:${(0x18 + device.gpu * 0x11).toString(16).toUpperCase().padStart(2, '0')}:00.0`],
			['device', `nvidia${device.gpu}`],
			['modelName', model],
		];
		if (device.mig) fields.push(['GPU_I_PROFILE', device.mig.profile], ['GPU_I_ID', String(device.mig.id)]);
		fields.push(['Hostname', name], ['DCGM_FI_DRIVER_VERSION', `${labels['nvidia.com/cuda.driver-version.major'] ?? '550'}.${labels['nvidia.com/cuda.driver-version.minor'] ?? '127'}.${labels['nvidia.com/cuda.driver-version.rev'] ?? '05'}`]);
		if (device.holder) fields.push(['container', device.holder.container], ['namespace', device.holder.pod.metadata.namespace ?? ''], ['pod', device.holder.pod.metadata.name]);
		const labelText = `{${fields.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
		const hot = device.holder && !idle && device.gpu === 7 && !device.mig;
		const values: Record<string, number | undefined> = {
			DCGM_FI_DEV_GPU_UTIL: device.mig ? undefined : Math.round(busy * 100),
			DCGM_FI_PROF_GR_ENGINE_ACTIVE: Math.round(busy * 1e6) / 1e6,
			DCGM_FI_DEV_FB_USED: used,
			DCGM_FI_DEV_FB_FREE: Math.max(0, memMiB - used),
			DCGM_FI_DEV_GPU_TEMP: device.mig ? undefined : Math.round(32 + 45 * busy + 4 * jitter + (hot ? 14 : 0)),
			DCGM_FI_DEV_POWER_USAGE: device.mig ? undefined : Math.round((70 + 560 * busy + 10 * jitter) * 1000) / 1000,
			DCGM_FI_DEV_XID_ERRORS: device.mig ? undefined : failed && device.gpu === 3 ? 79 : 0,
			DCGM_FI_DEV_ROW_REMAP_PENDING: device.mig ? undefined : failed && device.gpu === 5 ? 1 : 0,
			// The pending remap follows an uncorrectable error; the device had remapped rows for correctable ones before.
			DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS: device.mig ? undefined : failed && device.gpu === 5 ? 3 : 0,
			DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS: device.mig ? undefined : failed && device.gpu === 5 ? 1 : 0,
			DCGM_FI_DEV_CLOCK_THROTTLE_REASONS: device.mig ? undefined : hot ? HW_THERMAL : 0,
		};
		for (const [metric, value] of Object.entries(values)) if (value !== undefined) series.get(metric)!.push(`${metric}${labelText} ${value}`);
	}
	const out: string[] = [];
	for (const [metric, type, help] of METRICS) {
		const lines = series.get(metric)!;
		if (lines.length === 0) continue;
		out.push(`# HELP ${metric} ${help}`, `# TYPE ${metric} ${type}`, ...lines);
	}
	return `${out.join('\n')}\n`;
}

/**
 * The exporter pod's name on a node: a stable suffix from the node's name, so adding the
 * exporter draws nothing from the world's random suffixes (every other demo name stays as it was).
 */
export function exporterPodName(node: string): string {
	return `nvidia-dcgm-exporter-${stableSuffix(`${node}#exporter`)}`;
}

/** Five characters of a pod-name suffix, from a seed rather than the world's random draws. */
export function stableSuffix(seed: string): string {
	const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
	let suffix = '';
	for (let i = 0; i < 5; i++) suffix += alphabet[Math.floor(hash(`${seed}#${i}`) * alphabet.length)];
	return suffix;
}
