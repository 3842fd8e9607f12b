// GPU telemetry from Prometheus (the demo's monitoring/prometheus:9090 through services/proxy)
// against the same from scraping the exporters: the same GPU% per pod; history seeded from a
// range query; and every way Prometheus can fail is one line and a fallback to scraping.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {demoOnly, startTestCluster, type TestCluster} from './cluster.js';
import {waitFor} from './sim-helpers.js';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import {findExporters} from '../../source/kube/metrics-dcgm.js';
import {GpuTelemetryPoller} from '../../source/kube/metrics-gpu-poller.js';
import {instantQuery, prometheusApi, PrometheusError} from '../../source/kube/prometheus.js';
import type {PrometheusTarget} from '../../source/config/settings-telemetry.js';

const service = {service: {namespace: 'monitoring', name: 'prometheus', port: '9090'}};

describe('GPU telemetry from Prometheus', {skip: demoOnly}, () => {
	let cluster: TestCluster;
	let transport: Transport;
	let garbage: http.Server;
	let garbageUrl = '';
	let closedUrl = '';

	before(async () => {
		cluster = await startTestCluster({scenario: 'demo', speed: 50, seed: 7});
		transport = createTransport(cluster.kubeConfig);
		await waitFor('exporters running', async () => ((await findExporters(transport)).length >= 4 ? true : undefined));
		garbage = http.createServer((req, res) => {
			if (req.url?.includes('forbidden')) return void res.writeHead(403).end('{"status":"error","errorType":"forbidden","error":"no"}');
			res.writeHead(200, {'content-type': 'text/html'}).end('<html>login</html>');
		});
		await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
		garbageUrl = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}`;
		// A port that was just free: nothing listens there now.
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
		await new Promise((resolve) => closed.close(resolve));
	});
	after(async () => {
		transport?.close();
		await new Promise((resolve) => garbage?.close(resolve));
		await cluster?.stop();
	});

	it('the same per-pod GPU% from Prometheus as from the exporters, and the history seeded at once', async () => {
		// Values change once per 15 s window in the simulator, pods come and go (the demo churns), and
		// its cluster autoscaler adds a GPU node (with an exporter) a while after start: compare two
		// reads of the same window with the same holders and the same GPUs, trying again a few times.
		const fromPrometheus = new GpuTelemetryPoller(transport, {prometheus: service, intervalMs: 15_000, seedWindowMs: 10 * 60_000});
		const fromExporters = new GpuTelemetryPoller(transport, {intervalMs: 15_000});
		let a, b;
		for (let attempt = 0; attempt < 5; attempt++) {
			const window = Math.floor(Date.now() / 15_000);
			await fromPrometheus.poll();
			await fromExporters.poll();
			a = fromPrometheus.snapshot();
			b = fromExporters.snapshot();
			const sameHolders = JSON.stringify([...a.byPod.keys()].sort()) === JSON.stringify([...b.byPod.keys()].sort());
			const sameGpus = JSON.stringify(a.rows.map((r) => r.key).sort()) === JSON.stringify(b.rows.map((r) => r.key).sort());
			if (Math.floor(Date.now() / 15_000) === window && sameHolders && sameGpus) break;
		}
		assert.equal(a!.note, undefined, a!.note);
		assert.equal(a!.trouble, undefined);
		assert.equal(a!.source, 'Prometheus service monitoring/prometheus:9090');
		assert.equal(b!.source, 'DCGM exporters');
		assert.ok(a!.byPod.size > 0);
		assert.deepEqual([...a!.byPod].sort(), [...b!.byPod].sort(), 'GPU% and GPU-MEM per pod agree');
		const byKey = (x: {key: string}, y: {key: string}): number => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
		assert.deepEqual([...a!.rows].sort(byKey), [...b!.rows].sort(byKey), 'the same rows per GPU and MIG slice');
		const order = (p: {node: string; gpu?: string; reason: string}): string => `${p.node}/${p.gpu}/${p.reason}`;
		assert.deepEqual(a!.problems.map(order).sort(), b!.problems.map(order).sort(), 'the same health findings');
		assert.ok(a!.problems.some((p) => p.node === 'gpu-h100-2' && /XID 79/.test(p.reason)));
		const notebook = a!.rows.find((r) => r.holders.some((h) => h.pod === 'mig-notebook-alice'))!;
		assert.ok(fromPrometheus.history.recent(notebook.key, 100).length >= 30, 'ten minutes of 15 s samples from one range query');
		assert.ok(fromPrometheus.history.idleFor(notebook.key, 5) >= 9 * 60_000, 'the idle notebook has been idle for the seeded window already');
		const fresh = new GpuTelemetryPoller(transport, {intervalMs: 15_000});
		await fresh.poll();
		assert.equal(fresh.history.recent(notebook.key, 100).length, 1, 'scraping alone starts from its first sample');
		fresh.stop();
		fromPrometheus.stop();
		fromExporters.stop();
	});

	const failures: Array<{name: string; target: () => PrometheusTarget; why: RegExp}> = [
		{name: 'unreachable', target: () => ({url: closedUrl}), why: /^Prometheus not used: http:\/\/127\.0\.0\.1:\d+ unreachable \(ECONNREFUSED\) — scraping the exporters instead$/},
		{name: 'not JSON', target: () => ({url: garbageUrl}), why: /answered 200 with something that is not JSON \(<html>login<\/html>\)/},
		{name: 'a 4xx with Prometheus’ error', target: () => ({url: `${garbageUrl}/forbidden`}), why: /answered 403: forbidden: no/},
		{name: 'a Service with nothing behind it', target: () => ({service: {namespace: 'default', name: 'hello', port: '80'}}), why: /service default\/hello:80: 503/},
	];
	for (const failure of failures) {
		it(`Prometheus ${failure.name}: one line why, the exporters scraped, Prometheus not asked again for a while`, async () => {
			let clock = 1_000_000;
			const poller = new GpuTelemetryPoller(transport, {prometheus: failure.target(), intervalMs: 15_000, prometheusRetryMs: 300_000, now: () => clock});
			assert.equal(await poller.poll(), 15_000);
			const first = poller.snapshot();
			assert.match(first.note ?? '', failure.why);
			assert.match(first.trouble ?? '', failure.why, 'a failure: the pods pane header says it');
			assert.equal(first.source, 'DCGM exporters');
			assert.ok(first.byPod.size > 0, 'telemetry from the fallback');
			clock += 15_000;
			await poller.poll();
			assert.match(poller.snapshot().note ?? '', failure.why, 'still said, still scraping');
			poller.stop();
		});
	}

	it('a query the simulator cannot answer is bad_data, said as Prometheus says it', async () => {
		const api = prometheusApi(service, transport);
		await assert.rejects(instantQuery(api, 'rate(DCGM_FI_DEV_GPU_UTIL[5m])'), (error: unknown) => error instanceof PrometheusError && /service monitoring\/prometheus:9090: 400/.test(error.message));
	});
});
