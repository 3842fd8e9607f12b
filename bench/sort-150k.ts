// Prints how long selectRows takes to order every pod row (no filter) at 50k and 150k pods, per sort
// column, p50 and max over repeated runs. Each run gets a fresh snapshot with a few pods changed, as
// after a watch event, so a cache that only helps an unchanged snapshot shows no gain here.
//
//   node --expose-gc --import tsx bench/sort-150k.ts [--runs 15]
import {loadavg} from 'node:os';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {selectRows, type SortState} from '../source/store/selectors.js';
import {podColumns, type PodRow} from '../source/model/pods.js';

const {values} = parseArgs({options: {runs: {type: 'string', default: '15'}}});
const runs = Number(values.runs);
const now = Date.UTC(2026, 11, 5);
const statuses = ['Running', 'Running', 'Running', 'Running', 'Running', 'Running', 'Pending', 'CrashLoopBackOff', 'Completed', 'ContainerCreating'];

/** A deterministic pseudo-random sequence, so every run orders the same rows. */
function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

/** Pods as the scale scenario makes them: deployments of 1–40 replicas over 400 namespaces, in arrival order. */
function pods(count: number): PodRow[] {
	const random = rng(count);
	const rows: PodRow[] = [];
	for (let d = 0; rows.length < count; d++) {
		const namespace = `team-${(d * 7) % 400}`;
		const hash = Math.floor(random() * 2 ** 32).toString(36).padStart(7, 'x').slice(0, 10);
		const replicas = 1 + Math.floor(random() * 40);
		for (let r = 0; r < replicas && rows.length < count; r++) {
			const i = rows.length;
			rows.push({
				kind: 'Pod',
				uid: `3f2a${i.toString(16).padStart(8, '0')}-8c1d-4b7e-9a55-${(i * 2654435761 >>> 0).toString(16).padStart(12, '0')}`,
				name: `service-${d}-${hash}-${Math.floor(random() * 36 ** 5).toString(36).padStart(5, 'a')}`,
				namespace,
				createdAt: now - Math.floor(random() * 30 * 86_400_000),
				severity: 'ok',
				phase: 'Running',
				ready: '1/1',
				status: statuses[Math.floor(random() * statuses.length)]!,
				restarts: random() < 0.8 ? 0 : Math.floor(random() * 50),
				ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
				node: `node-${Math.floor(random() * 2000)}`,
				qos: 'Burstable',
				requests: {cpu: 0.1, memory: 128 * 2 ** 20},
				accelerators: {},
				owners: [],
				containers: ['app'],
				deleting: false,
			} as PodRow);
		}
	}
	// Arrival order is not name order: shuffle (Fisher–Yates, same seed).
	for (let i = rows.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[rows[i], rows[j]] = [rows[j]!, rows[i]!];
	}
	return rows;
}

const sorts: Array<[string, SortState | undefined]> = [
	['name order (no sort)', undefined],
	['status', {column: 'status', ascending: true}],
	['age', {column: 'age', ascending: true}],
	['restarts (desc)', {column: 'restarts', ascending: false}],
	['node', {column: 'node', ascending: true}],
	['name (desc)', {column: 'name', ascending: false}],
];

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gc = (globalThis as {gc?: () => void}).gc;

console.log(`selectRows sort over every pod row, ${runs} runs each (fresh snapshot per run); load ${loadavg()[0]!.toFixed(2)}; Node ${process.version}`);
for (const count of [50_000, 150_000]) {
	let rows = pods(count);
	const all: number[] = [];
	for (const [label, sort] of sorts) {
		const times: number[] = [];
		for (let run = 0; run < runs; run++) {
			// A watch event: a few pods change (new row objects), one is replaced by a new pod.
			rows = rows.slice();
			for (let k = 0; k < 5; k++) {
				const i = (run * 7919 + k * 104729) % rows.length;
				rows[i] = {...rows[i]!, restarts: rows[i]!.restarts + 1};
			}
			const i = (run * 31337) % rows.length;
			rows[i] = {...rows[i]!, uid: `${rows[i]!.uid}-r${run}`, name: `${rows[i]!.name.slice(0, -5)}n${String(run).padStart(4, '0')}`};
			gc?.();
			const t = performance.now();
			const out = selectRows(rows, podColumns, sort ? {sort} : {}, now);
			times.push(performance.now() - t);
			if (out.length !== rows.length) throw new Error('rows lost');
		}
		all.push(...times);
		console.log(`${String(count).padStart(7)} pods, ${label.padEnd(22)} p50 ${p50(times).toFixed(1).padStart(7)} ms   max ${Math.max(...times).toFixed(1).padStart(7)} ms`);
	}
	console.log(`${String(count).padStart(7)} pods, every sort above        p50 ${p50(all).toFixed(1).padStart(7)} ms`);
}
console.log(`load after: ${loadavg()[0]!.toFixed(2)}`);
