// Prints the heap one pod row costs the client, at 5k and 50k pods: pods from the simulator's scale
// scenario, each as JSON text (as it arrives), parsed, projected to a row and kept in a row store,
// the parsed object then dropped as the watch engine drops it. Heap deltas after full collections:
// the store alone, then with a snapshot (the copied array views read), then with the table's sorted
// rows (selectRows, whose identity-rank cache lives as long as the columns).
//
//   node --expose-gc --import tsx bench/memory-per-row.ts [5000,50000]
import {loadavg} from 'node:os';
import {startSim} from '../source/sim/index.js';
import {createRowStore} from '../source/store/rowStore.js';
import {selectRows} from '../source/store/selectors.js';
import {podColumns, projectPod, type PodRow} from '../source/model/pods.js';
import type {KubeObject} from '../source/model/types.js';

if (!(globalThis as {gc?: unknown}).gc) throw new Error('run with --expose-gc: without full collections the heap deltas mean nothing');
const sizes = (process.argv[2] ?? '5000,50000').split(',').map(Number);

function heapBytes(): number {
	for (let i = 0; i < 3; i++) (globalThis as unknown as {gc: () => void}).gc();
	return process.memoryUsage().heapUsed;
}

/** The scale scenario's pods as JSON text; the simulator is gone (unreachable) when this returns. */
async function podTexts(count: number): Promise<string[]> {
	const sim = await startSim({scenario: 'scale', pods: count, churnPerSecond: 0, seed: 7});
	const texts = sim.store.list('pods').map((pod) => JSON.stringify(pod));
	await sim.close();
	return texts;
}

console.log(`heap per pod row; load ${loadavg()[0]!.toFixed(2)}; Node ${process.version}`);
for (const count of sizes) {
	const texts = await podTexts(count);
	const jsonBytes = texts.reduce((sum, t) => sum + t.length, 0);
	// The simulator's objects go once its sockets and timers have: collect until the heap stops shrinking.
	let base = heapBytes();
	for (let settled = 0; settled < 5; ) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		const now = heapBytes();
		settled = now < base - 64 * 1024 ? 0 : settled + 1;
		base = Math.min(base, now);
	}
	const store = createRowStore<PodRow>({frameMs: 1_000_000});
	for (const text of texts) store.upsert(projectPod(JSON.parse(text) as KubeObject));
	const withStore = heapBytes();
	const snapshot = store.snapshot();
	const withSnapshot = heapBytes();
	const sorted = selectRows(snapshot.rows, podColumns, {}, Date.now());
	const withSorted = heapBytes();
	const per = (bytes: number) => `${Math.round(bytes / texts.length).toLocaleString('en-US').padStart(6)} B`;
	console.log(
		`${String(texts.length).padStart(7)} pods (JSON ${per(jsonBytes)} each): store ${per(withStore - base)}/row; + snapshot ${per(withSnapshot - withStore)}; + sorted table rows ${per(withSorted - withSnapshot)}; total ${per(withSorted - base)}/row`,
	);
	// Keep everything alive until measured.
	if (sorted.length !== snapshot.rows.length || store.size !== texts.length) throw new Error('rows lost');
}
