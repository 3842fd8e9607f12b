// selectRows orders rows through a cache of namespace/name/uid ranks kept between calls
// (source/store/identityOrder.ts). Whatever the calls before, its order must equal a plain stable
// sort: by the column's key (numbers before NaN before strings), then namespace, name, uid, and
// rows equal in all of those in the order given.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {selectRows, type SortState} from '../../source/store/selectors.js';
import {IdentityOrder} from '../../source/store/identityOrder.js';
import type {BaseRow, Column} from '../../source/model/types.js';

interface Row extends BaseRow {
	n: number;
	s: string;
	mixed: number | string;
}

const columns: Column<Row>[] = [
	{id: 'name', title: 'NAME', cell: (r) => r.name},
	{id: 'n', title: 'N', cell: (r) => String(r.n), sortValue: (r) => r.n},
	{id: 's', title: 'S', cell: (r) => r.s},
	{id: 'mixed', title: 'MIXED', cell: (r) => String(r.mixed), sortValue: (r) => r.mixed},
];

type Key = number | string;

function compareKeys(a: Key, b: Key): number {
	if (typeof a === 'number' && typeof b === 'number') {
		if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
		return a < b ? -1 : a > b ? 1 : 0;
	}
	if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
	return a < b ? -1 : a > b ? 1 : 0;
}

function plainSort(rows: readonly Row[], sort: SortState | undefined, badOnly: boolean): Row[] {
	const column = sort && columns.find((c) => c.id === sort.column);
	const key = (r: Row): Key => (column ? (column.sortValue ? column.sortValue(r, 0) : column.cell(r, 0).toLowerCase()) : 0);
	const identity = (a: Row, b: Row) => compareKeys(a.namespace ?? '', b.namespace ?? '') || compareKeys(a.name, b.name) || compareKeys(a.uid, b.uid);
	const direction = sort?.ascending === false ? -1 : 1;
	return rows.filter((r) => !badOnly || r.severity === 'error' || r.severity === 'warn').sort((a, b) => (column ? compareKeys(key(a), key(b)) * direction : 0) || identity(a, b));
}

// Small alphabets, so keys tie, identities repeat, and a uid comes back under another name.
const word = fc.constantFrom('a', 'b', 'B', 'ab', 'a-1', 'a-10', 'é', '');
const row: fc.Arbitrary<Row> = fc.record({
	uid: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'),
	name: word,
	namespace: fc.option(fc.constantFrom('x', 'y', ''), {nil: undefined}),
	severity: fc.constantFrom('ok', 'warn', 'error'),
	n: fc.constantFrom(0, -0, 1, 2, -5, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER),
	s: word,
	mixed: fc.oneof(fc.constantFrom(0, 3, Number.NaN), word),
}) as fc.Arbitrary<Row>;
// Mostly tables whose uids each name one object, as the API gives them; sometimes not.
const table = fc.oneof(
	fc.uniqueArray(row, {selector: (r) => r.uid, maxLength: 8}),
	fc.array(row, {maxLength: 12}),
);
const sort = fc.option(fc.record({column: fc.constantFrom('name', 'n', 's', 'mixed', 'nope'), ascending: fc.boolean()}), {nil: undefined});

test('property: over any sequence of calls, selectRows orders rows as a plain stable sort does', () => {
	fc.assert(
		fc.property(fc.array(fc.tuple(table, sort, fc.boolean(), fc.option(fc.nat(), {nil: undefined})), {minLength: 1, maxLength: 8}), (calls) => {
			// One columns array for the whole sequence: the cache lives as long as the table.
			const cols = [...columns];
			const seen: Row[][] = [];
			for (const [fresh, s, badOnly, again] of calls) {
				// Sometimes the very array of an earlier call, as a snapshot asked again is (its ranks are kept).
				const rows = again !== undefined && seen.length > 0 ? seen[again % seen.length]! : fresh;
				seen.push(rows);
				const got = selectRows(rows, cols, {...(s ? {sort: s} : {}), badOnly}, 0);
				assert.deepEqual(got, plainSort(rows, s, badOnly));
				// Same objects, not copies.
				got.forEach((r) => assert.ok(rows.includes(r)));
			}
		}),
		{numRuns: 500},
	);
});

test('property: growing and shrinking tables (pods created and deleted) keep the plain order', () => {
	fc.assert(
		fc.property(fc.uniqueArray(fc.record({uid: fc.string({minLength: 1, maxLength: 4}), name: fc.string({maxLength: 3}), namespace: fc.constantFrom('x', 'y')}), {selector: (r) => r.uid, maxLength: 60}), fc.array(fc.nat(), {minLength: 1, maxLength: 6}), (pool, cuts) => {
			const cols = [...columns];
			const all: Row[] = pool.map((p, i) => ({...p, severity: 'ok', n: i % 3, s: 'z', mixed: 0}));
			for (const cut of cuts) {
				const start = all.length === 0 ? 0 : cut % all.length;
				const rows = all.slice(start, start + 1 + (cut % 40));
				const s: SortState = {column: cut % 2 ? 'n' : 'name', ascending: cut % 3 !== 0};
				assert.deepEqual(selectRows(rows, cols, {sort: s}, 0), plainSort(rows, s, false));
				assert.deepEqual(selectRows(rows, cols, {}, 0), plainSort(rows, undefined, false));
			}
		}),
		{numRuns: 300},
	);
});

test('the same rows asked again get the kept ranks, until rows merged in move them', () => {
	const order = new IdentityOrder();
	const mk = (uid: string, name: string): BaseRow => ({uid, name, namespace: 'x', severity: 'ok'});
	const rows = [mk('u1', 'b'), mk('u2', 'd')];
	const first = order.ranks(rows);
	assert.equal(order.ranks(rows), first, 'asked again: the same answer, not recomputed');
	order.ranks([mk('u3', 'a'), mk('u4', 'c')]);
	assert.deepEqual([...order.ranks(rows)!], [1, 3], 'b and d now rank after a and c');
});
