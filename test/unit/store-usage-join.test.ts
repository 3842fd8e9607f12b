// The pods ⋈ usage ⋈ GPU-use store, incrementally: when only a sample changed, only the rows
// whose sample changed are joined again — and the result is always what the full join gives.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type {BaseRow} from '../../source/model/types.js';
import type {UsageFields} from '../../source/model/metrics-columns.js';
import type {Usage, UsageTable} from '../../source/model/metrics.js';
import {joinUsage, RowsWithUsage} from '../../source/store/usageJoin.js';
import {nextVersion, snapshotOf, type RowStore, type Snapshot} from '../../source/store/rowStore.js';
import {waitFor} from '../integration/sim-helpers.js';

type Row = BaseRow & UsageFields;
type GpuUse = NonNullable<UsageFields['gpuUse']>;

class Rows implements RowStore<Row> {
	snap: Snapshot<Row>;
	private readonly listeners = new Set<() => void>();
	constructor(rows: Row[]) {
		this.snap = snapshotOf(rows, nextVersion());
	}
	snapshot(): Snapshot<Row> {
		return this.snap;
	}
	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}
	/** New rows, announced the way a row store does once per frame. */
	set(rows: readonly Row[]): void {
		this.snap = snapshotOf(rows, nextVersion());
		for (const listener of this.listeners) listener();
	}
}

const keyOf = (row: Row): string => `${row.namespace ?? ''}/${row.name}`;
const pods = (n: number): Row[] => Array.from({length: n}, (_, i) => ({uid: `u${i}`, name: `p${i % 5}`, namespace: `ns${i % 3}`, severity: 'ok'}));

const usageArb = fc.dictionary(fc.constantFrom('ns0/p0', 'ns1/p1', 'ns2/p2', 'ns0/p3', 'ns1/p4', 'ns2/p0', 'gone/x'), fc.record({cpuMilli: fc.integer({min: 0, max: 3}), memoryBytes: fc.constant(1)}));
const gpuArb = fc.dictionary(fc.constantFrom('ns0/p0', 'ns1/p1', 'ns2/p2', 'ns0/p3', 'gone/y'), fc.record({util: fc.integer({min: 0, max: 2}), fbUsedMiB: fc.constant(0), devices: fc.constant(1)}));
const step = fc.record({usage: fc.option(usageArb, {nil: undefined}), gpu: fc.option(gpuArb, {nil: undefined}), unavailable: fc.boolean(), rows: fc.option(fc.integer({min: 0, max: 12}), {nil: undefined})});

test('any sequence of sample and row changes: every snapshot equals the full join', () => {
	fc.assert(
		fc.property(fc.array(step, {minLength: 1, maxLength: 8}), (steps) => {
			const rows = new Rows(pods(12));
			let table: UsageTable & {version: number} = {byKey: new Map(), version: 0};
			let gpu: {version: number; byPod: ReadonlyMap<string, GpuUse>} = {version: 0, byPod: new Map()};
			const joined = new RowsWithUsage<Row>(rows, {snapshot: () => table, subscribe: () => () => {}}, keyOf, 1, {snapshot: () => gpu, subscribe: () => () => {}});
			joined.snapshot();
			for (const s of steps) {
				if (s.usage) table = {byKey: new Map(Object.entries(s.usage).map(([k, v]): [string, Usage] => [k, {cpuMilli: v.cpuMilli, memoryBytes: v.memoryBytes}])), version: table.version + 1, ...(s.unavailable ? {unavailable: 'metrics.k8s.io is not served'} : {})};
				if (s.gpu) gpu = {version: gpu.version + 1, byPod: new Map(Object.entries(s.gpu).map(([k, v]): [string, GpuUse] => [k, {util: v.util, fbUsedMiB: v.fbUsedMiB, devices: v.devices}]))};
				if (s.rows !== undefined) rows.snap = snapshotOf(pods(s.rows), nextVersion());
				assert.deepEqual(joined.snapshot().rows, joinUsage(rows.snap.rows, table, keyOf, gpu.byPod));
			}
			joined.close();
		}),
		{numRuns: 300},
	);
});

/** A watch's worth of changes to a list of rows: some pods change (new objects), leave, arrive, or move. */
const edit = fc.record({
	change: fc.array(fc.nat(), {maxLength: 4}),
	remove: fc.array(fc.nat(), {maxLength: 3}),
	add: fc.array(fc.record({name: fc.integer({min: 0, max: 6}), ns: fc.integer({min: 0, max: 3})}), {maxLength: 3}),
	rotate: fc.nat({max: 3}),
});
let serial = 0;
function edited(rows: readonly Row[], e: {change: number[]; remove: number[]; add: Array<{name: number; ns: number}>; rotate: number}): Row[] {
	let out = rows.slice();
	for (const i of e.change) if (out.length > 0) out[i % out.length] = {...out[i % out.length]!, severity: out[i % out.length]!.severity === 'ok' ? 'warn' : 'ok'};
	for (const i of e.remove) if (out.length > 0) out.splice(i % out.length, 1);
	for (const a of e.add) out.push({uid: `n${serial++}`, name: `p${a.name}`, namespace: `ns${a.ns}`, severity: 'ok'});
	if (out.length > 0 && e.rotate > 0) out = [...out.slice(e.rotate % out.length), ...out.slice(0, e.rotate % out.length)];
	return out;
}

