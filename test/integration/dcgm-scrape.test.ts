// kubedeck's DCGM scrape against the simulator: exporters found by label, each scraped through
// pods/proxy and parsed by parse-prometheus-text-format, joined into rows and health problems.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {startTestCluster, type TestCluster} from './cluster.js';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import {findExporters, scrapeAll} from '../../source/kube/metrics-dcgm.js';
import {gpuHealthProblems, podGpuUsage} from '../../source/model/dcgm.js';
import {waitFor} from './sim-helpers.js';

describe('DCGM scrape through pods/proxy', () => {
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

	it('a spent time budget starts no new scrape and says how many it skipped', async () => {
		let clock = 0;
		const round = await scrapeAll(transport, {concurrency: 1, budgetMs: 5, now: () => (clock += 10)});
		assert.equal(round.byExporter.size, 0);
		assert.equal(round.skipped, round.exporters);
	});

	it('a selector that matches a non-exporter pod reports that pod’s failure in one line and carries on', async () => {
		const round = await scrapeAll(transport, {selector: 'k8s-app=kube-dns'});
		assert.equal(round.byExporter.size, 0);
		assert.equal(round.errors.length, round.exporters);
		assert.match(round.errors[0]!, /^kube-system\/coredns-.*(503|reach|refused)/);
	});
});
