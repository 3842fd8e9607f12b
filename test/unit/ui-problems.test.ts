// :problems in the controller and the selector: rows of several kinds, worst first; Enter opens
// the object's own pane with it selected; d / y / l act on the object the row names.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BaseRow} from '../../source/model/types.js';
import type {Session} from '../../source/kube/session.js';
import type {ProblemRow} from '../../source/model/problems.js';
import {createVisible} from '../../source/ui/visible.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import {top} from '../../source/ui/state.js';
import {problemsSummary} from '../../source/ui/panes/problemsPane.js';
import {parseStartOptions} from '../../source/cli-options.js';
import {ENTER, env, keys, run, state} from './ui-harness.js';

const crash: ProblemRow = {kind: 'Pod', uid: 'p1', name: 'api-1', namespace: 'shop', severity: 'error', rank: 0, reason: 'CrashLoopBackOff · last OOMKilled · 7 restarts', containers: ['api', 'sidecar'], defaultContainer: 'api'};
const down: ProblemRow = {kind: 'Node', uid: 'n1', name: 'node-3', severity: 'error', rank: 0, reason: 'NotReady'};
const pending: ProblemRow = {kind: 'Pod', uid: 'p2', name: 'train-0', namespace: 'ml', severity: 'warn', rank: 2, reason: 'Pending for gpu:2 · a node is coming (gpu-h100: 2 → 3, 40s ago)'};
const rows = [crash, down, pending];

test('Enter on a problem row opens its kind\'s pane, cluster-wide, with the object selected', () => {
	const onNode = run(state('problems'), keys('j', ENTER), env({rows: {problems: rows}}));
	const view = top(onNode.state);
	assert.equal(view.type, 'table');
	assert.deepEqual(view.type === 'table' && {pane: view.pane, selectedUid: view.selectedUid, allNamespaces: view.allNamespaces}, {pane: 'nodes', selectedUid: 'n1', allNamespaces: true});
	const onPod = top(run(state('problems'), keys(ENTER), env({rows: {problems: rows}})).state);
	assert.equal(onPod.type === 'table' && onPod.pane, 'pods');
});

test('d on a node problem describes the node, not a pod', () => {
	const step = run(state('problems'), keys('j', 'd'), env({rows: {problems: rows}}));
	const fetch = step.effects.find(e => e.type === 'fetch');
	assert.ok(fetch && fetch.type === 'fetch');
	assert.deepEqual({kind: fetch.ref.kind, resource: fetch.ref.resource, name: fetch.ref.name}, {kind: 'Node', resource: 'nodes', name: 'node-3'});
});

test('y on a pod problem opens the pod\'s YAML', () => {
	const step = run(state('problems'), keys('y'), env({rows: {problems: rows}}));
	const fetch = step.effects.find(e => e.type === 'fetch');
	assert.ok(fetch && fetch.type === 'fetch');
	assert.deepEqual({kind: fetch.ref.kind, as: fetch.as, namespace: fetch.ref.namespace}, {kind: 'Pod', as: 'yaml', namespace: 'shop'});
});

test('l on a pod problem offers the pod\'s containers; on a node it is refused by kind', () => {
	const onPod = run(state('problems'), keys('l'), env({rows: {problems: rows}}));
	assert.equal(onPod.state.overlay?.type, 'picker');
	const onNode = run(state('problems'), keys('j', 'l'), env({rows: {problems: rows}}));
	assert.match(onNode.state.message?.text ?? '', /does not apply to nodes/);
});

function sessionWith(problemRows: readonly BaseRow[]): Session {
	// The problems pane builds its own store from the session's; here the session serves fixed rows per kind.
	const store = (rowsOf: readonly BaseRow[]) => {
		const snapshot = {rows: rowsOf, byUid: new Map(rowsOf.map(r => [r.uid, r])), version: 1};
		return {snapshot: () => snapshot, subscribe: () => () => {}};
	};
	return {store: () => store([]), allPods: () => store(problemRows), fetchObject: () => Promise.reject(new Error('none'))} as unknown as Session;
}

test('the selector keeps the problems worst first (no name order) and ctrl-z keeps them all', () => {
	const pods = [
		{kind: 'Pod', uid: 'a', name: 'a-pending', namespace: 'x', phase: 'Pending', status: 'Pending', ready: '0/1', restarts: 0, requests: {}, containers: ['c'], owners: [], qos: 'BestEffort', accelerators: {}, deleting: false, severity: 'warn', createdAt: 0},
		{kind: 'Pod', uid: 'z', name: 'z-crash', namespace: 'x', phase: 'Running', status: 'CrashLoopBackOff', ready: '0/1', restarts: 3, requests: {}, containers: ['c'], owners: [], qos: 'BestEffort', accelerators: {}, deleting: false, severity: 'error', createdAt: 0},
	] as unknown as BaseRow[];
	const visible = createVisible(sessionWith(pods), defaultPanes(), () => ({}));
	assert.deepEqual(visible(state('problems'), Date.now()).rows.map(r => r.name), ['z-crash', 'a-pending']);
	assert.deepEqual(visible(state('problems', {badOnly: true}), Date.now()).rows.map(r => r.name), ['z-crash', 'a-pending']);
});

test('the summary counts errors and warnings', () => {
	assert.equal(problemsSummary(rows), '2 errors · 1 warning — worst first');
	assert.equal(problemsSummary([]), 'no problems found');
});

test('--triage starts on :problems, as -c problems does', () => {
	const triage = parseStartOptions({triage: true}, []);
	assert.ok(triage.ok && triage.options.view === 'problems');
	const c = parseStartOptions({command: 'problems'}, []);
	assert.ok(c.ok && c.options.view === 'problems');
	assert.equal(parseStartOptions({triage: true, command: 'gpu'}, []).ok, false);
});

test('w on a pod problem row jumps to the pod\'s node, as on the pods pane', () => {
	const onCrash: ProblemRow = {...crash, node: 'node-7'};
	const view = top(run(state('problems'), keys('w'), env({rows: {problems: [onCrash, down]}})).state);
	assert.equal(view.type === 'table' && view.pane, 'nodes');
	assert.deepEqual(view.type === 'table' && view.narrow, {type: 'named', names: ['node-7']});
});
