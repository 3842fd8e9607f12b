// Node label parsing per vendor and labeller.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {acceleratorDisplayName, parseAcceleratorLabels, parseNvidiaProduct, type AcceleratorLabels} from '../../source/model/gpu-labels.js';
import {h100Labels} from './gpu-fixtures.js';

const Mi = 2 ** 20;
const Gi = 2 ** 30;

describe('parseAcceleratorLabels', () => {
	const cases: Array<{name: string; labels: Record<string, string>; want: Partial<AcceleratorLabels>; display?: string}> = [
		{
			name: 'NVIDIA GFD, current driver/runtime labels',
			labels: h100Labels,
			want: {present: true, vendor: 'NVIDIA', model: 'H100-80GB-HBM3', memoryBytes: 80 * Gi, driver: '550.54.15', cuda: '12.4', count: 8, sharedProduct: false},
			display: 'NVIDIA H100-80GB-HBM3',
		},
		{
			name: 'NVIDIA GFD, older cuda.driver/cuda.runtime labels',
			labels: {
				'nvidia.com/gpu.product': 'Tesla-V100-SXM2-16GB',
				'nvidia.com/cuda.driver.major': '470',
				'nvidia.com/cuda.driver.minor': '82',
				'nvidia.com/cuda.driver.rev': '01',
				'nvidia.com/cuda.runtime.major': '11',
				'nvidia.com/cuda.runtime.minor': '4',
			},
			want: {vendor: 'NVIDIA', model: 'Tesla-V100-SXM2-16GB', driver: '470.82.01', cuda: '11.4'},
		},
		{
			name: 'time-slicing without renaming: GFD suffixes the product -SHARED; stripped, sharing marked',
			labels: {
				'nvidia.com/gpu.product': 'Tesla-T4-SHARED',
				'nvidia.com/gpu.sharing-strategy': 'time-slicing',
				'nvidia.com/gpu.replicas': '4',
				'nvidia.com/gpu.count': '2',
			},
			want: {vendor: 'NVIDIA', model: 'Tesla-T4', sharedProduct: true, sharing: {strategy: 'time-slicing', replicas: 4}, count: 2},
			display: 'NVIDIA Tesla-T4',
		},
		{
			name: 'time-slicing with renaming (nvidia.com/gpu.shared): product keeps its name',
			labels: {'nvidia.com/gpu.product': 'NVIDIA-L4', 'nvidia.com/gpu.sharing-strategy': 'time-slicing', 'nvidia.com/gpu.replicas': '8'},
			want: {model: 'L4', sharedProduct: false, sharing: {strategy: 'time-slicing', replicas: 8}},
		},
		{
			name: 'MPS',
			labels: {'nvidia.com/gpu.product': 'NVIDIA-A10G', 'nvidia.com/gpu.sharing-strategy': 'mps', 'nvidia.com/gpu.replicas': '2'},
			want: {model: 'A10G', sharing: {strategy: 'mps', replicas: 2}},
		},
		{
			name: 'sharing strategy none is no sharing',
			labels: {'nvidia.com/gpu.product': 'NVIDIA-A10G', 'nvidia.com/gpu.sharing-strategy': 'none', 'nvidia.com/gpu.replicas': '1'},
			want: {model: 'A10G', sharing: undefined},
		},
		{
			name: 'MIG single: the profile rides on the product label',
			labels: {
				'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB-MIG-1g.5gb',
				'nvidia.com/mig.strategy': 'single',
				'nvidia.com/mig.config': 'all-1g.5gb',
				'nvidia.com/gpu.memory': '4864',
			},
			want: {model: 'A100-SXM4-40GB', migProfile: '1g.5gb', migStrategy: 'single', migConfig: 'all-1g.5gb', memoryBytes: 4864 * Mi},
		},
		{
			name: 'MIG mixed: product stays the full GPU',
			labels: {'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/mig.strategy': 'mixed', 'nvidia.com/mig.config': 'all-balanced'},
			want: {model: 'A100-SXM4-80GB', migProfile: undefined, migStrategy: 'mixed', migConfig: 'all-balanced'},
		},
		{
			name: 'AMD node labeller',
			labels: {'amd.com/gpu.product-name': 'AMD_Instinct_MI300X', 'amd.com/gpu.vram': '192G', 'amd.com/gpu.driver-version': '6.7.0', 'amd.com/gpu.count': '8'},
			want: {vendor: 'AMD', model: 'Instinct MI300X', memoryBytes: 192 * Gi, driver: '6.7.0', count: 8},
			display: 'AMD Instinct MI300X',
		},
		{
			name: 'AMD labeller with the beta prefix',
			labels: {'beta.amd.com/gpu.product-name': 'Instinct_MI210', 'beta.amd.com/gpu.vram': '64G'},
			want: {vendor: 'AMD', model: 'Instinct MI210', memoryBytes: 64 * Gi},
		},
		{
			name: 'Intel product and memory.max',
			labels: {'gpu.intel.com/product': 'Flex_170', 'gpu.intel.com/memory.max': String(16 * Gi)},
			want: {vendor: 'Intel', model: 'Flex 170', memoryBytes: 16 * Gi},
		},
		{
			name: 'Intel device-id label only',
			labels: {'gpu.intel.com/device-id.0300-56c0.present': 'true'},
			want: {present: true, vendor: 'Intel', model: 'device 56c0'},
		},
		{
			name: 'GKE accelerator with GPU time-sharing',
			labels: {
				'cloud.google.com/gke-accelerator': 'nvidia-tesla-a100',
				'cloud.google.com/gke-gpu-sharing-strategy': 'time-sharing',
				'cloud.google.com/gke-max-shared-clients-per-gpu': '3',
			},
			want: {vendor: 'NVIDIA', model: 'A100', sharing: {strategy: 'time-slicing', replicas: 3}},
			display: 'NVIDIA A100',
		},
		{
			name: 'GKE MIG partition size',
			labels: {'cloud.google.com/gke-accelerator': 'nvidia-h100-80gb', 'cloud.google.com/gke-gpu-partition-size': '1g.10gb'},
			want: {model: 'H100-80GB', migProfile: '1g.10gb'},
		},
		{
			name: 'GKE TPU',
			labels: {'cloud.google.com/gke-tpu-accelerator': 'tpu-v5-lite-podslice', 'cloud.google.com/gke-tpu-topology': '2x4'},
			want: {vendor: 'Google', model: 'tpu-v5-lite-podslice'},
		},
		{
			name: 'Karpenter GPU instance labels',
			labels: {
				'karpenter.k8s.aws/instance-gpu-name': 'a10g',
				'karpenter.k8s.aws/instance-gpu-manufacturer': 'nvidia',
				'karpenter.k8s.aws/instance-gpu-memory': '24576',
				'karpenter.k8s.aws/instance-gpu-count': '4',
			},
			want: {vendor: 'NVIDIA', model: 'A10G', memoryBytes: 24 * Gi, count: 4},
		},
		{
			name: 'Karpenter Neuron accelerator labels',
			labels: {
				'karpenter.k8s.aws/instance-accelerator-name': 'inferentia',
				'karpenter.k8s.aws/instance-accelerator-manufacturer': 'aws',
				'karpenter.k8s.aws/instance-accelerator-count': '1',
			},
			want: {vendor: 'AWS', model: 'inferentia', count: 1},
			display: 'AWS inferentia',
		},
		{
			name: 'NFD PCI vendor label marks an NVIDIA node before GFD runs',
			labels: {'feature.node.kubernetes.io/pci-10de.present': 'true'},
			want: {present: true, vendor: 'NVIDIA', model: undefined},
			display: 'NVIDIA',
		},
		{name: 'no labels', labels: {}, want: {present: false, vendor: undefined}, display: ''},
		{
			name: 'unrelated labels',
			labels: {'kubernetes.io/hostname': 'cpu-1', 'node.kubernetes.io/instance-type': 'm6i.large', 'nvidia.com/gpu.present': 'false'},
			want: {present: false},
		},
	];
	for (const c of cases) {
		it(c.name, () => {
			const parsed = parseAcceleratorLabels(c.labels);
			for (const [key, value] of Object.entries(c.want)) {
				assert.deepEqual(parsed[key as keyof AcceleratorLabels], value, key);
			}
			if (c.display !== undefined) assert.equal(acceleratorDisplayName(parsed), c.display);
		});
	}
});

describe('parseNvidiaProduct', () => {
	const table: Array<[string, string, boolean, string | undefined]> = [
		['NVIDIA-H100-80GB-HBM3', 'H100-80GB-HBM3', false, undefined],
		['NVIDIA-A100-SXM4-40GB-MIG-3g.20gb', 'A100-SXM4-40GB', false, '3g.20gb'],
		['NVIDIA-A100-SXM4-40GB-MIG-1g.5gb-SHARED', 'A100-SXM4-40GB', true, '1g.5gb'],
		['NVIDIA-H100-80GB-HBM3-MIG-1g.10gb+me', 'H100-80GB-HBM3', false, '1g.10gb+me'],
		['Tesla-T4', 'Tesla-T4', false, undefined],
	];
	for (const [product, model, shared, migProfile] of table) {
		it(product, () => assert.deepEqual(parseNvidiaProduct(product), {model, shared, migProfile}));
	}
});
