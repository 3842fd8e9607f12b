// The demo's node groups for the simulated cluster autoscaler (autoscaler.ts), and the pod that
// makes it act. gpu-h100 is at its maximum (the two H100 nodes, min = max = 2): the H100 jobs
// already pending get "no node will come". gpu-l40s is an empty spot pool (0..2 nodes, tainted
// for the batch jobs that ask for it): embed-backfill-0 triggers a scale-up and lands on the
// new node once it registers.
import type {KubeObject} from '../../../model/types.js';
import type {NodeGroup} from '../autoscaler.js';
import {fnv32a, K, type Runtime} from '../runtime.js';
import {ensure, makeNode, makePod} from './build.js';
import {createdAgo, MINUTE} from './past.js';

export const GROUP_LABEL = 'kubedeck.dev/node-group';
const L40S_POOL_TAINT = {key: 'kubedeck.dev/pool', value: 'l40s-spot', effect: 'NoSchedule'};

function l40sNode(name: string, now: number): KubeObject {
	const node = makeNode(
		{
			name,
			index: 60 + (fnv32a(name) % 150),
			cpu: 16,
			memoryGi: 128,
			instanceType: 'g6e.4xlarge',
			labels: {
				[GROUP_LABEL]: 'gpu-l40s',
				'nvidia.com/gpu.present': 'true',
				'nvidia.com/gpu.product': 'NVIDIA-L40S',
				'nvidia.com/gpu.count': '1',
				'nvidia.com/gpu.memory': '46068',
				'nvidia.com/gpu.family': 'ada-lovelace',
			},
			taints: [{key: 'nvidia.com/gpu', effect: 'NoSchedule'}, L40S_POOL_TAINT],
			extended: {'nvidia.com/gpu': 1},
		},
		now,
	);
	return node;
}

export const DEMO_NODE_GROUPS: readonly NodeGroup[] = [
	{
		name: 'gpu-h100',
		minSize: 2,
		maxSize: 2,
		members: ['gpu-h100-1', 'gpu-h100-2'],
		// A new H100 would look like its siblings; the autoscaler only needs the fit (never made: at max).
		template: (name, now) => makeNode({name, index: 200, cpu: 192, memoryGi: 2048, instanceType: 'p5.48xlarge', labels: {'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3', 'nvidia.com/gpu.present': 'true'}, taints: [{key: 'nvidia.com/gpu', effect: 'NoSchedule'}], extended: {'nvidia.com/gpu': 8}}, now),
		provisionMs: 4 * MINUTE,
	},
	{name: 'gpu-l40s', minSize: 0, maxSize: 2, members: [], template: l40sNode, provisionMs: 90_000},
];

/** The pod that asks for the empty L40S pool: pending three minutes, so :problems lists it at once. */
export function seedAutoscalingDemo(rt: Runtime): void {
	ensure(
		rt,
		K.pods,
		createdAgo(
			rt,
			makePod({
				namespace: 'ml-training',
				name: 'embed-backfill',
				podName: 'embed-backfill-0',
				replicas: 1,
				image: 'registry.example.com/ml/embed-backfill:0.3.0',
				cpu: '4',
				memory: '32Gi',
				accelerators: {'nvidia.com/gpu': 1},
				nodeSelector: {[GROUP_LABEL]: 'gpu-l40s'},
				tolerations: [
					{key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule'},
					{key: L40S_POOL_TAINT.key, operator: 'Equal', value: L40S_POOL_TAINT.value, effect: 'NoSchedule'},
				],
				restartPolicy: 'Never',
			}),
			3 * MINUTE,
		),
	);
}
