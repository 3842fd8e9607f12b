import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {ResourceTable, type ResourceTableProps} from '../../views/ResourceTable.js';
import {columnWidths, formatLine, tableTitle} from '../../views/table/layout.js';
import {visibleColumns} from '../../source/ui/window.js';
import {NOW, row, testColumns, type TestRow} from './fakes.js';
import {followSelection} from '../../source/store/selectors.js';

// A failed assertion must not leave an app mounted (its timers and stdin listeners).
afterEach(() => cleanup());

function props(rows: TestRow[], extra: Partial<ResourceTableProps<TestRow>> = {}): ResourceTableProps<TestRow> {
	return {
		rows,
		columns: testColumns,
		selectedIndex: 0,
		height: 20,
		width: 100,
		wide: false,
		allNamespaces: false,
		now: NOW,
		title: 'pods',
		scope: 'default',
		...extra,
	};
}

const manyRows = (n: number) => Array.from({length: n}, (_, i) => row(`pod-${String(i).padStart(5, '0')}`));

function lines(frame: string | undefined): string[] {
	return (frame ?? '').split('\n');
}

/** The selected row, found by its text cursor (styles are off in tests, as under NO_COLOR). */
function selectedLine(frame: string | undefined): string | undefined {
	const found = lines(frame).filter((line) => line.startsWith('> '));
	assert.ok(found.length <= 1, 'at most one selected row');
	return found[0];
}

test('renders only the rows that fit: 10,000 rows at height 20 give 20 row lines', () => {
	const {lastFrame, unmount} = render(<ResourceTable {...props(manyRows(10_000))} />);
	const frame = lines(lastFrame());
	assert.equal(frame.length, 22, 'title + header + 20 rows');
	assert.match(frame[0]!, /pods\(default\)\[10000\]/);
	assert.equal(frame.filter((l) => /pod-\d{5}/.test(l)).length, 20);
	assert.ok(frame.some((l) => l.includes('pod-00019')));
	assert.ok(!frame.some((l) => l.includes('pod-00020')));
	unmount();
});

test('the window scrolls to keep the selection on screen', () => {
	const rows = manyRows(10_000);
	const {lastFrame, unmount} = render(<ResourceTable {...props(rows, {selectedIndex: 5000})} />);
	const frame = lastFrame() ?? '';
	assert.match(selectedLine(frame) ?? '', /pod-05000/);
	assert.equal(lines(frame).filter((l) => /pod-\d{5}/.test(l)).length, 20);
	unmount();
});

test('selection follows the same object when rows are inserted above or reordered (the selector\'s index, drawn)', () => {
	const rows = [row('alpha'), row('bravo'), row('charlie')];
	const at = (shown: TestRow[]) => props(shown, {selectedIndex: followSelection(shown, rows[1]!.uid, 1)});
	const {lastFrame, rerender, unmount} = render(<ResourceTable {...at(rows)} />);
	assert.match(selectedLine(lastFrame()) ?? '', /bravo/);
	rerender(<ResourceTable {...at([row('aardvark'), row('aaron'), ...rows])} />);
	assert.match(selectedLine(lastFrame()) ?? '', /bravo/);
	rerender(<ResourceTable {...at([...rows].reverse())} />);
	assert.match(selectedLine(lastFrame()) ?? '', /bravo/);
	unmount();
});

test('the sorted column carries an arrow in the header', () => {
	const rows = [row('a')];
	const {lastFrame, rerender, unmount} = render(<ResourceTable {...props(rows, {sort: {column: 'age', ascending: true}})} />);
	assert.match(lines(lastFrame())[1]!, /AGE↑/);
	assert.doesNotMatch(lines(lastFrame())[1]!, /NAME[↑↓]/);
	rerender(<ResourceTable {...props(rows, {sort: {column: 'name', ascending: false}})} />);
	assert.match(lines(lastFrame())[1]!, /NAME↓/);
	unmount();
});

