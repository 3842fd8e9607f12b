// 'demo': a cluster that tells stories at a glance. CPU workers (one NotReady), a control
// plane, and GPU nodes of every kind kubedeck must read (8×H100, A100 MIG mixed, time-sliced
// L4, AMD MI300X, and an H100 whose device plugin is failing); workloads that are healthy,
// crashlooping, failing to pull, OOMKilled once, never ready, completed, and GPU jobs that
// cannot be placed (FailedScheduling).
import {DCGM_IMAGE, DCGM_LABELS, DCGM_PORT, exporterPodName} from '../dcgm.js';
import {FAULT_ANNOTATION, RUN_SECONDS_ANNOTATION} from '../faults.js';
import {applyNodeFault} from '../nodes.js';
import {isoTime, K, type Runtime} from '../runtime.js';
import {ensure, makeHpa, makeNamespace, makeNode, makePod, makeService, SYSTEM_NAMESPACES, type NodeSpec, type WorkloadSpec} from './build.js';
import {createdAgo, DAY, HOUR, makeDaemonSet, MINUTE, ownerRefTo, seedDeployment, seedJob, type History} from './past.js';
import {seedDemoConfigMaps} from './configmaps.js';
import {seedDemoExtras} from './extras.js';
import {seedHelmReleases} from './helm.js';
import {seedMlWorkloads} from './ml-workloads.js';
import {seedAutoscalingDemo} from './autoscaling.js';
import {seedDemoStatefulSetsAndJobs} from './statefulsets-jobs.js';
import {seedDemoPrometheus} from './prometheus.js';
import {seedDemoAmdExporter} from './amd-exporter.js';

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
		// GFD still labels the node, but the device plugin reports every device unhealthy; the
		// DCGM exporter there reports XID 79 (GPU fallen off the bus) and a pending row remap.
		labels: nvidiaLabels('NVIDIA-H100-80GB-HBM3', 8, 81559, 'hopper'),
		annotations: {'sim.kubedeck.io/gpu-fault': 'xid'},
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

// How long ago each node joined: the cluster is ~3 months old, GPU pools were added later.
const NODE_AGE: Record<string, number> = {
	'cp-1': 87 * DAY, 'worker-1': 87 * DAY, 'worker-2': 87 * DAY, 'worker-3': 61 * DAY, 'worker-4': 45 * DAY,
	'gpu-h100-1': 52 * DAY, 'gpu-h100-2': 52 * DAY, 'gpu-a100-mig-1': 70 * DAY, 'gpu-l4-shared-1': 41 * DAY, 'gpu-mi300x-1': 40 * DAY,
};
const CLUSTER_AGE = 87 * DAY;
// How long before the demo opens the broken worker stopped reporting.
const NODE_DOWN_FOR = 25 * MINUTE;
// The control plane was upgraded to v1.33.1 twelve days ago: static pods and kube-proxy restarted then.
const UPGRADED = 12 * DAY;

const NAMESPACE_AGE: Record<string, number> = {production: 80 * DAY, staging: 80 * DAY, payments: 72 * DAY, 'ml-serving': 38 * DAY, 'ml-training': 38 * DAY};

