// Server-side Tables → rows and columns (source/model/table.ts), against a Table shaped as
// the API server answers `kubectl get statefulsets -o wide` with includeObject=Metadata.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {cellText, parseTable, projectTableRow, tableColumns} from '../../source/model/table.js';

const created = '2026-12-04T10:00:00Z';
const table = {
	kind: 'Table',
	apiVersion: 'meta.k8s.io/v1',
	metadata: {resourceVersion: '42', continue: 'next-page'},
	columnDefinitions: [
		{name: 'Name', type: 'string', format: 'name', priority: 0},
		{name: 'Ready', type: 'string', priority: 0},
		{name: 'Replicas', type: 'integer', priority: 0},
		{name: 'Age', type: 'string', priority: 0},
		{name: 'Containers', type: 'string', priority: 1},
	],
	rows: [
		{cells: ['db', '2/3', 3, '5m', 'postgres'], object: {kind: 'PartialObjectMetadata', metadata: {name: 'db', namespace: 'shop', uid: 'u1', creationTimestamp: created, labels: {app: 'db'}, ownerReferences: [{kind: 'X', name: 'x', uid: 'o1', controller: true}, {kind: 'bad'}]}}},
		{cells: ['cache', '1/1', 10, '1h', ['redis', 'exporter']], object: {kind: 'PartialObjectMetadata', metadata: {name: 'cache', namespace: 'shop', uid: 'u2', deletionTimestamp: created}}},
		{cells: ['nometa', '0/0', 0, '1s', '']},
	],
};

test('a Table page: column definitions, continue token, resourceVersion, one object per row with metadata', () => {
	const parsed = parseTable(table);
	assert.deepEqual(parsed.columns.map((c) => [c.name, c.type, c.priority]), [['Name', 'string', 0], ['Ready', 'string', 0], ['Replicas', 'integer', 0], ['Age', 'string', 0], ['Containers', 'string', 1]]);
	assert.equal(parsed.resourceVersion, '42');
	assert.equal(parsed.continue, 'next-page');
	assert.deepEqual(parsed.objects.map((o) => o.metadata.uid), ['u1', 'u2'], 'a row without metadata cannot be keyed');
});

test('rows keep uid, labels, owners, deletion and the cells as text', () => {
	const [db, cache] = parseTable(table).objects.map(projectTableRow);
	assert.deepEqual(db, {kind: 'TableRow', uid: 'u1', name: 'db', namespace: 'shop', createdAt: Date.parse(created), labels: {app: 'db'}, cells: ['db', '2/3', '3', '5m', 'postgres'], owners: [{kind: 'X', name: 'x', uid: 'o1', controller: true}], deleting: false, severity: 'ok'});
	assert.equal(cache!.deleting, true);
	assert.deepEqual(cache!.cells, ['cache', '1/1', '10', '1h', 'redis,exporter']);
});

test('cells: one line whatever the server sends', () => {
	const cases: Array<[unknown, string]> = [[null, ''], [undefined, ''], ['a\nb', 'a b'], [3.5, '3.5'], [true, 'true'], [['a', 1], 'a,1'], [{a: 1}, '{"a":1}']];
	for (const [value, want] of cases) assert.equal(cellText(value), want, JSON.stringify(value));
});

test("columns: the server's, NAMESPACE when namespaced, priority > 0 wide, numbers sort as numbers, Age live", () => {
	const parsed = parseTable(table);
	const rows = parsed.objects.map(projectTableRow);
	const columns = tableColumns(parsed.columns, true);
	assert.deepEqual(columns.map((c) => [c.id, c.title, Boolean(c.wide), Boolean(c.allNamespaces)]), [
		['namespace', 'NAMESPACE', false, true], ['name', 'NAME', false, false], ['ready', 'READY', false, false], ['replicas', 'REPLICAS', false, false], ['age', 'AGE', false, false], ['containers', 'CONTAINERS', true, false],
	]);
	const replicas = columns.find((c) => c.id === 'replicas')!;
	assert.deepEqual(rows.map((r) => replicas.sortValue!(r, 0)), [3, 10]);
	const age = columns.find((c) => c.id === 'age')!;
	const now = Date.parse(created) + 3 * 3600_000;
	assert.equal(age.cell(rows[0]!, now), '3h', 'age follows the clock, not the server\'s print time');
	assert.deepEqual(tableColumns(parsed.columns, false).map((c) => c.id)[0], 'name');
});
