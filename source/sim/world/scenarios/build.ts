// Builders for scenario objects: nodes as a kubelet registers them, namespaces, deployments,
// services, HPAs and bare pods, with the fields real clusters fill in.
import type {KubeObject} from '../../../model/types.js';
import {healthyConditions} from '../nodes.js';
import {fnv32a, isoTime, K, type Runtime} from '../runtime.js';

export interface NodeSpec {
	name: string;
	cpu: number;
	memoryGi: number;
	pods?: number;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	taints?: Array<{key: string; value?: string; effect: string}>;
	/** Extended resources: capacity, and allocatable when it differs (a failing device plugin). */
	extended?: Record<string, number>;
	extendedAllocatable?: Record<string, number>;
	instanceType?: string;
	zone?: string;
	index: number;
	controlPlane?: boolean;
	unschedulable?: boolean;
}

export function makeNode(spec: NodeSpec, now: number): KubeObject {
	const stamp = isoTime(now);
	const memoryKi = spec.memoryGi * 1024 * 1024;
	const pods = spec.pods ?? 110;
	const capacity: Record<string, string> = {cpu: String(spec.cpu), memory: `${memoryKi}Ki`, pods: String(pods), 'ephemeral-storage': '203056560Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0'};
	// kube-reserved and system-reserved: allocatable is a little below capacity.
	const allocatable: Record<string, string> = {...capacity, cpu: `${spec.cpu * 1000 - 100}m`, memory: `${memoryKi - 1024 * 1024}Ki`, 'ephemeral-storage': '187136878580'};
	for (const [name, count] of Object.entries(spec.extended ?? {})) {
		capacity[name] = String(count);
		allocatable[name] = String(spec.extendedAllocatable?.[name] ?? count);
	}
	const ip = `10.0.${Math.floor(spec.index / 250)}.${(spec.index % 250) + 10}`;
	const h = fnv32a(spec.name).toString(16).padStart(8, '0');
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {
			name: spec.name,
			uid: '',
			labels: {
				'beta.kubernetes.io/arch': 'amd64',
				'beta.kubernetes.io/os': 'linux',
				'kubernetes.io/arch': 'amd64',
				'kubernetes.io/hostname': spec.name,
				'kubernetes.io/os': 'linux',
				'node.kubernetes.io/instance-type': spec.instanceType ?? 'm6i.4xlarge',
				'topology.kubernetes.io/region': 'eu-west-1',
				'topology.kubernetes.io/zone': spec.zone ?? `eu-west-1${'abc'[spec.index % 3]}`,
				...(spec.controlPlane ? {'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': ''} : {}),
				...spec.labels,
			},
			annotations: {'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true', ...spec.annotations},
		},
		spec: {
			podCIDR: `10.244.${spec.index}.0/24`,
			podCIDRs: [`10.244.${spec.index}.0/24`],
			providerID: `aws:///eu-west-1a/i-0${h}${h.slice(0, 8)}`,
			...(spec.taints?.length ? {taints: spec.taints} : {}),
			...(spec.unschedulable ? {unschedulable: true} : {}),
		},
		status: {
			capacity,
			allocatable,
			conditions: healthyConditions(stamp),
			addresses: [
				{type: 'InternalIP', address: ip},
				{type: 'Hostname', address: spec.name},
			],
			daemonEndpoints: {kubeletEndpoint: {Port: 10250}},
			nodeInfo: {
				architecture: 'amd64',
				bootID: `${h}-0000-4000-8000-${h}${h.slice(0, 4)}`,
				containerRuntimeVersion: 'containerd://1.7.22',
				kernelVersion: '6.8.0-1019-aws',
				kubeProxyVersion: 'v1.33.1',
				kubeletVersion: 'v1.33.1',
				machineID: `${h}${h}${h}${h}`,
				operatingSystem: 'linux',
				osImage: 'Ubuntu 22.04.5 LTS',
				systemUUID: `ec2${h.slice(0, 5)}-${h.slice(0, 4)}-${h.slice(4, 8)}-0000-${h}${h.slice(0, 4)}`,
			},
		},
	};
}

export function makeNamespace(name: string): KubeObject {
	return {apiVersion: 'v1', kind: 'Namespace', metadata: {name, uid: '', labels: {'kubernetes.io/metadata.name': name}}, spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}};
}

export function makeConfigMap(namespace: string, name: string, data: Record<string, string>, binaryData?: Record<string, string>): KubeObject {
	return {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace, uid: ''}, data, ...(binaryData ? {binaryData} : {})};
}

export interface WorkloadSpec {
	namespace: string;
	name: string;
	replicas: number;
	image: string;
	cpu?: string;
	memory?: string;
	/** e.g. {'nvidia.com/gpu': 1}: set as both request and limit, as device plugins require. */
	accelerators?: Record<string, number>;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	nodeSelector?: Record<string, string>;
	tolerations?: Array<Record<string, unknown>>;
	port?: number;
	initImages?: string[];
	container?: string;
	strategy?: Record<string, unknown>;
	progressDeadlineSeconds?: number;
	restartPolicy?: string;
}

