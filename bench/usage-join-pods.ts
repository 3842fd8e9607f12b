// The pods ⋈ usage ⋈ GPU-use store when the pods change, at the scale: 50,000 pods, each
// with a metrics.k8s.io sample, 4,000 of them holding a GPU with DCGM telemetry. Each step the
// watch changes CHANGED pods (new row objects: status, restarts), deletes a few and adds as many,
// then the joined store is read the way the pods pane reads it: a listener hears the change and
// takes a snapshot. Times the join alone (the rows store's own snapshot copy is timed apart),
// wall and CPU. Prints figures; never a timed test.
// Run: node --expose-gc --import tsx bench/usage-join-pods.ts [--steps N] [--changed N]
import {performance} from 'node:perf_hooks';
import type {BaseRow} from '../source/model/types.js';
import type {Usage, UsageTable} from '../source/model/metrics.js';
import type {UsageFields} from '../source/model/metrics-columns.js';
import {RowsWithUsage} from '../source/store/usageJoin.js';
import {createRowStore, type RowStore} from '../source/store/rowStore.js';

const PODS = 50_000;
const GPU_PODS = 4_000;
const arg = (name: string, fallback: number): number => {
	const at = process.argv.indexOf(name);
	return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const STEPS = arg('--steps', 30);
const CHANGED = arg('--changed', 100);
const CHURN = 5; // pods deleted and as many created per step

/** A pod row about as wide as the real PodRow (the join copies every field of a row it re-joins). */
type PodLike = BaseRow & UsageFields & {phase: string; ready: string; status: string; restarts: number; node: string; ip: string; qos: string; requests: Record<string, number>; accelerators: Record<string, number>; containers: string[]; deleting: boolean};

const podRow = (i: number, generation: number): PodLike => ({
	uid: `uid-${i}`,
	name: `pod-${i}`,
	namespace: `ns-${i % 50}`,
	createdAt: 1_700_000_000_000 + i,
	labels: {app: `app-${i % 500}`},
	severity: 'ok',
	phase: 'Running',
	ready: '1/1',
	status: 'Running',
	restarts: generation,
	node: `node-${i % 500}`,
	ip: `10.0.${(i >> 8) & 255}.${i & 255}`,
	qos: 'Burstable',
	requests: {cpu: 0.1, memory: 128 * 2 ** 20},
	accelerators: i < GPU_PODS ? {'nvidia.com/gpu': 1} : {},
	containers: ['main'],
	deleting: false,
});

const keyOf = (row: PodLike): string => `${row.namespace ?? ''}/${row.name}`;
const store = createRowStore<PodLike>({frameMs: 1});
store.replace(Array.from({length: PODS}, (_, i) => podRow(i, 0)));
const byKey = new Map<string, Usage>();
for (let i = 0; i < PODS; i++) byKey.set(`ns-${i % 50}/pod-${i}`, {cpuMilli: i % 900, memoryBytes: (i % 300) * 2 ** 20, timestamp: 1_700_000_000_000});
const table: UsageTable & {version: number} = {byKey, version: 1, sampledAt: 1_700_000_000_000};
const byPod = new Map<string, NonNullable<UsageFields['gpuUse']>>();
for (let i = 0; i < GPU_PODS; i++) byPod.set(`ns-${i % 50}/pod-${i}`, {util: i % 100, fbUsedMiB: 1024, devices: 1});
const gpu = {version: 1, byPod};
// The moment the rows store calls the joined store's listener: where the time of a change starts.
let notifiedAt = 0;
let notifiedCpu = process.cpuUsage();
const source: RowStore<PodLike> = {
	snapshot: () => store.snapshot(),
	subscribe: (listener) =>
		store.subscribe(() => {
			notifiedAt = performance.now();
			notifiedCpu = process.cpuUsage();
			listener();
		}),
};
const joined = new RowsWithUsage<PodLike>(source, {snapshot: () => table, subscribe: () => () => {}}, keyOf, 1, {snapshot: () => gpu, subscribe: () => () => {}});

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const cpuMs = (since: NodeJS.CpuUsage): number => {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
};

/**
 * Resolves when the pane's listener has heard the change and read the joined rows: the time from
 * the rows store's notification to then (wall and CPU), and the listener's own snapshot() call.
 */
const heard = (): Promise<{total: number; cpu: number; read: number}> =>
	new Promise((resolve) => {
		const off = joined.subscribe(() => {
			off();
			const t = performance.now();
			joined.snapshot();
			const done = performance.now();
			resolve({total: done - notifiedAt, cpu: cpuMs(notifiedCpu), read: done - t});
		});
	});

// The stores' frame timers are unref'd (a pending repaint never keeps a process alive): this does.
const alive = setInterval(() => {}, 1000);
// The pane is open: a listener is subscribed, the first join has happened.
const keepOpen = joined.subscribe(() => {});
joined.snapshot();

const storeWall: number[] = [];
const joinWall: number[] = [];
const joinCpu: number[] = [];
const readWall: number[] = [];
let nextPod = PODS;
const live = new Set(Array.from({length: PODS}, (_, i) => i));
for (let s = 1; s <= STEPS; s++) {
	globalThis.gc?.();
	const waiting = heard();
	// The changed pods are spread over the whole store (and include GPU holders).
	for (let c = 0; c < CHANGED; c++) {
		const i = (s * 7919 + c * Math.floor(PODS / CHANGED)) % PODS;
		if (live.has(i)) store.upsert(podRow(i, s));
	}
	for (let c = 0; c < CHURN; c++) {
		const gone = (s * 131 + c * 977) % PODS;
		live.delete(gone);
		store.remove(`uid-${gone}`);
		live.add(nextPod);
		store.upsert(podRow(nextPod++, 0));
	}
	// The rows store's own copy of its rows happens whoever reads it first: timed apart.
	let t = performance.now();
	store.snapshot();
	storeWall.push(performance.now() - t);
	// Where the join runs: inside the snapshot the listener takes (before), or before the
	// listeners are called (after) — then the listener's snapshot is a cached read.
	const read = await waiting;
	joinWall.push(read.total);
	joinCpu.push(read.cpu);
	readWall.push(read.read);
	const rows = joined.snapshot().rows;
	if (rows.length !== store.size) throw new Error(`joined ${rows.length} rows, the store has ${store.size}`);
	let sampled = 0;
	for (const row of rows) if (row.usage) sampled++;
	if (sampled < PODS - CHURN * s) throw new Error(`only ${sampled} rows joined with their usage`);
}
keepOpen();
joined.close();
clearInterval(alive);
console.log(`usage-join-pods: ${PODS.toLocaleString('en')} pods (all with a CPU/MEM sample, ${GPU_PODS.toLocaleString('en')} with GPU use), ${CHANGED} pods changed + ${CHURN} deleted + ${CHURN} created a step, ${STEPS} steps`);
console.log(`  rows store snapshot (its copy of the rows, not the join): median ${median(storeWall).toFixed(1)} ms`);
console.log(`  change → listener done (the join, wherever it runs): wall median ${median(joinWall).toFixed(1)} ms, p95 ${p95(joinWall).toFixed(1)} ms; CPU median ${median(joinCpu).toFixed(1)} ms, p95 ${p95(joinCpu).toFixed(1)} ms`);
console.log(`  the listener's own snapshot() (the render path): median ${median(readWall).toFixed(2)} ms, p95 ${p95(readWall).toFixed(2)} ms`);
