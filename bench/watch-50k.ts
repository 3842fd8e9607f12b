// The watch engine at scale: a simulated cluster with 50,000 pods (scenario 'scale').
// Prints time to the first rows, time to the full list in the store, the heap the store
// holds, and a churn burst (modifications → notifications, time until the last is visible).
// Run: node --expose-gc --import tsx bench/watch-50k.ts [pods] [churn]
import {KubeConfig} from '@kubernetes/client-node';
import {startSim} from '../source/sim/index.js';
import {openSession} from '../source/kube/session.js';
import {selectRows} from '../source/store/selectors.js';
import {windowRows} from '../source/ui/window.js';
import {podModel} from '../source/model/pods.js';
import {heapMb, waitFor} from './measure.js';

const podCount = Number(process.argv[2] ?? 50_000);
const churn = Number(process.argv[3] ?? 5_000);

const seedStart = performance.now();
const sim = await startSim({scenario: 'scale', pods: podCount, churnPerSecond: 0, seed: 7});
const expected = sim.store.list('pods').length;
console.log(`simulator: ${expected} pods seeded in ${(performance.now() - seedStart).toFixed(0)} ms`);
if (!(globalThis as {gc?: unknown}).gc) console.log('(run with --expose-gc for meaningful heap figures)');

try {
	const kubeConfig = new KubeConfig();
	kubeConfig.loadFromFile(sim.kubeconfigPath);
	const heapBefore = heapMb();
	const start = performance.now();
	const cpuStart = process.cpuUsage();
	const session = await openSession(kubeConfig, {allNamespaces: true});
	const pods = session.store('pods');
	let firstRowsMs = 0;
	await waitFor(() => {
		if (!firstRowsMs && pods.snapshot().rows.length > 0) firstRowsMs = performance.now() - start;
		return pods.snapshot().rows.length === expected && session.status('pods').state === 'live';
	}, 600_000);
	const fullMs = performance.now() - start;
	const cpu = process.cpuUsage(cpuStart);
	console.log(`first rows visible:        ${firstRowsMs.toFixed(0)} ms`);
	console.log(`full list in store (live): ${fullMs.toFixed(0)} ms  (process cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, simulator included)`);
	const heapWith = heapMb();
	console.log(`heap after list:           +${(heapWith - heapBefore).toFixed(1)} MB over the simulator alone (${((heapWith - heapBefore) * 1024 / expected).toFixed(2)} KB/pod, incl. snapshot copy)`);

	// Churn: modify `churn` pods as fast as the store can take them.
	const targets = sim.store.list('pods').slice(0, churn);
	let notifications = 0;
	pods.subscribe(() => notifications++);
	const marker = `burst-${Date.now()}`;
	const churnStart = performance.now();
	for (const pod of targets) {
		sim.store.mutate('pods', pod.metadata.namespace, pod.metadata.name, (o) => {
			o.metadata.labels = {...o.metadata.labels, churn: marker};
		});
	}
	const writeMs = performance.now() - churnStart;
	const lastUid = targets.at(-1)!.metadata.uid;
	await waitFor(() => pods.snapshot().byUid.get(lastUid)?.labels?.churn === marker, 120_000);
	const visibleMs = performance.now() - churnStart;
	await new Promise((r) => setTimeout(r, 100));
	const changed = pods.snapshot().rows.filter((r) => r.labels?.churn === marker).length;
	console.log(`churn: ${targets.length} modifications written in ${writeMs.toFixed(0)} ms; all visible after ${visibleMs.toFixed(0)} ms; ${notifications} store notifications; ${changed} rows updated`);

	// What a view pays per frame on 50k rows: filter + sort + window (the visible columns of the pods pane).
	const rows = pods.snapshot().rows;
	const now = Date.now();
	for (const [label, query] of [
		['no filter, default order', {}],
		['regex filter "scale-[1-3]$"', {filter: 'scale-[1-3]$'}],
		['sort by restarts (sortValue)', {sort: {column: podModel.columns.find((c) => c.sortValue)?.id ?? 'name', ascending: false}}],
		['bad rows only', {badOnly: true}],
	] as const) {
		const t0 = performance.now();
		const selected = selectRows(rows, podModel.columns, query, now);
		const visible = windowRows(selected, Math.floor(selected.length / 2), 40, 0);
		console.log(`selectRows ${label.padEnd(32)} ${(performance.now() - t0).toFixed(0).padStart(5)} ms → ${selected.length} rows, window of ${visible.rows.length}`);
	}

	const snapStart = performance.now();
	pods.snapshot();
	console.log(`snapshot() when unchanged:  ${(performance.now() - snapStart).toFixed(3)} ms`);
	await session.close();
} finally {
	await sim.close();
}
