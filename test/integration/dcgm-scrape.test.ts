// kubedeck's DCGM scrape against the simulator: exporters found by label, each scraped through
// pods/proxy and parsed by parse-prometheus-text-format, joined into rows and health problems.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {demoOnly, startTestCluster, type TestCluster} from './cluster.js';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import {DEFAULT_AMD_EXPORTER_SELECTOR, findExporters, scrapeAll} from '../../source/kube/metrics-dcgm.js';
import {gpuHealthProblems, podGpuUsage} from '../../source/model/dcgm.js';
import {GpuTelemetryPoller} from '../../source/kube/metrics-gpu-poller.js';
import {waitFor} from './sim-helpers.js';

describe('DCGM scrape through pods/proxy', {skip: demoOnly}, () => {
	let cluster: TestCluster;
	let transport: Transport;

	before(async () => {
		cluster = await startTestCluster({scenario: 'demo', speed: 50, seed: 7});
		transport = createTransport(cluster.kubeConfig);
		await waitFor('exporters running', async () => ((await findExporters(transport)).length >= 4 ? true : undefined));
	});
	after(async () => {
		transport?.close();
		await cluster?.stop();
	});

	it('scrapes every exporter, two at a time, into rows per GPU and MIG slice', async () => {
		const round = await scrapeAll(transport, {concurrency: 2});
		assert.deepEqual(round.errors, []);
		assert.equal(round.skipped, 0);
		assert.equal(round.byExporter.size, round.exporters);
		const rows = [...round.byExporter.values()].flat();
		const nodes = new Set(rows.map((r) => r.node));
		assert.ok(nodes.has('gpu-h100-1') && nodes.has('gpu-h100-2') && nodes.has('gpu-a100-mig-1'));
		assert.equal(rows.filter((r) => r.node === 'gpu-a100-mig-1' && r.mig).length, 24);
		const notebook = podGpuUsage(rows).get('ml-training/mig-notebook-alice');
		assert.ok(notebook && notebook.util < 5, 'the idle notebook reads near zero');
		const problems = gpuHealthProblems(rows);
		assert.ok(problems.some((p) => p.node === 'gpu-h100-2' && p.gpu === '3' && /XID 79/.test(p.reason) && p.severity === 'error'), JSON.stringify(problems));
	});

	it("AMD's exporter: the MI300X node's eight GPUs, read from its own metric names, held by the inference pods", async () => {
		await waitFor('the AMD exporter running', async () => ((await findExporters(transport, DEFAULT_AMD_EXPORTER_SELECTOR)).length === 1 ? true : undefined));
		const round = await scrapeAll(transport, {concurrency: 2});
		const amd = [...round.byExporter.values()].flat().filter((r) => r.vendor === 'amd');
		assert.deepEqual([...new Set(amd.map((r) => r.node))], ['gpu-mi300x-1']);
		assert.deepEqual(amd.map((r) => r.gpu), ['0', '1', '2', '3', '4', '5', '6', '7']);
		assert.ok(amd.every((r) => r.model === 'AMD Instinct MI300X' && r.fbTotalMiB === 192 * 1024 && r.tempC !== undefined && r.powerW !== undefined && r.util !== undefined), JSON.stringify(amd[0]));
		const held = amd.filter((r) => r.holders.length > 0);
		assert.equal(held.length, 2, 'triton-mi300 runs two replicas of one GPU each');
		assert.ok(held.every((r) => r.holders[0]!.namespace === 'ml-serving' && r.holders[0]!.pod.startsWith('triton-mi300-') && (r.util ?? 0) >= 50));
		assert.ok(amd.filter((r) => r.holders.length === 0).every((r) => r.util === 0));
		const usage = podGpuUsage(amd);
		assert.equal(usage.size, 2);
		assert.deepEqual(gpuHealthProblems(amd), [], 'healthy GPUs raise nothing');
		// Only the DCGM exporters when AMD's are not looked for.
		const nvidiaOnly = await scrapeAll(transport, {amd: false});
		assert.equal(nvidiaOnly.exporters, round.exporters - 1);
	});

	it('a spent time budget starts no new scrape and says how many it skipped', async () => {
		let clock = 0;
		const round = await scrapeAll(transport, {concurrency: 1, budgetMs: 5, now: () => (clock += 10)});
		assert.equal(round.byExporter.size, 0);
		assert.equal(round.skipped, round.exporters);
	});

	it('a selector that matches a non-exporter pod reports that pod’s failure in one line and carries on', async () => {
		const round = await scrapeAll(transport, {selector: 'k8s-app=kube-dns', amd: false});
		assert.equal(round.byExporter.size, 0);
		assert.equal(round.errors.length, round.exporters);
		assert.match(round.errors[0]!, /^kube-system\/coredns-.*(503|reach|refused)/);
	});
});

describe('the GPU telemetry poller against the simulator', {skip: demoOnly}, () => {
	let cluster: TestCluster;
	let transport: Transport;

	before(async () => {
		cluster = await startTestCluster({scenario: 'demo', speed: 50, seed: 7});
		transport = createTransport(cluster.kubeConfig);
		await waitFor('exporters running', async () => ((await findExporters(transport)).length >= 4 ? true : undefined));
	});
	after(async () => {
		transport?.close();
		await cluster?.stop();
	});

	it('publishes rows, GPU usage per pod, the failing node’s XID, and records history', async () => {
		const poller = new GpuTelemetryPoller(transport, {intervalMs: 15_000});
		assert.equal(await poller.poll(), 15_000);
		const snapshot = poller.snapshot();
		assert.equal(snapshot.version, 1);
		assert.equal(snapshot.note, undefined);
		assert.ok(snapshot.byPod.get('ml-training/mig-notebook-alice'));
		assert.ok(snapshot.problems.some((p) => p.node === 'gpu-h100-2' && /XID 79/.test(p.reason)));
		assert.equal(poller.history.series, snapshot.rows.filter((r) => r.util !== undefined).length);
	});

	it('takes the selector and port from the settings: the chart’s label and the port by name', async () => {
		const poller = new GpuTelemetryPoller(transport, {selector: 'app.kubernetes.io/name=dcgm-exporter', port: 'http', concurrency: 1, budgetMs: 60_000, intervalMs: 30_000});
		assert.equal(await poller.poll(), 30_000);
		const snapshot = poller.snapshot();
		assert.equal(snapshot.note, undefined);
		assert.ok(snapshot.rows.some((r) => r.node === 'gpu-a100-mig-1' && r.mig));
		assert.ok(snapshot.byPod.get('ml-training/mig-notebook-alice'));
	});

	it('a port where no exporter listens: one line naming the exporter, the next round at the interval', async () => {
		const poller = new GpuTelemetryPoller(transport, {port: 9401, amd: false, intervalMs: 20_000});
		assert.equal(await poller.poll(), 20_000);
		const snapshot = poller.snapshot();
		assert.match(snapshot.note ?? '', /^(\d+) of \1 exporters failed \(kube-system\/nvidia-dcgm-exporter-.*9401/);
		assert.equal(snapshot.rows.length, 0);
	});

	it('without exporters: one line why, and a long wait before asking again', async () => {
		const poller = new GpuTelemetryPoller(transport, {selector: 'app=no-such-exporter', amd: {selector: 'app=no-such-amd-exporter'}, absentRecheckMs: 300_000});
		assert.equal(await poller.poll(), 300_000);
		assert.match(poller.snapshot().note ?? '', /^no GPU exporter pods \(DCGM: app=no-such-exporter; AMD: app=no-such-amd-exporter\): GPU columns show allocation only/);
		assert.equal(poller.snapshot().rows.length, 0);
	});
});
