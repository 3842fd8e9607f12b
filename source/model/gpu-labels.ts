// What a node's labels say about its accelerators. The labels come from NVIDIA GPU Feature
// Discovery (nvidia.com/*), AMD's node labeller (amd.com/* or beta.amd.com/*), Intel's GPU
// plugin / NFD rules (gpu.intel.com/*), GKE (cloud.google.com/*), Karpenter on AWS
// (karpenter.k8s.aws/*) and Node Feature Discovery's PCI vendor labels. Values are
// untrusted text: callers sanitise before display; here we only parse.
import type {Labels} from './types.js';
import type {AcceleratorVendor} from './gpu-resources.js';

export type SharingStrategy = 'time-slicing' | 'mps';

export interface AcceleratorLabels {
	/** True when any label names an accelerator: such a node gets a GPU row even with nothing allocatable. */
	present: boolean;
	vendor?: AcceleratorVendor;
	/** Model without vendor prefix or GFD suffixes, e.g. 'H100-80GB-HBM3', 'Instinct MI300X'. */
	model?: string;
	/** Memory per device in bytes. */
	memoryBytes?: number;
	driver?: string;
	cuda?: string;
	/** Devices per node as labelled (nvidia.com/gpu.count, karpenter instance-gpu-count, …). */
	count?: number;
	/** Sharing from labels; `replicas` is how many pods share one device. */
	sharing?: {strategy: SharingStrategy; replicas?: number};
	/** GFD appends '-SHARED' to the product of a shared GPU whose resource keeps its name (so pods can select it). */
	sharedProduct: boolean;
	migStrategy?: 'single' | 'mixed' | 'none';
	migConfig?: string;
	/** With the single MIG strategy the product carries the profile: '...-MIG-1g.5gb' → '1g.5gb'. */
	migProfile?: string;
}

const amdPrefixes = ['amd.com/', 'beta.amd.com/'];
// Intel's NFD rules: gpu.intel.com/device-id.<class>-<device>.present=true
const intelDeviceLabel = /^gpu\.intel\.com\/device-id\.[0-9a-f]{4}-([0-9a-f]{4})\.present$/i;

// Labels are read into a Map once: dozens of lookups of absent keys on a plain object each
// walk the prototype chain, which made parsing the hot spot of the GPU pane on big clusters.
type LabelMap = ReadonlyMap<string, string>;

function label(labels: LabelMap, ...keys: string[]): string | undefined {
	for (const key of keys) {
		const value = labels.get(key);
		if (value !== undefined && value !== '') return value;
	}
	return undefined;
}

function amdLabel(labels: LabelMap, suffix: string): string | undefined {
	return label(labels, ...amdPrefixes.map(prefix => prefix + suffix));
}

function positiveInt(text: string | undefined): number | undefined {
	if (text === undefined || !/^\d+$/.test(text)) return undefined;
	const value = Number(text);
	return value > 0 ? value : undefined;
}

const MiB = 2 ** 20;

/** Memory labels in MiB (GFD, Karpenter) → bytes. */
function mebibytes(text: string | undefined): number | undefined {
	const value = positiveInt(text);
	return value === undefined ? undefined : value * MiB;
}

// AMD's labeller writes VRAM like '64G' (binary units in practice); bare numbers are MiB.
function amdVram(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const match = /^(\d+(?:\.\d+)?)\s*([KMGT])i?B?$/i.exec(text);
	if (!match) return mebibytes(text);
	const power = {K: 1, M: 2, G: 3, T: 4}[match[2]!.toUpperCase() as 'K' | 'M' | 'G' | 'T'];
	return Number(match[1]) * 1024 ** power;
}

function version(labels: LabelMap, ...prefixes: string[]): string | undefined {
	for (const prefix of prefixes) {
		const full = label(labels, `${prefix}.full`);
		if (full) return full;
		const major = label(labels, `${prefix}.major`);
		if (!major) continue;
		const parts = [major, label(labels, `${prefix}.minor`), label(labels, `${prefix}.revision`, `${prefix}.rev`)];
		return parts.filter((part): part is string => part !== undefined).join('.');
	}
	return undefined;
}

interface ProductName {
	model: string;
	shared: boolean;
	migProfile?: string;
}

