// Jumps (issue 14) as pure controller steps: state + key → the pane pushed and how it is
// narrowed, and Esc back to the row the jump started from.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {top, topTable} from '../../source/ui/state.js';
import {narrowIncludes} from '../../source/ui/narrow.js';
import {deploymentOfReplicaSet} from '../../source/ui/jumps.js';
import {BACKSPACE, ENTER, ESC, env, keys, row, run, state} from './ui-harness.js';

const owned = (kind: string, name: string) => ({owners: [{kind, name, uid: `uid-${name}`, controller: true}]});
const pods = [
	row('web-7d9f8b6c5d-abcde', {...owned('ReplicaSet', 'web-7d9f8b6c5d'), labels: {'pod-template-hash': '7d9f8b6c5d'}, node: 'node-1'}),
	row('db-0', {...owned('StatefulSet', 'db')}),
	row('bare', {}),
];
const rows = {pods, deployments: [row('web', {selector: 'app=web'})], replicasets: [row('web-7d9f8b6c5d', owned('Deployment', 'web'))]};

test('o on a pod opens its deployment through the replica set, narrowed to it; Esc comes back to the pod', () => {
	const e = env({rows});
	const {state: after} = run(state(), keys('o'), e);
	const table = topTable(after)!;
	assert.equal(table.pane, 'deployments');
	assert.deepEqual(table.narrow, {type: 'named', names: ['web'], namespace: 'default'});
	assert.equal(table.detail, 'owner of pod/web-7d9f8b6c5d-abcde');
	const {state: back} = run(after, keys(ESC), e);
	assert.equal(topTable(back)?.pane, 'pods');
	assert.equal(back.stack.length, 1);
});

test('o names an owner that has no pane here rather than opening a wrong one; a bare pod has no owner', () => {
	const e = env({rows});
	const {state: sts} = run(state(), keys('j', 'o'), e);
	assert.equal(sts.stack.length, 1);
	assert.match(sts.message?.text ?? '', /owned by StatefulSet\/db/);
	const {state: bare} = run(state(), keys('j', 'j', 'o'), e);
	assert.equal(bare.stack.length, 1);
	assert.match(bare.message?.text ?? '', /has no owner/);
});

test('o on a replica set opens its deployment; o on a deployment opens the HPAs that scale it', () => {
	const e = env({rows});
	const {state: rs} = run(state('replicasets'), keys('o'), e);
	assert.deepEqual(topTable(rs)?.narrow, {type: 'named', names: ['web'], namespace: 'default'});
	const {state: dp} = run(state('deployments'), keys('o'), e);
	assert.equal(topTable(dp)?.pane, 'horizontalpodautoscalers');
	assert.deepEqual(topTable(dp)?.narrow, {type: 'scaling', kind: 'Deployment', name: 'web', namespace: 'default'});
});

test('w on a pod opens its node; E opens the events about the selected object; W all recent events', () => {
	const e = env({rows});
	const {state: node} = run(state(), keys('w'), e);
	assert.equal(topTable(node)?.pane, 'nodes');
	assert.deepEqual(topTable(node)?.narrow, {type: 'named', names: ['node-1']});
	const {state: events} = run(state(), keys('E'), e);
	const table = topTable(events)!;
	assert.equal(table.pane, 'events');
	assert.deepEqual(table.narrow, {type: 'about', kind: 'Pod', namespace: 'default', name: 'web-7d9f8b6c5d-abcde', uid: 'uid-web-7d9f8b6c5d-abcde'});
	assert.deepEqual(table.sort, {column: 'type', ascending: true}, 'events open Warnings first');
	const {state: recent} = run(state(), keys('W'), e);
	assert.equal(topTable(recent)?.pane, 'events');
	assert.equal(topTable(recent)?.narrow, undefined);
	assert.equal(topTable(recent)?.allNamespaces, true);
	assert.equal(top(recent).type, 'table');
});

test('on :gpu, l opens the pods on the node narrowed to its device plugin', () => {
	const e = env({rows: {gpu: [row('gpu-h100-1', {namespace: undefined})]}});
	const {state: after} = run(state('gpu'), keys('l'), e);
	const table = topTable(after)!;
	assert.equal(table.pane, 'pods');
	assert.equal(table.nodeName, 'gpu-h100-1');
	assert.equal(table.filter, 'device-plugin');
	assert.equal(table.allNamespaces, true);
});

test('narrow predicates: events by uid (else kind/namespace/name), names in a namespace, HPAs by target', () => {
	const event = (involved: object) => ({...row('e'), involved}) as never;
	const about = {type: 'about', kind: 'Pod', namespace: 'default', name: 'p', uid: 'u1'} as const;
	const cases: Array<[boolean, boolean]> = [
		[narrowIncludes(about, event({kind: 'Pod', namespace: 'default', name: 'p', uid: 'u1'})), true],
		[narrowIncludes(about, event({kind: 'Pod', namespace: 'default', name: 'p', uid: 'u0'})), false], // same name, an earlier pod
		[narrowIncludes(about, event({kind: 'Pod', namespace: 'default', name: 'p', uid: ''})), true],
		[narrowIncludes(about, event({kind: 'Pod', namespace: 'other', name: 'p', uid: ''})), false],
		[narrowIncludes({type: 'named', names: ['web'], namespace: 'default'}, row('web')), true],
		[narrowIncludes({type: 'named', names: ['web'], namespace: 'prod'}, row('web')), false],
		[narrowIncludes({type: 'scaling', kind: 'Deployment', name: 'web', namespace: 'default'}, row('h', {targetKind: 'Deployment', targetName: 'web'})), true],
		[narrowIncludes({type: 'scaling', kind: 'Deployment', name: 'web', namespace: 'default'}, row('h', {targetKind: 'Deployment', targetName: 'api'})), false],
	];
	cases.forEach(([actual, expected], i) => assert.equal(actual, expected, `case ${i}`));
});

test('a replica set names its deployment only when the pod-template-hash suffix matches', () => {
	assert.equal(deploymentOfReplicaSet('web-7d9f8b6c5d', '7d9f8b6c5d'), 'web');
	assert.equal(deploymentOfReplicaSet('my-app-v2-5c4f', '5c4f'), 'my-app-v2');
	assert.equal(deploymentOfReplicaSet('web-7d9f8b6c5d', undefined), undefined);
	assert.equal(deploymentOfReplicaSet('handmade', 'abc'), undefined);
});

test('scale dialog: when the read finds an HPA owning the count, Enter asks first and names it', () => {
	const e = env({rows: {deployments: [row('web', {selector: 'app=web', desired: 3})]}});
	const hpa = {name: 'web-hpa', min: 2, max: 10};
	const asked = run(state('deployments'), [...keys('s'), {type: 'replicas', req: 1, answer: {ok: true, replicas: 3, hpa}}, ...keys(BACKSPACE, '5', ENTER)], e);
	assert.equal(asked.state.overlay?.type === 'confirm' && asked.state.overlay.question, 'Scale deployment default/web to 5? HPA web-hpa owns replicas 2–10; your change will be undone.');
	const yes = run(asked.state, keys('y'), e);
	assert.deepEqual(yes.effects, [{type: 'perform', req: 2, intent: {verb: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 5, confirmed: true}}]);
});
