// Writes against the simulated API server through @kubernetes/client-node: patch types,
// optimistic concurrency, the scale subresource, graceful deletion, eviction and logs.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {KubeError} from '../../source/kube/kubeError.js';
import {createTransport} from '../../source/kube/transport.js';
import {AppsV1Api, AutoscalingV2Api, CoreV1Api, PolicyV1Api, type V1Deployment, type V1Pod} from '@kubernetes/client-node';
import {STOP_SECONDS_ANNOTATION} from '../../source/sim/world/faults.js';
import {startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {apiError, createNamespace, mergePatch, podBody, rawRequest, strategicPatch, waitFor} from './sim-helpers.js';

function deployment(name: string, replicas: number): V1Deployment {
	return {
		metadata: {name},
		spec: {
			replicas,
			selector: {matchLabels: {app: name}},
			template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'app', image: 'registry.example/app:1.0', env: [{name: 'A', value: '1'}, {name: 'B', value: '2'}]}, {name: 'sidecar', image: 'registry.example/proxy:1.0'}]}},
		},
	};
}

describe('simulated API server: writes', () => {
	let cluster: TestCluster;
	let core: CoreV1Api;
	let apps: AppsV1Api;
	let namespace: string;

	before(async () => {
		cluster = await startTestCluster();
		core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		apps = cluster.kubeConfig.makeApiClient(AppsV1Api);
		namespace = uniqueName('wr');
		await createNamespace(cluster.kubeConfig, namespace);
	});
	after(() => cluster.stop());

	it('merge patch: sets and removes labels, changes spec.replicas, bumps generation', async () => {
		const created = await apps.createNamespacedDeployment({namespace, body: deployment('merge', 1)});
		assert.equal(created.metadata?.generation, 1);
		const patched = await apps.patchNamespacedDeployment({namespace, name: 'merge', body: {metadata: {labels: {team: 'sre', gone: null}}, spec: {replicas: 2}}}, mergePatch);
		assert.equal(patched.metadata?.labels?.team, 'sre');
		assert.equal(patched.spec?.replicas, 2);
		assert.equal(patched.metadata?.generation, 2);
		const labelsOnly = await apps.patchNamespacedDeployment({namespace, name: 'merge', body: {metadata: {labels: {team: null}}}}, mergePatch);
		assert.equal(labelsOnly.metadata?.labels?.team, undefined);
		assert.equal(labelsOnly.metadata?.generation, 2, 'metadata-only changes keep the generation');
	});

	it('strategic merge patch: containers and env merge by name; $patch delete removes one', async () => {
		await apps.createNamespacedDeployment({namespace, body: deployment('smp', 1)});
		const patched = await apps.patchNamespacedDeployment({
			namespace,
			name: 'smp',
			body: {spec: {template: {metadata: {annotations: {'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z'}}, spec: {
				$setElementOrder: undefined,
				containers: [{name: 'app', image: 'registry.example/app:2.0', env: [{name: 'B', value: 'two'}, {name: 'C', value: '3'}]}, {name: 'sidecar', $patch: 'delete'}],
			}}}},
		}, strategicPatch);
		const containers = patched.spec!.template.spec!.containers;
		assert.deepEqual(containers.map(c => `${c.name}=${c.image}`), ['app=registry.example/app:2.0']);
		assert.deepEqual(containers[0]!.env!.map(e => `${e.name}=${e.value}`), ['A=1', 'B=two', 'C=3']);
		assert.equal(patched.spec!.template.metadata!.annotations!['kubectl.kubernetes.io/restartedAt'], '2026-01-01T00:00:00Z');
		const retain = await apps.patchNamespacedDeployment({namespace, name: 'smp', body: {spec: {strategy: {$retainKeys: ['type'], type: 'Recreate', rollingUpdate: null}}}}, strategicPatch);
		assert.equal(retain.spec?.strategy?.type, 'Recreate');
		assert.equal(retain.spec?.strategy?.rollingUpdate, undefined);
	});

	it('JSON patch: add/replace/remove/copy/move, and a failing test op is 422 with nothing applied', async () => {
		// Named: a real API server refuses a second port while the first has no name.
		await core.createNamespacedService({namespace, body: {metadata: {name: 'jp', labels: {a: '1'}}, spec: {ports: [{name: 'http', port: 80}]}}});
		const patched = await core.patchNamespacedService({namespace, name: 'jp', body: [
			{op: 'test', path: '/metadata/labels/a', value: '1'},
			{op: 'add', path: '/metadata/labels/b', value: '2'},
			{op: 'replace', path: '/metadata/labels/a', value: 'one'},
			{op: 'copy', from: '/metadata/labels/b', path: '/metadata/labels/c'},
			{op: 'move', from: '/metadata/labels/c', path: '/metadata/labels/d'},
			{op: 'remove', path: '/metadata/labels/b'},
			{op: 'add', path: '/spec/ports/-', value: {name: 'tls', port: 443}},
		]});
		assert.deepEqual(patched.metadata?.labels, {a: 'one', d: '2'});
		assert.deepEqual(patched.spec?.ports?.map(p => p.port), [80, 443]);
		const failed = await apiError(() => core.patchNamespacedService({namespace, name: 'jp', body: [{op: 'add', path: '/metadata/labels/x', value: 'y'}, {op: 'test', path: '/metadata/labels/a', value: 'nope'}]}));
		assert.equal(failed.code, 422);
		const after = await core.readNamespacedService({namespace, name: 'jp'});
		assert.equal(after.metadata?.labels?.x, undefined);
	});

	it('PUT with a stale resourceVersion is 409 Conflict with the real message; create twice is AlreadyExists', async () => {
		const created = await core.createNamespacedService({namespace, body: {metadata: {name: 'cas'}, spec: {ports: [{port: 80}]}}});
		await core.replaceNamespacedService({namespace, name: 'cas', body: {...created, metadata: {...created.metadata, labels: {v: '2'}}}});
		const stale = await apiError(() => core.replaceNamespacedService({namespace, name: 'cas', body: {...created, metadata: {...created.metadata, labels: {v: '3'}}}}));
		assert.equal(stale.code, 409);
		assert.equal(stale.reason, 'Conflict');
		assert.equal(stale.message, 'Operation cannot be fulfilled on services "cas": the object has been modified; please apply your changes to the latest version and try again');
		const twice = await apiError(() => core.createNamespacedService({namespace, body: {metadata: {name: 'cas'}, spec: {ports: [{port: 80}]}}}));
		assert.equal(twice.code, 409);
		assert.equal(twice.reason, 'AlreadyExists');
		assert.equal(twice.message, 'services "cas" already exists');
		const missing = await apiError(() => apps.readNamespacedDeployment({namespace, name: 'nope'}));
		assert.equal(missing.code, 404);
		assert.equal(missing.message, 'deployments.apps "nope" not found');
		const badName = await apiError(() => core.createNamespacedPod({namespace, body: podBody('Bad_Name')}));
		assert.equal(badName.code, 422);
		assert.match(badName.message ?? '', /^Pod "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name"/);
	});

	it('scale subresource: read, replace, patch; negative replicas is 422 Invalid with causes', async () => {
		await apps.createNamespacedDeployment({namespace, body: deployment('scaled', 1)});
		const scale = await apps.readNamespacedDeploymentScale({namespace, name: 'scaled'});
		assert.equal(scale.kind, 'Scale');
		assert.equal(scale.apiVersion, 'autoscaling/v1');
		assert.equal(scale.spec?.replicas, 1);
		assert.equal(scale.status?.selector, 'app=scaled');
		await apps.replaceNamespacedDeploymentScale({namespace, name: 'scaled', body: {metadata: {name: 'scaled', namespace}, spec: {replicas: 3}}});
		assert.equal((await apps.readNamespacedDeployment({namespace, name: 'scaled'})).spec?.replicas, 3);
		await apps.patchNamespacedDeploymentScale({namespace, name: 'scaled', body: {spec: {replicas: 4}}}, mergePatch);
		assert.equal((await apps.readNamespacedDeployment({namespace, name: 'scaled'})).spec?.replicas, 4);
		const negative = await apiError(() => apps.patchNamespacedDeploymentScale({namespace, name: 'scaled', body: {spec: {replicas: -1}}}, mergePatch));
		assert.equal(negative.code, 422);
		assert.equal(negative.reason, 'Invalid');
		assert.equal(negative.message, 'Scale.autoscaling "scaled" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
		assert.deepEqual(negative.details?.causes?.map(c => c.field), ['spec.replicas']);
	});

	it('dryRun=All answers like a write but changes nothing', async () => {
		await apps.createNamespacedDeployment({namespace, body: deployment('dry', 1)});
		const patched = await apps.patchNamespacedDeployment({namespace, name: 'dry', dryRun: 'All', body: {spec: {replicas: 7}}}, mergePatch);
		assert.equal(patched.spec?.replicas, 7);
		const created = await core.createNamespacedService({namespace, dryRun: 'All', body: {metadata: {name: 'dry-svc'}, spec: {ports: [{port: 80}]}}});
		assert.equal(created.metadata?.name, 'dry-svc');
		await core.deleteNamespacedService({namespace, name: 'jp', dryRun: 'All'});
		assert.equal((await apps.readNamespacedDeployment({namespace, name: 'dry'})).spec?.replicas, 1);
		assert.equal((await apiError(() => core.readNamespacedService({namespace, name: 'dry-svc'}))).code, 404);
		assert.equal((await core.readNamespacedService({namespace, name: 'jp'})).metadata?.name, 'jp');
	});

	it('the deployment’s pods come up (world controllers) and show in the pods list', async t => {
		await apps.createNamespacedDeployment({namespace, body: deployment('web', 2)});
		const pods = await waitFor('two running pods', async () => {
			const list = await core.listNamespacedPod({namespace, labelSelector: 'app=web'});
			const running = list.items.filter(p => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
			return running.length === 2 ? running : undefined;
		});
		assert.ok(pods.every(p => p.spec?.nodeName), 'scheduled onto nodes');
		t.diagnostic(`pods: ${pods.map(p => p.metadata?.name).join(', ')}`);
	});

	it('graceful delete: deletionTimestamp first, gone after the grace period', async () => {
		// The simulated kubelet takes `stop-seconds` (scaled by speed) to stop the containers.
		const body = podBody('graceful');
		const pod = await core.createNamespacedPod({namespace, body: {metadata: {...body.metadata, annotations: {[STOP_SECONDS_ANNOTATION]: '30'}}, spec: {...body.spec, terminationGracePeriodSeconds: 30}}});
		await waitFor('the pod to be scheduled', async () => (await core.readNamespacedPod({namespace, name: 'graceful'})).spec?.nodeName);
		const answered = (await core.deleteNamespacedPod({namespace, name: 'graceful'})) as V1Pod;
		assert.equal(answered.metadata?.uid, pod.metadata?.uid);
		assert.ok(answered.metadata?.deletionTimestamp, 'the DELETE answer carries deletionTimestamp');
		assert.equal(answered.metadata?.deletionGracePeriodSeconds, 30);
		const during = await core.readNamespacedPod({namespace, name: 'graceful'});
		assert.ok(during.metadata?.deletionTimestamp, 'still there, terminating');
		const gone = await waitFor('the pod to be removed', async () => {
			const status = await apiError(() => core.readNamespacedPod({namespace, name: 'graceful'})).catch(() => undefined);
			return status?.code === 404 ? status : undefined;
		});
		assert.equal(gone.message, 'pods "graceful" not found');
	});

	it('delete with gracePeriodSeconds=0 and of an unscheduled pod removes at once', async () => {
		await core.createNamespacedPod({namespace, body: {...podBody('unscheduled'), spec: {...podBody('unscheduled').spec, nodeSelector: {'no-such': 'node'}}}});
		await core.deleteNamespacedPod({namespace, name: 'unscheduled'});
		assert.equal((await apiError(() => core.readNamespacedPod({namespace, name: 'unscheduled'}))).code, 404);
	});

	it('creation defaults the printers read: a gated pod is SchedulingGated; an HPA gets minReplicas 1 and 80% CPU', async () => {
		const gated = await core.createNamespacedPod({namespace, body: {...podBody('gated'), spec: {...podBody('gated').spec, schedulingGates: [{name: 'example.com/hold'}]}}});
		const scheduled = gated.status?.conditions?.find(c => c.type === 'PodScheduled');
		assert.deepEqual([scheduled?.status, scheduled?.reason], ['False', 'SchedulingGated']);
		const autoscaling = cluster.kubeConfig.makeApiClient(AutoscalingV2Api);
		const hpa = await autoscaling.createNamespacedHorizontalPodAutoscaler({namespace, body: {metadata: {name: 'bare'}, spec: {scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'merge'}, maxReplicas: 3}}});
		assert.equal(hpa.spec?.minReplicas, 1);
		assert.deepEqual(hpa.spec?.metrics?.map(m => [m.type, m.resource?.name, m.resource?.target.type, m.resource?.target.averageUtilization]), [['Resource', 'cpu', 'Utilization', 80]]);
	});

	it('eviction respects a PodDisruptionBudget (429), and evicts when the budget allows', async () => {
		const policy = cluster.kubeConfig.makeApiClient(PolicyV1Api);
		await apps.createNamespacedDeployment({namespace, body: deployment('guarded', 2)});
		await policy.createNamespacedPodDisruptionBudget({namespace, body: {metadata: {name: 'guarded'}, spec: {minAvailable: 2, selector: {matchLabels: {app: 'guarded'}}}}});
		const ready = await waitFor('two ready pods', async () => {
			const list = await core.listNamespacedPod({namespace, labelSelector: 'app=guarded'});
			const ok = list.items.filter(p => p.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True'));
			return ok.length === 2 ? ok : undefined;
		});
		const victim = ready[0]!.metadata!.name!;
		const refused = await apiError(() => core.createNamespacedPodEviction({namespace, name: victim, body: {metadata: {name: victim, namespace}}}));
		assert.equal(refused.code, 429);
		assert.equal(refused.reason, 'TooManyRequests');
		assert.equal(refused.message, "Cannot evict pod as it would violate the pod's disruption budget.");
		await policy.patchNamespacedPodDisruptionBudget({namespace, name: 'guarded', body: {spec: {minAvailable: '50%'}}}, mergePatch);
		await core.createNamespacedPodEviction({namespace, name: victim, body: {metadata: {name: victim, namespace}}});
		const evicted = await core.readNamespacedPod({namespace, name: victim}).catch(() => undefined);
		assert.ok(!evicted || evicted.metadata?.deletionTimestamp, 'the evicted pod is terminating or gone');
	});

	it('logs: tail, timestamps, container defaulting errors, and follow streams new lines', async () => {
		await core.createNamespacedPod({namespace, body: podBody('talker')});
		await waitFor('the pod to run', async () => (await core.readNamespacedPod({namespace, name: 'talker'})).status?.phase === 'Running' || undefined);
		await waitFor('some log lines', async () => ((await core.readNamespacedPodLog({namespace, name: 'talker'})).split('\n').length > 3 ? true : undefined));
		const tail = await core.readNamespacedPodLog({namespace, name: 'talker', tailLines: 2, timestamps: true});
		const lines = tail.trimEnd().split('\n');
		assert.equal(lines.length, 2);
		for (const line of lines) assert.match(line, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z /);
		const limited = await rawRequest(cluster.kubeConfig, `/api/v1/namespaces/${namespace}/pods/talker/log?limitBytes=10`);
		assert.equal(Buffer.byteLength(limited.text), 10);

		await core.createNamespacedPod({namespace, body: {metadata: {name: 'pair'}, spec: {containers: [{name: 'a', image: 'x/a:1'}, {name: 'b', image: 'x/b:1'}]}}});
		const ambiguous = await apiError(() => core.readNamespacedPodLog({namespace, name: 'pair'}));
		assert.equal(ambiguous.code, 400);
		assert.equal(ambiguous.message, 'a container name must be specified for pod pair, choose one of: [a b]');
		const wrong = await apiError(() => core.readNamespacedPodLog({namespace, name: 'talker', container: 'nope'}));
		assert.equal(wrong.code, 400);

		// Followed through kubedeck's own transport: client-node 2's Log leaves an AbortError
		// unhandled on its internal stream when a follow is cancelled.
		const controller = new AbortController();
		const transport = createTransport(cluster.kubeConfig);
		const followed: string[] = [];
		const following = transport.stream({
			path: `/api/v1/namespaces/${namespace}/pods/talker/log`,
			query: {container: 'main', follow: 'true', tailLines: 1},
			signal: controller.signal,
			onLine: (line) => followed.push(line),
		});
		following.catch(() => {}); // the abort below ends the stream
		try {
			await waitFor('the tail line', () => (followed.length > 0 ? true : undefined));
			const before = followed.length;
			await waitFor('new lines while following', () => (followed.length > before + 1 ? true : undefined));
		} finally {
			controller.abort();
			transport.close();
		}
		await assert.rejects(following, (error: unknown) => error instanceof KubeError && error.aborted);
	});
});