/** 'NVIDIA-A100-SXM4-40GB-MIG-1g.5gb' → A100-SXM4-40GB + profile; 'Tesla-T4-SHARED' → Tesla-T4, shared. */
export function parseNvidiaProduct(product: string): ProductName {
	let model = product;
	let shared = false;
	if (/-SHARED$/i.test(model)) {
		shared = true;
		model = model.slice(0, -'-SHARED'.length);
	}
	let migProfile: string | undefined;
	const mig = /-MIG-(\d+g\.\d+gb(?:\+[a-z]+)?)$/i.exec(model);
	if (mig) {
		migProfile = mig[1];
		model = model.slice(0, mig.index);
	}
	model = model.replace(/^NVIDIA[-_ ]/i, '');
	return {model, shared, migProfile};
}

/** GKE's 'nvidia-tesla-a100' / 'nvidia-h100-80gb' / 'nvidia-l4' → 'A100' / 'H100-80GB' / 'L4'. */
function gkeModel(accelerator: string): {vendor: AcceleratorVendor; model: string} {
	const nvidia = /^nvidia-(?:tesla-)?(.+)$/i.exec(accelerator);
	if (nvidia) return {vendor: 'NVIDIA', model: nvidia[1]!.toUpperCase()};
	return {vendor: 'Other', model: accelerator};
}

function vendorFromManufacturer(text: string): AcceleratorVendor {
	switch (text.toLowerCase()) {
		case 'nvidia':
			return 'NVIDIA';
		case 'amd':
			return 'AMD';
		case 'intel':
			return 'Intel';
		case 'habana':
			return 'Habana';
		case 'aws':
			return 'AWS';
		case 'google':
			return 'Google';
		default:
			return 'Other';
	}
}

function prettyWords(text: string): string {
	return text.replace(/_/g, ' ').trim();
}

function sharingFrom(labels: LabelMap): AcceleratorLabels['sharing'] {
	const nvidia = label(labels, 'nvidia.com/gpu.sharing-strategy');
	const gke = label(labels, 'cloud.google.com/gke-gpu-sharing-strategy');
	let strategy: SharingStrategy | undefined;
	if (nvidia === 'time-slicing' || nvidia === 'mps') strategy = nvidia;
	else if (gke === 'time-sharing') strategy = 'time-slicing';
	else if (gke === 'mps') strategy = 'mps';
	if (!strategy) return undefined;
	const replicas = positiveInt(label(labels, 'nvidia.com/gpu.replicas', 'cloud.google.com/gke-max-shared-clients-per-gpu'));
	return replicas === undefined ? {strategy} : {strategy, replicas};
}

/** Parses every accelerator label we know; fields stay undefined when no label says them. */
export function parseAcceleratorLabels(labels: Labels | undefined): Readonly<AcceleratorLabels> {
	if (!labels) return nothing;
	// Rows keep their labels object while only their allocation changes: parse each object once.
	const cached = parsedLabels.get(labels);
	if (cached) return cached;
	const parsed = Object.keys(labels).some(key => acceleratorLabelPrefix.test(key)) ? parse(new Map(Object.entries(labels))) : nothing;
	parsedLabels.set(labels, parsed);
	return parsed;
}

const nothing: Readonly<AcceleratorLabels> = Object.freeze({present: false, sharedProduct: false});
const parsedLabels = new WeakMap<Labels, Readonly<AcceleratorLabels>>();
const acceleratorLabelPrefix = /^(nvidia\.com\/|(beta\.)?amd\.com\/|gpu\.intel\.com\/|cloud\.google\.com\/gke-(tpu-)?accelerator|karpenter\.k8s\.aws\/instance-(gpu|accelerator)-|habana\.ai\/|feature\.node\.kubernetes\.io\/pci-(10de|1002)\.)/;

