import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {deletePod} from '../../source/sim/world/gc.js';
import {createRuntime} from '../../source/sim/world/runtime.js';
import {deployment, isReady, podsOf, rolloutComplete, startHarness, waitFor, type Harness} from './sim-world-harness.js';

describe('deployments end to end against the real store', () => {
	let h: Harness;
	before(() => {
		h = startHarness();
	});
	after(() => h.stop());

	test('a new deployment gets a ReplicaSet and Running, Ready pods, and a complete status', async () => {
		h.store.create('deployments.apps', deployment('default', 'web', 3));
		const pods = await waitFor('3 ready pods', () => {
			const list = podsOf(h.store, 'default', 'web');
			return list.length === 3 && list.every(isReady) ? list : undefined;
		});
		const rs = h.store.list('replicasets.apps', 'default').filter(r => r.metadata.name.startsWith('web-'));
		assert.equal(rs.length, 1);
		const hash = rs[0]!.metadata.labels!['pod-template-hash'];
		assert.equal(rs[0]!.metadata.name, `web-${hash}`);
		assert.equal(rs[0]!.metadata.annotations!['deployment.kubernetes.io/revision'], '1');
		assert.deepEqual(rs[0]!.metadata.ownerReferences!.map(r => [r.kind, r.name, r.controller]), [['Deployment', 'web', true]]);
		for (const pod of pods) {
			assert.match(pod.metadata.name, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
			assert.equal(pod.metadata.ownerReferences![0]!.uid, rs[0]!.metadata.uid);
			assert.equal(pod.status!.phase, 'Running');
			assert.ok(pod.status!.podIP, 'pod has an IP');
			assert.equal(pod.status!.qosClass, 'Burstable');
			const types = (pod.status!.conditions as Array<{type: string; status: string}>).map(c => `${c.type}=${c.status}`);
			assert.deepEqual(types, ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
		}
		const d = await waitFor('rollout complete', () => {
			const current = h.store.get('deployments.apps', 'default', 'web');
			return rolloutComplete(current) ? current : undefined;
		});
		const progressing = (d.status!.conditions as Array<{type: string; reason: string}>).find(c => c.type === 'Progressing');
		assert.equal(progressing?.reason, 'NewReplicaSetAvailable');
		assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '1');
		const reasons = new Set(h.store.list('events', 'default').map(e => e.reason as string));
		for (const reason of ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'SuccessfulCreate', 'ScalingReplicaSet']) assert.ok(reasons.has(reason), `event ${reason}`);
	});

	test('scaling up and down; removed pods terminate gracefully and disappear', async () => {
		h.store.mutate('deployments.apps', 'default', 'web', d => {
			d.spec = {...d.spec, replicas: 5};
		});
		await waitFor('5 ready pods', () => podsOf(h.store, 'default', 'web').filter(isReady).length === 5);
		let sawTerminating = false;
		const unsubscribe = h.store.subscribe(event => {
			if (event.resource === 'pods' && event.type === 'MODIFIED' && event.object.metadata.deletionTimestamp) sawTerminating = true;
		});
		h.store.mutate('deployments.apps', 'default', 'web', d => {
			d.spec = {...d.spec, replicas: 2};
		});
		await waitFor('2 pods left', () => podsOf(h.store, 'default', 'web').length === 2);
		unsubscribe();
		assert.ok(sawTerminating, 'pods went through Terminating before removal');
		await waitFor('status settles at 2', () => rolloutComplete(h.store.get('deployments.apps', 'default', 'web')));
	});

	test('a template change rolls out within maxSurge/maxUnavailable to completion', async () => {
		h.store.create('deployments.apps', deployment('default', 'api', 4, {strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}}));
		await waitFor('api complete', () => rolloutComplete(h.store.get('deployments.apps', 'default', 'api')));
		let minReady = Infinity;
		let maxPods = 0;
		const unsubscribe = h.store.subscribe(event => {
			if (event.resource !== 'pods') return;
			const live = podsOf(h.store, 'default', 'api').filter(p => !p.metadata.deletionTimestamp);
			minReady = Math.min(minReady, live.filter(isReady).length);
			maxPods = Math.max(maxPods, live.length);
		});
		h.store.mutate('deployments.apps', 'default', 'api', d => {
			const template = d.spec!.template as {metadata: {annotations?: Record<string, string>}};
			template.metadata.annotations = {'kubectl.kubernetes.io/restartedAt': '2026-11-27T23:00:00Z'};
		});
		const d = await waitFor('rollout of revision 2 completes', () => {
			const current = h.store.get('deployments.apps', 'default', 'api');
			return current?.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2' && rolloutComplete(current) ? current : undefined;
		}, 10_000);
		await waitFor('old pods gone', () => podsOf(h.store, 'default', 'api').length === 4);
		unsubscribe();
		assert.ok(minReady >= 4, `ready pods never dropped below 4 (min ${minReady})`);
		assert.ok(maxPods <= 5, `never more than 5 pods (max ${maxPods})`);
		const sets = h.store.list('replicasets.apps', 'default').filter(r => r.metadata.name.startsWith('api-'));
		const byRevision = Object.fromEntries(sets.map(r => [r.metadata.annotations!['deployment.kubernetes.io/revision'], r.spec!.replicas]));
		assert.deepEqual(byRevision, {'1': 0, '2': 4});
		const progressing = (d.status!.conditions as Array<{type: string; reason: string; message: string}>).find(c => c.type === 'Progressing');
		assert.equal(progressing?.reason, 'NewReplicaSetAvailable');
		const newRS = sets.find(r => r.metadata.annotations!['deployment.kubernetes.io/revision'] === '2')!;
		assert.equal(progressing?.message, `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`);
	});

	test('rolling back to an earlier template reuses its ReplicaSet under a new revision', async () => {
		h.store.mutate('deployments.apps', 'default', 'api', d => {
			delete (d.spec!.template as {metadata: {annotations?: Record<string, string>}}).metadata.annotations;
		});
		await waitFor('revision 3 complete', () => {
			const current = h.store.get('deployments.apps', 'default', 'api');
			return current?.metadata.annotations?.['deployment.kubernetes.io/revision'] === '3' && rolloutComplete(current);
		}, 10_000);
		const sets = h.store.list('replicasets.apps', 'default').filter(r => r.metadata.name.startsWith('api-'));
		assert.equal(sets.length, 2, 'no third ReplicaSet');
		const byRevision = Object.fromEntries(sets.map(r => [r.metadata.annotations!['deployment.kubernetes.io/revision'], r.spec!.replicas]));
		assert.deepEqual(byRevision, {'2': 0, '3': 4});
	});

	test('a Service gets an EndpointSlice with the ready pods', async () => {
		h.store.create('services', {apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', namespace: 'default', uid: ''}, spec: {selector: {app: 'web'}, ports: [{name: 'http', port: 80, targetPort: 8080, protocol: 'TCP'}]}});
		const slice = await waitFor('slice with 2 endpoints', () => {
			const found = h.store.list('endpointslices.discovery.k8s.io', 'default').find(s => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
			return found && (found.endpoints as unknown[]).length === 2 ? found : undefined;
		});
		const ips = podsOf(h.store, 'default', 'web').map(p => p.status!.podIP).sort();
		const endpoints = slice.endpoints as Array<{addresses: string[]; conditions: {ready: boolean}}>;
		assert.deepEqual(endpoints.map(e => e.addresses[0]).sort(), ips);
		assert.ok(endpoints.every(e => e.conditions.ready));
		assert.deepEqual(slice.ports, [{name: 'http', port: 8080, protocol: 'TCP'}]);
	});

	test('graceful delete of a bound pod: Terminating, then removed; the ReplicaSet replaces it', async () => {
		const [victim] = podsOf(h.store, 'default', 'web');
		// What the API server does for DELETE on a bound pod (and what the ReplicaSet controller uses).
		deletePod(createRuntime(h.store, {}), victim!);
		assert.ok(h.store.get('pods', 'default', victim!.metadata.name)?.metadata.deletionTimestamp, 'marked for deletion, not removed at once');
		await waitFor('victim removed', () => !h.store.get('pods', 'default', victim!.metadata.name));
		await waitFor('replacement ready', () => podsOf(h.store, 'default', 'web').filter(isReady).length === 2);
		const killing = h.store.list('events', 'default').find(e => e.reason === 'Killing' && (e.involvedObject as {name: string}).name === victim!.metadata.name);
		assert.equal(killing?.message, 'Stopping container app');
	});

	test('deleting a deployment garbage-collects its ReplicaSets and pods', async () => {
		h.store.remove('deployments.apps', 'default', 'api');
		await waitFor('api ReplicaSets gone', () => h.store.list('replicasets.apps', 'default').every(r => !r.metadata.name.startsWith('api-')));
		await waitFor('api pods gone', () => podsOf(h.store, 'default', 'api').length === 0);
	});

	test('a rollout whose new pods crash stalls and reports ProgressDeadlineExceeded', async () => {
		h.store.create('deployments.apps', deployment('default', 'shaky', 2, {strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}}));
		await waitFor('shaky complete', () => rolloutComplete(h.store.get('deployments.apps', 'default', 'shaky')));
		h.store.mutate('deployments.apps', 'default', 'shaky', d => {
			(d.spec as {progressDeadlineSeconds?: number}).progressDeadlineSeconds = 20;
			const template = d.spec!.template as {metadata: {annotations?: Record<string, string>}};
			template.metadata.annotations = {'sim.kubedeck.io/fault': 'crashloop'};
		});
		const condition = await waitFor('deadline exceeded', () => {
			const d = h.store.get('deployments.apps', 'default', 'shaky');
			return (d?.status?.conditions as Array<{type: string; status: string; reason: string; message: string}> | undefined)?.find(c => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
		}, 8000);
		assert.equal(condition.status, 'False');
		assert.match(condition.message, /^ReplicaSet "shaky-[a-z0-9]+" has timed out progressing\.$/);
		// maxUnavailable 0: the old pods keep serving while the new one crashes.
		assert.equal(podsOf(h.store, 'default', 'shaky').filter(isReady).length, 2);
	});

	test('minReadySeconds: pods are ready before they count as available', async () => {
		const d = deployment('default', 'slow', 2);
		(d.spec as {minReadySeconds?: number}).minReadySeconds = 60;
		h.store.create('deployments.apps', d);
		const status = () => (h.store.list('replicasets.apps', 'default').find(r => r.metadata.name.startsWith('slow-'))?.status ?? {}) as {readyReplicas?: number; availableReplicas?: number};
		await waitFor('both ready', () => status().readyReplicas === 2);
		assert.ok((status().availableReplicas ?? 0) < 2, 'not yet available');
		await waitFor('available after minReadySeconds', () => status().availableReplicas === 2);
		await waitFor('deployment complete', () => rolloutComplete(h.store.get('deployments.apps', 'default', 'slow')));
	});

	test('stop() leaves nothing running: no further writes', async () => {
		const other = startHarness();
		other.store.create('deployments.apps', deployment('default', 'quiet', 2));
		await waitFor('some progress', () => podsOf(other.store, 'default', 'quiet').length === 2);
		other.stop();
		let writes = 0;
		other.store.subscribe(() => writes++);
		await new Promise(resolve => setTimeout(resolve, 300));
		assert.equal(writes, 0);
	});
});
