// A seeded cluster's past: scenario objects created days or hours ago, a Deployment's rollout
// history (older ReplicaSets scaled to zero, the current one with its pods), and the DaemonSet
// and Job objects that own the demo's per-node and batch pods. Everything is created with a
// backdated creationTimestamp; the kubelet and scheduler date what follows from it
// (Runtime.seeding), so an object is never younger than what it owns.
import type {KubeObject, OwnerRef} from '../../../model/types.js';
import {controllerRef, podTemplateHash, replicaSetFor, type DeploymentSpec} from '../deployment.js';
import {podFromTemplate} from '../replicaset.js';
import {isoTime, K, type Runtime} from '../runtime.js';
import {ensure, makeDeployment, type WorkloadSpec} from './build.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Stamps `object` as created `ago` ms before now. */
export function createdAgo<T extends KubeObject>(rt: Runtime, object: T, ago: number): T {
	object.metadata.creationTimestamp = isoTime(rt.now() - Math.max(0, ago));
	return object;
}

export interface History {
	/** How long ago the Deployment was created. */
	age: number;
	/** How long ago the current ReplicaSet (the last rollout) was created; default: with the Deployment. */
	rolledOut?: number;
	/** Images of earlier revisions, oldest first: their ReplicaSets remain, scaled to zero. */
	previousImages?: string[];
}

/** A Deployment with its rollout history: old ReplicaSets at zero, the current one and its pods. */
export function seedDeployment(rt: Runtime, w: WorkloadSpec, history: History): void {
	if (rt.get(K.deployments, w.namespace, w.name)) return;
	const now = rt.now();
	const born = now - history.age;
	const rolledOut = Math.min(history.age, history.rolledOut ?? history.age - 1000);
	const previous = history.previousImages ?? [];
	const revision = previous.length + 1;
	const deployment = rt.store.create(K.deployments, createdAgo(rt, makeDeployment(w), history.age));
	const spec = deployment.spec as DeploymentSpec;
	// Earlier revisions, spread between the Deployment's birth and the last rollout.
	previous.forEach((image, i) => {
		const old = structuredClone(spec);
		const containers = (old.template?.spec as {containers?: Array<{image?: string}>} | undefined)?.containers ?? [];
		if (containers[0]) containers[0].image = image;
		const rs = replicaSetFor(deployment, old, podTemplateHash(old.template), i + 1);
		rs.spec = {...rs.spec, replicas: 0};
		const at = born + 1000 + ((now - rolledOut - born) * i) / Math.max(1, previous.length);
		ensure(rt, K.replicasets, createdAgo(rt, rs, now - at));
	});
	const current = replicaSetFor(deployment, spec, podTemplateHash(spec.template), revision);
	current.spec = {...current.spec, replicas: w.replicas};
	ensure(rt, K.replicasets, createdAgo(rt, current, rolledOut));
	const rs = rt.get(K.replicasets, w.namespace, current.metadata.name);
	if (!rs) return;
	for (let i = 0; i < w.replicas; i++) {
		// A rolling update brings pods up over a few seconds, not all at once.
		const pod = podFromTemplate(rs, `${rs.metadata.name}-${rt.suffix(5)}`);
		ensure(rt, K.pods, createdAgo(rt, pod, rolledOut - 1000 - i * 4000));
	}
}

export function makeDaemonSet(namespace: string, name: string, labels: Record<string, string>, container: {name: string; image: string; cpu: string}, nodeSelector?: Record<string, string>): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'DaemonSet',
		metadata: {name, namespace, uid: '', labels, annotations: {'deprecated.daemonset.template.generation': '1'}},
		spec: {
			selector: {matchLabels: labels},
			template: {metadata: {labels}, spec: {containers: [{name: container.name, image: container.image, resources: {requests: {cpu: container.cpu}, limits: {}}}], tolerations: [{operator: 'Exists'}], priorityClassName: 'system-node-critical', ...(nodeSelector ? {nodeSelector} : {})}},
			updateStrategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 1, maxSurge: 0}},
			revisionHistoryLimit: 10,
		},
	};
}

export interface JobSpec {
	namespace: string;
	name: string;
	completions: number;
	parallelism: number;
	backoffLimit?: number;
	image: string;
	/** The container's name in the pod template (default: the Job's name). */
	container?: string;
	labels?: Record<string, string>;
}

export function makeJob(j: JobSpec): KubeObject {
	const labels = {'batch.kubernetes.io/job-name': j.name, 'job-name': j.name, ...j.labels};
	return {
		apiVersion: 'batch/v1',
		kind: 'Job',
		metadata: {name: j.name, namespace: j.namespace, uid: '', labels},
		spec: {
			completions: j.completions,
			parallelism: j.parallelism,
			backoffLimit: j.backoffLimit ?? 6,
			completionMode: 'NonIndexed',
			suspend: false,
			template: {metadata: {labels}, spec: {containers: [{name: j.container ?? j.name, image: j.image}], restartPolicy: 'Never'}},
		},
	};
}

/** A Job created `ago` ms ago, selecting its pods by its uid as the API server defaults it. */
export function seedJob(rt: Runtime, j: JobSpec, ago: number): void {
	if (rt.get(K.jobs, j.namespace, j.name)) return;
	const job = rt.store.create(K.jobs, createdAgo(rt, makeJob(j), ago));
	const uid = job.metadata.uid;
	rt.tryMutate(K.jobs, j.namespace, j.name, target => {
		const selector = {'batch.kubernetes.io/controller-uid': uid};
		target.spec = {...target.spec, selector: {matchLabels: selector}};
		const template = (target.spec.template ?? {}) as {metadata?: {labels?: Record<string, string>}};
		template.metadata = {...template.metadata, labels: {...template.metadata?.labels, ...selector, 'controller-uid': uid}};
	});
}

/** The controller ownerReference for an object already in the store. */
export function ownerRefTo(rt: Runtime, key: string, namespace: string | undefined, name: string): OwnerRef | undefined {
	const owner = rt.get(key, namespace, name);
	return owner ? controllerRef(owner.apiVersion ?? 'v1', owner.kind ?? '', owner) : undefined;
}