export function podSpec(w: WorkloadSpec): Record<string, unknown> {
	const limits: Record<string, string> = {};
	const requests: Record<string, string> = {};
	if (w.cpu) requests.cpu = w.cpu;
	if (w.memory) {
		requests.memory = w.memory;
		limits.memory = w.memory;
	}
	for (const [name, count] of Object.entries(w.accelerators ?? {})) {
		requests[name] = String(count);
		limits[name] = String(count);
	}
	const container: Record<string, unknown> = {
		name: w.container ?? w.name,
		image: w.image,
		resources: {requests, limits},
		...(w.port ? {ports: [{containerPort: w.port, name: 'http', protocol: 'TCP'}], readinessProbe: {httpGet: {path: '/healthz', port: w.port, scheme: 'HTTP'}, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3}} : {}),
	};
	return {
		containers: [container],
		...(w.initImages?.length ? {initContainers: w.initImages.map((image, i) => ({name: `init-${i + 1}`, image, resources: {requests: {cpu: '50m', memory: '32Mi'}}}))} : {}),
		...(w.nodeSelector ? {nodeSelector: w.nodeSelector} : {}),
		...(w.tolerations ? {tolerations: w.tolerations} : {}),
		...(w.restartPolicy ? {restartPolicy: w.restartPolicy} : {}),
	};
}

export function makeDeployment(w: WorkloadSpec): KubeObject {
	const labels = {app: w.name, ...w.labels};
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: w.name, namespace: w.namespace, uid: '', labels},
		spec: {
			replicas: w.replicas,
			selector: {matchLabels: {app: w.name}},
			strategy: w.strategy ?? {type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}},
			revisionHistoryLimit: 10,
			progressDeadlineSeconds: w.progressDeadlineSeconds ?? 600,
			template: {metadata: {labels, ...(w.annotations ? {annotations: w.annotations} : {})}, spec: podSpec(w)},
		},
	};
}

export function makeService(namespace: string, name: string, port: number, targetPort: number, selector: Record<string, string> = {app: name}): KubeObject {
	const h = fnv32a(`${namespace}/${name}`);
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name, namespace, uid: '', labels: {app: name}},
		spec: {
			type: 'ClusterIP',
			clusterIP: `10.96.${(h >>> 8) & 255}.${(h & 253) + 2}`,
			clusterIPs: [`10.96.${(h >>> 8) & 255}.${(h & 253) + 2}`],
			ports: [{name: 'http', port, targetPort, protocol: 'TCP'}],
			selector,
			sessionAffinity: 'None',
			ipFamilies: ['IPv4'],
			ipFamilyPolicy: 'SingleStack',
			internalTrafficPolicy: 'Cluster',
		},
		status: {loadBalancer: {}},
	};
}

export function makeHpa(namespace: string, name: string, min: number, max: number, target: number): KubeObject {
	return {
		apiVersion: 'autoscaling/v2',
		kind: 'HorizontalPodAutoscaler',
		metadata: {name, namespace, uid: ''},
		spec: {
			scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name},
			minReplicas: min,
			maxReplicas: max,
			metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: target}}}],
		},
	};
}

/** A pod not made by a ReplicaSet (static pods, DaemonSet and Job pods): `owner` names what would own it. */
export function makePod(w: WorkloadSpec & {podName: string; nodeName?: string; owner?: {kind: string; name: string; apiVersion: string; uid?: string}}): KubeObject {
	const ownerUid = w.owner?.uid ?? `${fnv32a(`${w.namespace}/${w.owner?.kind}/${w.owner?.name}`).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name: w.podName,
			namespace: w.namespace,
			uid: '',
			labels: {app: w.name, ...w.labels},
			...(w.annotations ? {annotations: w.annotations} : {}),
			...(w.owner ? {ownerReferences: [{apiVersion: w.owner.apiVersion, kind: w.owner.kind, name: w.owner.name, uid: ownerUid, controller: true, blockOwnerDeletion: true} as {kind: string; name: string; uid: string; controller: boolean}]} : {}),
		},
		spec: {
			...podSpec(w),
			...(w.nodeName ? {nodeName: w.nodeName} : {}),
			terminationGracePeriodSeconds: 30,
			schedulerName: 'default-scheduler',
			restartPolicy: w.restartPolicy ?? 'Always',
		},
		status: {phase: 'Pending'},
	};
}

/** Creates, or leaves alone what is already there (a world restarted on a kept store). */
export function ensure(rt: Runtime, key: string, object: KubeObject): void {
	if (rt.get(key, object.metadata.namespace, object.metadata.name)) return;
	try {
		rt.store.create(key, object);
	} catch (error) {
		if ((error as {code?: number}).code !== 409) throw error;
	}
}

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function seedNamespaces(rt: Runtime, names: string[]): void {
	for (const name of names) ensure(rt, K.namespaces, makeNamespace(name));
}