function parse(l: LabelMap): AcceleratorLabels {
	const result: AcceleratorLabels = {present: false, sharedProduct: false};

	const nvidiaProduct = label(l, 'nvidia.com/gpu.product');
	const amdProduct = amdLabel(l, 'gpu.product-name');
	const intelProduct = label(l, 'gpu.intel.com/product');
	const gke = label(l, 'cloud.google.com/gke-accelerator');
	const tpu = label(l, 'cloud.google.com/gke-tpu-accelerator');
	const karpenterGpu = label(l, 'karpenter.k8s.aws/instance-gpu-name');
	const karpenterAccel = label(l, 'karpenter.k8s.aws/instance-accelerator-name');
	const intelDevice = [...l.keys()]
		.map(key => (l.get(key) === 'true' ? intelDeviceLabel.exec(key)?.[1] : undefined))
		.find(id => id !== undefined);

	if (nvidiaProduct) {
		const parsed = parseNvidiaProduct(nvidiaProduct);
		result.vendor = 'NVIDIA';
		result.model = parsed.model;
		result.sharedProduct = parsed.shared;
		if (parsed.migProfile) result.migProfile = parsed.migProfile;
	} else if (amdProduct) {
		result.vendor = 'AMD';
		result.model = prettyWords(amdProduct.replace(/^AMD[-_ ]/i, ''));
	} else if (intelProduct || intelDevice) {
		result.vendor = 'Intel';
		result.model = intelProduct ? prettyWords(intelProduct) : `device ${intelDevice!.toLowerCase()}`;
	} else if (gke) {
		Object.assign(result, gkeModel(gke));
	} else if (tpu) {
		result.vendor = 'Google';
		result.model = tpu;
	} else if (karpenterGpu) {
		result.vendor = vendorFromManufacturer(label(l, 'karpenter.k8s.aws/instance-gpu-manufacturer') ?? '');
		result.model = karpenterGpu.toUpperCase();
	} else if (karpenterAccel) {
		result.vendor = vendorFromManufacturer(label(l, 'karpenter.k8s.aws/instance-accelerator-manufacturer') ?? '');
		result.model = karpenterAccel;
	} else if (label(l, 'habana.ai/product')) {
		result.vendor = 'Habana';
		result.model = label(l, 'habana.ai/product');
	}

	// NFD's PCI vendor labels (10de NVIDIA, 1002 AMD) or GFD's presence flag mark a GPU node even
	// before any product label exists (driver still installing, GFD crashed).
	const nvidiaPresent = l.get('nvidia.com/gpu.present') === 'true' || l.get('feature.node.kubernetes.io/pci-10de.present') === 'true';
	const amdPresent = amdLabel(l, 'gpu.present') === 'true' || l.get('feature.node.kubernetes.io/pci-1002.present') === 'true';
	if (!result.vendor && nvidiaPresent) result.vendor = 'NVIDIA';
	if (!result.vendor && amdPresent) {
		result.vendor = 'AMD';
		const device = amdLabel(l, 'gpu.device-id');
		if (device) result.model = `device ${device.toLowerCase()}`;
	}
	const karpenterCount = positiveInt(label(l, 'karpenter.k8s.aws/instance-gpu-count', 'karpenter.k8s.aws/instance-accelerator-count'));
	result.present = result.vendor !== undefined;

	const memory =
		mebibytes(label(l, 'nvidia.com/gpu.memory')) ??
		amdVram(amdLabel(l, 'gpu.vram')) ??
		positiveInt(label(l, 'gpu.intel.com/memory.max')) ??
		mebibytes(label(l, 'karpenter.k8s.aws/instance-gpu-memory', 'karpenter.k8s.aws/instance-accelerator-memory'));
	if (memory !== undefined) result.memoryBytes = memory;

	const driver = version(l, 'nvidia.com/cuda.driver-version', 'nvidia.com/cuda.driver') ?? amdLabel(l, 'gpu.driver-version');
	if (driver) result.driver = driver;
	const cuda = version(l, 'nvidia.com/cuda.runtime-version', 'nvidia.com/cuda.runtime');
	if (cuda) result.cuda = cuda;

	const count = positiveInt(label(l, 'nvidia.com/gpu.count')) ?? positiveInt(amdLabel(l, 'gpu.count')) ?? karpenterCount;
	if (count !== undefined) result.count = count;

	const sharing = sharingFrom(l);
	if (sharing) result.sharing = sharing;

	const migStrategy = label(l, 'nvidia.com/mig.strategy');
	if (migStrategy === 'single' || migStrategy === 'mixed' || migStrategy === 'none') result.migStrategy = migStrategy;
	const migConfig = label(l, 'nvidia.com/mig.config');
	if (migConfig) result.migConfig = migConfig;
	const gkePartition = label(l, 'cloud.google.com/gke-gpu-partition-size');
	if (gkePartition && !result.migProfile) result.migProfile = gkePartition;
	return result;
}

/** 'NVIDIA H100-80GB-HBM3'; vendor alone when the model is unknown; '' when nothing is known. */
export function acceleratorDisplayName(parsed: Pick<AcceleratorLabels, 'vendor' | 'model'>): string {
	if (parsed.vendor && parsed.model) return parsed.vendor === 'Other' ? parsed.model : `${parsed.vendor} ${parsed.model}`;
	return parsed.model ?? (parsed.vendor && parsed.vendor !== 'Other' ? parsed.vendor : '');
}
