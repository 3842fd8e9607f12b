// DaemonSets keep a pod per eligible node (a killed one comes back on the same node) and
// publish counts; deleting a DaemonSet takes its pods with it.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {daemonSetWantsNode} from '../../source/sim/world/owners.js';
import {isReady, startHarness, waitFor} from './sim-world-harness.js';

const owned = (pods: KubeObject[], uid: string) => pods.filter(p => p.metadata.ownerReferences?.some(r => r.controller && r.uid === uid));
const nodeOf = (pod: KubeObject) => (pod.spec as {nodeName?: string}).nodeName;

describe('daemonSetWantsNode', () => {
	const ds = (template: Record<string, unknown>): KubeObject => ({metadata: {name: 'ds', uid: 'u'}, spec: {template: {spec: template}}});
	const node = (labels: Record<string, string>, taints: unknown[] = []): KubeObject => ({metadata: {name: 'n', uid: 'n', labels}, spec: {taints}});
	const gpuTaint = {key: 'nvidia.com/gpu', effect: 'NoSchedule'};
	const cases: Array<[string, KubeObject, KubeObject, boolean]> = [
		['no selector, no taints', ds({}), node({}), true],
		['selector matches', ds({nodeSelector: {gpu: 'yes'}}), node({gpu: 'yes'}), true],
		['selector does not match', ds({nodeSelector: {gpu: 'yes'}}), node({gpu: 'no'}), false],
		['untolerated NoSchedule taint', ds({}), node({}, [gpuTaint]), false],
		['tolerated by Exists', ds({tolerations: [{operator: 'Exists'}]}), node({}, [gpuTaint]), true],
		['PreferNoSchedule does not keep it off', ds({}), node({}, [{key: 'x', effect: 'PreferNoSchedule'}]), true],
	];
	for (const [name, set, target, expected] of cases) test(name, () => assert.equal(daemonSetWantsNode(set, target), expected));
});

describe('DaemonSets in the world', () => {
	test('the demo’s killed device-plugin pod is replaced on its node, still failing', async () => {
		const h = startHarness({scenario: 'demo', speed: 20, seed: 3});
		try {
			const ds = h.store.get('daemonsets.apps', 'kube-system', 'nvidia-device-plugin-daemonset')!;
			await waitFor('DaemonSet status', () => (h.store.get('daemonsets.apps', 'kube-system', ds.metadata.name)!.status as {desiredNumberScheduled?: number} | undefined)?.desiredNumberScheduled === 4);
			const victim = owned(h.store.list('pods', 'kube-system'), ds.metadata.uid).find(p => nodeOf(p) === 'gpu-h100-2')!;
			assert.ok(victim, 'a device-plugin pod on gpu-h100-2');
			h.store.remove('pods', 'kube-system', victim.metadata.name);
			const replacement = await waitFor('a replacement on gpu-h100-2', () => owned(h.store.list('pods', 'kube-system'), ds.metadata.uid).find(p => nodeOf(p) === 'gpu-h100-2' && p.metadata.uid !== victim.metadata.uid));
			assert.match(replacement.metadata.name, /^nvidia-device-plugin-daemonset-[a-z0-9]{5}$/);
			assert.equal(replacement.metadata.annotations?.['sim.kubedeck.io/fault'], 'crashloop', 'the node’s hardware fault carries over');
			assert.equal(owned(h.store.list('pods', 'kube-system'), ds.metadata.uid).length, 4, 'one pod per GPU node, no more');
			await waitFor('the replacement crashlooping', () => {
				const pod = h.store.get('pods', 'kube-system', replacement.metadata.name);
				return ((pod?.status?.containerStatuses as Array<{restartCount: number}> | undefined)?.[0]?.restartCount ?? 0) > 0;
			}, 15_000);
		} finally {
			h.stop();
		}
	});

	test('a new DaemonSet runs on every node, counts them, and takes its pods when deleted', async () => {
		const h = startHarness({scenario: 'empty', nodes: 3});
		try {
			const labels = {app: 'agent'};
			h.store.create('daemonsets.apps', {apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {name: 'agent', namespace: 'default', uid: ''}, spec: {selector: {matchLabels: labels}, template: {metadata: {labels}, spec: {containers: [{name: 'agent', image: 'registry.example/agent:1.0'}]}}}});
			const ds = h.store.get('daemonsets.apps', 'default', 'agent')!;
			const pods = await waitFor('three ready agent pods', () => {
				const list = owned(h.store.list('pods', 'default'), ds.metadata.uid);
				return list.length === 3 && list.every(isReady) ? list : undefined;
			}, 15_000);
			assert.deepEqual(pods.map(nodeOf).sort(), ['worker-1', 'worker-2', 'worker-3']);
			await waitFor('numberReady 3', () => (h.store.get('daemonsets.apps', 'default', 'agent')!.status as {numberReady?: number} | undefined)?.numberReady === 3);
			h.store.remove('daemonsets.apps', 'default', 'agent');
			await waitFor('the agent pods gone or terminating', () => owned(h.store.list('pods', 'default'), ds.metadata.uid).every(p => p.metadata.deletionTimestamp));
		} finally {
			h.stop();
		}
	});
});
