// The simulated DCGM exporter, scraped the way kubedeck (and anyone with a kubeconfig) does:
// find the exporter pods by their labels, GET pods/NAME:9400/proxy/metrics through the API
// server. The text must be the exporter's format and agree with the demo's allocations.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {CoreV1Api} from '@kubernetes/client-node';
import {demoOnly, startTestCluster, type TestCluster} from './cluster.js';
import {rawRequest, waitFor} from './sim-helpers.js';

interface Sample {
	metric: string;
	labels: Record<string, string>;
	value: number;
}

/** The exposition format's sample lines (the HELP/TYPE lines checked apart). */
function samples(text: string): Sample[] {
	const out: Sample[] = [];
	for (const line of text.split('\n')) {
		if (line === '' || line.startsWith('#')) continue;
		const m = /^([A-Za-z_:][A-Za-z0-9_:]*)\{(.*)\} (\S+)$/.exec(line);
		assert.ok(m, `a sample line: ${line}`);
		const labels: Record<string, string> = {};
		for (const [, k, v] of m[2]!.matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
		out.push({metric: m[1]!, labels, value: Number(m[3])});
	}
	return out;
}

describe('DCGM exporter in the simulator, through pods/proxy', {skip: demoOnly}, () => {
	let cluster: TestCluster;
	let core: CoreV1Api;
	const scraped = new Map<string, {text: string; samples: Sample[]}>();

	before(async () => {
		cluster = await startTestCluster({scenario: 'demo', speed: 50, seed: 7});
		core = cluster.kubeConfig.makeApiClient(CoreV1Api);
	});
	after(async () => {
		await cluster?.stop();
	});

	it('runs one exporter pod per NVIDIA node, labelled as the GPU operator and the Helm chart do', async () => {
		const nvidia = (await core.listNode({labelSelector: 'nvidia.com/gpu.present=true'})).items.map(n => n.metadata!.name!).sort();
		const exporters = await waitFor('running exporters', async () => {
			const pods = (await core.listPodForAllNamespaces({labelSelector: 'app=nvidia-dcgm-exporter'})).items;
			return pods.length === nvidia.length && pods.every(p => p.status?.phase === 'Running') ? pods : undefined;
		});
		assert.deepEqual(exporters.map(p => p.spec!.nodeName!).sort(), nvidia);
		for (const pod of exporters) {
			assert.equal(pod.metadata!.labels!['app.kubernetes.io/name'], 'dcgm-exporter');
			assert.equal(pod.spec!.containers[0]!.ports![0]!.containerPort, 9400);
			const response = await rawRequest(cluster.kubeConfig, `/api/v1/namespaces/${pod.metadata!.namespace}/pods/${pod.metadata!.name}:9400/proxy/metrics`);
			assert.equal(response.status, 200);
			assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
			scraped.set(pod.spec!.nodeName!, {text: response.text, samples: samples(response.text)});
		}
	});

	it('whole GPUs: a series per GPU with the holder pod’s labels; the busy trainer is busy', () => {
		const h100 = scraped.get('gpu-h100-1')!;
		assert.match(h100.text, /^# HELP DCGM_FI_DEV_GPU_UTIL .+\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge\n/m);
		const util = h100.samples.filter(s => s.metric === 'DCGM_FI_DEV_GPU_UTIL');
		assert.deepEqual(util.map(s => s.labels.gpu), ['0', '1', '2', '3', '4', '5', '6', '7']);
		for (const s of util) {
			assert.equal(s.labels.modelName, 'NVIDIA H100 80GB HBM3');
			assert.equal(s.labels.Hostname, 'gpu-h100-1');
			assert.match(s.labels.UUID!, /^GPU-[0-9a-f]{8}-/);
			assert.equal(s.labels.device, `nvidia${s.labels.gpu}`);
		}
		const held = util.filter(s => s.labels.pod);
		assert.ok(held.length > 0, 'some GPU is held');
		for (const s of held) assert.ok(s.value >= 50, `${s.labels.pod} on GPU ${s.labels.gpu} is busy (${s.value} %)`);
		const fbUsed = h100.samples.filter(s => s.metric === 'DCGM_FI_DEV_FB_USED');
		const fbFree = h100.samples.filter(s => s.metric === 'DCGM_FI_DEV_FB_FREE');
		for (const [i, s] of fbUsed.entries()) assert.equal(s.value + fbFree[i]!.value, 81559, 'used + free is the framebuffer');
	});

	it('MIG: each instance is its own series with GPU_I_PROFILE and GPU_I_ID; the idle notebook’s slice sits near zero', () => {
		const a100 = scraped.get('gpu-a100-mig-1')!;
		const active = a100.samples.filter(s => s.metric === 'DCGM_FI_PROF_GR_ENGINE_ACTIVE');
		assert.equal(active.length, 14 + 6 + 4);
		assert.ok(active.every(s => s.labels.GPU_I_PROFILE && s.labels.GPU_I_ID));
		assert.equal(a100.samples.filter(s => s.metric === 'DCGM_FI_DEV_GPU_UTIL').length, 0, 'DCGM has no GPU_UTIL per MIG instance');
		const notebook = active.find(s => s.labels.pod === 'mig-notebook-alice');
		assert.ok(notebook, 'the notebook holds a slice');
		assert.equal(notebook.labels.GPU_I_PROFILE, '2g.20gb');
		assert.equal(notebook.labels.namespace, 'ml-training');
		assert.ok(notebook.value < 0.05, `idle: ${notebook.value}`);
		const ids = new Set(active.map(s => `${s.labels.gpu}/${s.labels.GPU_I_ID}`));
		assert.equal(ids.size, active.length, 'instance ids are unique per GPU');
	});

	it('the node with the failing device plugin reports XID 79 and a pending row remap', () => {
		const failed = scraped.get('gpu-h100-2')!;
		const xid = failed.samples.filter(s => s.metric === 'DCGM_FI_DEV_XID_ERRORS' && s.value !== 0);
		assert.deepEqual(xid.map(s => [s.labels.gpu, s.value]), [['3', 79]]);
		const remap = failed.samples.filter(s => s.metric === 'DCGM_FI_DEV_ROW_REMAP_PENDING' && s.value !== 0);
		assert.deepEqual(remap.map(s => s.labels.gpu), ['5']);
		for (const [node, {samples: all}] of scraped) if (node !== 'gpu-h100-2') assert.ok(all.filter(s => s.metric === 'DCGM_FI_DEV_XID_ERRORS').every(s => s.value === 0), `${node} has no XID`);
	});

	it('remapped rows: the GPU with the pending remap has rows remapped for correctable and uncorrectable errors; every other GPU has none', () => {
		let nodes = 0;
		for (const [node, {text, samples: all}] of scraped) {
			// Device-level fields (XID, remaps) come on whole-GPU series; a MIG-only node exports neither.
			const whole = all.filter(s => s.metric === 'DCGM_FI_DEV_XID_ERRORS').map(s => s.labels.gpu).sort();
			for (const metric of ['DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', 'DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS']) {
				assert.deepEqual(all.filter(s => s.metric === metric).map(s => s.labels.gpu).sort(), whole, `${metric} on every whole GPU of ${node}`);
				if (whole.length > 0) assert.match(text, new RegExp(`^# TYPE ${metric} counter$`, 'm'), `${node} types ${metric} as the exporter does`);
			}
			if (whole.length > 0) nodes++;
			const remapped = all.filter(s => s.metric.endsWith('_REMAPPED_ROWS') && s.value !== 0).map(s => [s.labels.gpu, s.metric, s.value]);
			if (node === 'gpu-h100-2') assert.deepEqual(remapped, [['5', 'DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', 3], ['5', 'DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', 1]]);
			else assert.deepEqual(remapped, [], `${node} has no remapped rows`);
		}
		assert.ok(nodes >= 2, 'whole-GPU nodes were scraped');
	});

	it('any other pod or port through the proxy fails as an unreachable backend; an unknown pod is 404', async () => {
		const [other] = (await core.listNamespacedPod({namespace: 'default'})).items;
		assert.equal((await rawRequest(cluster.kubeConfig, `/api/v1/namespaces/default/pods/${other!.metadata!.name}:9400/proxy/metrics`)).status, 503);
		assert.equal((await rawRequest(cluster.kubeConfig, '/api/v1/namespaces/default/pods/nope:9400/proxy/metrics')).status, 404);
	});
});
