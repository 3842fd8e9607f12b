// :hpa's columns against the installed kubectl, on the simulator's demo HPAs plus two made
// here (two metrics, one of them an average value; minReplicas left out): REFERENCE, TARGETS, MINPODS,
// MAXPODS and REPLICAS must read as `kubectl get hpa -A` prints them. Both read the same
// objects: the JSON is read before and after the table, and a pass counts only when no HPA
// changed in between (the simulator's HPA controller keeps rescaling).
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {AppsV1Api, AutoscalingV2Api} from '@kubernetes/client-node';
import {demoOnly, startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {createNamespace} from './sim-helpers.js';
import {hpaModel} from '../../source/model/hpa.js';
import type {KubeObject} from '../../source/model/types.js';

const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const missing = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;
const COMPARED = ['REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS'] as const;
const COLUMN_IDS: Record<(typeof COMPARED)[number], string> = {REFERENCE: 'reference', TARGETS: 'targets', MINPODS: 'minpods', MAXPODS: 'maxpods', REPLICAS: 'replicas'};

describe(':hpa columns match kubectl get hpa', {skip: missing || demoOnly}, () => {
	let cluster: TestCluster;
	let namespace: string;

	function kubectl(...args: string[]): Promise<string> {
		return new Promise((resolve, reject) => {
			execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, ...args], {timeout: 60_000, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
				if (error) reject(new Error(`kubectl ${args.join(' ')} failed: ${stderr || error.message}`));
				else resolve(stdout);
			});
		});
	}

	before(async () => {
		cluster = await startTestCluster({scenario: 'demo', speed: 1});
		namespace = uniqueName('hpa');
		await createNamespace(cluster.kubeConfig, namespace);
		await cluster.kubeConfig.makeApiClient(AppsV1Api).createNamespacedDeployment({namespace, body: {
			metadata: {name: 'web'},
			spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'registry.example/web:1.0'}]}}},
		}});
		const hpas = cluster.kubeConfig.makeApiClient(AutoscalingV2Api);
		await hpas.createNamespacedHorizontalPodAutoscaler({namespace, body: {metadata: {name: 'two-metrics'}, spec: {
			scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web'}, minReplicas: 2, maxReplicas: 5,
			metrics: [
				{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 70}}},
				{type: 'Resource', resource: {name: 'memory', target: {type: 'AverageValue', averageValue: '500Mi'}}},
			],
		}}});
		await hpas.createNamespacedHorizontalPodAutoscaler({namespace, body: {metadata: {name: 'no-min'}, spec: {
			scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'missing'}, maxReplicas: 4,
			metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 50}}}],
		}}});
	});
	after(async () => {
		await cluster?.stop();
	});

	it('every HPA of the demo and of this test reads the same in both', async () => {
		for (let attempt = 0; attempt < 5; attempt++) {
			const before = JSON.parse(await kubectl('get', 'hpa', '-A', '-o', 'json')) as {items: KubeObject[]};
			const table = await kubectl('get', 'hpa', '-A');
			const afterwards = JSON.parse(await kubectl('get', 'hpa', '-A', '-o', 'json')) as {items: KubeObject[]};
			const versions = (list: {items: KubeObject[]}) => list.items.map((o) => `${o.metadata.uid}@${o.metadata.resourceVersion}`).join();
			if (versions(before) !== versions(afterwards)) continue;

			const [header, ...lines] = table.trimEnd().split('\n');
			const titles = header!.trim().split(/\s{2,}/);
			const kubectlRows = new Map<string, Record<string, string>>();
			for (const line of lines) {
				const cells = line.trim().split(/\s{2,}/);
				assert.equal(cells.length, titles.length, `one cell per column: ${line}`);
				const row = Object.fromEntries(titles.map((title, i) => [title, cells[i]!]));
				kubectlRows.set(`${row.NAMESPACE}/${row.NAME}`, row);
			}
			assert.ok(before.items.length >= 5, `the demo's HPAs and this test's: ${before.items.length}`);
			assert.equal(kubectlRows.size, before.items.length);
			for (const object of before.items) {
				const row = hpaModel.project(object);
				const printed = kubectlRows.get(`${row.namespace}/${row.name}`);
				assert.ok(printed, `kubectl lists ${row.namespace}/${row.name}`);
				for (const title of COMPARED) {
					const column = hpaModel.columns.find((c) => c.id === COLUMN_IDS[title]);
					assert.ok(column, title);
					assert.equal(column.cell(row, Date.now()), printed[title], `${row.namespace}/${row.name} ${title}`);
				}
			}
			// The two made here exercise what the demo does not: two metrics, and minReplicas left out
			// (the API server defaults it to 1 in autoscaling/v2, and so does the simulator).
			assert.match(kubectlRows.get(`${namespace}/two-metrics`)!.TARGETS!, /^cpu: .+\/70%, memory: .+\/500Mi$/);
			assert.equal(kubectlRows.get(`${namespace}/no-min`)!.MINPODS, '1');
			return;
		}
		assert.fail('the HPAs kept changing between the two reads');
	});
});
