// A plain filter searches each row's kept haystack: the same rows as matching cell by cell, with
// each row's cells formatted once per row object and clock reading, and dropped with the filter.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {selectRows} from '../../source/store/selectors.js';
import type {BaseRow, Column} from '../../source/model/types.js';

interface Row extends BaseRow {
	cells: string[];
	startedAt: number;
}

/** Columns over `cells`, plus an AGE cell that reads the clock; counts every cell formatted. */
function table(width: number) {
	const formatted = {count: 0};
	const columns: Column<Row>[] = Array.from({length: width}, (_, i) => ({
		id: `c${i}`,
		title: `C${i}`,
		cell: (row: Row) => {
			formatted.count++;
			return row.cells[i] ?? '';
		},
	}));
	columns.push({
		id: 'age',
		title: 'AGE',
		cell: (row, now) => {
			formatted.count++;
			return `${Math.floor((now - row.startedAt) / 1000)}s`;
		},
	});
	return {columns, formatted};
}

const row = (i: number, cells: string[], startedAt = 0): Row => ({uid: `u${i}`, name: `r${i}`, namespace: 'ns', severity: 'ok', cells, startedAt});
const uids = (rows: readonly Row[]) => rows.map((r) => r.uid).sort();

/** What a filter keeps, cell by cell, without any cache: the definition the haystack must agree with. */
function byCells(rows: readonly Row[], columns: readonly Column<Row>[], filter: string, now: number): string[] {
	const invert = filter.startsWith('!');
	const needle = (invert ? filter.slice(1) : filter).toLowerCase();
	return uids(rows.filter((r) => columns.some((c) => c.cell(r, now).toLowerCase().includes(needle)) !== invert));
}

test('property: a plain filter over the haystacks keeps exactly the rows some cell matches', () => {
	const piece = fc.string({unit: fc.constantFrom('a', 'B', 'b', '-', '0', '1', ' ', 'İ', 'Σ', 'é', '\u0000', '|'), maxLength: 6});
	fc.assert(
		fc.property(fc.array(fc.array(piece, {minLength: 3, maxLength: 3}), {maxLength: 12}), piece, fc.boolean(), fc.integer({min: 0, max: 5_000}), (cellRows, text, invert, now) => {
			const filter = (invert ? '!' : '') + text;
			fc.pre(text.trim() !== '' && text.trim() === text && !text.startsWith('~') && !text.startsWith('!') && !text.startsWith('-l'));
			const {columns} = table(3);
			const rows = cellRows.map((cells, i) => row(i, cells));
			// Twice: the second call reads the haystacks the first one built.
			for (let round = 0; round < 2; round++) assert.deepEqual(uids(selectRows(rows, columns, {filter}, now)), byCells(rows, columns, filter, now));
		}),
		{numRuns: 1500},
	);
});

test('a filter typed a key at a time formats each row once; a changed row and a new clock reading are formatted again', () => {
	const {columns, formatted} = table(2);
	const rows = Array.from({length: 100}, (_, i) => row(i, [`app-${String(i).padStart(3, '0')}`, i % 2 ? 'Running' : 'Pending']));
	const perRow = columns.length;
	for (const filter of ['a', 'ap', 'app', 'app-', 'app-0', 'app-00']) selectRows(rows, columns, {filter}, 10_000);
	assert.equal(formatted.count, rows.length * perRow, 'six filters over one snapshot format each row once');

	formatted.count = 0;
	const changed = rows.slice();
	changed[5] = {...rows[5]!, cells: ['app-005', 'Running']};
	assert.deepEqual(uids(selectRows(changed, columns, {filter: 'app-005'}, 10_000)), ['u5']);
	assert.equal(formatted.count, perRow, 'only the changed row is formatted');

	formatted.count = 0;
	assert.equal(selectRows(changed, columns, {filter: '20s'}, 20_000).length, rows.length, 'AGE read at the new clock');
	assert.equal(formatted.count, rows.length * perRow);
});

test('the haystacks go when the table is shown without a filter', () => {
	const {columns, formatted} = table(1);
	const rows = [row(1, ['web']), row(2, ['db'])];
	selectRows(rows, columns, {filter: 'web'}, 0);
	formatted.count = 0;
	selectRows(rows, columns, {}, 0);
	selectRows(rows, columns, {filter: 'db'}, 0);
	assert.equal(formatted.count, rows.length * columns.length, 'formatted again after the filter was cleared');
});

test('a regular expression still anchors at each cell, not at the haystack', () => {
	const {columns} = table(2);
	const rows = [row(1, ['web-1', 'api']), row(2, ['x-api', 'db'])];
	assert.deepEqual(uids(selectRows(rows, columns, {filter: '~^api$'}, 0)), ['u1']);
	// A plain needle never spans two cells.
	assert.deepEqual(uids(selectRows(rows, columns, {filter: '1api'}, 0)), []);
});
