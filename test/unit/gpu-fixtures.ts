// Builders for the GPU tests: pods as API JSON (projected through the model's real PodRow),
// nodes as the slim input the GPU accounting reads.
import type {KubeObject, OwnerRef} from '../../source/model/types.js';
import {projectPod, type PodRow} from '../../source/model/pods.js';
import type {GpuNodeInput} from '../../source/model/gpu.js';

export const T0 = Date.parse('2026-11-27T10:00:00Z');

type Amounts = Record<string, string | number>;

export interface ContainerSpec {
	name?: string;
	requests?: Amounts;
	limits?: Amounts;
	restartPolicy?: string;
}

function container(spec: ContainerSpec, index: number, prefix: string): Record<string, unknown> {
	const resources: Record<string, unknown> = {};
	if (spec.requests) resources.requests = spec.requests;
	if (spec.limits) resources.limits = spec.limits;
	const result: Record<string, unknown> = {name: spec.name ?? `${prefix}${index}`, image: 'registry.example/app:1', resources};
	if (spec.restartPolicy) result.restartPolicy = spec.restartPolicy;
	return result;
}

export interface PodSpec {
	name: string;
	namespace?: string;
	uid?: string;
	node?: string;
	phase?: string;
	containers?: ContainerSpec[];
	initContainers?: ContainerSpec[];
	overhead?: Amounts;
	podResources?: {requests?: Amounts; limits?: Amounts};
	createdAt?: number;
	deleting?: boolean;
	owner?: OwnerRef;
	unschedulable?: {message: string; since: number};
}

export function podObject(spec: PodSpec): KubeObject {
	const podSpec: Record<string, unknown> = {
		containers: (spec.containers ?? [{}]).map((c, i) => container(c, i, 'c')),
	};
	if (spec.initContainers) podSpec.initContainers = spec.initContainers.map((c, i) => container(c, i, 'init'));
	if (spec.overhead) podSpec.overhead = spec.overhead;
	if (spec.podResources) podSpec.resources = spec.podResources;
	if (spec.node) podSpec.nodeName = spec.node;
	const phase = spec.phase ?? (spec.node ? 'Running' : 'Pending');
	const status: Record<string, unknown> = {phase};
	if (spec.unschedulable) {
		status.conditions = [
			{
				type: 'PodScheduled',
				status: 'False',
				reason: 'Unschedulable',
				message: spec.unschedulable.message,
				lastTransitionTime: new Date(spec.unschedulable.since).toISOString(),
			},
		];
	} else if (spec.node) {
		status.conditions = [{type: 'PodScheduled', status: 'True', lastTransitionTime: new Date(spec.createdAt ?? T0).toISOString()}];
	}
	const metadata: KubeObject['metadata'] = {
		name: spec.name,
		namespace: spec.namespace ?? 'ml',
		uid: spec.uid ?? `uid-${spec.name}`,
		creationTimestamp: new Date(spec.createdAt ?? T0).toISOString(),
	};
	if (spec.deleting) {
		metadata.deletionTimestamp = new Date(T0 + 60_000).toISOString();
		metadata.deletionGracePeriodSeconds = 30;
	}
	if (spec.owner) metadata.ownerReferences = [spec.owner];
	return {apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec, status};
}

export function podRow(spec: PodSpec): PodRow {
	return projectPod(podObject(spec));
}

/** A pod on `node` holding `count` of `resource` (limits only, as users usually write GPU requests). */
export function gpuPod(name: string, node: string | undefined, count: number, resource = 'nvidia.com/gpu', extra: Partial<PodSpec> = {}): PodRow {
	const spec: PodSpec = {name, containers: [{limits: {[resource]: count, cpu: '4', memory: '32Gi'}}], ...extra};
	if (node !== undefined) spec.node = node;
	return podRow(spec);
}

export function node(name: string, options: Partial<GpuNodeInput> & {resources?: Record<string, number>} = {}): GpuNodeInput {
	const base = {cpu: 96, memory: 1024 * 2 ** 30, pods: 110};
	const resources = options.resources ?? {};
	return {
		uid: `node-${name}`,
		name,
		createdAt: T0 - 86_400_000,
		status: options.status ?? 'Ready',
		unschedulable: options.unschedulable ?? false,
		labels: options.labels ?? {},
		capacity: options.capacity ?? {...base, ...resources},
		allocatable: options.allocatable ?? {...base, ...resources},
		taints: options.taints ?? [],
	};
}

export const h100Labels = {
	'nvidia.com/gpu.present': 'true',
	'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
	'nvidia.com/gpu.memory': '81920',
	'nvidia.com/gpu.count': '8',
	'nvidia.com/cuda.driver-version.major': '550',
	'nvidia.com/cuda.driver-version.minor': '54',
	'nvidia.com/cuda.driver-version.revision': '15',
	'nvidia.com/cuda.runtime-version.major': '12',
	'nvidia.com/cuda.runtime-version.minor': '4',
};
