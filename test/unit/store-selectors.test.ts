import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {compileFilter, filterError, followSelection, selectRows, type ViewQuery} from '../../source/store/selectors.js';
import type {BaseRow, Column, Severity} from '../../source/model/types.js';

interface PodLike extends BaseRow {
	status: string;
	restarts: number;
}

const pod = (name: string, namespace: string, status: string, restarts: number, severity: Severity): PodLike => ({
	uid: `${namespace}/${name}`,
	name,
	namespace,
	status,
	restarts,
	severity,
});

const rows: PodLike[] = [
	pod('web-2', 'shop', 'Running', 0, 'ok'),
	pod('web-10', 'shop', 'CrashLoopBackOff', 7, 'error'),
	pod('api-1', 'payments', 'Pending', 0, 'warn'),
	pod('db-0', 'payments', 'Running', 3, 'ok'),
	pod('job-x', 'batch', 'Completed', 0, 'done'),
	pod('api-1', 'shop', 'Running', 1, 'ok'),
];

const columns: Column<PodLike>[] = [
	{id: 'namespace', title: 'NAMESPACE', cell: (r) => r.namespace ?? ''},
	{id: 'name', title: 'NAME', cell: (r) => r.name},
	{id: 'status', title: 'STATUS', cell: (r) => r.status},
	{id: 'restarts', title: 'RESTARTS', cell: (r) => String(r.restarts), sortValue: (r) => r.restarts},
];

const ids = (list: readonly PodLike[]) => list.map((r) => r.uid);

const cases: Array<{name: string; query: ViewQuery; want: string[]}> = [
	{name: 'no query: ordered by namespace/name', query: {}, want: ['batch/job-x', 'payments/api-1', 'payments/db-0', 'shop/api-1', 'shop/web-10', 'shop/web-2']},
	{name: 'plain text is a case-insensitive substring of any cell', query: {filter: 'CRASH'}, want: ['shop/web-10']},
	{name: 'plain text is not a regex: | and ^ are literal', query: {filter: 'CRASH|pend'}, want: []},
	{name: '~ makes a regex over any cell, case-insensitive', query: {filter: '~CRASH|pend'}, want: ['payments/api-1', 'shop/web-10']},
	{name: 'regex anchors apply per cell', query: {filter: '~^api'}, want: ['payments/api-1', 'shop/api-1']},
	{name: '!~ inverts a regex', query: {filter: '!~^(running|completed)$'}, want: ['payments/api-1', 'shop/web-10']},
	{name: 'an invalid regex selects nothing (the prompt refuses it first)', query: {filter: '~web-[1'}, want: []},
	{name: 'a bare ~ selects everything', query: {filter: '~'}, want: ['batch/job-x', 'payments/api-1', 'payments/db-0', 'shop/api-1', 'shop/web-10', 'shop/web-2']},
	{name: 'matches the namespace column', query: {filter: 'payments'}, want: ['payments/api-1', 'payments/db-0']},
	{name: '! inverts', query: {filter: '!running'}, want: ['batch/job-x', 'payments/api-1', 'shop/web-10']},
	{name: 'regex characters in plain text are literal', query: {filter: 'web-[1'}, want: []},
	{name: 'a bare ! selects everything', query: {filter: '!'}, want: ['batch/job-x', 'payments/api-1', 'payments/db-0', 'shop/api-1', 'shop/web-10', 'shop/web-2']},
	{name: '-l is for the server, not a text filter', query: {filter: '-l app=web'}, want: ['batch/job-x', 'payments/api-1', 'payments/db-0', 'shop/api-1', 'shop/web-10', 'shop/web-2']},
	{name: 'badOnly keeps error and warn', query: {badOnly: true}, want: ['payments/api-1', 'shop/web-10']},
	{name: 'badOnly combined with a filter', query: {badOnly: true, filter: 'shop'}, want: ['shop/web-10']},
	{name: 'sort by numeric sortValue, ties by namespace/name', query: {sort: {column: 'restarts', ascending: false}}, want: ['shop/web-10', 'payments/db-0', 'shop/api-1', 'batch/job-x', 'payments/api-1', 'shop/web-2']},
	{name: 'sort by cell text ascending', query: {sort: {column: 'status', ascending: true}}, want: ['batch/job-x', 'shop/web-10', 'payments/api-1', 'payments/db-0', 'shop/api-1', 'shop/web-2']},
	{name: 'sort by name keeps ties stable by namespace', query: {sort: {column: 'name', ascending: true}}, want: ['payments/api-1', 'shop/api-1', 'payments/db-0', 'batch/job-x', 'shop/web-10', 'shop/web-2']},
	{name: 'descending name: tie-break stays by namespace ascending', query: {sort: {column: 'name', ascending: false}}, want: ['shop/web-2', 'shop/web-10', 'batch/job-x', 'payments/db-0', 'payments/api-1', 'shop/api-1']},
	{name: 'unknown sort column falls back to namespace/name', query: {sort: {column: 'nope', ascending: false}}, want: ['batch/job-x', 'payments/api-1', 'payments/db-0', 'shop/api-1', 'shop/web-10', 'shop/web-2']},
];

