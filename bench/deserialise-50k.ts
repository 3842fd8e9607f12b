// Is the library's typed deserialisation fast enough for 50,000 pods, or should the watch
// engine parse raw JSON and project straight into rows? Prints time and retained heap for:
//   typed: JSON.parse + ObjectSerializer.deserialize('V1PodList') (what the library's ListWatch does)
//   raw:   JSON.parse + podModel.project per item (what source/kube does)
// Run: node --expose-gc --import tsx bench/deserialise-50k.ts [count]
// The serializer is not in the package's public index; the deep import reaches the same class the informer uses.
import {ObjectSerializer} from '@kubernetes/client-node/dist/serializer.js';
import {podModel} from '../source/model/pods.js';

const count = Number(process.argv[2] ?? 50_000);

function pod(i: number): object {
	const app = `svc-${i % 97}`;
	const ns = `team-${i % 23}`;
	const created = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name: `${app}-7d9f8c6b5-${i.toString(36).padStart(5, 'x')}`,
			generateName: `${app}-7d9f8c6b5-`,
			namespace: ns,
			uid: `0000${i}`.padStart(8, '0') + '-1111-2222-3333-444455556666',
			resourceVersion: String(100000 + i),
			creationTimestamp: created,
			labels: {app, 'pod-template-hash': '7d9f8c6b5', 'app.kubernetes.io/part-of': 'shop', tier: 'backend'},
			annotations: {'kubectl.kubernetes.io/restartedAt': created, 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090'},
			ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-7d9f8c6b5`, uid: 'aaaa-bbbb', controller: true, blockOwnerDeletion: true}],
			managedFields: [
				{manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: created, fieldsType: 'FieldsV1', fieldsV1: {'f:metadata': {'f:labels': {'.': {}, 'f:app': {}}}, 'f:spec': {'f:containers': {'k:{"name":"app"}': {'.': {}, 'f:image': {}}}}}},
				{manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: created, fieldsType: 'FieldsV1', subresource: 'status', fieldsV1: {'f:status': {'f:conditions': {}, 'f:containerStatuses': {}, 'f:podIP': {}}}},
			],
		},
		spec: {
			nodeName: `node-${i % 500}`,
			serviceAccountName: 'default',
			restartPolicy: 'Always',
			terminationGracePeriodSeconds: 30,
			dnsPolicy: 'ClusterFirst',
			schedulerName: 'default-scheduler',
			tolerations: [
				{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
				{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
			],
			volumes: [{name: 'kube-api-access', projected: {defaultMode: 420, sources: [{serviceAccountToken: {expirationSeconds: 3607, path: 'token'}}]}}],
			containers: [
				{
					name: 'app',
					image: `registry.example.com/${app}:1.${i % 9}.0`,
					ports: [{containerPort: 8080, protocol: 'TCP', name: 'http'}],
					env: [
						{name: 'LOG_LEVEL', value: 'info'},
						{name: 'POD_NAME', valueFrom: {fieldRef: {apiVersion: 'v1', fieldPath: 'metadata.name'}}},
					],
					resources: {requests: {cpu: '250m', memory: '256Mi'}, limits: {memory: '512Mi'}},
					readinessProbe: {httpGet: {path: '/healthz', port: 8080, scheme: 'HTTP'}, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3},
					volumeMounts: [{name: 'kube-api-access', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount'}],
					imagePullPolicy: 'IfNotPresent',
					terminationMessagePath: '/dev/termination-log',
					terminationMessagePolicy: 'File',
				},
				{
					name: 'proxy',
					image: 'registry.example.com/proxy:2.1',
					resources: {requests: {cpu: '50m', memory: '64Mi'}},
					imagePullPolicy: 'IfNotPresent',
				},
			],
		},
		status: {
			phase: 'Running',
			qosClass: 'Burstable',
			hostIP: `10.0.${i % 250}.${i % 200}`,
			podIP: `10.244.${(i >> 8) % 250}.${i % 250}`,
			podIPs: [{ip: `10.244.${(i >> 8) % 250}.${i % 250}`}],
			startTime: created,
			conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({type, status: 'True', lastProbeTime: null, lastTransitionTime: created})),
			containerStatuses: ['app', 'proxy'].map((name) => ({
				name,
				ready: true,
				restartCount: i % 7 === 0 ? 2 : 0,
				started: true,
				image: `registry.example.com/${name}:1.0`,
				imageID: `registry.example.com/${name}@sha256:${'ab'.repeat(32)}`,
				containerID: `containerd://${'cd'.repeat(32)}`,
				state: {running: {startedAt: created}},
				lastState: i % 7 === 0 ? {terminated: {exitCode: 137, reason: 'OOMKilled', startedAt: created, finishedAt: created}} : {},
			})),
		},
	};
}

function heapMb(): number {
	(globalThis as {gc?: () => void}).gc?.();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

// Bodies are pages of 500, as the watch engine lists them (one 200 MB string is not what we parse).
const pageSize = 500;

function measure<T>(label: string, pages: string[], run: (text: string) => T): T[] {
	const before = heapMb();
	const start = performance.now();
	const cpu = process.cpuUsage();
	const results = pages.map(run);
	const ms = performance.now() - start;
	const used = process.cpuUsage(cpu);
	const cpuMs = (used.user + used.system) / 1000;
	const retained = heapMb() - before;
	// CPU time is the steadier figure on a shared machine; wall time includes waiting for a core.
	console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms wall ${cpuMs.toFixed(0).padStart(6)} ms cpu   retained ${retained.toFixed(1).padStart(7)} MB`);
	return results;
}

type Item = Parameters<typeof podModel.project>[0];
const pages: string[] = [];
let bytes = 0;
for (let first = 0; first < count; first += pageSize) {
	const items = Array.from({length: Math.min(pageSize, count - first)}, (_, k) => pod(first + k));
	const page = JSON.stringify({apiVersion: 'v1', kind: 'PodList', metadata: {resourceVersion: '999999'}, items});
	bytes += page.length;
	pages.push(page);
}
console.log(`${count} pods in ${pages.length} pages, ${(bytes / 1024 / 1024).toFixed(1)} MB of JSON (${Math.round(bytes / count)} bytes per pod)`);
if (!(globalThis as {gc?: unknown}).gc) console.log('(run with --expose-gc for meaningful retained-heap figures)');

let keep: unknown[] = [];
for (let round = 1; round <= 3; round++) {
	console.log(`round ${round}${round === 1 ? ' (cold JIT)' : ''}`);
	keep = measure('  JSON.parse only (plain objects kept)', pages, (t) => JSON.parse(t));
	keep = [];
	keep = measure('  typed: JSON.parse + ObjectSerializer', pages, (t) => ObjectSerializer.deserialize(JSON.parse(t), 'V1PodList'));
	keep = [];
	keep = measure('  raw: JSON.parse + project to rows (kept)', pages, (t) => (JSON.parse(t) as {items: Item[]}).items.map((item) => podModel.project(item)));
	keep = [];
}
void keep;
