// The simulator's cluster autoscaler on the demo: the pod that asks for the empty L40S pool
// triggers a scale-up (the real event text), a node registers and the pod is placed on it; the
// H100 jobs get "max node group size reached"; the status ConfigMap reads as the real one.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {startHarness, waitFor} from './sim-world-harness.js';

const eventsFor = (events: readonly KubeObject[], pod: string, reason: string) =>
	events.filter(e => (e.involvedObject as {name?: string}).name === pod && e.reason === reason);

test('demo: one pod brings a node, the H100 jobs cannot', async () => {
	const h = startHarness({scenario: 'demo', speed: 50});
	try {
		const triggered = await waitFor('TriggeredScaleUp on embed-backfill-0', () => eventsFor(h.store.list('events', 'ml-training'), 'embed-backfill-0', 'TriggeredScaleUp')[0], 10_000);
		assert.equal(triggered.message, 'pod triggered scale-up: [{gpu-l40s 0->1 (max: 2)}]');
		assert.equal((triggered.source as {component?: string}).component, 'cluster-autoscaler');
		const refused = await waitFor('NotTriggerScaleUp on an H100 job', () => eventsFor(h.store.list('events', 'ml-training'), 'llama-finetune-worker-1', 'NotTriggerScaleUp')[0], 10_000);
		assert.match(String(refused.message), /^pod didn't trigger scale-up: .*1 max node group size reached/);
		const status = await waitFor('the status ConfigMap', () => h.store.list('configmaps', 'kube-system').find(c => c.metadata.name === 'cluster-autoscaler-status'), 10_000);
		const text = String((status.data as {status?: string}).status);
		assert.match(text, /^time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000 UTC\n/);
		assert.match(text, /- name: gpu-h100\n {2}health:\n {4}status: Healthy[\s\S]*cloudProviderTarget: 2\n {4}minSize: 2\n {4}maxSize: 2/);
		// 90 simulated seconds later the node registers and the scheduler places the pod there.
		const node = await waitFor('a gpu-l40s node', () => h.store.list('nodes').find(n => n.metadata.name.startsWith('gpu-l40s-')), 15_000);
		const placed = await waitFor('embed-backfill-0 bound', () => {
			const pod = h.store.list('pods', 'ml-training').find(p => p.metadata.name === 'embed-backfill-0');
			return (pod?.spec as {nodeName?: string} | undefined)?.nodeName;
		}, 15_000);
		assert.equal(placed, node.metadata.name);
		// The H100 jobs stay where they were: nothing else moved onto the new pool.
		const h100Pending = h.store.list('pods', 'ml-training').filter(p => p.metadata.name.startsWith('hparam-sweep-trial-') && !(p.spec as {nodeName?: string}).nodeName);
		assert.equal(h100Pending.length, 3);
	} finally {
		h.stop();
	}
});
