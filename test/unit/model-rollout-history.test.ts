import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {planUndo, revisionsOf, sameJson} from '../../source/model/rolloutHistory.js';
import {checkImage} from '../../source/model/imageRef.js';

const deployment = (image: string, extra: {paused?: boolean; annotations?: Record<string, string>} = {}): KubeObject => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name: 'web', namespace: 'shop', uid: 'd1', resourceVersion: '42', annotations: {'deployment.kubernetes.io/revision': '3', ...extra.annotations}},
	spec: {...(extra.paused ? {paused: true} : {}), template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'main', image}]}}},
});
const rs = (revision: number | undefined, image: string, owner = 'd1', extra: Record<string, string> = {}): KubeObject => ({
	apiVersion: 'apps/v1',
	kind: 'ReplicaSet',
	metadata: {
		name: `web-${revision}`,
		namespace: 'shop',
		uid: `rs${revision}`,
		creationTimestamp: '2026-12-01T00:00:00Z',
		annotations: {...(revision === undefined ? {} : {'deployment.kubernetes.io/revision': String(revision)}), ...extra},
		ownerReferences: [{kind: 'Deployment', name: 'web', uid: owner, controller: true}],
	},
	spec: {replicas: 0, template: {metadata: {labels: {app: 'web', 'pod-template-hash': `h${revision}`}}, spec: {containers: [{name: 'main', image}]}}},
});

test('revisionsOf: owned ReplicaSets with a revision, oldest first, hash label removed', () => {
	const revisions = revisionsOf(deployment('app:3'), [rs(3, 'app:3'), rs(1, 'app:1', 'd1', {'kubernetes.io/change-cause': 'first'}), rs(2, 'app:2', 'other'), rs(undefined, 'app:x')]);
	assert.deepEqual(revisions.map((r) => [r.revision, r.images, r.changeCause]), [[1, ['app:1'], 'first'], [3, ['app:3'], undefined]]);
	assert.deepEqual((revisions[0]!.template as {metadata: {labels: object}}).metadata.labels, {app: 'web'});
});

test('planUndo: table of cases as kubectl rollout undo decides them', () => {
	const history = revisionsOf(deployment('app:3'), [rs(1, 'app:1', 'd1', {'kubernetes.io/change-cause': 'v1', 'deployment.kubernetes.io/desired-replicas': '2'}), rs(2, 'app:2'), rs(3, 'app:3')]);
	const cases: Array<{name: string; d: KubeObject; to: number; type: string; revision?: number; message?: RegExp}> = [
		{name: 'default goes to the previous revision', d: deployment('app:3'), to: 0, type: 'patch', revision: 2},
		{name: 'an explicit revision', d: deployment('app:3'), to: 1, type: 'patch', revision: 1},
		{name: 'the current template', d: deployment('app:3'), to: 3, type: 'skip', message: /skipped rollback \(current template already matches revision 3\)/},
		{name: 'a missing revision', d: deployment('app:3'), to: 7, type: 'refuse', message: /unable to find specified revision 7 in history/},
		{name: 'paused', d: deployment('app:3', {paused: true}), to: 1, type: 'refuse', message: /paused deployment/},
	];
	for (const c of cases) {
		const plan = planUndo(c.d, history, c.to);
		assert.equal(plan.type, c.type, c.name);
		if (c.revision !== undefined && plan.type !== 'refuse') assert.equal(plan.revision, c.revision, c.name);
		if (c.message) assert.match(plan.message, c.message, c.name);
	}
	assert.equal(planUndo(deployment('app:3'), history.slice(2), 0).type, 'refuse', 'one revision: nothing to go back to');
});

test('planUndo: the patch tests the template it was planned against, replaces the template and copies annotations but the skipped ones', () => {
	const history = revisionsOf(deployment('app:3'), [rs(1, 'app:1', 'd1', {'kubernetes.io/change-cause': 'v1', 'deployment.kubernetes.io/desired-replicas': '2'}), rs(3, 'app:3')]);
	const current = deployment('app:3', {annotations: {team: 'a'}});
	const plan = planUndo(current, history, 1);
	assert.equal(plan.type, 'patch');
	if (plan.type !== 'patch') return;
	assert.deepEqual(plan.patch[0], {op: 'test', path: '/spec/template', value: (current.spec as {template: unknown}).template});
	assert.ok(!plan.patch.some((op) => op.path === '/metadata/resourceVersion'), 'a status write by the controller must not refuse the undo');
	assert.deepEqual(plan.patch[1], {op: 'replace', path: '/spec/template', value: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'main', image: 'app:1'}]}}});
	assert.deepEqual(plan.patch[2], {op: 'replace', path: '/metadata/annotations', value: {'deployment.kubernetes.io/revision': '3', team: 'a', 'kubernetes.io/change-cause': 'v1'}});
});

test('sameJson ignores key order and undefined fields, not values', () => {
	assert.equal(sameJson({a: 1, b: [1, {c: 2}]}, {b: [1, {c: 2}], a: 1}), true);
	assert.equal(sameJson({a: 1, x: undefined}, {a: 1}), true);
	assert.equal(sameJson({a: [1, 2]}, {a: [2, 1]}), false);
	assert.equal(sameJson({a: '1'}, {a: 1}), false);
});

test('checkImage: references the runtime accepts, and why others are refused', () => {
	const good = ['nginx', 'nginx:1.27.3', 'library/nginx:latest', 'registry.example/app:1.0', 'localhost:5000/a/b:c', 'ghcr.io/org/img@sha256:' + 'a'.repeat(64), 'nvcr.io/nvidia/tritonserver:24.08-py3', 'my_repo/sub-name__x:v1'];
	for (const image of good) assert.deepEqual(checkImage(image), {ok: true}, image);
	const bad: Array<[string, RegExp]> = [
		['', /needed/],
		['Registry Example', /spaces/],
		['nginx:', /not a valid tag/],
		['Nginx:1', /repository name part/],
		['a//b', /repository name part/],
		['img@sha256:xyz', /not a digest/],
		['nginx:\u001b[31m', /control characters/],
		['x'.repeat(5000), /longer than 4096/],
	];
	for (const [image, why] of bad) {
		const result = checkImage(image);
		assert.equal(result.ok, false, image);
		if (!result.ok) assert.match(result.message, why, image);
	}
});
