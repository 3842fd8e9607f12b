// 'demo': a cluster that tells stories at a glance. CPU workers (one NotReady), a control
// plane, and GPU nodes of every kind kubedeck must read (8×H100, A100 MIG mixed, time-sliced
// L4, AMD MI300X, and an H100 whose device plugin is failing); workloads that are healthy,
// crashlooping, failing to pull, OOMKilled once, never ready, completed, and GPU jobs that
// cannot be placed (FailedScheduling).
import {FAULT_ANNOTATION, RUN_SECONDS_ANNOTATION} from '../faults.js';
import {applyNodeFault} from '../nodes.js';
import {K, type Runtime} from '../runtime.js';
import {ensure, makeDeployment, makeHpa, makeNode, makePod, makeService, seedNamespaces, SYSTEM_NAMESPACES, type NodeSpec, type WorkloadSpec} from './build.js';

const GPU_TAINT = {key: 'nvidia.com/gpu', effect: 'NoSchedule'};
const TOLERATE_NVIDIA = [{key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule'}];
const TOLERATE_AMD = [{key: 'amd.com/gpu', operator: 'Exists', effect: 'NoSchedule'}];

function nvidiaLabels(product: string, count: number, memory: number, family: string, extra: Record<string, string> = {}): Record<string, string> {
	return {
		'nvidia.com/gpu.present': 'true',
		'nvidia.com/gpu.product': product,
		'nvidia.com/gpu.count': String(count),
		'nvidia.com/gpu.memory': String(memory),
		'nvidia.com/gpu.family': family,
		'nvidia.com/gpu.compute.major': family === 'hopper' ? '9' : '8',
		'nvidia.com/gpu.compute.minor': family === 'ada-lovelace' ? '9' : '0',
		'nvidia.com/gpu.machine': 'p5.48xlarge',
		'nvidia.com/cuda.driver-version.major': '550',
		'nvidia.com/cuda.driver-version.minor': '127',
		'nvidia.com/cuda.driver-version.rev': '05',
		'nvidia.com/cuda.runtime-version.major': '12',
		'nvidia.com/cuda.runtime-version.minor': '4',
		'nvidia.com/mig.capable': family === 'ada-lovelace' ? 'false' : 'true',
		'nvidia.com/gfd.timestamp': '1764000000',
		...extra,
	};
}

export const DEMO_NODES: NodeSpec[] = [
	{name: 'cp-1', index: 1, cpu: 4, memoryGi: 16, controlPlane: true, instanceType: 'm6i.xlarge', taints: [{key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'}]},
	{name: 'worker-1', index: 2, cpu: 16, memoryGi: 64},
	{name: 'worker-2', index: 3, cpu: 16, memoryGi: 64},
	{name: 'worker-3', index: 4, cpu: 16, memoryGi: 64},
	{name: 'worker-4', index: 5, cpu: 16, memoryGi: 64, annotations: {[FAULT_ANNOTATION]: 'notready'}},
	{
		name: 'gpu-h100-1', index: 6, cpu: 192, memoryGi: 2048, instanceType: 'p5.48xlarge', taints: [GPU_TAINT],
		labels: nvidiaLabels('NVIDIA-H100-80GB-HBM3', 8, 81559, 'hopper', {'nvidia.com/mig.strategy': 'single'}),
		extended: {'nvidia.com/gpu': 8},
	},
	{
		name: 'gpu-h100-2', index: 7, cpu: 192, memoryGi: 2048, instanceType: 'p5.48xlarge', taints: [GPU_TAINT],
		// GFD still labels the node, but the device plugin reports every device unhealthy.
		labels: nvidiaLabels('NVIDIA-H100-80GB-HBM3', 8, 81559, 'hopper'),
		extended: {'nvidia.com/gpu': 8}, extendedAllocatable: {'nvidia.com/gpu': 0},
	},
	{
		name: 'gpu-a100-mig-1', index: 8, cpu: 96, memoryGi: 1152, instanceType: 'p4de.24xlarge', taints: [GPU_TAINT],
		labels: nvidiaLabels('NVIDIA-A100-SXM4-80GB', 8, 81920, 'ampere', {
			'nvidia.com/gpu.machine': 'p4de.24xlarge',
			'nvidia.com/mig.strategy': 'mixed',
			'nvidia.com/mig.config': 'all-balanced',
			'nvidia.com/mig.config.state': 'success',
			'nvidia.com/mig-1g.10gb.count': '14', 'nvidia.com/mig-1g.10gb.memory': '9728', 'nvidia.com/mig-1g.10gb.slices.gi': '1',
			'nvidia.com/mig-2g.20gb.count': '6', 'nvidia.com/mig-2g.20gb.memory': '19968', 'nvidia.com/mig-2g.20gb.slices.gi': '2',
			'nvidia.com/mig-3g.40gb.count': '4', 'nvidia.com/mig-3g.40gb.memory': '40192', 'nvidia.com/mig-3g.40gb.slices.gi': '3',
		}),
		extended: {'nvidia.com/gpu': 0, 'nvidia.com/mig-1g.10gb': 14, 'nvidia.com/mig-2g.20gb': 6, 'nvidia.com/mig-3g.40gb': 4},
	},
	{
		name: 'gpu-l4-shared-1', index: 9, cpu: 48, memoryGi: 192, instanceType: 'g6.12xlarge', taints: [GPU_TAINT],
		labels: nvidiaLabels('NVIDIA-L4-SHARED', 4, 23034, 'ada-lovelace', {
			'nvidia.com/gpu.machine': 'g6.12xlarge',
			'nvidia.com/gpu.replicas': '4',
			'nvidia.com/gpu.sharing-strategy': 'time-slicing',
		}),
		extended: {'nvidia.com/gpu': 16},
	},
	{
		name: 'gpu-mi300x-1', index: 10, cpu: 192, memoryGi: 2048, instanceType: 'mi300x.8x', taints: [{key: 'amd.com/gpu', effect: 'NoSchedule'}],
		labels: {
			'amd.com/gpu.present': 'true', 'amd.com/gpu.count': '8', 'amd.com/gpu.family': 'AI', 'amd.com/gpu.product-name': 'AMD_Instinct_MI300X',
			'amd.com/gpu.vram': '192G', 'amd.com/gpu.device-id': '74a1', 'amd.com/gpu.driver-version': '6.8.5',
		},
		extended: {'amd.com/gpu': 8},
	},
];

const SYSTEM_TOLERATIONS = [{operator: 'Exists'}];

export function seedDemo(rt: Runtime): void {
	seedNamespaces(rt, [...SYSTEM_NAMESPACES, 'production', 'staging', 'payments', 'ml-serving', 'ml-training']);
	for (const spec of DEMO_NODES) {
		const node = makeNode(spec, rt.now());
		applyNodeFault(node, rt.now()); // worker-4 registers already unreachable, so nothing lands on it first
		ensure(rt, K.nodes, node);
	}

	// kube-system: static control-plane pods, per-node daemons, coredns, metrics-server.
	for (const [name, image, cpu] of [['etcd', 'registry.k8s.io/etcd:3.5.21-0', '100m'], ['kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.33.1', '250m'], ['kube-controller-manager', 'registry.k8s.io/kube-controller-manager:v1.33.1', '200m'], ['kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.33.1', '100m']] as const) {
		ensure(rt, K.pods, makePod({namespace: 'kube-system', name, podName: `${name}-cp-1`, replicas: 1, image, cpu, memory: '128Mi', nodeName: 'cp-1', labels: {component: name, tier: 'control-plane'}, owner: {apiVersion: 'v1', kind: 'Node', name: 'cp-1'}, tolerations: SYSTEM_TOLERATIONS}));
	}
	for (const node of DEMO_NODES) {
		const suffix = rt.suffix(5);
		ensure(rt, K.pods, makePod({namespace: 'kube-system', name: 'kube-proxy', podName: `kube-proxy-${suffix}`, replicas: 1, image: 'registry.k8s.io/kube-proxy:v1.33.1', cpu: '50m', nodeName: node.name, labels: {'k8s-app': 'kube-proxy'}, owner: {apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy'}, tolerations: SYSTEM_TOLERATIONS}));
		if (node.labels?.['nvidia.com/gpu.present']) {
			ensure(rt, K.pods, makePod({namespace: 'kube-system', name: 'nvidia-device-plugin', podName: `nvidia-device-plugin-daemonset-${rt.suffix(5)}`, replicas: 1, image: 'nvcr.io/nvidia/k8s-device-plugin:v0.17.0', cpu: '50m', nodeName: node.name, labels: {name: 'nvidia-device-plugin-ds'}, owner: {apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'nvidia-device-plugin-daemonset'}, tolerations: SYSTEM_TOLERATIONS, annotations: node.name === 'gpu-h100-2' ? {[FAULT_ANNOTATION]: 'crashloop'} : undefined}));
		}
	}
	const workloads: Array<WorkloadSpec & {service?: number; hpa?: [number, number, number]}> = [
		{namespace: 'kube-system', name: 'coredns', replicas: 2, image: 'registry.k8s.io/coredns/coredns:v1.12.0', cpu: '100m', memory: '170Mi', labels: {'k8s-app': 'kube-dns'}, port: 8181},
		{namespace: 'kube-system', name: 'metrics-server', replicas: 1, image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2', cpu: '100m', memory: '200Mi', port: 10250},
		{namespace: 'default', name: 'hello', replicas: 1, image: 'nginx:1.27.3', cpu: '50m', memory: '64Mi', port: 80, service: 80},
		{namespace: 'production', name: 'web', replicas: 4, image: 'nginx:1.27.3', cpu: '250m', memory: '256Mi', port: 8080, service: 80, hpa: [3, 10, 70]},
		{namespace: 'production', name: 'api', replicas: 3, image: 'registry.example.com/shop/api:4.12.0', cpu: '500m', memory: '512Mi', port: 8080, service: 8080, hpa: [2, 6, 60], initImages: ['registry.example.com/shop/migrate:4.12.0']},
		{namespace: 'production', name: 'recommendations', replicas: 2, image: 'registry.example.com/shop/recs:2.3.1', cpu: '300m', memory: '384Mi', annotations: {[FAULT_ANNOTATION]: 'crashloop'}, port: 8080, service: 8080, progressDeadlineSeconds: 120},
		{namespace: 'production', name: 'cache-warmer', replicas: 1, image: 'registry.example.com/shop/cache-warmer:1.8.0', cpu: '200m', memory: '256Mi', annotations: {[FAULT_ANNOTATION]: 'oom-once'}},
		{namespace: 'staging', name: 'web', replicas: 2, image: 'nginx:1.27.3', cpu: '100m', memory: '128Mi', port: 8080, service: 80},
		{namespace: 'staging', name: 'frontend-canary', replicas: 1, image: 'registry.example.com/shop/frontend:does-not-exist', cpu: '100m', memory: '128Mi', port: 3000},
		{namespace: 'payments', name: 'payments-api', replicas: 3, image: 'registry.example.com/payments/payments-api:7.2.4', cpu: '400m', memory: '512Mi', port: 8443, service: 443},
		{namespace: 'payments', name: 'ledger', replicas: 2, image: 'registry.example.com/payments/ledger:3.0.9', cpu: '300m', memory: '1Gi', port: 9090, service: 9090},
		{namespace: 'payments', name: 'fraud-scorer', replicas: 1, image: 'registry.example.com/payments/fraud-scorer:0.9.3', cpu: '500m', memory: '1Gi', annotations: {[FAULT_ANNOTATION]: 'unready'}, port: 8080, service: 8080},
		{namespace: 'ml-serving', name: 'llm-inference', replicas: 3, image: 'vllm/vllm-openai:v0.6.4', cpu: '4', memory: '24Gi', accelerators: {'nvidia.com/gpu': 1}, nodeSelector: {'nvidia.com/gpu.product': 'NVIDIA-L4-SHARED'}, tolerations: TOLERATE_NVIDIA, port: 8000, service: 80, hpa: [2, 6, 75]},
		{namespace: 'ml-serving', name: 'embeddings', replicas: 4, image: 'nvcr.io/nvidia/tritonserver:24.10-py3', cpu: '2', memory: '8Gi', accelerators: {'nvidia.com/mig-1g.10gb': 1}, tolerations: TOLERATE_NVIDIA, port: 8000, service: 8000},
		{namespace: 'ml-serving', name: 'reranker', replicas: 2, image: 'nvcr.io/nvidia/tritonserver:24.10-py3', cpu: '4', memory: '16Gi', accelerators: {'nvidia.com/mig-3g.40gb': 1}, tolerations: TOLERATE_NVIDIA, port: 8000, service: 8000},
		{namespace: 'ml-serving', name: 'triton-mi300', replicas: 2, image: 'rocm/vllm:rocm6.2_mi300_ubuntu20.04_py3.9_vllm_0.6.4', cpu: '8', memory: '64Gi', accelerators: {'amd.com/gpu': 1}, tolerations: TOLERATE_AMD, port: 8000, service: 8000},
	];
	for (const w of workloads) {
		ensure(rt, K.deployments, makeDeployment(w));
		if (w.service) ensure(rt, K.services, makeService(w.namespace, w.name, w.service, w.port ?? 8080));
		if (w.hpa) ensure(rt, K.hpas, makeHpa(w.namespace, w.name, ...w.hpa));
	}

	// ml-training: a job holding all eight H100s, its second worker and a sweep that cannot be placed,
	// a MIG notebook, and a finished data-prep job.
	const h100 = {'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3'};
	const job = (name: string) => ({apiVersion: 'batch/v1', kind: 'Job', name});
	const training: Array<WorkloadSpec & {podName: string; owner?: {kind: string; name: string; apiVersion: string}}> = [
		{namespace: 'ml-training', name: 'llama-finetune', podName: 'llama-finetune-worker-0', replicas: 1, image: 'nvcr.io/nvidia/pytorch:24.10-py3', cpu: '64', memory: '512Gi', accelerators: {'nvidia.com/gpu': 8}, nodeSelector: h100, tolerations: TOLERATE_NVIDIA, restartPolicy: 'OnFailure', annotations: {[RUN_SECONDS_ANNOTATION]: '259200'}, owner: job('llama-finetune'), container: 'trainer'},
		{namespace: 'ml-training', name: 'llama-finetune', podName: 'llama-finetune-worker-1', replicas: 1, image: 'nvcr.io/nvidia/pytorch:24.10-py3', cpu: '64', memory: '512Gi', accelerators: {'nvidia.com/gpu': 8}, nodeSelector: h100, tolerations: TOLERATE_NVIDIA, restartPolicy: 'OnFailure', annotations: {[RUN_SECONDS_ANNOTATION]: '259200'}, owner: job('llama-finetune'), container: 'trainer'},
		...[0, 1, 2].map(i => ({namespace: 'ml-training', name: 'hparam-sweep', podName: `hparam-sweep-trial-${i}`, replicas: 1, image: 'nvcr.io/nvidia/pytorch:24.10-py3', cpu: '16', memory: '128Gi', accelerators: {'nvidia.com/gpu': 2}, nodeSelector: h100, tolerations: TOLERATE_NVIDIA, restartPolicy: 'Never', annotations: {[RUN_SECONDS_ANNOTATION]: '7200'}, owner: job(`hparam-sweep-trial-${i}`), container: 'train'})),
		{namespace: 'ml-training', name: 'mig-notebook', podName: 'mig-notebook-alice', replicas: 1, image: 'jupyter/pytorch-notebook:2024-10-07', cpu: '2', memory: '16Gi', accelerators: {'nvidia.com/mig-2g.20gb': 1}, tolerations: TOLERATE_NVIDIA},
		{namespace: 'ml-training', name: 'data-prep', podName: 'data-prep-20261127-x7k2p', replicas: 1, image: 'registry.example.com/ml/data-prep:1.4.0', cpu: '2', memory: '8Gi', restartPolicy: 'Never', owner: job('data-prep-20261127')},
		{namespace: 'staging', name: 'db-migrate', podName: 'db-migrate-4.12.0-qz8vd', replicas: 1, image: 'registry.example.com/shop/migrate:4.12.0', cpu: '100m', memory: '128Mi', restartPolicy: 'Never', owner: job('db-migrate-4.12.0')},
	];
	for (const pod of training) ensure(rt, K.pods, makePod(pod));
}