test('bad rows read as bad without colour: the STATUS text is on the line', () => {
	const rows = [row('web-1'), row('web-2', {status: 'CrashLoopBackOff', severity: 'error'}), row('job-1', {status: 'Completed', severity: 'done'})];
	const {lastFrame, unmount} = render(<ResourceTable {...props(rows)} />);
	const plain = (lastFrame() ?? '').replace(/\u001B\[[0-9;]*m/g, '');
	assert.match(plain, /web-2\s+CrashLoopBackOff/);
	assert.match(plain, /job-1\s+Completed/);
	unmount();
});

test('at 80 columns STATUS stays whole: other columns give way or go first', () => {
	const rows = [
		row('nvidia-device-plugin-daemonset-x7k2p', {namespace: 'kube-system', status: 'CrashLoopBackOff', severity: 'error', node: 'gpu-h100-2', labels: {a: 'b'}}),
	];
	const {lastFrame, unmount} = render(<ResourceTable {...props(rows, {width: 60, wide: true, allNamespaces: true})} />);
	const frame = lastFrame() ?? '';
	assert.match(frame, /CrashLoopBackOff/);
	for (const line of frame.split('\n')) assert.ok(line.length <= 60, line);
	unmount();
});

test('control sequences in a pod name never reach the frame', () => {
	const evil = row('evil\u001B]0;pwned\u0007\u001B[2Jname\u009B31m\r\nx');
	const {lastFrame, unmount} = render(<ResourceTable {...props([evil])} />);
	const frame = lastFrame() ?? '';
	assert.ok(!frame.includes('\u001B]'), 'no OSC');
	assert.ok(!frame.includes('\u001B[2J'), 'no clear screen');
	assert.ok(!frame.includes('\u0007'), 'no BEL');
	assert.ok(!frame.includes('\u009B'), 'no C1 CSI');
	assert.equal(lines(frame).length, 3, 'the name stays on one line');
	unmount();
});

test('NAMESPACE shows only across namespaces, wide columns only in wide mode', () => {
	const rows = [row('a', {labels: {app: 'web'}})];
	const {lastFrame, rerender, unmount} = render(<ResourceTable {...props(rows)} />);
	assert.doesNotMatch(lastFrame() ?? '', /NAMESPACE|LABELS/);
	rerender(<ResourceTable {...props(rows, {allNamespaces: true, wide: true, scope: 'all'})} />);
	assert.match(lastFrame() ?? '', /NAMESPACE/);
	assert.match(lastFrame() ?? '', /LABELS/);
	assert.match(lastFrame() ?? '', /app=web/);
	assert.match(lastFrame() ?? '', /pods\(all\)\[1\]/);
	unmount();
});

test('an empty table says why', () => {
	const {lastFrame, unmount} = render(<ResourceTable {...props([], {emptyText: 'forbidden: cannot list pods in namespace payments'})} />);
	assert.match(lastFrame() ?? '', /forbidden: cannot list pods in namespace payments/);
	assert.match(lastFrame() ?? '', /pods\(default\)\[0\]/);
	unmount();
});

test('layout: widths come from header and visible cells, capped, and shrink to fit', () => {
	assert.deepEqual(columnWidths(['NAME', 'AGE'], [['web', '5m'], ['api-server', '10d']], 100), [10, 3]);
	assert.deepEqual(columnWidths(['NAME'], [['x'.repeat(200)]], 100), [48]);
	const squeezed = columnWidths(['NAME', 'STATUS'], [['x'.repeat(40), 'Running']], 30);
	assert.equal(squeezed.reduce((a, b) => a + b, 0) + 2, 30);
	assert.equal(squeezed[1], 7, 'the narrow column stays whole');
	const ranks = ['essential', 'name', 'other'] as const;
	const named = columnWidths(['NS', 'NAME', 'NODE'], [['kube-system', 'coredns-8479bcc-abcde', 'gpu-a100-mig-1']], 44, ranks);
	assert.equal(named[1], 21, 'NAME stays whole while others can give way');
	assert.equal(named.reduce((a, b) => a + b, 0) + 4, 44);
	const dropped = columnWidths(['NS', 'NAME', 'NODE'], [['kube-system', 'coredns-8479bcc-abcde', 'gpu-a100-mig-1']], 34, ranks);
	assert.deepEqual(dropped, [11, 21, 0], 'an unimportant column is dropped before NAME is cut further');
	assert.equal(formatLine(['a', 'b', 'c'], [1, 0, 1], [{}, {}, {}], 80), 'a  c', 'a dropped column leaves no gap');
});

test('layout: a column that grows takes the room left past the cap, and only what is left', () => {
	const long = 'x'.repeat(90);
	const ranks = ['name', 'status'] as const;
	assert.deepEqual(columnWidths(['NAME', 'REASON'], [['web', long]], 80, ranks), [4, 48], 'capped without grows');
	assert.deepEqual(columnWidths(['NAME', 'REASON'], [['web', long]], 80, ranks, [false, true]), [4, 74], 'grows into the room left');
	assert.deepEqual(columnWidths(['NAME', 'REASON'], [['web', long]], 200, ranks, [false, true]), [4, 90], 'no wider than its longest text');
	assert.deepEqual(columnWidths(['NAME', 'REASON'], [['x'.repeat(40), long]], 60, ranks, [false, true]), [10, 48], 'no room, no growth: NAME gives way before REASON, which keeps its cap');
});

test('layout: a right-aligned cell is padded on the left (truncation itself: terminal-width.test.ts)', () => {
	assert.equal(formatLine(['a', '1'], [3, 2], [{}, {align: 'right'}], 80), 'a     1');
	assert.equal(formatLine(['abcdef', '1'], [4, 2], [{}, {align: 'right'}], 80), 'abc…   1');
});

test('layout: titles and column visibility', () => {
	assert.equal(tableTitle('pods', 'production', 42), 'pods(production)[42]');
	assert.equal(tableTitle('nodes', undefined, 3), 'nodes[3]');
	assert.equal(tableTitle('pods', 'default', 2, 'deploy/web'), 'pods(default)[2] <deploy/web>');
	assert.deepEqual(
		visibleColumns(testColumns, {wide: false, allNamespaces: false}).map((c) => c.id),
		['name', 'status', 'node', 'age'],
	);
});
