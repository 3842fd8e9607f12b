// `e` in the controller, pure (state + key or answer → state + effects): the key asks the runner
// for an edit of the selected object; the dry run's answer is a diff pager with the question
// over it, and only yes performs (confirmed, with the read resourceVersion inside the object);
// a conflict — from the dry run or from the real update — is a pager of what changed where `e`
// edits again on top of the current version; read-only goes straight to the gate; kinds that
// cannot be edited say so without a request.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ESC, env, keys, row, run, state} from './ui-harness.js';
import {update} from '../../source/ui/update.js';
import type {EditPlan} from '../../source/actions/editSession.js';
import {editChangesReplicas} from '../../source/actions/scaleRule.js';
import type {KubeObject} from '../../source/model/types.js';
import type {Msg} from '../../source/ui/messages.js';
import type {UiState} from '../../source/ui/state.js';

const web = row('web', {namespace: 'shop'});
const object = (replicas: number, rv: string) => ({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'shop', resourceVersion: rv}, spec: {replicas}}) as unknown as KubeObject;
const read = {resource: 'deployments' as const};
const ready: EditPlan = {
	type: 'ready',
	intent: {verb: 'edit', kind: 'Deployment', namespace: 'shop', name: 'web', object: object(3, '41'), readAt: object(2, '41')},
	diff: ['--- deployment shop/web (live)', '+++ deployment shop/web (server dry run of the edit)', '@@ -1,1 +1,1 @@', '-  replicas: 2', '+  replicas: 3'],
	message: 'accepted',
};
const answer = (s: UiState, plan: EditPlan, withEnv = env({rows: {deployments: [web]}})) => update(s, {type: 'editPlanned', req: 1, plan, read} as Msg, withEnv);

test('e on a deployment asks the runner for an edit of that object; nothing is sent yet', () => {
	const step = run(state('deployments'), keys('e'), env({rows: {deployments: [web]}}));
	assert.deepEqual(step.effects, [{type: 'edit', req: 1, target: {kind: 'Deployment', name: 'web', namespace: 'shop'}, read}]);
	assert.match(step.state.message?.text ?? '', /editing deployment shop\/web in the editor/);
});

test('e works on pods, services, nodes and configmaps; events and Helm releases cannot be edited, and say so with no request', () => {
	for (const [pane, kind] of [['pods', 'Pod'], ['services', 'Service'], ['nodes', 'Node'], ['configmaps', 'ConfigMap']] as const) {
		const step = run(state(pane), keys('e'), env({rows: {[pane]: [row('x', pane === 'nodes' ? {} : {namespace: 'shop'})]}}));
		assert.equal(step.effects.length, 1, pane);
		assert.ok(step.effects[0]!.type === 'edit' && step.effects[0]!.target.kind === kind, pane);
	}
	const events = run(state('events'), keys('e'), env({rows: {events: [row('ev', {namespace: 'shop'})]}}));
	assert.deepEqual(events.effects, []);
	assert.match(events.state.message?.text ?? '', /edit does not apply to events/);
});