export function seedDemo(rt: Runtime): void {
	const namespaces = [...SYSTEM_NAMESPACES, ...Object.keys(NAMESPACE_AGE)];
	for (const name of namespaces) ensure(rt, K.namespaces, createdAgo(rt, makeNamespace(name), NAMESPACE_AGE[name] ?? CLUSTER_AGE));
	seedDemoConfigMaps(rt, namespaces, name => NAMESPACE_AGE[name] ?? CLUSTER_AGE);
	seedHelmReleases(rt);
	seedDemoExtras(rt);
	for (const spec of DEMO_NODES) {
		const age = NODE_AGE[spec.name] ?? 30 * DAY;
		const node = createdAgo(rt, makeNode(spec, rt.now()), age);
		// Healthy since a minute after it registered; only the heartbeat is recent.
		for (const condition of (node.status!.conditions as Array<{lastTransitionTime?: string}>)) condition.lastTransitionTime = isoTime(rt.now() - age + MINUTE);
		// worker-4 is already unreachable, so nothing lands on it first; its kubelet stopped
		// reporting a while ago (what :problems' SINCE and `kubectl describe node` then show).
		applyNodeFault(node, rt.now() - NODE_DOWN_FOR);
		ensure(rt, K.nodes, node);
	}

	// kube-system: static control-plane pods, per-node daemons (with their DaemonSets), coredns, metrics-server.
	const cpNode = rt.get(K.nodes, undefined, 'cp-1');
	for (const [name, image, cpu] of [['etcd', 'registry.k8s.io/etcd:3.5.21-0', '100m'], ['kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.33.1', '250m'], ['kube-controller-manager', 'registry.k8s.io/kube-controller-manager:v1.33.1', '200m'], ['kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.33.1', '100m']] as const) {
		ensure(rt, K.pods, createdAgo(rt, makePod({namespace: 'kube-system', name, podName: `${name}-cp-1`, replicas: 1, image, cpu, memory: '128Mi', nodeName: 'cp-1', labels: {component: name, tier: 'control-plane'}, owner: {apiVersion: 'v1', kind: 'Node', name: 'cp-1', uid: cpNode?.metadata.uid}, tolerations: SYSTEM_TOLERATIONS}), UPGRADED));
	}
	ensure(rt, K.daemonsets, createdAgo(rt, makeDaemonSet('kube-system', 'kube-proxy', {'k8s-app': 'kube-proxy'}, {name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.33.1', cpu: '50m'}), CLUSTER_AGE));
	ensure(rt, K.daemonsets, createdAgo(rt, makeDaemonSet('kube-system', 'nvidia-device-plugin-daemonset', {name: 'nvidia-device-plugin-ds'}, {name: 'nvidia-device-plugin', image: 'nvcr.io/nvidia/k8s-device-plugin:v0.17.0', cpu: '50m'}, {'nvidia.com/gpu.present': 'true'}), 70 * DAY));
	const proxyOwner = ownerRefTo(rt, K.daemonsets, 'kube-system', 'kube-proxy');
	const pluginOwner = ownerRefTo(rt, K.daemonsets, 'kube-system', 'nvidia-device-plugin-daemonset');
	ensure(rt, K.daemonsets, createdAgo(rt, makeDaemonSet('kube-system', 'nvidia-dcgm-exporter', DCGM_LABELS, {name: 'nvidia-dcgm-exporter', image: DCGM_IMAGE, cpu: '100m'}, {'nvidia.com/gpu.present': 'true'}), 70 * DAY));
	const dcgmOwner = ownerRefTo(rt, K.daemonsets, 'kube-system', 'nvidia-dcgm-exporter');
	for (const node of DEMO_NODES) {
		const nodeAge = NODE_AGE[node.name] ?? 30 * DAY;
		const suffix = rt.suffix(5);
		ensure(rt, K.pods, createdAgo(rt, makePod({namespace: 'kube-system', name: 'kube-proxy', podName: `kube-proxy-${suffix}`, replicas: 1, image: 'registry.k8s.io/kube-proxy:v1.33.1', cpu: '50m', nodeName: node.name, labels: {'k8s-app': 'kube-proxy'}, owner: {apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: proxyOwner?.uid}, tolerations: SYSTEM_TOLERATIONS}), Math.min(nodeAge, UPGRADED)));
		if (node.labels?.['nvidia.com/gpu.present']) {
			// gpu-h100-2's device plugin was restarted three hours ago when its GPUs failed, and has crashlooped since.
			const failing = node.name === 'gpu-h100-2';
			// NVIDIA's DCGM exporter (as the GPU operator runs it): its :9400/metrics answers through pods/proxy.
			ensure(rt, K.pods, createdAgo(rt, makePod({namespace: 'kube-system', name: 'nvidia-dcgm-exporter', podName: exporterPodName(node.name), replicas: 1, image: DCGM_IMAGE, cpu: '100m', memory: '128Mi', port: DCGM_PORT, container: 'nvidia-dcgm-exporter', nodeName: node.name, labels: DCGM_LABELS, owner: {apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'nvidia-dcgm-exporter', uid: dcgmOwner?.uid}, tolerations: SYSTEM_TOLERATIONS}), Math.min(nodeAge, 20 * DAY)));
			ensure(rt, K.pods, createdAgo(rt, makePod({namespace: 'kube-system', name: 'nvidia-device-plugin', podName: `nvidia-device-plugin-daemonset-${rt.suffix(5)}`, replicas: 1, image: 'nvcr.io/nvidia/k8s-device-plugin:v0.17.0', cpu: '50m', nodeName: node.name, labels: {name: 'nvidia-device-plugin-ds'}, owner: {apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'nvidia-device-plugin-daemonset', uid: pluginOwner?.uid}, tolerations: SYSTEM_TOLERATIONS, annotations: failing ? {[FAULT_ANNOTATION]: 'crashloop'} : undefined}), failing ? 3 * HOUR : Math.min(nodeAge, 20 * DAY)));
		}
	}
	// Each workload's past: when it was created, when it last rolled out, which images it ran before.
	const workloads: Array<WorkloadSpec & {service?: number; hpa?: [number, number, number]; history: History}> = [
		{namespace: 'kube-system', name: 'coredns', replicas: 2, image: 'registry.k8s.io/coredns/coredns:v1.12.0', cpu: '100m', memory: '170Mi', labels: {'k8s-app': 'kube-dns'}, port: 8181, history: {age: CLUSTER_AGE, rolledOut: UPGRADED, previousImages: ['registry.k8s.io/coredns/coredns:v1.11.3']}},
		{namespace: 'kube-system', name: 'metrics-server', replicas: 1, image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2', cpu: '100m', memory: '200Mi', port: 10250, history: {age: 86 * DAY, rolledOut: UPGRADED}},
		{namespace: 'default', name: 'hello', replicas: 1, image: 'nginx:1.27.3', cpu: '50m', memory: '64Mi', port: 80, service: 80, history: {age: 80 * DAY, rolledOut: 9 * DAY}},
		{namespace: 'production', name: 'web', replicas: 4, image: 'nginx:1.27.3', cpu: '250m', memory: '256Mi', port: 8080, service: 80, hpa: [3, 10, 70], history: {age: 30 * DAY, rolledOut: 2 * DAY, previousImages: ['nginx:1.27.1', 'nginx:1.27.2']}},
		{namespace: 'production', name: 'api', replicas: 3, image: 'registry.example.com/shop/api:4.12.0', cpu: '500m', memory: '512Mi', port: 8080, service: 8080, hpa: [2, 6, 60], initImages: ['registry.example.com/shop/migrate:4.12.0'], history: {age: 14 * DAY, rolledOut: 6 * HOUR, previousImages: ['registry.example.com/shop/api:4.11.2']}},
		// The bad release: rolled out 47 minutes ago and crashlooping ever since.
		{namespace: 'production', name: 'recommendations', replicas: 2, image: 'registry.example.com/shop/recs:2.3.1', cpu: '300m', memory: '384Mi', annotations: {[FAULT_ANNOTATION]: 'crashloop'}, port: 8080, service: 8080, progressDeadlineSeconds: 120, history: {age: 21 * DAY, rolledOut: 47 * MINUTE, previousImages: ['registry.example.com/shop/recs:2.3.0']}},
		{namespace: 'production', name: 'cache-warmer', replicas: 1, image: 'registry.example.com/shop/cache-warmer:1.8.0', cpu: '200m', memory: '256Mi', annotations: {[FAULT_ANNOTATION]: 'oom-once'}, history: {age: 9 * DAY, rolledOut: 3 * HOUR}},
		{namespace: 'staging', name: 'web', replicas: 2, image: 'nginx:1.27.3', cpu: '100m', memory: '128Mi', port: 8080, service: 80, history: {age: 20 * DAY, rolledOut: 1 * DAY}},
		{namespace: 'staging', name: 'frontend-canary', replicas: 1, image: 'registry.example.com/shop/frontend:does-not-exist', cpu: '100m', memory: '128Mi', port: 3000, history: {age: 4 * DAY, rolledOut: 25 * MINUTE}},
		{namespace: 'payments', name: 'payments-api', replicas: 3, image: 'registry.example.com/payments/payments-api:7.2.4', cpu: '400m', memory: '512Mi', port: 8443, service: 443, history: {age: 72 * DAY, rolledOut: 3 * DAY, previousImages: ['registry.example.com/payments/payments-api:7.2.3']}},
		{namespace: 'payments', name: 'ledger', replicas: 2, image: 'registry.example.com/payments/ledger:3.0.9', cpu: '300m', memory: '1Gi', port: 9090, service: 9090, history: {age: 72 * DAY, rolledOut: 15 * DAY}},
		{namespace: 'payments', name: 'fraud-scorer', replicas: 1, image: 'registry.example.com/payments/fraud-scorer:0.9.3', cpu: '500m', memory: '1Gi', annotations: {[FAULT_ANNOTATION]: 'unready'}, port: 8080, service: 8080, history: {age: 10 * DAY, rolledOut: 2 * HOUR}},
		{namespace: 'ml-serving', name: 'llm-inference', replicas: 3, image: 'vllm/vllm-openai:v0.6.4', cpu: '4', memory: '24Gi', accelerators: {'nvidia.com/gpu': 1}, nodeSelector: {'nvidia.com/gpu.product': 'NVIDIA-L4-SHARED'}, tolerations: TOLERATE_NVIDIA, port: 8000, service: 80, hpa: [2, 6, 75], history: {age: 38 * DAY, rolledOut: 5 * DAY}},
		{namespace: 'ml-serving', name: 'embeddings', replicas: 4, image: 'nvcr.io/nvidia/tritonserver:24.10-py3', cpu: '2', memory: '8Gi', accelerators: {'nvidia.com/mig-1g.10gb': 1}, tolerations: TOLERATE_NVIDIA, port: 8000, service: 8000, history: {age: 38 * DAY, rolledOut: 8 * DAY}},
		{namespace: 'ml-serving', name: 'reranker', replicas: 2, image: 'nvcr.io/nvidia/tritonserver:24.10-py3', cpu: '4', memory: '16Gi', accelerators: {'nvidia.com/mig-3g.40gb': 1}, tolerations: TOLERATE_NVIDIA, port: 8000, service: 8000, history: {age: 20 * DAY, rolledOut: 8 * DAY}},
		{namespace: 'ml-serving', name: 'triton-mi300', replicas: 2, image: 'rocm/vllm:rocm6.2_mi300_ubuntu20.04_py3.9_vllm_0.6.4', cpu: '8', memory: '64Gi', accelerators: {'amd.com/gpu': 1}, tolerations: TOLERATE_AMD, port: 8000, service: 8000, history: {age: 12 * DAY}},
	];
	for (const w of workloads) {
		seedDeployment(rt, w, w.history);
		if (w.service) ensure(rt, K.services, createdAgo(rt, makeService(w.namespace, w.name, w.service, w.port ?? 8080), w.history.age - 2000));
		if (w.hpa) ensure(rt, K.hpas, createdAgo(rt, makeHpa(w.namespace, w.name, ...w.hpa), w.history.age - 60_000));
	}

	// ml-training: a job holding all eight H100s, its second worker and a sweep that cannot be placed,
	// a MIG notebook, and a finished data-prep job; staging's migration job for api 4.12.0.
	const h100 = {'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3'};
	const jobs = [
		{namespace: 'ml-training', name: 'llama-finetune', completions: 2, parallelism: 2, image: 'nvcr.io/nvidia/pytorch:24.10-py3', container: 'trainer', age: 26 * HOUR},
		...[0, 1, 2].map(i => ({namespace: 'ml-training', name: `hparam-sweep-trial-${i}`, completions: 1, parallelism: 1, image: 'nvcr.io/nvidia/pytorch:24.10-py3', container: 'train', age: 3 * HOUR - i * 1000})),
		{namespace: 'ml-training', name: 'data-prep-20261127', completions: 1, parallelism: 1, image: 'registry.example.com/ml/data-prep:1.4.0', container: 'data-prep', age: 5 * HOUR},
		{namespace: 'staging', name: 'db-migrate-4.12.0', completions: 1, parallelism: 1, image: 'registry.example.com/shop/migrate:4.12.0', container: 'db-migrate', age: 6 * HOUR + 5 * MINUTE},
	];
	for (const j of jobs) seedJob(rt, j, j.age);
	const job = (namespace: string, name: string) => ({apiVersion: 'batch/v1', kind: 'Job', name, uid: ownerRefTo(rt, K.jobs, namespace, name)?.uid});
	const training: Array<WorkloadSpec & {podName: string; age: number; owner?: {kind: string; name: string; apiVersion: string; uid?: string}}> = [
		{namespace: 'ml-training', name: 'llama-finetune', podName: 'llama-finetune-worker-0', age: 26 * HOUR - 1000, replicas: 1, image: 'nvcr.io/nvidia/pytorch:24.10-py3', cpu: '64', memory: '512Gi', accelerators: {'nvidia.com/gpu': 8}, nodeSelector: h100, tolerations: TOLERATE_NVIDIA, restartPolicy: 'OnFailure', annotations: {[RUN_SECONDS_ANNOTATION]: '259200'}, owner: job('ml-training', 'llama-finetune'), container: 'trainer'},
		{namespace: 'ml-training', name: 'llama-finetune', podName: 'llama-finetune-worker-1', age: 26 * HOUR - 1000, replicas: 1, image: 'nvcr.io/nvidia/pytorch:24.10-py3', cpu: '64', memory: '512Gi', accelerators: {'nvidia.com/gpu': 8}, nodeSelector: h100, tolerations: TOLERATE_NVIDIA, restartPolicy: 'OnFailure', annotations: {[RUN_SECONDS_ANNOTATION]: '259200'}, owner: job('ml-training', 'llama-finetune'), container: 'trainer'},
		...[0, 1, 2].map(i => ({namespace: 'ml-training', name: 'hparam-sweep', podName: `hparam-sweep-trial-${i}`, age: 3 * HOUR - i * 1000 - 1000, replicas: 1, image: 'nvcr.io/nvidia/pytorch:24.10-py3', cpu: '16', memory: '128Gi', accelerators: {'nvidia.com/gpu': 2}, nodeSelector: h100, tolerations: TOLERATE_NVIDIA, restartPolicy: 'Never', annotations: {[RUN_SECONDS_ANNOTATION]: '7200'}, owner: job('ml-training', `hparam-sweep-trial-${i}`), container: 'train'})),
		{namespace: 'ml-training', name: 'mig-notebook', podName: 'mig-notebook-alice', age: 2 * DAY, replicas: 1, image: 'jupyter/pytorch-notebook:2024-10-07', cpu: '2', memory: '16Gi', accelerators: {'nvidia.com/mig-2g.20gb': 1}, tolerations: TOLERATE_NVIDIA, annotations: {'sim.kubedeck.io/usage': 'idle'}},
		{namespace: 'ml-training', name: 'data-prep', podName: 'data-prep-20261127-x7k2p', age: 5 * HOUR - 1000, replicas: 1, image: 'registry.example.com/ml/data-prep:1.4.0', cpu: '2', memory: '8Gi', restartPolicy: 'Never', owner: job('ml-training', 'data-prep-20261127')},
		{namespace: 'staging', name: 'db-migrate', podName: 'db-migrate-4.12.0-qz8vd', age: 6 * HOUR + 5 * MINUTE - 1000, replicas: 1, image: 'registry.example.com/shop/migrate:4.12.0', cpu: '100m', memory: '128Mi', restartPolicy: 'Never', owner: job('staging', 'db-migrate-4.12.0')},
	];
	for (const pod of training) {
		// Job pods carry the labels the Job's selector (and `kubectl get pods -l job-name=…`) match on.
		const jobLabels: Record<string, string> = pod.owner?.kind === 'Job' && pod.owner.uid ? {'batch.kubernetes.io/controller-uid': pod.owner.uid, 'batch.kubernetes.io/job-name': pod.owner.name, 'controller-uid': pod.owner.uid, 'job-name': pod.owner.name} : {};
		ensure(rt, K.pods, createdAgo(rt, makePod({...pod, labels: {...pod.labels, ...jobLabels}}), pod.age));
	}
	seedMlWorkloads(rt);
	seedAutoscalingDemo(rt);
	seedDemoStatefulSetsAndJobs(rt);
	seedDemoPrometheus(rt);
	seedDemoAmdExporter(rt, (node) => NODE_AGE[node] ?? 30 * DAY);
}
