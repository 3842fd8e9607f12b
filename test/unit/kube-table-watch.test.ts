// Watch lines over server-side Tables → the events the watch engine reads (source/kube/tableWatch.ts).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {tableEventLine} from '../../source/kube/tableWatch.js';

const meta = {name: 'a', namespace: 'ns', uid: 'u1', resourceVersion: '7'};
const oneRow = (type: string, extra: Record<string, unknown> = {}) =>
	JSON.stringify({type, object: {kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {resourceVersion: '7'}, rows: [{cells: ['a', 1], object: {kind: 'PartialObjectMetadata', metadata: meta}}], ...extra}});

test('a one-row Table event becomes that row, its columns reported when the server sends them', () => {
	const heard: string[][] = [];
	const onColumns = (c: Array<{name: string}>) => heard.push(c.map((d) => d.name));
	const cases: Array<[string, string, unknown]> = [
		['ADDED with columns', oneRow('ADDED', {columnDefinitions: [{name: 'Name', type: 'string'}, {name: 'Data', type: 'integer'}]}), {type: 'ADDED', object: {kind: 'PartialObjectMetadata', metadata: meta, cells: ['a', 1]}}],
		['MODIFIED without columns', oneRow('MODIFIED'), {type: 'MODIFIED', object: {kind: 'PartialObjectMetadata', metadata: meta, cells: ['a', 1]}}],
		['DELETED', oneRow('DELETED'), {type: 'DELETED', object: {kind: 'PartialObjectMetadata', metadata: meta, cells: ['a', 1]}}],
		['BOOKMARK as an empty Table', JSON.stringify({type: 'BOOKMARK', object: {kind: 'Table', metadata: {resourceVersion: '9'}, rows: []}}), {type: 'BOOKMARK', object: {metadata: {resourceVersion: '9'}}}],
		['BOOKMARK as a plain object', JSON.stringify({type: 'BOOKMARK', object: {kind: 'ConfigMap', metadata: {resourceVersion: '9'}}}), {type: 'BOOKMARK', object: {kind: 'ConfigMap', metadata: {resourceVersion: '9'}}}],
		['ERROR Status', JSON.stringify({type: 'ERROR', object: {kind: 'Status', code: 410}}), {type: 'ERROR', object: {kind: 'Status', code: 410}}],
	];
	for (const [what, line, want] of cases) assert.deepEqual(JSON.parse(tableEventLine(line, onColumns)), want, what);
	assert.deepEqual(heard, [['Name', 'Data']]);
	assert.equal(tableEventLine('not json', onColumns), 'not json', 'the engine reports it, as for any watch');
});
