import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {containerStatus, rolloutComplete, startHarness, waitFor, podSettled, STORY_DEADLINE_MS} from './sim-world-harness.js';

describe("scenario 'demo'", () => {
	test('nodes of every GPU kind, labelled as GFD and the AMD labeller do', async () => {
		const h = startHarness({scenario: 'demo', speed: 1, seed: 3});
		try {
			const nodes = new Map(h.store.list('nodes').map(n => [n.metadata.name, n]));
			assert.ok(nodes.size >= 6);
			const alloc = (name: string, resource: string) => (nodes.get(name)!.status!.allocatable as Record<string, string>)[resource];
			const labels = (name: string) => nodes.get(name)!.metadata.labels!;
			assert.equal(labels('gpu-h100-1')['nvidia.com/gpu.product'], 'NVIDIA-H100-80GB-HBM3');
			assert.equal(labels('gpu-h100-1')['nvidia.com/gpu.memory'], '81559');
			assert.equal(alloc('gpu-h100-1', 'nvidia.com/gpu'), '8');
			assert.equal(labels('gpu-a100-mig-1')['nvidia.com/mig.strategy'], 'mixed');
			assert.equal(alloc('gpu-a100-mig-1', 'nvidia.com/mig-1g.10gb'), '14');
			assert.equal(labels('gpu-l4-shared-1')['nvidia.com/gpu.replicas'], '4');
			assert.match(labels('gpu-l4-shared-1')['nvidia.com/gpu.product']!, /-SHARED$/);
			assert.equal(alloc('gpu-l4-shared-1', 'nvidia.com/gpu'), String(4 * 4));
			assert.equal(labels('gpu-mi300x-1')['amd.com/gpu.product-name'], 'AMD_Instinct_MI300X');
			assert.equal(alloc('gpu-mi300x-1', 'amd.com/gpu'), '8');
			assert.equal(alloc('gpu-h100-2', 'nvidia.com/gpu'), '0');
			assert.equal((nodes.get('gpu-h100-2')!.status!.capacity as Record<string, string>)['nvidia.com/gpu'], '8');
			const cp = nodes.get('cp-1')!;
			assert.equal(cp.metadata.labels!['node-role.kubernetes.io/control-plane'], '');
			const ready = (n: KubeObject) => (n.status!.conditions as Array<{type: string; status: string}>).find(c => c.type === 'Ready')!.status;
			assert.equal(ready(nodes.get('worker-4')!), 'Unknown');
			const namespaces = h.store.list('namespaces').map(n => n.metadata.name);
			for (const ns of ['default', 'kube-system', 'production', 'staging', 'ml-serving', 'ml-training']) assert.ok(namespaces.includes(ns), ns);
		} finally {
			h.stop();
		}
	});

	test('workloads tell their stories: GPU jobs pending, crashloop, pull failure, OOMKilled, completed, HPA, endpoints', async () => {
		const h = startHarness({scenario: 'demo', speed: 1, seed: 3});
		try {
			await waitFor('HPAs report', () => h.store.list('horizontalpodautoscalers.autoscaling').every(x => x.status?.currentMetrics));
			await waitFor('every deployment has its pods', () => h.store.list('deployments.apps').every(d => (d.status?.replicas ?? 0) === d.spec!.replicas));
			await waitFor('every pod past ContainerCreating or found unschedulable', () => h.store.list('pods').every(podSettled), STORY_DEADLINE_MS);
			const pods = h.store.list('pods');
			const byName = (prefix: string) => pods.filter(p => p.metadata.name.startsWith(prefix));
			const holder = h.store.get('pods', 'ml-training', 'llama-finetune-worker-0')!;
			assert.equal(holder.spec!.nodeName, 'gpu-h100-1');
			assert.equal(holder.status!.phase, 'Running');
			const pending = h.store.get('pods', 'ml-training', 'llama-finetune-worker-1')!;
			assert.equal(pending.status!.phase, 'Pending');
			const message = (pending.status!.conditions as Array<{type: string; message: string}>).find(c => c.type === 'PodScheduled')!.message;
			assert.match(message, /^0\/10 nodes are available: .*2 Insufficient nvidia\.com\/gpu.*\. preemption: 0\/10 nodes are available: /);
			assert.ok(h.store.list('events', 'ml-training').some(e => e.reason === 'FailedScheduling' && (e.involvedObject as {name: string}).name === 'llama-finetune-worker-1'));
			assert.ok(byName('recommendations-').every(p => containerStatus(p)!.state.waiting?.reason === 'CrashLoopBackOff'));
			assert.ok(byName('frontend-canary-').every(p => containerStatus(p)!.state.waiting?.reason === 'ImagePullBackOff'));
			assert.equal(containerStatus(byName('cache-warmer-')[0]!)!.lastState.terminated?.reason, 'OOMKilled');
			assert.equal(h.store.get('pods', 'staging', 'db-migrate-4.12.0-qz8vd')!.status!.phase, 'Succeeded');
			assert.ok(byName('embeddings-').every(p => p.spec!.nodeName === 'gpu-a100-mig-1'));
			assert.ok(byName('triton-mi300-').every(p => p.spec!.nodeName === 'gpu-mi300x-1'));
			// Config maps as a kubeadm cluster has them: the root CA in every namespace, the control plane's own, the workloads'.
			for (const ns of h.store.list('namespaces')) assert.ok(h.store.get('configmaps', ns.metadata.name, 'kube-root-ca.crt'), `kube-root-ca.crt in ${ns.metadata.name}`);
			assert.match(String((h.store.get('configmaps', 'kube-system', 'coredns')?.data as Record<string, string> | undefined)?.Corefile), /kubernetes cluster\.local/);
			assert.deepEqual(Object.keys((h.store.get('configmaps', 'ml-serving', 'embeddings-tokenizer')?.binaryData as object | undefined) ?? {}), ['tokenizer.bin']);
			await waitFor('payments-api endpoints', () =>
				h.store.list('endpointslices.discovery.k8s.io', 'payments').some(s => s.metadata.labels!['kubernetes.io/service-name'] === 'payments-api' && (s.endpoints as unknown[]).length === 3),
			);
		} finally {
			h.stop();
		}
	});

	test('the same seed gives the same pod names', async () => {
		const names = async () => {
			const h = startHarness({scenario: 'demo', speed: 1, seed: 11});
			// Once every deployment has its pods, not after a pause a loaded machine may spend elsewhere.
			await waitFor('every deployment has its pods', () => h.store.list('deployments.apps').every(d => (d.status?.replicas ?? 0) === d.spec!.replicas));
			const result = h.store.list('pods', 'production').map(p => p.metadata.name).filter(n => !n.startsWith('api-') && !n.startsWith('web-'));
			h.stop();
			return result;
		};
		const first = await names();
		assert.ok(first.length >= 3);
		assert.deepEqual(await names(), first);
	});
});