for (const c of cases) {
	test(`selectRows: ${c.name}`, () => {
		assert.deepEqual(ids(selectRows(rows, columns, c.query, 0)), c.want);
	});
}

test('selectRows: plain text with regex operators matches literally', () => {
	const odd = [pod('a(b', 'x', 'Running', 0, 'ok'), pod('ab', 'x', 'Running', 0, 'ok'), pod('a.b', 'x', 'Running', 0, 'ok')];
	assert.deepEqual(ids(selectRows(odd, columns, {filter: 'a(b'}, 0)), ['x/a(b']);
	assert.deepEqual(ids(selectRows(odd, columns, {filter: '!A(B'}, 0)), ['x/a.b', 'x/ab']);
	assert.deepEqual(ids(selectRows(odd, columns, {filter: 'a.b'}, 0)), ['x/a.b']);
});

test('compileFilter: an invalid regex is an error that says why and how to match plain text', () => {
	for (const pattern of ['~a(b', '~[z-a]', '~\\', '~a{1001}', '!~(']) {
		const compiled = compileFilter(pattern);
		assert.ok(compiled && 'error' in compiled, pattern);
		assert.match(compiled.error, /^invalid regex .+: .+ \(a filter without ~ matches plain text\)$/);
		assert.equal(filterError(pattern), compiled.error);
	}
	assert.equal(filterError('a(b'), undefined);
	assert.equal(filterError('~^api-[0-9]+$'), undefined);
});

test('a catastrophic-backtracking regex over 50k rows is linear: right rows, well within a generous bound', () => {
	// '(a+)+$' against "aaa…ab" takes a backtracking engine exponential time per cell (7-8 s of
	// frozen keys on 5k pods before RE2); RE2 is linear, so 50k such cells take well under a second.
	const many: PodLike[] = [];
	for (let i = 0; i < 50_000; i++) many.push(pod(i % 1000 === 0 ? `${'a'.repeat(30)}` : `${'a'.repeat(28)}b-${i}`, 'ns', 'Running', 0, 'ok'));
	const started = performance.now();
	const hits = selectRows(many, columns, {filter: '~(a+)+$'}, 0);
	const elapsed = performance.now() - started;
	assert.equal(hits.length, 50);
	assert.ok(hits.every((r) => /^a+$/.test(r.name)));
	assert.ok(elapsed < 20_000, `took ${Math.round(elapsed)} ms`);
});

test('property: plain-text mode equals a case-insensitive includes', () => {
	const text = fc.string({unit: fc.constantFrom('a', 'B', '.', '*', '(', '[', '|', '^', '$', '\\', '~', '!', ' ', 'é', 'İ', '日', '-')});
	fc.assert(
		fc.property(text, text, (needle, cell) => {
			const filter = needle.trim();
			fc.pre(filter !== '' && !filter.startsWith('!') && !filter.startsWith('~') && !filter.startsWith('-l'));
			const compiled = compileFilter(filter);
			assert.ok(compiled && 'match' in compiled);
			assert.equal(compiled.invert, false);
			assert.equal(compiled.match(cell), cell.toLowerCase().includes(filter.toLowerCase()));
		}),
		{numRuns: 2000},
	);
});

test('selectRows does not mutate its input', () => {
	const copy = [...rows];
	selectRows(rows, columns, {sort: {column: 'restarts', ascending: true}}, 0);
	assert.deepEqual(rows, copy);
});

test('compileFilter never throws, whatever the text', () => {
	for (const text of ['[', '(', '*', '+?', '\\', '(?<', 'a{2,1}', '!', '!(', '   ', '~[', '~(', '~*', '~+?', '~\\', '~(?<', '~a{2,1}', '!~(']) {
		assert.doesNotThrow(() => {
			const compiled = compileFilter(text);
			if (compiled && 'match' in compiled) compiled.match('anything');
		});
	}
	assert.equal(compileFilter('  '), undefined);
	assert.equal(compileFilter(undefined), undefined);
});

test('followSelection follows the object, else keeps the index in range', () => {
	const sorted = selectRows(rows, columns, {}, 0);
	assert.equal(followSelection(sorted, 'shop/web-10', 0), 4);
	assert.equal(followSelection(sorted, 'gone', 3), 3);
	assert.equal(followSelection(sorted, 'gone', 42), 5);
	assert.equal(followSelection([], 'x', 3), 0);
});
