// The demo's ML platform objects: the definitions from ml-crds.ts, then a Kueue ClusterQueue and
// LocalQueue; a PyTorchJob running (master + worker, one GPU each, pods carrying the training
// operator's labels and owned by the job) with its admitted Workload and Volcano PodGroup; a
// PyTorchJob that waits for GPUs (suspended by Kueue; its Workload's message says which flavor
// and resource did not fit); and a finished JobSet.
import type {KubeObject} from '../../../model/types.js';
import {isoTime, K, type Runtime} from '../runtime.js';
import {RUN_SECONDS_ANNOTATION} from '../faults.js';
import {ensure, makePod} from './build.js';
import {createdAgo, HOUR, MINUTE} from './past.js';
import {ML_DEFINITIONS} from './ml-crds.js';

const CRDS = 'customresourcedefinitions.apiextensions.k8s.io';
const NS = 'ml-training';
const IMAGE = 'nvcr.io/nvidia/pytorch:24.10-py3';
const TOLERATE_NVIDIA = [{key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule'}];

/** A controller reference to a training job (the model's OwnerRef type omits apiVersion). */
const ownedBy = (job: KubeObject): NonNullable<KubeObject['metadata']['ownerReferences']> =>
	[{apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', name: job.metadata.name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true} as {kind: string; name: string; uid: string; controller: boolean}];

const cond = (type: string, status: string, at: string, reason: string, message: string) => ({type, status, lastTransitionTime: at, reason, message});

function replicaSpec(replicas: number, gpus: number): Record<string, unknown> {
	return {
		replicas,
		restartPolicy: 'OnFailure',
		template: {spec: {containers: [{name: 'pytorch', image: IMAGE, command: ['torchrun', 'train.py'], resources: {limits: {'nvidia.com/gpu': gpus}, requests: {'nvidia.com/gpu': gpus, cpu: '8', memory: '64Gi'}}}], tolerations: TOLERATE_NVIDIA}},
	};
}

function pytorchJob(rt: Runtime, name: string, workers: number, gpus: number, extra: {suspend?: boolean; status: Record<string, unknown>}): KubeObject {
	return {
		apiVersion: 'kubeflow.org/v1',
		kind: 'PyTorchJob',
		metadata: {name, namespace: NS, uid: '', labels: {'kueue.x-k8s.io/queue-name': 'team-a'}},
		spec: {
			pytorchReplicaSpecs: {Master: replicaSpec(1, gpus), Worker: replicaSpec(workers, gpus)},
			runPolicy: {cleanPodPolicy: 'None', suspend: extra.suspend ?? false, schedulingPolicy: {minAvailable: workers + 1, queue: 'default'}},
		},
		status: {...extra.status, lastReconcileTime: isoTime(rt.now())},
	};
}

function workload(name: string, job: KubeObject | undefined, podSets: Array<[string, number, number]>, status: Record<string, unknown>): KubeObject {
	return {
		apiVersion: 'kueue.x-k8s.io/v1beta1',
		kind: 'Workload',
		metadata: {
			name, namespace: NS, uid: '', labels: {'kueue.x-k8s.io/job-uid': job?.metadata.uid ?? ''},
			...(job ? {ownerReferences: ownedBy(job)} : {}),
		},
		spec: {
			queueName: 'team-a', priority: 0, active: true,
			podSets: podSets.map(([set, count, gpus]) => ({name: set, count, template: {spec: {containers: [{name: 'pytorch', image: IMAGE, resources: {requests: {'nvidia.com/gpu': gpus}}}]}}})),
		},
		status,
	};
}

export function seedMlWorkloads(rt: Runtime): void {
	for (const crd of ML_DEFINITIONS) ensure(rt, CRDS, createdAgo(rt, structuredClone(crd), 38 * 24 * HOUR));
	const ago = (ms: number) => isoTime(rt.now() - ms);

	ensure(rt, 'clusterqueues.kueue.x-k8s.io', createdAgo(rt, {
		apiVersion: 'kueue.x-k8s.io/v1beta1', kind: 'ClusterQueue', metadata: {name: 'gpu-cluster-queue', uid: ''},
		spec: {
			cohort: 'ml', queueingStrategy: 'BestEffortFIFO', namespaceSelector: {},
			resourceGroups: [{coveredResources: ['cpu', 'memory', 'nvidia.com/gpu'], flavors: [{name: 'h100-80gb', resources: [{name: 'cpu', nominalQuota: '384'}, {name: 'memory', nominalQuota: '4Ti'}, {name: 'nvidia.com/gpu', nominalQuota: 16}]}]}],
		},
		status: {
			pendingWorkloads: 1, reservingWorkloads: 1, admittedWorkloads: 1,
			flavorsUsage: [{name: 'h100-80gb', resources: [{name: 'nvidia.com/gpu', total: '2', borrowed: '0'}]}],
			conditions: [cond('Active', 'True', ago(38 * 24 * HOUR), 'Ready', 'Can admit new workloads')],
		},
	}, 38 * 24 * HOUR));
	ensure(rt, 'localqueues.kueue.x-k8s.io', createdAgo(rt, {
		apiVersion: 'kueue.x-k8s.io/v1beta1', kind: 'LocalQueue', metadata: {name: 'team-a', namespace: NS, uid: ''},
		spec: {clusterQueue: 'gpu-cluster-queue'},
		status: {pendingWorkloads: 1, reservingWorkloads: 1, admittedWorkloads: 1, conditions: [cond('Active', 'True', ago(38 * 24 * HOUR), 'Ready', 'Can submit new workloads to clusterQueue')]},
	}, 38 * 24 * HOUR));

	// Running: admitted by Kueue, both replicas up.
	const runningAge = 2 * HOUR;
	ensure(rt, 'pytorchjobs.kubeflow.org', createdAgo(rt, pytorchJob(rt, 'resnet-ddp', 1, 1, {status: {
		startTime: ago(runningAge - MINUTE),
		replicaStatuses: {Master: {active: 1, selector: 'training.kubeflow.org/job-name=resnet-ddp,training.kubeflow.org/replica-type=master'}, Worker: {active: 1, selector: 'training.kubeflow.org/job-name=resnet-ddp,training.kubeflow.org/replica-type=worker'}},
		conditions: [
			{...cond('Created', 'True', ago(runningAge), 'PyTorchJobCreated', 'PyTorchJob resnet-ddp is created.'), lastUpdateTime: ago(runningAge)},
			{...cond('Running', 'True', ago(runningAge - MINUTE), 'PyTorchJobRunning', 'PyTorchJob ml-training/resnet-ddp is running.'), lastUpdateTime: ago(runningAge - MINUTE)},
		],
	}}), runningAge));
	const running = rt.get('pytorchjobs.kubeflow.org', NS, 'resnet-ddp');
	if (running) {
		for (const [type, index] of [['master', 0], ['worker', 0]] as const) {
			const labels: Record<string, string> = {
				'training.kubeflow.org/job-name': 'resnet-ddp', 'training.kubeflow.org/operator-name': 'pytorchjob-controller',
				'training.kubeflow.org/replica-type': type, 'training.kubeflow.org/replica-index': String(index),
				'scheduling.k8s.io/group-name': 'resnet-ddp',
			};
			if (type === 'master') labels['training.kubeflow.org/job-role'] = 'master';
			ensure(rt, K.pods, createdAgo(rt, makePod({
				namespace: NS, name: 'resnet-ddp', podName: `resnet-ddp-${type}-${index}`, replicas: 1, image: IMAGE, container: 'pytorch', cpu: '8', memory: '64Gi',
				accelerators: {'nvidia.com/gpu': 1}, tolerations: TOLERATE_NVIDIA, restartPolicy: 'OnFailure', labels, annotations: {[RUN_SECONDS_ANNOTATION]: '259200'},
				owner: {apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', name: 'resnet-ddp', uid: running.metadata.uid},
			}), runningAge - MINUTE));
		}
		ensure(rt, 'workloads.kueue.x-k8s.io', createdAgo(rt, workload('pytorchjob-resnet-ddp-5b1e7', running, [['master', 1, 1], ['worker', 1, 1]], {
			admission: {clusterQueue: 'gpu-cluster-queue', podSetAssignments: [{name: 'master', count: 1, flavors: {'nvidia.com/gpu': 'h100-80gb'}}, {name: 'worker', count: 1, flavors: {'nvidia.com/gpu': 'h100-80gb'}}]},
			conditions: [
				cond('QuotaReserved', 'True', ago(runningAge), 'QuotaReserved', 'Quota reserved in ClusterQueue gpu-cluster-queue'),
				cond('Admitted', 'True', ago(runningAge), 'Admitted', 'The workload is admitted'),
			],
		}), runningAge));
		ensure(rt, 'podgroups.scheduling.volcano.sh', createdAgo(rt, {
			apiVersion: 'scheduling.volcano.sh/v1beta1', kind: 'PodGroup',
			metadata: {name: 'resnet-ddp', namespace: NS, uid: '', ownerReferences: ownedBy(running)},
			spec: {minMember: 2, minResources: {'nvidia.com/gpu': '2'}, queue: 'default'},
			status: {phase: 'Running', running: 2, conditions: [{type: 'Scheduled', status: 'True', lastTransitionTime: ago(runningAge - MINUTE), reason: 'tasks in gang are ready to be scheduled'}]},
		}, runningAge));
	}

	// Waiting for GPUs: Kueue keeps it suspended, so it has no pods yet.
	const waitingAge = 40 * MINUTE;
	ensure(rt, 'pytorchjobs.kubeflow.org', createdAgo(rt, pytorchJob(rt, 'llama-70b-pretrain', 3, 8, {suspend: true, status: {
		conditions: [
			{...cond('Created', 'True', ago(waitingAge), 'PyTorchJobCreated', 'PyTorchJob llama-70b-pretrain is created.'), lastUpdateTime: ago(waitingAge)},
			{...cond('Suspended', 'True', ago(waitingAge), 'PyTorchJobSuspended', 'PyTorchJob llama-70b-pretrain is suspended.'), lastUpdateTime: ago(waitingAge)},
		],
		replicaStatuses: {Master: {}, Worker: {}},
	}}), waitingAge));
	const waiting = rt.get('pytorchjobs.kubeflow.org', NS, 'llama-70b-pretrain');
	ensure(rt, 'workloads.kueue.x-k8s.io', createdAgo(rt, workload('pytorchjob-llama-70b-pretrain-9c4e2', waiting, [['master', 1, 8], ['worker', 3, 8]], {
		conditions: [cond('QuotaReserved', 'False', ago(waitingAge), 'Pending', "couldn't assign flavors to pod set worker: insufficient unused quota for nvidia.com/gpu in flavor h100-80gb, 16 more needed")],
		resourceRequests: [{name: 'master', resources: {'nvidia.com/gpu': '8'}}, {name: 'worker', resources: {'nvidia.com/gpu': '24'}}],
	}), waitingAge));

	ensure(rt, 'jobsets.jobset.x-k8s.io', createdAgo(rt, {
		apiVersion: 'jobset.x-k8s.io/v1alpha2', kind: 'JobSet', metadata: {name: 'eval-suite-20261203', namespace: NS, uid: ''},
		spec: {suspend: false, successPolicy: {operator: 'All'}, replicatedJobs: [{name: 'eval', replicas: 4, template: {spec: {parallelism: 1, completions: 1, template: {spec: {restartPolicy: 'Never', containers: [{name: 'eval', image: IMAGE}]}}}}}]},
		status: {terminalState: 'Completed', restarts: 0, conditions: [cond('Completed', 'True', ago(20 * HOUR), 'AllJobsCompleted', 'jobset completed successfully')], replicatedJobsStatus: [{name: 'eval', ready: 0, succeeded: 4, failed: 0, active: 0, suspended: 0}]},
	}, 22 * HOUR));
}