describe("scenario 'scale' and churn", () => {
	test('pods are seeded Running and bound, deployments complete, churn modifies pods', async () => {
		const h = startHarness({scenario: 'scale', nodes: 20, pods: 2000, churnPerSecond: 400});
		try {
			const pods = h.store.list('pods').filter(p => p.metadata.namespace!.startsWith('scale-'));
			assert.equal(pods.length, 2000);
			assert.ok(pods.every(p => p.status!.phase === 'Running' && p.spec!.nodeName));
			assert.equal(h.store.list('nodes').length, 20);
			// Churn's own modifications (its counter annotation moves), whatever else the kubelet writes.
			// The rate itself is tested with a driven clock (sim-churn-rate.test.ts); here, that churn
			// runs in the world: 200 arrive (half a second at 400/s) within a deadline.
			let churned = 0;
			const unsubscribe = h.store.subscribe(e => {
				if (e.resource === 'pods' && e.type === 'MODIFIED' && e.object.metadata.annotations?.['sim.kubedeck.io/churn'] !== undefined) churned++;
			});
			try {
				await waitFor('deployments complete', () => h.store.list('deployments.apps').every(rolloutComplete));
				await waitFor('200 churn modifications', () => churned >= 200, STORY_DEADLINE_MS);
			} finally {
				unsubscribe();
			}
			assert.equal(h.store.list('pods').filter(p => p.metadata.namespace!.startsWith('scale-')).length, 2000, 'churn never creates or deletes');
		} finally {
			h.stop();
		}
	});
});