test('any sequence of watch edits and samples: every snapshot equals the full join, and an unchanged row keeps its joined object', () => {
	fc.assert(
		fc.property(fc.array(fc.record({edit: fc.option(edit, {nil: undefined}), usage: fc.option(usageArb, {nil: undefined}), gpu: fc.option(gpuArb, {nil: undefined}), unavailable: fc.boolean()}), {minLength: 1, maxLength: 10}), (steps) => {
			const rows = new Rows(pods(12));
			let table: UsageTable & {version: number} = {byKey: new Map(), version: 0};
			let gpu: {version: number; byPod: ReadonlyMap<string, GpuUse>} = {version: 0, byPod: new Map()};
			const joined = new RowsWithUsage<Row>(rows, {snapshot: () => table, subscribe: () => () => {}}, keyOf, 1, {snapshot: () => gpu, subscribe: () => () => {}});
			let last = joined.snapshot();
			let lastRows = rows.snap.rows;
			for (const s of steps) {
				const usageChanged = s.usage !== undefined;
				const gpuChanged = s.gpu !== undefined;
				if (s.usage) table = {byKey: new Map(Object.entries(s.usage).map(([k, v]): [string, Usage] => [k, {cpuMilli: v.cpuMilli, memoryBytes: v.memoryBytes}])), version: table.version + 1, ...(s.unavailable ? {unavailable: 'metrics.k8s.io is not served'} : {})};
				if (s.gpu) gpu = {version: gpu.version + 1, byPod: new Map(Object.entries(s.gpu).map(([k, v]): [string, GpuUse] => [k, {util: v.util, fbUsedMiB: v.fbUsedMiB, devices: v.devices}]))};
				if (s.edit) rows.set(edited(rows.snap.rows, s.edit));
				const now = joined.snapshot();
				assert.deepEqual(now.rows, joinUsage(rows.snap.rows, table, keyOf, gpu.byPod));
				if (!usageChanged && !gpuChanged) {
					// Only the rows moved: a row object seen before keeps its joined object.
					const before = new Map(lastRows.map((row, i) => [row, last.rows[i]!]));
					rows.snap.rows.forEach((row, i) => {
						if (before.has(row)) assert.equal(now.rows[i], before.get(row), `row ${row.uid} was joined again`);
					});
				}
				last = now;
				lastRows = rows.snap.rows;
			}
			joined.close();
		}),
		{numRuns: 400},
	);
});

test('when pods change, only the changed and added pods are joined again (the join key is computed for them alone)', () => {
	const start = pods(1000);
	const rows = new Rows(start);
	const table: UsageTable & {version: number} = {byKey: new Map(start.map((row): [string, Usage] => [keyOf(row), {cpuMilli: 1, memoryBytes: 1}])), version: 1};
	let keyed: string[] = [];
	const countingKey = (row: Row): string => {
		keyed.push(row.uid);
		return keyOf(row);
	};
	const joined = new RowsWithUsage<Row>(rows, {snapshot: () => table, subscribe: () => () => {}}, countingKey, 1);
	const first = joined.snapshot().rows;
	keyed = [];
	// Pod u10 is deleted, u500 changes, a new pod arrives at the end: the rows after u10 shift by one.
	const next = start.filter((row) => row.uid !== 'u10').map((row) => (row.uid === 'u500' ? {...row, severity: 'warn' as const} : row));
	next.push({uid: 'new', name: 'p1', namespace: 'ns0', severity: 'ok'});
	rows.set(next);
	const second = joined.snapshot().rows;
	assert.deepEqual(keyed.sort(), ['new', 'u500']);
	assert.equal(second.length, 1000);
	assert.equal(second[10], first[11], 'u11 moved up a place and kept its joined object');
	assert.equal(second.find((row) => row.uid === 'u500')?.severity, 'warn');
	assert.deepEqual(second, joinUsage(next, table, keyOf));
	joined.close();
});

test('nobody listening: a change is not joined until someone reads', () => {
	const rows = new Rows(pods(5));
	let keyed = 0;
	const joined = new RowsWithUsage<Row>(rows, {snapshot: () => ({byKey: new Map(), version: 1}), subscribe: () => () => {}}, (row) => (keyed++, keyOf(row)), 1);
	rows.set(pods(6));
	assert.equal(keyed, 0);
	assert.equal(joined.snapshot().rows.length, 6);
	joined.close();
});

