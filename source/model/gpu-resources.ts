// Which extended resources are accelerators, and whose. Device plugins advertise
// accelerators as extended resources on the node; the names below are the ones the
// major vendors' plugins register. Users add their own through settings (`extra`).
import {formatCount} from './quantity.js';

export type AcceleratorVendor = 'NVIDIA' | 'AMD' | 'Intel' | 'Habana' | 'AWS' | 'Google' | 'Other';

const exactNames: ReadonlyMap<string, AcceleratorVendor> = new Map([
	['nvidia.com/gpu', 'NVIDIA'],
	['nvidia.com/gpu.shared', 'NVIDIA'],
	['amd.com/gpu', 'AMD'],
	['gpu.intel.com/i915', 'Intel'],
	['gpu.intel.com/xe', 'Intel'],
	['habana.ai/gaudi', 'Habana'],
	['aws.amazon.com/neuron', 'AWS'],
	['aws.amazon.com/neuroncore', 'AWS'],
	['google.com/tpu', 'Google'],
]);

const migPrefix = 'nvidia.com/mig-';

/** True for a resource name that counts as an accelerator (built-in list, MIG profiles, or a user extra). */
export function isAcceleratorResource(name: string, extra?: readonly string[]): boolean {
	if (exactNames.has(name)) return true;
	if (name.startsWith(migPrefix) && name.length > migPrefix.length) return true;
	return extra?.includes(name) ?? false;
}

/** The vendor behind a resource name; user extras and unknown names are 'Other'. */
export function acceleratorVendorOf(name: string): AcceleratorVendor {
	const known = exactNames.get(name);
	if (known) return known;
	if (name.startsWith(migPrefix)) return 'NVIDIA';
	return 'Other';
}

/** The MIG profile of a mixed-strategy resource ('nvidia.com/mig-1g.10gb' → '1g.10gb'), else undefined. */
export function migProfileOf(name: string): string | undefined {
	return name.startsWith(migPrefix) && name.length > migPrefix.length ? name.slice(migPrefix.length) : undefined;
}

/** The accelerator subset of a resource map (requests, allocatable, capacity). */
export function acceleratorsOf(resources: Readonly<Record<string, number>>, extra?: readonly string[]): Record<string, number> {
	const result: Record<string, number> = {};
	for (const [name, value] of Object.entries(resources)) {
		if (isAcceleratorResource(name, extra)) result[name] = value;
	}
	return result;
}

/** A resource name without its domain, for cells: 'nvidia.com/mig-1g.10gb' → 'mig-1g.10gb'. */
export function shortResourceName(name: string): string {
	const slash = name.lastIndexOf('/');
	return slash >= 0 ? name.slice(slash + 1) : name;
}

/** Each positive amount by its short name, sorted: 'gpu:2', 'mig-1g.10gb:1,mig-3g.40gb:1'; '' when none. */
export function formatNamedAmounts(amounts: Readonly<Record<string, number>>): string {
	return Object.entries(amounts)
		.filter(([, value]) => value > 0)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([name, value]) => `${shortResourceName(name)}:${formatCount(value)}`)
		.join(',');
}

// Label parsing lives beside these names; re-exported so one import serves both.
export {acceleratorDisplayName, parseAcceleratorLabels, parseNvidiaProduct, type AcceleratorLabels, type SharingStrategy} from './gpu-labels.js';
