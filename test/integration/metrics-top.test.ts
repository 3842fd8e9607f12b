// `kubectl top pods -A` and `kubectl top nodes`, unmodified, against the simulated metrics API:
// kubectl must accept what the simulator serves, and print the numbers kubedeck's own reading of
// the same PodMetrics/NodeMetrics gives (CPU millicores rounded up, MiB rounded down, % truncated).
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {AppsV1Api, CoreV1Api} from '@kubernetes/client-node';
import {demoOnly, startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {createNamespace, rawRequest, waitFor} from './sim-helpers.js';
import type {KubeObject} from '../../source/model/types.js';
import {formatMi, formatMilli, nodeUsageTable, percentOf, podUsageTable, type UsageTable} from '../../source/model/metrics.js';
import {milliOfCores} from '../../source/model/metrics-columns.js';
import {projectNode} from '../../source/model/nodes.js';

const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const missing = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;

describe('kubectl top against the simulated metrics API', {skip: missing || demoOnly}, () => {
	let cluster: TestCluster;
	let namespace: string;

	function kubectl(...args: string[]): Promise<string> {
		return new Promise((resolve, reject) => {
			execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, ...args], {timeout: 60_000}, (error, stdout, stderr) => {
				if (error) reject(new Error(`kubectl ${args.join(' ')} failed: ${stderr || error.message}`));
				else resolve(stdout);
			});
		});
	}

	async function served(path: string): Promise<KubeObject[]> {
		const response = await rawRequest(cluster.kubeConfig, path);
		assert.equal(response.status, 200, `${path}: ${response.text}`);
		return (JSON.parse(response.text) as {items: KubeObject[]}).items;
	}

	/**
	 * kubectl's output with the served list read in the same metrics window: the samples change
	 * at each window, so a run that straddles a boundary is repeated.
	 */
	async function sameWindow(args: string[], path: string, read: (items: readonly KubeObject[]) => UsageTable): Promise<{stdout: string; items: KubeObject[]; table: UsageTable}> {
		for (let attempt = 0; ; attempt++) {
			const before = read(await served(path));
			const stdout = await kubectl(...args);
			const items = await served(path);
			const table = read(items);
			if (before.sampledAt === table.sampledAt) return {stdout, items, table};
			assert.ok(attempt < 3, 'kubectl top kept straddling metrics windows');
		}
	}

	/** kubectl's table as rows of cells keyed by the header, split on runs of two or more spaces. */
	function parseTable(stdout: string): Array<Record<string, string>> {
		const [header, ...lines] = stdout.trimEnd().split('\n');
		const titles = header!.trim().split(/\s{2,}/);
		return lines.map(line => Object.fromEntries(line.trim().split(/\s{2,}/).map((cell, i) => [titles[i]!, cell])));
	}

	before(async () => {
		cluster = await startTestCluster();
		namespace = uniqueName('top');
		await createNamespace(cluster.kubeConfig, namespace);
		const resources = {requests: {cpu: '250m', memory: '256Mi'}, limits: {cpu: '1', memory: '512Mi'}};
		await cluster.kubeConfig.makeApiClient(AppsV1Api).createNamespacedDeployment({namespace, body: {
			metadata: {name: 'api'},
			spec: {replicas: 3, selector: {matchLabels: {app: 'api'}}, template: {metadata: {labels: {app: 'api'}}, spec: {containers: [
				{name: 'api', image: 'registry.example/api:1.0', resources},
				{name: 'sidecar', image: 'registry.example/proxy:1.0', resources: {requests: {cpu: '1500m', memory: '1Gi'}}},
			]}}},
		}});
		const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		await waitFor('three running api pods', async () => {
			const pods = await core.listNamespacedPod({namespace, labelSelector: 'app=api'});
			return pods.items.filter(p => p.status?.phase === 'Running').length >= 3 || undefined;
		});
	});
	after(async () => {
		await cluster?.stop();
	});

	it('discovery lists metrics.k8s.io/v1beta1 with pods and nodes', async () => {
		const response = await rawRequest(cluster.kubeConfig, '/apis/metrics.k8s.io/v1beta1');
		assert.equal(response.status, 200);
		const names = (JSON.parse(response.text) as {resources: Array<{name: string}>}).resources.map(r => r.name).sort();
		assert.deepEqual(names, ['nodes', 'pods']);
	});

	it('top pods -A prints the CPU and memory kubedeck reads from PodMetrics', async () => {
		const {stdout, table} = await sameWindow(['top', 'pods', '-A'], '/apis/metrics.k8s.io/v1beta1/pods', podUsageTable);
		const rows = parseTable(stdout);
		assert.deepEqual(Object.keys(rows[0]!), ['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
		const ours = rows.filter(r => r.NAMESPACE === namespace);
		assert.equal(ours.length, 3, stdout);
		assert.equal(rows.length, table.byKey.size, 'one kubectl row per served PodMetrics');
		for (const row of rows) {
			const usage = table.byKey.get(`${row.NAMESPACE}/${row.NAME}`);
			assert.ok(usage, `${row.NAMESPACE}/${row.NAME} is served`);
			assert.equal(row['CPU(cores)'], formatMilli(usage.cpuMilli), `${row.NAME} CPU`);
			assert.equal(row['MEMORY(bytes)'], formatMi(usage.memoryBytes), `${row.NAME} memory`);
		}
		// Usage derives from requests: the pods do use something, below their limits.
		for (const row of ours) assert.ok(Number.parseInt(row['CPU(cores)']!, 10) > 0);
	});

	it('top pods --containers prints each container', async () => {
		const {stdout, items} = await sameWindow(['top', 'pods', '-n', namespace, '--containers'], `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`, podUsageTable);
		const rows = parseTable(stdout);
		assert.equal(rows.length, 6, stdout);
		for (const row of rows) {
			const pod = items.find(i => i.metadata.name === row.POD);
			const container = (pod as unknown as {containers: Array<{name: string; usage: {cpu: string; memory: string}}>}).containers.find(c => c.name === row.NAME)!;
			const single = podUsageTable([{...pod!, containers: [container]} as unknown as KubeObject]).byKey.values().next().value!;
			assert.equal(row['CPU(cores)'], formatMilli(single.cpuMilli));
			assert.equal(row['MEMORY(bytes)'], formatMi(single.memoryBytes));
		}
	});

	it('top nodes prints usage and the share of allocatable kubedeck computes', async () => {
		const nodes = new Map((await served('/api/v1/nodes')).map(n => [n.metadata.name, projectNode(n)]));
		const {stdout, table} = await sameWindow(['top', 'nodes'], '/apis/metrics.k8s.io/v1beta1/nodes', nodeUsageTable);
		const rows = parseTable(stdout);
		assert.deepEqual(Object.keys(rows[0]!), ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
		assert.equal(rows.length, nodes.size);
		for (const row of rows) {
			const usage = table.byKey.get(row.NAME!)!;
			const node = nodes.get(row.NAME!)!;
			assert.equal(row['CPU(cores)'], formatMilli(usage.cpuMilli));
			assert.equal(row['MEMORY(bytes)'], formatMi(usage.memoryBytes));
			assert.equal(row['CPU(%)'], percentOf(usage.cpuMilli, milliOfCores(node.allocatable.cpu)), `${row.NAME} CPU%`);
			assert.equal(row['MEMORY(%)'], percentOf(usage.memoryBytes, node.allocatable.memory), `${row.NAME} MEMORY%`);
		}
	});
});
