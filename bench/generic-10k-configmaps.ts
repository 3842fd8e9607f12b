// The generic path at scale: 10,000 ConfigMaps in a simulated cluster, read through the
// generic Table watch (source/kube/tableWatch.ts) and, in the same run, by `kubectl get cm -A`.
// Prints time to the first rows, time until every row is in the store and the watch is live,
// kubectl's wall time, and the heap the store holds per row.
// Run: node --expose-gc --import tsx bench/generic-10k-configmaps.ts [count] [namespaces]
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {KubeConfig} from '@kubernetes/client-node';
import {startSim} from '../source/sim/index.js';
import {resourceKey, resourceTypes} from '../source/sim/server/resources.js';
import {createTransport} from '../source/kube/transport.js';
import {createTableWatcher} from '../source/kube/tableWatch.js';
import {defaultTuning} from '../source/kube/watch.js';
import {createRowStore} from '../source/store/rowStore.js';
import type {TableRow} from '../source/model/table.js';
import {apiPath} from '../source/kinds/index.js';
import {heapMb, waitFor} from './measure.js';

const count = Number(process.argv[2] ?? 10_000);
const namespaces = Number(process.argv[3] ?? 20);

const sim = await startSim({scenario: 'empty', seed: 7});
const cmType = resourceTypes.find((t) => t.group === '' && t.resource === 'configmaps')!;
const nsType = resourceTypes.find((t) => t.group === '' && t.resource === 'namespaces')!;
for (let n = 0; n < namespaces; n++) sim.store.create(resourceKey(nsType), {metadata: {name: `bench-${n}`, uid: ''}});
for (let i = 0; i < count; i++) {
	sim.store.create(resourceKey(cmType), {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: `cm-${i}`, namespace: `bench-${i % namespaces}`, uid: '', labels: {app: `app-${i % 50}`}}, data: {key: `value-${i}`, other: 'x'.repeat(64)}});
}
const expected = sim.store.list(resourceKey(cmType)).length;
console.log(`simulator: ${expected} configmaps in ${namespaces + 1}+ namespaces`);
if (!(globalThis as {gc?: unknown}).gc) console.log('(run with --expose-gc for meaningful heap figures)');

try {
	const kubeConfig = new KubeConfig();
	kubeConfig.loadFromFile(sim.kubeconfigPath);
	const transport = createTransport(kubeConfig);
	const heapBefore = heapMb();
	const store = createRowStore<TableRow>();
	const start = performance.now();
	const watcher = createTableWatcher(
		transport,
		{path: apiPath({group: '', version: 'v1', plural: 'configmaps', scope: 'Namespaced'}), describe: 'configmaps in all namespaces', resource: 'configmaps'},
		store,
		defaultTuning,
		() => {},
		() => {},
	);
	watcher.start();
	let firstRowsMs = 0;
	await waitFor(() => {
		if (!firstRowsMs && store.snapshot().rows.length > 0) firstRowsMs = performance.now() - start;
		return store.snapshot().rows.length === expected && watcher.status.state === 'live';
	}, 120_000);
	const allRowsMs = performance.now() - start;
	const heapPerRow = ((heapMb() - heapBefore) * 1024 * 1024) / expected;

	const kubectlStart = performance.now();
	// Asynchronously: the simulator serves kubectl from this same process.
	const kubectl = await promisify(execFile)('kubectl', ['--kubeconfig', sim.kubeconfigPath, 'get', 'cm', '-A', '--no-headers'], {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
	const kubectlMs = performance.now() - kubectlStart;
	const kubectlRows = kubectl.stdout.split('\n').filter(Boolean).length;

	console.log(`generic watch: first rows ${firstRowsMs.toFixed(0)} ms, all ${expected} rows live ${allRowsMs.toFixed(0)} ms (${watcher.stats.pages} pages of ${defaultTuning.pageSize})`);
	console.log(`kubectl get cm -A: ${kubectlRows} rows in ${kubectlMs.toFixed(0)} ms`);
	console.log(`store heap: ${heapPerRow.toFixed(0)} bytes per row`);
	await watcher.stop();
	transport.close();
} finally {
	await sim.close();
}
