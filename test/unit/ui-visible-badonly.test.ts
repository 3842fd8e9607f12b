// ctrl-z (only rows in a bad state) on panes that re-project their rows judges the row the
// pane shows: on :gpu a Ready node whose device plugin fails (capacity 8, allocatable 0) is
// GPU-UNAVAILABLE, an error, though the node row itself is healthy.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BaseRow} from '../../source/model/types.js';
import type {NodeRow} from '../../source/model/nodes.js';
import type {Session} from '../../source/kube/session.js';
import {createVisible} from '../../source/ui/visible.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import {state} from './ui-harness.js';

function node(name: string, extra: Partial<NodeRow>): NodeRow {
	return {
		kind: 'Node', uid: `uid-${name}`, name, severity: 'ok', status: 'Ready', ready: true, unschedulable: false,
		roles: [], version: 'v1.31.0', allocatable: {}, capacity: {}, taints: [], pressures: [], ...extra,
	};
}

function sessionWith(rows: readonly BaseRow[]): Session {
	const snapshot = {rows, byUid: new Map(rows.map(r => [r.uid, r])), version: 1};
	const store = {snapshot: () => snapshot, subscribe: () => () => {}};
	return {store: () => store} as unknown as Session;
}

const broken = node('gpu-a', {capacity: {'nvidia.com/gpu': 8}, allocatable: {'nvidia.com/gpu': 0}});
const healthy = node('gpu-b', {capacity: {'nvidia.com/gpu': 8}, allocatable: {'nvidia.com/gpu': 8}});
const cpu = node('cpu-a', {status: 'NotReady', ready: false, severity: 'error'});

const cases: Array<{name: string; badOnly: boolean; expected: string[]}> = [
	{name: 'all GPU nodes without ctrl-z', badOnly: false, expected: ['gpu-a', 'gpu-b']},
	{name: 'ctrl-z keeps the node whose plugin fails', badOnly: true, expected: ['gpu-a']},
];

for (const c of cases) {
	test(`:gpu ${c.name}`, () => {
		const visible = createVisible(sessionWith([broken, healthy, cpu]), defaultPanes(), () => ({}));
		const shown = visible(state('gpu', {badOnly: c.badOnly}), 0).rows.map(r => r.name).sort();
		assert.deepEqual(shown, c.expected);
	});
}

test('ctrl-z on :nodes still judges the node row', () => {
	const visible = createVisible(sessionWith([broken, healthy, cpu]), defaultPanes(), () => ({}));
	assert.deepEqual(visible(state('nodes', {badOnly: true}), 0).rows.map(r => r.name), ['cpu-a']);
});
