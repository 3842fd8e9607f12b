// The GPU telemetry panes' stores against the simulated demo, through a real session: the
// session's DCGM poller scrapes the exporters through pods/proxy, and the panes show the failing
// node flagged with its XID, the A100's MIG slices as rows of their own, and the idle notebook.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {demoOnly, startTestCluster, type TestCluster} from './cluster.js';
import {waitFor} from './sim-helpers.js';
import {openSession, type Session} from '../../source/kube/session.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import type {BaseRow} from '../../source/model/types.js';
import {formatRemap, type GpuDeviceRow} from '../../source/model/gpu-devices.js';
import {idleText, type GpuIdlePaneRow} from '../../source/model/gpu-idle.js';
import type {NodeGpuHealth} from '../../source/model/gpu-devices.js';

describe('GPU telemetry panes on the demo', {skip: demoOnly}, () => {
	let cluster: TestCluster;
	let session: Session;
	const panes = defaultPanes();
	const rowsOf = <R extends BaseRow>(pane: string): readonly R[] => panes.get(pane as never)!.store!(session, true).snapshot().rows as readonly R[];

	before(async () => {
		cluster = await startTestCluster({scenario: 'demo', speed: 50, seed: 7});
		session = await openSession(cluster.kubeConfig, {allNamespaces: true, frameMs: 5});
	});
	after(async () => {
		await session?.close();
		await cluster?.stop();
	});

	it(':gpudevices: the failing node’s GPU 3 with XID 79 as an error, its GPU 5 with the pending remap', async () => {
		const devices = await waitFor('device rows of the failing node', () => {
			const rows = rowsOf<GpuDeviceRow>('gpudevices').filter((r) => r.node === 'gpu-h100-2');
			return rows.length === 8 ? rows : undefined;
		});
		const gpu3 = devices.find((r) => r.device === '3')!;
		assert.equal(gpu3.xid, 79);
		assert.equal(gpu3.severity, 'error');
		assert.deepEqual(gpu3.health, ['XID 79 (fallen off the bus)']);
		const gpu5 = devices.find((r) => r.device === '5')!;
		assert.equal(gpu5.remapPending, 1);
		assert.equal(gpu5.remappedRows, 4, 'rows already remapped: 3 correctable + 1 uncorrectable');
		assert.equal(formatRemap(gpu5), '4/1');
		assert.equal(gpu3.remappedRows, 0);
		assert.deepEqual(gpu5.health, ['row remap pending (reset the GPU)']);
		assert.ok(devices.filter((r) => !['3', '5'].includes(r.device)).every((r) => r.severity === 'ok'));
		assert.ok(gpu3.sampledAt !== undefined && Date.now() - gpu3.sampledAt < 60_000, 'the sample’s age is known');
	});

	it(':gpudevices: the A100’s MIG instances are rows of their own, held by their pods', async () => {
		const mig = await waitFor('MIG rows', () => {
			const rows = rowsOf<GpuDeviceRow>('gpudevices').filter((r) => r.mig);
			return rows.length > 0 ? rows : undefined;
		});
		assert.ok(mig.every((r) => r.node === 'gpu-a100-mig-1' && /^\d+ \dg\.\d+gb#\d+$/.test(r.device)), mig.map((r) => r.device).join(' '));
		assert.equal(new Set(mig.map((r) => r.uid)).size, mig.length, 'one row per instance');
		const notebook = mig.find((r) => r.holder === 'ml-training/mig-notebook-alice');
		assert.ok(notebook, 'the notebook’s slice');
		assert.ok(notebook.util !== undefined && notebook.util < 5, `near zero: ${notebook.util}`);
		assert.ok(mig.some((r) => r.holder.startsWith('ml-serving/embeddings-')), 'the embeddings replicas hold 1g slices');
	});

	it(':gpu: the failing node flagged with its XID; a healthy NVIDIA node and the AMD node say ok', async () => {
		type Joined = BaseRow & {gpuHealth?: NodeGpuHealth; gpuTelemetryAt?: number};
		const nodes = await waitFor('the failing node judged', () => {
			const rows = rowsOf<Joined>('gpu');
			return rows.find((r) => r.name === 'gpu-h100-2')?.gpuHealth ? rows : undefined;
		});
		const failing = nodes.find((r) => r.name === 'gpu-h100-2')!;
		assert.equal(failing.gpuHealth!.severity, 'error');
		assert.match(failing.gpuHealth!.short, /^GPU3 XID 79, GPU5 remap pending/);
		const health = panes.get('gpu')!.columns.find((c) => c.id === 'health')!;
		assert.match(health.cell(failing, Date.now()), /GPU3 XID 79/);
		assert.equal(panes.get('gpu')!.severity!(failing), 'error');
		const a100 = nodes.find((r) => r.name === 'gpu-a100-mig-1')!;
		assert.equal(health.cell(a100, Date.now()), 'ok');
		const amd = nodes.find((r) => r.name === 'gpu-mi300x-1')!;
		assert.equal(health.cell(amd, Date.now()), 'ok', "AMD's exporter reports every GPU healthy");
	});

	it(':gpuidle on a fresh demo: the idle notebook, "idle so far" with the minutes observed, busy holders absent', async () => {
		const idle = await waitFor('the notebook in :gpuidle', () => rowsOf<GpuIdlePaneRow>('gpuidle').find((r) => r.name === 'mig-notebook-alice'));
		assert.equal(idle.namespace, 'ml-training');
		assert.equal(idle.covered, false, 'the 30 min window is not observed yet');
		assert.match(idleText(idle), /^idle so far: \d+[sm] of 30m observed$/);
		assert.equal(idle.owner, 'Pod/mig-notebook-alice');
		assert.deepEqual(idle.devices.length, 1);
		const listed = rowsOf<GpuIdlePaneRow>('gpuidle').map((r) => r.name);
		assert.ok(!listed.includes('llama-finetune-worker-0'), `the busy trainer is not idle: ${listed.join(' ')}`);
		assert.ok(rowsOf<GpuDeviceRow>('gpudevices').some((r) => r.holder === 'ml-training/llama-finetune-worker-0'), 'though it holds GPUs');
	});
});
