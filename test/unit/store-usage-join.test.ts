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

type Row = BaseRow & UsageFields;
type GpuUse = NonNullable<UsageFields['gpuUse']>;

class Rows implements RowStore<Row> {
	snap: Snapshot<Row>;
	constructor(rows: Row[]) {
		this.snap = snapshotOf(rows, nextVersion());
	}
	snapshot(): Snapshot<Row> {
		return this.snap;
	}
	subscribe(): () => void {
		return () => {};
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
