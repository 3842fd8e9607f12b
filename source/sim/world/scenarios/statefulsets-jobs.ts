// The demo's StatefulSets and its failed Job, for :problems and the panes of those kinds:
// production's Helm-installed Redis (one replica, healthy, as the shop-redis release says) and
// payments' Postgres, whose replica postgres-2 never passes its readiness probe (the set reads
// 2/3 ready); and staging's search reindex, stopped by its activeDeadlineSeconds two hours ago
// (the job controller deleted its pod, so none is left to show).
import type {KubeObject} from '../../../model/types.js';
import {FAULT_ANNOTATION} from '../faults.js';
import {isoTime, K, type Runtime} from '../runtime.js';
import {statefulSetRevision} from '../statefulset.js';
import {ensure, makePod, podSpec, type WorkloadSpec} from './build.js';
import {createdAgo, DAY, HOUR, MINUTE, makeJob} from './past.js';

interface SetSpec extends WorkloadSpec {
	serviceName: string;
	age: number;
	/** Annotations of single pods by ordinal (a fault on one replica). */
	podAnnotations?: Record<number, Record<string, string>>;
}

const SETS: readonly SetSpec[] = [
	{namespace: 'production', name: 'shop-redis-master', serviceName: 'shop-redis-headless', replicas: 1, image: 'docker.io/bitnami/redis:7.2.5-debian-12-r0', cpu: '100m', memory: '512Mi', port: 6379, container: 'redis', age: 30 * DAY,
		labels: {'app.kubernetes.io/instance': 'shop-redis', 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/component': 'master'}},
	{namespace: 'payments', name: 'postgres', serviceName: 'postgres', replicas: 3, image: 'postgres:16.4', cpu: '500m', memory: '2Gi', port: 5432, container: 'postgres', age: 72 * DAY,
		podAnnotations: {2: {[FAULT_ANNOTATION]: 'unready'}}},
];

function makeStatefulSet(s: SetSpec): KubeObject {
	const selector = {app: s.name};
	return {
		apiVersion: 'apps/v1',
		kind: 'StatefulSet',
		metadata: {name: s.name, namespace: s.namespace, uid: '', labels: {app: s.name, ...s.labels}, generation: 1},
		spec: {
			replicas: s.replicas,
			serviceName: s.serviceName,
			selector: {matchLabels: selector},
			template: {metadata: {labels: {...selector, ...s.labels}}, spec: podSpec(s)},
			podManagementPolicy: 'OrderedReady',
			updateStrategy: {type: 'RollingUpdate', rollingUpdate: {partition: 0}},
			revisionHistoryLimit: 10,
			persistentVolumeClaimRetentionPolicy: {whenDeleted: 'Retain', whenScaled: 'Retain'},
		},
	};
}

function seedStatefulSet(rt: Runtime, s: SetSpec): void {
	ensure(rt, K.statefulsets, createdAgo(rt, makeStatefulSet(s), s.age));
	const set = rt.get(K.statefulsets, s.namespace, s.name);
	if (!set) return;
	const revision = statefulSetRevision(s.namespace, s.name);
	for (let ordinal = 0; ordinal < s.replicas; ordinal++) {
		const podName = `${s.name}-${ordinal}`;
		const annotations = {...s.annotations, ...s.podAnnotations?.[ordinal]};
		const pod = makePod({
			...s,
			podName,
			labels: {...s.labels, 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': String(ordinal)},
			...(Object.keys(annotations).length > 0 ? {annotations} : {}),
			owner: {apiVersion: 'apps/v1', kind: 'StatefulSet', name: s.name, uid: set.metadata.uid},
		});
		// The set's pods are addressable as <pod>.<service>: hostname and subdomain, as the controller sets them.
		pod.spec = {...pod.spec, hostname: podName, subdomain: s.serviceName};
		// Replaced pods are younger than their set: the last one rolled three days ago.
		ensure(rt, K.pods, createdAgo(rt, pod, 3 * DAY - ordinal * MINUTE));
	}
}

/** A Job stopped by its deadline: Failed with DeadlineExceeded, its one pod deleted by the controller. */
function seedDeadlineJob(rt: Runtime): void {
	const ranFor = 30 * MINUTE;
	const failedAt = rt.now() - 2 * HOUR;
	const job = makeJob({namespace: 'staging', name: 'search-reindex', completions: 1, parallelism: 1, backoffLimit: 2, image: 'registry.example.com/shop/search-indexer:3.1.0', container: 'reindex'});
	job.spec = {...job.spec, activeDeadlineSeconds: ranFor / 1000};
	const at = isoTime(failedAt);
	const message = 'Job was active longer than specified deadline';
	job.status = {
		startTime: isoTime(failedAt - ranFor),
		failed: 1,
		terminating: 0,
		ready: 0,
		uncountedTerminatedPods: {},
		conditions: [
			{type: 'FailureTarget', status: 'True', reason: 'DeadlineExceeded', message, lastProbeTime: at, lastTransitionTime: at},
			{type: 'Failed', status: 'True', reason: 'DeadlineExceeded', message, lastProbeTime: at, lastTransitionTime: at},
		],
	};
	ensure(rt, K.jobs, createdAgo(rt, job, 2 * HOUR + ranFor));
}

export function seedDemoStatefulSetsAndJobs(rt: Runtime): void {
	if (rt.has(K.statefulsets)) for (const s of SETS) seedStatefulSet(rt, s);
	if (rt.has(K.jobs)) seedDeadlineJob(rt);
}
