// 'scale': `nodes` nodes and `pods` pods for benches, seeded straight into their steady state
// (Running, Ready, bound) without per-pod events, lifecycles or log timers, so 50,000 pods seed
// in seconds. Pods belong to Deployments of 50 (via ReplicaSets), spread over ten namespaces.
import type {KubeObject} from '../../../model/types.js';
import {controllerRef, podTemplateHash} from '../deployment.js';
import {isoTime, K, type Runtime} from '../runtime.js';
import {ensure, makeDeployment, makeNode, seedNamespaces, SYSTEM_NAMESPACES} from './build.js';

const PER_DEPLOYMENT = 50;
const NAMESPACES = 10;
const IMAGES = ['nginx:1.27.3', 'registry.example.com/shop/api:4.12.0', 'registry.example.com/payments/ledger:3.0.9', 'redis:7.4.1'];

export function seedScale(rt: Runtime, options: {nodes: number; pods: number}, created: (pod: KubeObject) => void = () => {}): void {
	const namespaces = Array.from({length: NAMESPACES}, (_, i) => `scale-${i}`);
	seedNamespaces(rt, [...SYSTEM_NAMESPACES, ...namespaces]);
	const nodeCount = Math.max(1, options.nodes);
	const perNode = Math.max(110, Math.ceil((options.pods / nodeCount) * 1.2));
	const nodeNames: string[] = [];
	for (let i = 0; i < nodeCount; i++) {
		const name = `node-${String(i).padStart(4, '0')}`;
		nodeNames.push(name);
		ensure(rt, K.nodes, makeNode({name, index: i % 250, cpu: 64, memoryGi: 256, pods: perNode, zone: `eu-west-1${'abc'[i % 3]}`}, rt.now()));
	}

	const now = rt.now();
	// Pods have run for an hour; they were created a moment before they started, their
	// Deployments and ReplicaSets a day earlier (an object is never younger than what it owns).
	const stamp = isoTime(now - 3_600_000);
	const podCreated = isoTime(now - 3_602_000);
	const ownerCreated = isoTime(now - 86_400_000);
	let podIndex = 0;
	const deployments = Math.ceil(options.pods / PER_DEPLOYMENT);
	for (let d = 0; d < deployments && podIndex < options.pods; d++) {
		const namespace = namespaces[d % NAMESPACES]!;
		const replicas = Math.min(PER_DEPLOYMENT, options.pods - podIndex);
		const name = `app-${String(d).padStart(4, '0')}`;
		const image = IMAGES[d % IMAGES.length]!;
		const made = makeDeployment({namespace, name, replicas, image, cpu: '10m', memory: '32Mi'});
		made.metadata.creationTimestamp = ownerCreated;
		const deployment = rt.store.create(K.deployments, made);
		const template = deployment.spec!.template as {metadata: {labels: Record<string, string>}; spec: Record<string, unknown>};
		const hash = podTemplateHash(template);
		const labels = {...template.metadata.labels, 'pod-template-hash': hash};
		const rsName = `${name}-${hash}`;
		const rs = rt.store.create(K.replicasets, {
			apiVersion: 'apps/v1',
			kind: 'ReplicaSet',
			metadata: {name: rsName, namespace, uid: '', creationTimestamp: ownerCreated, labels, annotations: {'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': String(replicas)}, ownerReferences: [controllerRef('apps/v1', 'Deployment', deployment)]},
			spec: {replicas, selector: {matchLabels: {app: name, 'pod-template-hash': hash}}, template: {...template, metadata: {labels}}},
			status: {replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1},
		});
		// One object reused for every pod of the set: the store copies on create.
		const pod: KubeObject = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name: '', namespace, uid: '', creationTimestamp: podCreated, labels, ownerReferences: [controllerRef('apps/v1', 'ReplicaSet', rs)]},
			spec: {...template.spec, nodeName: '', restartPolicy: 'Always', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', dnsPolicy: 'ClusterFirst', serviceAccountName: 'default'},
			status: {},
		};
		for (let r = 0; r < replicas; r++, podIndex++) {
			const node = nodeNames[podIndex % nodeNames.length]!;
			const ip = `10.${64 + ((podIndex >> 16) & 63)}.${(podIndex >> 8) & 255}.${podIndex & 255}`;
			pod.metadata.name = `${rsName}-${rt.suffix(5)}`;
			pod.spec!.nodeName = node;
			pod.status = runningStatus(image, name, ip, `10.0.${Math.floor((podIndex % nodeNames.length) / 250)}.${((podIndex % nodeNames.length) % 250) + 10}`, stamp);
			try {
				created(rt.store.create(K.pods, pod));
			} catch (error) {
				if ((error as {code?: number}).code !== 409) throw error;
				r--;
				podIndex--;
			}
		}
	}
}

function runningStatus(image: string, container: string, podIP: string, hostIP: string, stamp: string): Record<string, unknown> {
	const condition = (type: string) => ({type, status: 'True', lastProbeTime: null, lastTransitionTime: stamp});
	return {
		phase: 'Running',
		conditions: [condition('PodReadyToStartContainers'), condition('Initialized'), condition('Ready'), condition('ContainersReady'), condition('PodScheduled')],
		hostIP,
		hostIPs: [{ip: hostIP}],
		podIP,
		podIPs: [{ip: podIP}],
		startTime: stamp,
		qosClass: 'Burstable',
		containerStatuses: [{name: container, image, imageID: '', ready: true, restartCount: 0, started: true, state: {running: {startedAt: stamp}}, lastState: {}, containerID: `containerd://${podIP.replace(/\./g, '')}`}],
	};
}