test('a GPU sample re-joins only the rows whose GPU use changed; the others keep their objects', () => {
	const rows = new Rows(pods(12));
	const table: UsageTable & {version: number} = {byKey: new Map(), version: 1};
	let gpu = {version: 1, byPod: new Map<string, GpuUse>([['ns0/p0', {util: 10, fbUsedMiB: 0, devices: 1}], ['ns1/p1', {util: 20, fbUsedMiB: 0, devices: 1}]])};
	const joined = new RowsWithUsage<Row>(rows, {snapshot: () => table, subscribe: () => () => {}}, keyOf, 1, {snapshot: () => gpu, subscribe: () => () => {}});
	const first = joined.snapshot().rows;
	gpu = {version: 2, byPod: new Map([['ns0/p0', {util: 11, fbUsedMiB: 0, devices: 1}], ['ns1/p1', {util: 20, fbUsedMiB: 0, devices: 1}]])};
	const second = joined.snapshot().rows;
	const changed = second.map((row, i) => (row === first[i] ? '' : row.uid)).filter(Boolean);
	assert.deepEqual(changed, ['u0'], 'u0 is ns0/p0; u1 (ns1/p1) kept its joined object');
	assert.equal(second[0]!.gpuUse?.util, 11);
	joined.close();
});

test('the join runs before the listeners hear of a change: their snapshot() is a cached read', () => {
	const rows = new Rows(pods(50));
	const table: UsageTable & {version: number} = {byKey: new Map([['ns0/p0', {cpuMilli: 5, memoryBytes: 1}]]), version: 1};
	let keyed = 0;
	const joined = new RowsWithUsage<Row>(rows, {snapshot: () => table, subscribe: () => () => {}}, (row) => (keyed++, keyOf(row)), 1);
	let inListener = -1;
	let seen: readonly Row[] = [];
	joined.subscribe(() => {
		const before = keyed;
		seen = joined.snapshot().rows;
		inListener = keyed - before;
	});
	rows.set([...pods(50).slice(0, 49), {uid: 'fresh', name: 'p0', namespace: 'ns0', severity: 'ok'}]);
	assert.equal(inListener, 0, 'no joining inside the listener');
	assert.equal(seen.at(-1)?.uid, 'fresh');
	assert.equal(seen.at(-1)?.usage?.cpuMilli, 5);
	joined.close();
});

test('a sample is joined in the frame that announces it, before the listeners; a render before that reads the last join', async () => {
	const rows = new Rows(pods(12));
	let gpu = {version: 1, byPod: new Map<string, GpuUse>()};
	const gpuListeners = new Set<() => void>();
	const gpuSource = {snapshot: () => gpu, subscribe: (l: () => void) => (gpuListeners.add(l), () => gpuListeners.delete(l))};
	let keyed = 0;
	const joined = new RowsWithUsage<Row>(rows, {snapshot: () => ({byKey: new Map(), version: 1}), subscribe: () => () => {}}, (row) => (keyed++, keyOf(row)), 1, gpuSource);
	let heard: (rows: readonly Row[]) => void = () => {};
	const next = new Promise<readonly Row[]>((resolve) => (heard = resolve));
	joined.subscribe(() => heard(joined.snapshot().rows));
	const first = joined.snapshot();
	gpu = {version: 2, byPod: new Map([['ns0/p0', {util: 40, fbUsedMiB: 0, devices: 1}]])};
	for (const l of gpuListeners) l();
	keyed = 0;
	assert.equal(joined.snapshot(), first, 'a render before the frame reads the last join');
	const after = await next;
	assert.equal(after[0]!.gpuUse?.util, 40);
	assert.equal(keyed, 0, 'rows already keyed are not keyed again');
	joined.close();
});

// A rows source that tells its listeners at once (a store handle forwarding, a fake) and a
// listener that changes the rows when it hears of them: each round must end before the next.
test('a listener that changes a source from inside its notification is not re-entered', async () => {
	const rows = new Rows(pods(3));
	const joined = new RowsWithUsage<Row>(rows, {snapshot: () => ({byKey: new Map(), version: 1}), subscribe: () => () => {}}, keyOf, 1);
	let depth = 0;
	let deepest = 0;
	let calls = 0;
	let finished = false;
	joined.subscribe(() => {
		depth++;
		deepest = Math.max(deepest, depth);
		calls++;
		const seen = joined.snapshot().rows.length;
		if (calls < 5) rows.set(pods(seen + 1));
		else finished = true;
		depth--;
	});
	rows.set(pods(4));
	// The later rounds come on the store's frame timer, which is unref'd (a pending repaint never
	// keeps the process alive): a bare await of them let the event loop end under Node 22. The
	// wait polls on a timer of its own and fails at its deadline.
	await waitFor('five notification rounds', () => finished || undefined, 10_000);
	assert.equal(deepest, 1, 'never called from inside its own call');
	assert.equal(joined.snapshot().rows.length, 8);
	joined.close();
});
