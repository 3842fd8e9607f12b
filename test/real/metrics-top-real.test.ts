// CPU and memory from a real metrics-server: the harness runs metrics-server v0.8.0, which reads
// KWOK's kubelet resource metrics (each pod's usage from its kwok.x-k8s.io/usage-* annotations)
// and serves metrics.k8s.io through the real API server's aggregator. kubedeck's pods and nodes
// panes must print what `kubectl top` prints for the same sample. The cells are compared, as the
// panes' columns render them.
import {after, before, describe, it, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {execFile, spawnSync} from 'node:child_process';
import {KubeConfig} from '@kubernetes/client-node';
import {apiJson, rawRequest} from './real-api.js';
import {waitFor} from '../integration/sim-helpers.js';
import {openSession, type Session} from '../../source/kube/session.js';
import {nodeUsageColumns, podUsageColumns} from '../../source/model/metrics-columns.js';
import type {Column, KubeObject} from '../../source/model/types.js';
import type {PodRow} from '../../source/model/pods.js';
import type {NodeRow} from '../../source/model/nodes.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const skipReason = !kubeconfigPath
	? (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)')
	: probe.error
		? `kubectl is not installed (${probe.error.message})`
		: undefined;

const suffix = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
const namespace = `kd-top-${suffix}`;
/** What each pod uses (KWOK's usage annotations), and what it asks for. */
const pods = [
	{name: 'api', cpu: '250m', memory: '300Mi', requests: {cpu: '500m', memory: '512Mi'}},
	{name: 'worker', cpu: '1200m', memory: '1Gi', requests: {cpu: '1', memory: '2Gi'}},
];

type Cells = Record<string, string>;
/** A row's cells as the pane renders them, by column title. */
function cellsOf<R extends PodRow | NodeRow>(row: R, columns: ReadonlyArray<Column<R>>): Cells {
	return Object.fromEntries(columns.map((c) => [c.title, c.cell(row, Date.now())]));
}

/** kubectl's table as rows of cells keyed by the header, split on runs of two or more spaces. */
function parseTable(stdout: string): Cells[] {
	const [header, ...lines] = stdout.trimEnd().split('\n');
	const titles = header!.trim().split(/\s{2,}/);
	return lines.map((line) => Object.fromEntries(line.trim().split(/\s{2,}/).map((cell, i) => [titles[i]!, cell])));
}

if (skipReason) {
	console.error(`\n*** ${skipReason} ***\n`);
	test('kubectl top against a real metrics-server', {skip: skipReason}, () => {});
} else {
	const kc = new KubeConfig();
	kc.loadFromFile(kubeconfigPath!);
	// The harness registers metrics-server only where it could install it: without the API this
	// file skips, saying why; a registered but failing API is a failure.
	const discovery = await rawRequest(kc, 'GET', '/apis/metrics.k8s.io/v1beta1');
	const noMetrics = discovery.status === 404 ? 'the harness runs no metrics-server (metrics.k8s.io is not served): see scripts/cluster-up.sh' : undefined;
	describe('kubectl top and kubedeck read the same real metrics-server', {skip: noMetrics}, () => {
		let session: Session;
		let cacheDir: string;

		const kubectl = (...args: string[]): Promise<string> =>
			new Promise((resolve, reject) => {
				execFile('kubectl', ['--kubeconfig', kubeconfigPath!, ...args], {timeout: 60_000}, (error, stdout, stderr) => {
					if (error) reject(new Error(`kubectl ${args.join(' ')} failed: ${stderr || error.message}`));
					else resolve(stdout);
				});
			});
		const served = async (p: string): Promise<KubeObject[]> => (await apiJson<{items: KubeObject[]}>(kc, 'GET', p)).items;
		/** Sample timestamps by name: kubectl's output counts only if the sample did not turn over while it ran. */
		const stamps = (items: readonly KubeObject[]): string => JSON.stringify(items.map((i) => [i.metadata.name, (i as unknown as {timestamp: string}).timestamp]).sort());

		before(async () => {
			assert.equal(discovery.status, 200, `metrics.k8s.io is registered but does not answer: ${discovery.body.slice(0, 300)}`);
			await apiJson(kc, 'POST', '/api/v1/namespaces', {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}}});
			for (const pod of pods) {
				await apiJson(kc, 'POST', `/api/v1/namespaces/${namespace}/pods`, {body: {apiVersion: 'v1', kind: 'Pod',
					metadata: {name: pod.name, annotations: {'kwok.x-k8s.io/usage-cpu': pod.cpu, 'kwok.x-k8s.io/usage-memory': pod.memory}},
					spec: {containers: [{name: 'main', image: 'example/app:1', resources: {requests: pod.requests}}]}}});
			}
			cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-top-real-'));
			session = await openSession(kc, {namespace, frameMs: 5, discovery: {cacheDir}});
		});
		after(async () => {
			await session?.close();
			if (cacheDir) fs.rmSync(cacheDir, {recursive: true, force: true});
			await rawRequest(kc, 'DELETE', `/api/v1/namespaces/${namespace}`);
		});

		it('pods: CPU-USE and MEM-USE are the CPU(cores) and MEMORY(bytes) kubectl top prints', async () => {
			const store = session.store('pods');
			const columns = podUsageColumns<PodRow>();
			const usagePath = `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`;
			// metrics-server has a pod's CPU after its second scrape (a rate of KWOK's counters);
			// then kubedeck's poll and kubectl must meet in the same sample.
			const met = await waitFor('kubedeck and kubectl top showing the same sample of both pods', async () => {
				const before = await served(usagePath);
				if (before.length < pods.length) return undefined;
				const stdout = await kubectl('top', 'pods', '-n', namespace);
				const after = await served(usagePath);
				if (stamps(before) !== stamps(after)) return undefined;
				const rows = store.snapshot().rows;
				const stampOf = new Map(after.map((i) => [i.metadata.name, Date.parse((i as unknown as {timestamp: string}).timestamp)]));
				if (rows.length !== pods.length || !rows.every((r) => r.usage?.timestamp === stampOf.get(r.name))) return undefined;
				return {top: parseTable(stdout), rows};
			}, 150_000);
			assert.deepEqual(Object.keys(met.top[0]!), ['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
			for (const pod of pods) {
				const top = met.top.find((r) => r.NAME === pod.name);
				const row = met.rows.find((r) => r.name === pod.name)!;
				assert.ok(top, `kubectl top lists ${pod.name}`);
				const cells = cellsOf(row, columns);
				assert.equal(cells['CPU-USE'], top['CPU(cores)'], `${pod.name} CPU`);
				assert.equal(cells['MEM-USE'], top['MEMORY(bytes)'], `${pod.name} memory`);
			}
			// KWOK's usage is what the annotations say: memory exactly, CPU as a rate of its counter.
			const api = met.rows.find((r) => r.name === 'api')!;
			assert.equal(cellsOf(api, columns)['MEM-USE'], '300Mi');
			assert.ok(Math.abs(api.usage!.cpuMilli - 250) <= 5, `api uses ~250m CPU, got ${api.usage!.cpuMilli}m`);
			assert.equal(cellsOf(api, columns)['%CPU/R'], `${Math.floor((api.usage!.cpuMilli / 500) * 100)}%`);
		});

		it('nodes: CPU-USE, %CPU, MEM-USE and %MEM are what kubectl top nodes prints', async () => {
			const store = session.store('nodes');
			const columns = nodeUsageColumns<NodeRow>();
			const met = await waitFor('kubedeck and kubectl top nodes showing the same sample', async () => {
				const before = await served('/apis/metrics.k8s.io/v1beta1/nodes');
				if (before.length === 0) return undefined;
				const stdout = await kubectl('top', 'nodes');
				const after = await served('/apis/metrics.k8s.io/v1beta1/nodes');
				if (stamps(before) !== stamps(after)) return undefined;
				const stampOf = new Map(after.map((i) => [i.metadata.name, Date.parse((i as unknown as {timestamp: string}).timestamp)]));
				const rows = store.snapshot().rows.filter((r) => stampOf.has(r.name));
				if (rows.length !== after.length || !rows.every((r) => r.usage?.timestamp === stampOf.get(r.name))) return undefined;
				return {top: parseTable(stdout), rows};
			}, 150_000);
			assert.deepEqual(Object.keys(met.top[0]!), ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
			const withMetrics = met.top.filter((r) => r['CPU(cores)'] !== '<unknown>');
			assert.equal(withMetrics.length, met.rows.length, 'one kubectl row with usage per node metrics-server reports');
			for (const row of met.rows) {
				const top = withMetrics.find((r) => r.NAME === row.name)!;
				const cells = cellsOf(row, columns);
				assert.deepEqual([cells['CPU-USE'], cells['%CPU'], cells['MEM-USE'], cells['%MEM']], [top['CPU(cores)'], top['CPU(%)'], top['MEMORY(bytes)'], top['MEMORY(%)']], row.name);
			}
		});
	});
}
