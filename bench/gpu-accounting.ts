// How long the GPU pane's pure work takes per frame on a large cluster: node rows joined with
// pods, the pending join with events, and the summary. Run: node --import tsx bench/gpu-accounting.ts
import {performance} from 'node:perf_hooks';
import {gpuNodeRowFromAllocation, gpuNodeRows, type GpuNodeInput, type GpuPodInput} from '../source/model/gpu.js';
import {gpuPendingRows, type GpuEventInput} from '../source/model/gpu-triage.js';
import {gpuSummary} from '../source/model/gpu-summary.js';
import {effectivePodRequests} from '../source/model/requests.js';

const NODES = 2000;
const GPU_NODES = 1000;
const PODS = 50_000;
const GPU_PODS = 8000;
const PENDING = 300;
const EVENTS = 5000;

const products = ['NVIDIA-H100-80GB-HBM3', 'NVIDIA-A100-SXM4-80GB', 'NVIDIA-L4-SHARED', 'AMD_Instinct_MI300X'];

function makeNodes(): GpuNodeInput[] {
	const nodes: GpuNodeInput[] = [];
	for (let i = 0; i < NODES; i++) {
		const gpu = i < GPU_NODES;
		const product = products[i % products.length]!;
		const amd = product.startsWith('AMD');
		const labels: Record<string, string> = gpu
			? amd
				? {'amd.com/gpu.product-name': product, 'amd.com/gpu.vram': '192G'}
				: {'nvidia.com/gpu.product': product, 'nvidia.com/gpu.memory': '81920', 'nvidia.com/cuda.driver-version.major': '550', 'nvidia.com/cuda.driver-version.minor': '54', 'nvidia.com/cuda.driver-version.revision': '15'}
			: {'kubernetes.io/hostname': `cpu-${i}`};
		const resources: Record<string, number> = {cpu: 96, memory: 2 ** 40, pods: 110};
		if (gpu) resources[amd ? 'amd.com/gpu' : 'nvidia.com/gpu'] = 8;
		nodes.push({uid: `n${i}`, name: `node-${i}`, status: 'Ready', unschedulable: false, labels, capacity: resources, allocatable: resources, taints: []});
	}
	return nodes;
}

function makePods(): GpuPodInput[] {
	const pods: GpuPodInput[] = [];
	for (let i = 0; i < PODS; i++) {
		const gpu = i < GPU_PODS;
		const pending = i >= PODS - PENDING;
		const nodeIndex = gpu ? i % GPU_NODES : GPU_NODES + (i % (NODES - GPU_NODES));
		const resource = products[nodeIndex % products.length]!.startsWith('AMD') ? 'amd.com/gpu' : 'nvidia.com/gpu';
		const accelerators: Record<string, number> = gpu || pending ? {[resource]: 1} : {};
		const pod: GpuPodInput = {uid: `p${i}`, name: `pod-${i}`, namespace: `ns-${i % 50}`, phase: pending ? 'Pending' : 'Running', status: pending ? 'Pending' : 'Running', accelerators, owners: []};
		if (pending) pod.scheduled = {status: 'False', reason: 'Unschedulable', message: 'Insufficient nvidia.com/gpu', since: Date.now() - 60_000};
		else pod.node = `node-${nodeIndex}`;
		pods.push(pod);
	}
	return pods;
}

function makeEvents(): GpuEventInput[] {
	const events: GpuEventInput[] = [];
	for (let i = 0; i < EVENTS; i++) {
		const pod = PODS - PENDING + (i % PENDING);
		events.push({reason: i % 3 === 0 ? 'Scheduled' : 'FailedScheduling', message: `0/${NODES} nodes are available (${i})`, involved: {kind: 'Pod', namespace: `ns-${pod % 50}`, name: `pod-${pod}`, uid: `p${pod}`}, lastSeen: i});
	}
	return events;
}

function time(label: string, runs: number, fn: () => unknown): void {
	fn(); // warm-up
	const samples: number[] = [];
	for (let r = 0; r < runs; r++) {
		const start = performance.now();
		fn();
		samples.push(performance.now() - start);
	}
	samples.sort((a, b) => a - b);
	const median = samples[Math.floor(samples.length / 2)]!;
	const p95 = samples[Math.floor(samples.length * 0.95)]!;
	console.log(`${label.padEnd(58)} median ${median.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms`);
}

const nodes = makeNodes();
const pods = makePods();
const events = makeEvents();
console.log(`${NODES} nodes (${GPU_NODES} with GPUs), ${PODS} pods (${GPU_PODS} holding GPUs, ${PENDING} pending), ${EVENTS} events`);

time('gpuNodeRows (nodes ⋈ pods, all GPU rows)', 30, () => gpuNodeRows(nodes, pods));
const allocation = new Map<string, Record<string, number>>();
for (const pod of pods) {
	if (!pod.node) continue;
	const sums = allocation.get(pod.node) ?? {};
	for (const [k, v] of Object.entries(pod.accelerators)) sums[k] = (sums[k] ?? 0) + v;
	allocation.set(pod.node, sums);
}
// Fresh label objects each run: what a full relist costs (every label set parsed anew).
time('gpuNodeRowFromAllocation × nodes, labels parsed anew', 30, () => nodes.map((n) => gpuNodeRowFromAllocation({...n, labels: {...n.labels}}, allocation.get(n.name) ?? {}, undefined)));
// Same label objects: what an allocation change costs (the join keeps each node's labels object).
time('gpuNodeRowFromAllocation × nodes, labels unchanged', 30, () => nodes.map((n) => gpuNodeRowFromAllocation(n, allocation.get(n.name) ?? {}, undefined)));
time('gpuPendingRows (pods + FailedScheduling join)', 30, () => gpuPendingRows(pods, events));
const rows = gpuNodeRows(nodes, pods);
const pending = gpuPendingRows(pods, events);
time('gpuSummary', 30, () => gpuSummary(rows, pending));

const podObject = {
	metadata: {name: 'p', uid: 'u'},
	spec: {
		initContainers: [{name: 'sidecar', restartPolicy: 'Always', resources: {requests: {cpu: '100m', memory: '64Mi'}}}, {name: 'init', resources: {requests: {cpu: '2'}}}],
		containers: [{name: 'main', resources: {limits: {'nvidia.com/gpu': '2', cpu: '8', memory: '64Gi'}}}],
		overhead: {cpu: '250m'},
	},
};
time('effectivePodRequests × 10,000', 20, () => {
	for (let i = 0; i < 10_000; i++) effectivePodRequests(podObject);
});