test('the dry run\'s answer: its diff in a pager and the question over it; yes performs the confirmed edit, then the diff closes', () => {
	const opened = run(state('deployments'), keys('e'), env({rows: {deployments: [web]}}));
	const asked = answer(opened.state, ready);
	const top = asked.state.stack.at(-1)!;
	assert.ok(top.type === 'pager' && top.diff === true && top.edit?.phase === 'review');
	assert.deepEqual(top.lines, ready.diff);
	const overlay = asked.state.overlay;
	assert.ok(overlay?.type === 'confirm');
	assert.match(overlay.question, /^Apply this edit to deployment shop\/web\? The server's dry run accepted it/);
	assert.deepEqual(asked.effects, []);
	const yes = run(asked.state, keys('y'), env({rows: {deployments: [web]}}));
	assert.equal(yes.effects.length, 1);
	const effect = yes.effects[0]!;
	assert.ok(effect.type === 'perform' && effect.intent.verb === 'edit' && effect.intent.confirmed === true);
	assert.equal(effect.intent.object?.metadata.resourceVersion, '41', 'the update carries the version read');
	const done = update(yes.state, {type: 'performed', req: effect.req, intent: effect.intent, result: {ok: true, message: 'deployment shop/web edited (spec.replicas; resourceVersion 42)'}}, env({rows: {deployments: [web]}}));
	assert.equal(done.state.stack.at(-1)!.type, 'table', 'back to the table');
	assert.equal(done.state.message?.text, 'deployment shop/web edited (spec.replicas; resourceVersion 42)');
});

test('an edit of replicas an HPA owns: the review names the HPA, the question leads with its warning, and yes sends the intent naming it', () => {
	const opened = run(state('deployments'), keys('e'), env({rows: {deployments: [web]}}));
	const hpa = {name: 'web-hpa', min: 2, max: 10};
	const asked = answer(opened.state, {...ready, intent: {...ready.intent, hpa: 'web-hpa'}, hpa});
	const top = asked.state.stack.at(-1)!;
	assert.ok(top.type === 'pager');
	assert.match(top.title, /replicas owned by HPA web-hpa$/);
	const overlay = asked.state.overlay;
	assert.ok(overlay?.type === 'confirm');
	assert.match(overlay.question, /^HPA web-hpa owns replicas 2–10; your change will be undone\. Apply this edit to deployment shop\/web\?/);
	const yes = run(asked.state, keys('y'), env({rows: {deployments: [web]}}));
	const effect = yes.effects[0]!;
	assert.ok(effect.type === 'perform' && effect.intent.verb === 'edit' && effect.intent.confirmed === true && effect.intent.hpa === 'web-hpa');
});

test('editChangesReplicas: only the kinds an HPA scales, and only when spec.replicas differs (removed counts)', () => {
	const d = (replicas?: number) => ({spec: replicas === undefined ? {} : {replicas}});
	const cases: Array<[string, unknown, unknown, boolean]> = [
		['Deployment', d(2), d(3), true],
		['StatefulSet', d(2), d(3), true],
		['ReplicaSet', d(2), d(0), true],
		['Deployment', d(2), d(2), false],
		['Deployment', d(2), d(), true],
		['Deployment', d(), d(), false],
		['Pod', d(2), d(3), false],
		['ConfigMap', {}, {data: {a: 'b'}}, false],
	];
	for (const [kind, from, to, expected] of cases) assert.equal(editChangesReplicas(kind, from, to), expected, `${kind} ${JSON.stringify(from)} → ${JSON.stringify(to)}`);
});

test('no at the question sends nothing', () => {
	const asked = answer(run(state('deployments'), keys('e'), env({rows: {deployments: [web]}})).state, ready);
	const no = run(asked.state, keys('n'), env({rows: {deployments: [web]}}));
	assert.deepEqual(no.effects, []);
	assert.equal(no.state.overlay, undefined);
});

test('a 409 on the real update: the review pager becomes the conflict pager; e there edits again on top of the current version', () => {
	const withEnv = env({rows: {deployments: [web]}});
	const asked = answer(run(state('deployments'), keys('e'), withEnv).state, ready);
	const yes = run(asked.state, keys('y'), withEnv);
	const effect = yes.effects[0]!;
	assert.ok(effect.type === 'perform');
	const conflict = ['--- as read', '+++ now', '@@ -1,1 +1,1 @@', '-  replicas: 2', '+  replicas: 5'];
	const refused = update(yes.state, {type: 'performed', req: effect.req, intent: effect.intent, result: {ok: false, reason: 'Conflict', code: 409, message: 'cannot edit deployment shop/web: … nothing was overwritten', details: {conflict}}}, withEnv);
	const top = refused.state.stack.at(-1)!;
	assert.ok(top.type === 'pager' && top.edit?.phase === 'conflict');
	assert.deepEqual(top.lines, conflict);
	assert.match(top.title, /changed meanwhile — e: edit again on top of it/);
	assert.equal(refused.state.stack.length, 2, 'the review was replaced, not stacked');
	assert.equal(refused.state.message?.level, 'error');
	const again = run(refused.state, keys('e'), withEnv);
	assert.equal(again.effects.length, 1);
	const edit = again.effects[0]!;
	assert.ok(edit.type === 'edit');
	assert.deepEqual(edit.restart, {readAt: ready.intent.readAt, saved: ready.intent.object});
	// Edited again and applied: the review and the conflict under it both close.
	const reviewed = update(again.state, {type: 'editPlanned', req: edit.req, plan: ready, read} as Msg, withEnv);
	const applied = run(reviewed.state, keys('y'), withEnv);
	const put = applied.effects[0]!;
	assert.ok(put.type === 'perform');
	const done = update(applied.state, {type: 'performed', req: put.req, intent: put.intent, result: {ok: true, message: 'edited'}}, withEnv);
	assert.deepEqual(done.state.stack.map((v) => v.type), ['table']);
	const dropped = run(refused.state, keys(ESC), withEnv);
	assert.equal(dropped.state.stack.at(-1)!.type, 'table', 'esc drops the edit');
	assert.deepEqual(dropped.effects, []);
});

test('a conflict found by the dry run opens the same conflict pager', () => {
	const plan: EditPlan = {type: 'conflict', target: {kind: 'Deployment', namespace: 'shop', name: 'web'}, diff: ['--- a', '+++ b', '+  replicas: 5'], message: 'changed meanwhile', restart: {readAt: object(2, '41'), saved: object(3, '41')}};
	const step = answer(state('deployments'), plan);
	const top = step.state.stack.at(-1)!;
	assert.ok(top.type === 'pager' && top.edit?.phase === 'conflict' && top.edit.restart?.saved === plan.restart.saved);
});

test('cancelled and failed edits are one line each', () => {
	const cancelled = answer(state('deployments'), {type: 'cancelled', message: 'edit of deployment shop/web cancelled: nothing was changed; nothing was sent'});
	assert.deepEqual([cancelled.state.message?.level, cancelled.state.stack.length], ['info', 1]);
	const failed = answer(state('deployments'), {type: 'failed', message: 'edit: the editor did not start'});
	assert.equal(failed.state.message?.level, 'error');
});

test('read-only: e goes to the gate at once (its refusal is the answer); no editor opens', () => {
	const step = run(state('deployments'), keys('e'), env({rows: {deployments: [web]}, readonly: true}));
	assert.equal(step.effects.length, 1);
	const effect = step.effects[0]!;
	assert.ok(effect.type === 'perform' && effect.intent.verb === 'edit' && effect.intent.confirmed !== true && effect.intent.object === undefined);
});
