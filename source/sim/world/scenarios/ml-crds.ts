// The custom resource definitions the demo installs: what ML platforms run on a GPU cluster
// (Kubeflow's training operator, JobSet, Kueue, Volcano). Trimmed definitions written for the
// simulator, with the printer columns and short names users meet. test/real/crds/ holds the
// same definitions as YAML (a test keeps them equal), so test:real installs them on a real server.
import type {KubeObject} from '../../../model/types.js';

interface Column {
	name: string;
	type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
	jsonPath: string;
	priority?: number;
	description?: string;
}

interface Definition {
	group: string;
	version: string;
	kind: string;
	plural: string;
	scope: 'Namespaced' | 'Cluster';
	shortNames?: string[];
	categories?: string[];
	columns: Column[];
	/** Documented spec fields (kubectl explain); unknown fields are kept as sent. */
	spec: Record<string, {type: string; description: string}>;
}

const age: Column = {name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp'};

function definition(d: Definition): KubeObject {
	const open = {type: 'object', 'x-kubernetes-preserve-unknown-fields': true};
	// Structural schemas: a list names its items' schema, an object may keep unknown fields.
	const specProperties = Object.fromEntries(Object.entries(d.spec).map(([field, s]) => [field, s.type === 'array' ? {...s, items: open} : s.type === 'object' ? {...s, 'x-kubernetes-preserve-unknown-fields': true} : s]));
	const names: Record<string, unknown> = {kind: d.kind, listKind: `${d.kind}List`, plural: d.plural, singular: d.kind.toLowerCase()};
	if (d.shortNames) names.shortNames = d.shortNames;
	if (d.categories) names.categories = d.categories;
	return {
		apiVersion: 'apiextensions.k8s.io/v1',
		kind: 'CustomResourceDefinition',
		metadata: {name: `${d.plural}.${d.group}`, uid: ''},
		spec: {
			group: d.group,
			names,
			scope: d.scope,
			versions: [{
				name: d.version,
				served: true,
				storage: true,
				additionalPrinterColumns: d.columns,
				subresources: {status: {}},
				schema: {openAPIV3Schema: {
					description: `${d.kind} (${d.group}/${d.version}).`,
					type: 'object',
					properties: {
						spec: {description: `The desired state of the ${d.kind}.`, type: 'object', properties: specProperties, 'x-kubernetes-preserve-unknown-fields': true},
						status: {description: `The observed state of the ${d.kind}.`, ...open},
					},
				}},
			}],
		},
	};
}

const condition = (type: string): string => `.status.conditions[?(@.type=="${type}")].status`;

export const ML_DEFINITIONS: KubeObject[] = [
	definition({
		group: 'kubeflow.org', version: 'v1', kind: 'PyTorchJob', plural: 'pytorchjobs', scope: 'Namespaced', categories: ['kubeflow'],
		columns: [{name: 'State', type: 'string', jsonPath: '.status.conditions[-1].type'}, age],
		spec: {
			pytorchReplicaSpecs: {type: 'object', description: 'Replica specs by role (Master, Worker): replicas, restartPolicy and the pod template.'},
			runPolicy: {type: 'object', description: 'Cleanup, backoff, deadlines and scheduling (gang) policy for the job.'},
			elasticPolicy: {type: 'object', description: 'Elastic training: min and max replicas, rendezvous backend.'},
		},
	}),
	definition({
		group: 'jobset.x-k8s.io', version: 'v1alpha2', kind: 'JobSet', plural: 'jobsets', scope: 'Namespaced',
		columns: [
			{name: 'TerminalState', type: 'string', jsonPath: '.status.terminalState', description: 'Final state of the JobSet'},
			{name: 'Restarts', type: 'integer', jsonPath: '.status.restarts', description: 'Number of restarts'},
			{name: 'Completed', type: 'string', jsonPath: condition('Completed')},
			{name: 'Suspended', type: 'string', jsonPath: '.spec.suspend', description: 'JobSet suspended'},
			age,
		],
		spec: {
			replicatedJobs: {type: 'array', description: 'The Jobs the set runs, each with its replica count and Job template.'},
			suspend: {type: 'boolean', description: 'Suspends every Job of the set.'},
			successPolicy: {type: 'object', description: 'Which Jobs must succeed for the set to succeed.'},
		},
	}),
	definition({
		group: 'kueue.x-k8s.io', version: 'v1beta1', kind: 'ClusterQueue', plural: 'clusterqueues', scope: 'Cluster', shortNames: ['cq'], categories: ['kueue'],
		columns: [
			{name: 'Cohort', type: 'string', jsonPath: '.spec.cohort', description: 'Cohort that this ClusterQueue belongs to'},
			{name: 'Strategy', type: 'string', jsonPath: '.spec.queueingStrategy', priority: 1, description: 'The queueing strategy used to prioritize workloads'},
			{name: 'Pending Workloads', type: 'integer', jsonPath: '.status.pendingWorkloads', description: 'Number of pending workloads'},
			{name: 'Admitted Workloads', type: 'integer', jsonPath: '.status.admittedWorkloads', priority: 1, description: 'Number of admitted workloads that haven\'t finished yet'},
		],
		spec: {
			cohort: {type: 'string', description: 'The cohort whose unused quota this queue may borrow.'},
			queueingStrategy: {type: 'string', description: 'StrictFIFO or BestEffortFIFO.'},
			resourceGroups: {type: 'array', description: 'Flavors and their nominal quota per resource (cpu, memory, nvidia.com/gpu).'},
			namespaceSelector: {type: 'object', description: 'Namespaces whose LocalQueues may submit here.'},
		},
	}),
	definition({
		group: 'kueue.x-k8s.io', version: 'v1beta1', kind: 'LocalQueue', plural: 'localqueues', scope: 'Namespaced', shortNames: ['queue', 'queues', 'lq'], categories: ['kueue'],
		columns: [
			{name: 'ClusterQueue', type: 'string', jsonPath: '.spec.clusterQueue', description: 'Backing ClusterQueue'},
			{name: 'Pending Workloads', type: 'integer', jsonPath: '.status.pendingWorkloads', description: 'Number of pending workloads'},
			{name: 'Admitted Workloads', type: 'integer', jsonPath: '.status.admittedWorkloads', description: 'Number of admitted workloads that haven\'t finished yet.'},
		],
		spec: {clusterQueue: {type: 'string', description: 'The ClusterQueue this queue submits to.'}},
	}),
	definition({
		group: 'kueue.x-k8s.io', version: 'v1beta1', kind: 'Workload', plural: 'workloads', scope: 'Namespaced', shortNames: ['wl'], categories: ['kueue'],
		columns: [
			{name: 'Queue', type: 'string', jsonPath: '.spec.queueName', description: 'Name of the queue this workload was submitted to'},
			{name: 'Reserved in', type: 'string', jsonPath: '.status.admission.clusterQueue', description: 'Name of the ClusterQueue where the workload is reserving quota'},
			{name: 'Admitted', type: 'string', jsonPath: condition('Admitted'), description: 'Admission status'},
			{name: 'Finished', type: 'string', jsonPath: condition('Finished'), description: 'Workload finished'},
			age,
		],
		spec: {
			queueName: {type: 'string', description: 'The LocalQueue the workload is submitted to.'},
			podSets: {type: 'array', description: 'Groups of pods with the same template and their counts.'},
			priority: {type: 'integer', description: 'The workload\'s priority (from its WorkloadPriorityClass).'},
		},
	}),
	definition({
		group: 'scheduling.volcano.sh', version: 'v1beta1', kind: 'PodGroup', plural: 'podgroups', scope: 'Namespaced', shortNames: ['pg', 'podgroup-v1beta1'],
		columns: [
			{name: 'STATUS', type: 'string', jsonPath: '.status.phase'},
			{name: 'minMember', type: 'integer', jsonPath: '.spec.minMember'},
			{name: 'RUNNINGS', type: 'integer', jsonPath: '.status.running'},
			age,
			{name: 'QUEUE', type: 'string', jsonPath: '.spec.queue', priority: 1},
		],
		spec: {
			minMember: {type: 'integer', description: 'How many pods must be schedulable together before any starts (gang scheduling).'},
			minResources: {type: 'object', description: 'The resources the whole group needs to start.'},
			queue: {type: 'string', description: 'The Volcano queue the group belongs to.'},
		},
	}),
];
