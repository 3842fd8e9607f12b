import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {ApiError} from '../../source/sim/contracts.js';
import {makeNode} from '../../source/sim/world/scenarios/build.js';
import {barePod, containerStatus, isReady, startHarness, waitFor, type Harness} from './sim-world-harness.js';

const gpuToleration = [{key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule'}];
const gpuPod = (gpus: number) => ({
	containers: [{name: 'train', image: 'nvcr.io/nvidia/pytorch:24.10-py3', resources: {requests: {cpu: '4', 'nvidia.com/gpu': String(gpus)}, limits: {'nvidia.com/gpu': String(gpus)}}}],
	tolerations: gpuToleration,
});

describe('scheduler, faults and node health against the real store', () => {
	let h: Harness;
	before(() => {
		h = startHarness();
		h.store.create('nodes', makeNode({name: 'gpu-1', index: 20, cpu: 96, memoryGi: 1024, taints: [{key: 'nvidia.com/gpu', effect: 'NoSchedule'}], extended: {'nvidia.com/gpu': 8}}, Date.now()));
	});
	after(() => h.stop());

	test('GPU pods beyond capacity stay Pending with the scheduler message; capacity freed lets them in', async () => {
		h.store.create('pods', barePod('default', 'train-a', gpuPod(6)));
		await waitFor('train-a running', () => h.store.get('pods', 'default', 'train-a')?.status?.phase === 'Running');
		assert.equal(h.store.get('pods', 'default', 'train-a')!.spec!.nodeName, 'gpu-1');
		h.store.create('pods', barePod('default', 'train-b', gpuPod(4)));
		// Three CPU workers have no GPUs at all and gpu-1 has only 2 free: all four are short of nvidia.com/gpu.
		const expected = '0/4 nodes are available: 4 Insufficient nvidia.com/gpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.';
		const condition = await waitFor('PodScheduled=False', () => {
			const conditions = (h.store.get('pods', 'default', 'train-b')?.status?.conditions as Array<{type: string; status: string; reason?: string; message?: string}> | undefined) ?? [];
			return conditions.find(c => c.type === 'PodScheduled' && c.status === 'False');
		});
		assert.equal(condition.reason, 'Unschedulable');
		assert.equal(condition.message, expected);
		assert.equal(h.store.get('pods', 'default', 'train-b')!.status!.phase, 'Pending');
		// Retries every 30 simulated seconds bump the one event rather than adding more.
		const events = await waitFor('FailedScheduling counted twice', () => {
			const found = h.store.list('events', 'default').filter(e => e.reason === 'FailedScheduling' && (e.involvedObject as {name: string}).name === 'train-b');
			// core/v1 events count in `count`; events.k8s.io ones (as the real scheduler records) in `series.count`.
			const count = (found[0]?.series as {count?: number} | undefined)?.count ?? (found[0]?.count as number | undefined) ?? 0;
			return found.length === 1 && count >= 2 ? found : undefined;
		});
		assert.equal(events[0]!.type, 'Warning');
		assert.equal(events[0]!.message, expected);
		h.store.remove('pods', 'default', 'train-a');
		await waitFor('train-b scheduled once GPUs are free', () => h.store.get('pods', 'default', 'train-b')?.spec?.nodeName === 'gpu-1');
	});

	test('CrashLoopBackOff: exit 1, restarts grow, previous logs readable', async () => {
		h.store.create('pods', barePod('default', 'crasher', {containers: [{name: 'app', image: 'registry.example.com/api:1.0'}]}, {'sim.kubedeck.io/fault': 'crashloop'}));
		const status = await waitFor('CrashLoopBackOff after a restart', () => {
			const s = containerStatus(h.store.get('pods', 'default', 'crasher')!);
			return s?.state.waiting?.reason === 'CrashLoopBackOff' && s.restartCount >= 1 ? s : undefined;
		});
		assert.equal(status.lastState.terminated?.exitCode, 1);
		assert.equal(status.lastState.terminated?.reason, 'Error');
		assert.match(status.state.waiting!.message!, /^back-off 10s restarting failed container=app pod=crasher_default\(/);
		const current = h.world.logs.read('default', 'crasher', {container: 'app', previous: false});
		assert.ok(Array.isArray(current) && current.length > 0, 'the crashed instance still has logs');
		assert.match((current as Array<{text: string}>).at(-1)!.text, /goroutine|main\.go|fatal|Error/);
		await waitFor('second crash', () => (containerStatus(h.store.get('pods', 'default', 'crasher')!)?.restartCount ?? 0) >= 2, 8000);
		const previous = h.world.logs.read('default', 'crasher', {container: 'app', previous: true});
		assert.ok(Array.isArray(previous) && previous.length > 0);
		const backoff = h.store.list('events', 'default').find(e => e.reason === 'BackOff' && (e.involvedObject as {name: string}).name === 'crasher');
		assert.match(backoff!.message as string, /^Back-off restarting failed container app in pod crasher_default\(/);
	});

	test('image pull failure: ErrImagePull then ImagePullBackOff; logs say it is waiting', async () => {
		h.store.create('pods', barePod('default', 'puller', {containers: [{name: 'web', image: 'registry.example.com/web:does-not-exist'}]}));
		await waitFor('ImagePullBackOff', () => containerStatus(h.store.get('pods', 'default', 'puller')!)?.state.waiting?.reason === 'ImagePullBackOff');
		const result = h.world.logs.read('default', 'puller', {container: 'web', previous: false});
		assert.ok(result instanceof ApiError);
		assert.equal(result.code, 400);
		assert.equal(result.message, 'container "web" in pod "puller" is waiting to start: trying and failing to pull image');
		const failed = h.store.list('events', 'default').filter(e => e.reason === 'Failed' && (e.involvedObject as {name: string}).name === 'puller').map(e => e.message);
		assert.ok(failed.includes('Error: ErrImagePull') && failed.includes('Error: ImagePullBackOff'), JSON.stringify(failed));
	});

	test('OOMKilled: lastState.terminated reason OOMKilled, exit 137', async () => {
		h.store.create('pods', barePod('default', 'hungry', {containers: [{name: 'app', image: 'registry.example.com/app:1'}]}, {'sim.kubedeck.io/fault': 'oom-once'}));
		const status = await waitFor('restarted after OOM and running again', () => {
			const s = containerStatus(h.store.get('pods', 'default', 'hungry')!);
			return s?.restartCount === 1 && s.state.running ? s : undefined;
		}, 8000);
		assert.deepEqual([status.lastState.terminated?.reason, status.lastState.terminated?.exitCode], ['OOMKilled', 137]);
	});

	test('restartPolicy Never with a run time completes: Succeeded, Completed', async () => {
		h.store.create('pods', barePod('default', 'job-1', {restartPolicy: 'Never', containers: [{name: 'work', image: 'busybox:1.36'}]}, {'sim.kubedeck.io/run-seconds': '5'}));
		const pod = await waitFor('Succeeded', () => {
			const p = h.store.get('pods', 'default', 'job-1');
			return p?.status?.phase === 'Succeeded' ? p : undefined;
		});
		assert.equal(containerStatus(pod)!.state.terminated?.reason, 'Completed');
		const ready = (pod.status!.conditions as Array<{type: string; reason?: string}>).find(c => c.type === 'Ready');
		assert.equal(ready?.reason, 'PodCompleted');
	});

	test('init containers run first (Init:0/1 is visible), then the app', async () => {
		h.store.create('pods', barePod('default', 'with-init', {initContainers: [{name: 'migrate', image: 'migrate:1'}], containers: [{name: 'app', image: 'nginx:1.27.3'}]}));
		await waitFor('init running while app waits', () => {
			const s = h.store.get('pods', 'default', 'with-init')?.status as {initContainerStatuses?: Array<{state: {running?: unknown}}>; containerStatuses?: Array<{state: {waiting?: {reason: string}}}>} | undefined;
			return s?.initContainerStatuses?.[0]?.state.running && s.containerStatuses?.[0]?.state.waiting?.reason === 'PodInitializing';
		});
		await waitFor('app ready', () => isReady(h.store.get('pods', 'default', 'with-init')!));
		const init = (h.store.get('pods', 'default', 'with-init')!.status!.initContainerStatuses as Array<{state: {terminated?: {reason: string}}}>)[0]!;
		assert.equal(init.state.terminated?.reason, 'Completed');
	});

	test('a NotReady node: Ready Unknown, unreachable taints, its pods not Ready; healing restores them', async () => {
		h.store.create('pods', barePod('default', 'on-w1', {nodeName: 'worker-1', containers: [{name: 'app', image: 'nginx:1.27.3'}]}));
		await waitFor('on-w1 ready', () => isReady(h.store.get('pods', 'default', 'on-w1')!));
		h.store.mutate('nodes', undefined, 'worker-1', n => {
			n.metadata.annotations = {...n.metadata.annotations, 'sim.kubedeck.io/fault': 'notready'};
		});
		const node = await waitFor('node Unknown', () => {
			const n = h.store.get('nodes', undefined, 'worker-1')!;
			const ready = (n.status!.conditions as Array<{type: string; status: string; message?: string}>).find(c => c.type === 'Ready');
			return ready?.status === 'Unknown' ? n : undefined;
		});
		assert.deepEqual((node.spec!.taints as Array<{key: string; effect: string}>).map(t => `${t.key}:${t.effect}`), ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
		await waitFor('pod not ready', () => !isReady(h.store.get('pods', 'default', 'on-w1')!));
		// Events of cluster-scoped objects are recorded in the default namespace, as kube-controller-manager does.
		await waitFor('NodeNotReady event', () => h.store.list('events', 'default').some(e => e.reason === 'NodeNotReady' && e.message === 'Node worker-1 status is now: NodeNotReady'));
		h.store.mutate('nodes', undefined, 'worker-1', n => {
			delete n.metadata.annotations!['sim.kubedeck.io/fault'];
		});
		await waitFor('pod ready again', () => isReady(h.store.get('pods', 'default', 'on-w1')!));
		assert.equal(h.store.get('nodes', undefined, 'worker-1')!.spec!.taints, undefined);
	});
});

describe('node removal', () => {
	test('pods bound to a deleted node are garbage-collected', async () => {
		const h = startHarness({nodes: 2});
		try {
			h.store.create('pods', barePod('default', 'orphan', {nodeName: 'worker-2', containers: [{name: 'app', image: 'nginx:1.27.3'}]}));
			await waitFor('orphan running', () => h.store.get('pods', 'default', 'orphan')?.status?.phase === 'Running');
			h.store.remove('nodes', undefined, 'worker-2');
			await waitFor('orphan removed', () => !h.store.get('pods', 'default', 'orphan'));
		} finally {
			h.stop();
		}
	});
});

describe('taint-based eviction from an unreachable node', () => {
	test('pods go when their toleration runs out and then hang in Terminating; tolerate-forever pods stay', async () => {
		const h = startHarness({nodes: 2});
		try {
			const unreachable = (seconds?: number) => [{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', ...(seconds === undefined ? {} : {tolerationSeconds: seconds})}];
			h.store.create('pods', barePod('default', 'short', {nodeName: 'worker-2', tolerations: unreachable(20), containers: [{name: 'app', image: 'nginx:1.27.3'}]}));
			h.store.create('pods', barePod('default', 'daemon', {nodeName: 'worker-2', tolerations: unreachable(), containers: [{name: 'app', image: 'nginx:1.27.3'}]}));
			await waitFor('both ready', () => isReady(h.store.get('pods', 'default', 'short')!) && isReady(h.store.get('pods', 'default', 'daemon')!));
			h.store.mutate('nodes', undefined, 'worker-2', n => {
				n.metadata.annotations = {...n.metadata.annotations, 'sim.kubedeck.io/fault': 'notready'};
			});
			await waitFor('short evicted', () => h.store.get('pods', 'default', 'short')?.metadata.deletionTimestamp);
			// No kubelet answers on an unreachable node: the pod stays, Terminating.
			await new Promise(resolve => setTimeout(resolve, 200));
			assert.ok(h.store.get('pods', 'default', 'short'), 'still there, Terminating');
			assert.equal(h.store.get('pods', 'default', 'daemon')!.metadata.deletionTimestamp, undefined);
		} finally {
			h.stop();
		}
	});
});
