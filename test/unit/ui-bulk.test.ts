// Bulk actions on marked rows in the controller, pure: one question that lists them, yes sends
// one confirmed intent per object (each with its own request, so each meets the gate and the audit
// log alone), the answers are summed up in one line, the failed ones stay marked; read-only sends
// each to the gate's refusal; without marks the single-row flows are exactly as before.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ActionResult} from '../../source/actions/gate.js';
import type {Effect, Msg} from '../../source/ui/messages.js';
import type {UiState} from '../../source/ui/state.js';
import {currentMarks} from '../../source/ui/marks.js';
import {bulkSummary, listNames} from '../../source/ui/bulk.js';
import {ENTER, ctrl, env, keys, row, run, state} from './ui-harness.js';

const pods = ['web-1', 'web-2', 'web-3', 'web-4', 'web-5'].map((name) => row(name, {labels: {app: 'web'}}));
const performs = (effects: readonly Effect[]) => effects.filter((e): e is Extract<Effect, {type: 'perform'}> => e.type === 'perform');
const ok = (message: string): ActionResult => ({ok: true, message});
const notFound = (name: string): ActionResult => ({ok: false, reason: 'NotFound', code: 404, message: `cannot delete pod default/${name}: pods "${name}" not found`});
const answers = (sent: ReadonlyArray<Extract<Effect, {type: 'perform'}>>, result: (name: string) => ActionResult): Msg[] =>
	sent.map((e) => ({type: 'performed', req: e.req, intent: e.intent, result: result(e.intent.name)}));

test('ctrl-d with 5 marked pods: one question naming them; yes sends 5 confirmed deletes with their own requests; the answers sum up', () => {
	const e = env({rows: {pods}});
	const asked = run(state('pods'), keys(' ', ' ', ' ', ' ', ' ', ctrl('d')), e);
	const overlay = asked.state.overlay;
	assert.ok(overlay?.type === 'confirm' && overlay.bulk, 'a bulk question');
	assert.equal(overlay.question, 'Delete 5 pods in default?');
	assert.deepEqual(overlay.bulk.items.map((i) => i.name), ['web-1', 'web-2', 'web-3', 'web-4', 'web-5']);
	assert.deepEqual(asked.effects, [], 'nothing is sent before yes');
	const yes = run(asked.state, keys('f', 'y'), e);
	const sent = performs(yes.effects);
	assert.deepEqual(sent.map((p) => p.intent), pods.map((p) => ({verb: 'delete', kind: 'Pod', namespace: 'default', name: p.name, force: true, confirmed: true})), 'the force toggle applies to each');
	assert.equal(new Set(sent.map((p) => p.req)).size, 5, 'one request each');
	assert.equal(yes.state.message?.text, 'deleting 5 pods in default…');
	const partway = run(yes.state, answers(sent.slice(0, 2), (n) => ok(`pod "${n}" deleted`)), e);
	assert.equal(partway.state.message?.text, 'deleted 2 of 5 so far…');
	const done = run(partway.state, answers(sent.slice(2), (n) => (n === 'web-4' ? notFound(n) : ok(`pod "${n}" deleted`))), e);
	assert.equal(done.state.message?.text, 'deleted 4 of 5: web-4 not found');
	assert.equal(done.state.message?.level, 'error');
	assert.equal(done.state.bulk, undefined);
	assert.deepEqual(currentMarks(done.state)?.uids, ['uid-web-4'], 'the one not changed stays marked');
});

test('nothing is applied twice: y y in one read sends each delete once, a repeated answer is not counted again', () => {
	const e = env({rows: {pods}});
	const asked = run(state('pods'), keys(' ', ' ', ctrl('d')), e);
	const yes = run(asked.state, keys('yy'), e);
	const sent = performs(yes.effects);
	assert.equal(sent.length, 2);
	const first = answers(sent.slice(0, 1), (n) => ok(`pod "${n}" deleted`));
	const twice = run(yes.state, [...first, ...first], e);
	assert.equal(twice.state.message?.text, 'deleted 1 of 2 so far…');
	assert.ok(twice.state.bulk);
	const another = run(twice.state, keys(ctrl('d')), e);
	assert.equal(another.state.overlay, undefined, 'no second bulk action while one is answering');
	assert.match(another.state.message?.text ?? '', /still running \(1 of 2 answered\)/);
});

test('no, Esc or Enter on the bulk question sends nothing and keeps the marks', () => {
	const e = env({rows: {pods}});
	const asked = run(state('pods'), keys(' ', ' ', ctrl('d')), e);
	for (const answer of ['n', ENTER]) {
		const step = run(asked.state, keys(answer), e);
		assert.equal(performs(step.effects).length, 0, answer);
		assert.equal(currentMarks(step.state)?.uids.length, 2, answer);
	}
});

test(':label on 2 marked deployments: one question with the edits, one label intent each', () => {
	const deployments = [row('web', {labels: {app: 'web'}}), row('api', {labels: {app: 'api'}}), row('db')];
	const e = env({rows: {deployments}});
	const asked = run(state('deployments'), keys(' ', ' ', ':', 'label team=sre old-', ENTER), e);
	const overlay = asked.state.overlay;
	assert.ok(overlay?.type === 'confirm' && overlay.bulk);
	assert.equal(overlay.question, 'Label 2 deployments in default: -old +team=sre?');
	const sent = performs(run(asked.state, keys('y'), e).effects);
	assert.deepEqual(sent.map((p) => [p.intent.verb, p.intent.kind, p.intent.name, p.intent.confirmed]), [['label', 'Deployment', 'web', true], ['label', 'Deployment', 'api', true]]);
	assert.ok(sent.every((p) => p.intent.verb === 'label' && p.intent.edits.remove[0] === 'old'), 'the gate plans each against the server (a missing label is its answer)');
	const annotate = run(state('deployments'), keys(' ', ' ', ctrl('t')), e);
	assert.ok(annotate.state.overlay?.type === 'prompt', 'ctrl-t opens the same prompt');
});

test('c and u on 2 marked nodes: one question each, one cordon / uncordon intent per node', () => {
	const nodes = [row('node-a', {namespace: undefined}), row('node-b', {namespace: undefined}), row('node-c', {namespace: undefined})];
	const e = env({rows: {nodes}});
	const cordon = run(state('nodes'), keys(' ', ' ', 'c'), e);
	assert.ok(cordon.state.overlay?.type === 'confirm' && cordon.state.overlay.bulk);
	assert.equal(cordon.state.overlay.question, 'Cordon 2 nodes? No new pods will be scheduled on them.');
	assert.deepEqual(performs(run(cordon.state, keys('y'), e).effects).map((p) => p.intent), [
		{verb: 'cordon', kind: 'Node', name: 'node-a', confirmed: true},
		{verb: 'cordon', kind: 'Node', name: 'node-b', confirmed: true},
	]);
	const uncordon = run(state('nodes'), keys(' ', ' ', 'u', 'y'), e);
	assert.deepEqual(performs(uncordon.effects).map((p) => `${p.intent.verb} ${p.intent.name}`), ['uncordon node-a', 'uncordon node-b']);
});

test('ctrl-k with 2 marked pods: one question, one kill (grace period 0) each', () => {
	const e = env({rows: {pods}});
	const asked = run(state('pods'), keys(' ', ' ', ctrl('k')), e);
	assert.ok(asked.state.overlay?.type === 'confirm' && asked.state.overlay.bulk);
	assert.equal(asked.state.overlay.question, 'Kill 2 pods in default now (grace period 0)?');
	assert.deepEqual(performs(run(asked.state, keys('y'), e).effects).map((p) => p.intent), [
		{verb: 'kill', kind: 'Pod', namespace: 'default', name: 'web-1', confirmed: true},
		{verb: 'kill', kind: 'Pod', namespace: 'default', name: 'web-2', confirmed: true},
	]);
});

test('read-only: every marked object goes to the gate unconfirmed (no question), and its refusal is the answer', () => {
	const e = env({rows: {pods}, readonly: true});
	const step = run(state('pods'), keys(' ', ' ', ' ', ctrl('d')), e);
	assert.equal(step.state.overlay, undefined);
	const sent = performs(step.effects);
	assert.equal(sent.length, 3);
	assert.ok(sent.every((p) => p.intent.confirmed !== true));
	const refusal: ActionResult = {ok: false, reason: 'ReadOnly', code: 0, message: 'read-only mode: delete is disabled (started with --readonly)'};
	const done = run(step.state, answers(sent, () => refusal), e);
	assert.equal(done.state.message?.text, 'deleted 0 of 3: read-only mode: delete is disabled (started with --readonly)');
});

test('without marks the single-row flows are unchanged: ctrl-d asks about the selected pod alone', () => {
	const e = env({rows: {pods}});
	const asked = run(state('pods'), keys('j', ctrl('d')), e);
	const overlay = asked.state.overlay;
	assert.ok(overlay?.type === 'confirm');
	assert.equal(overlay.bulk, undefined);
	assert.equal(overlay.question, 'Delete pod default/web-2?');
	const yes = run(asked.state, keys('y'), e);
	assert.deepEqual(performs(yes.effects).map((p) => p.intent), [{verb: 'delete', kind: 'Pod', namespace: 'default', name: 'web-2', confirmed: true}]);
	const answered = run(yes.state, answers(performs(yes.effects), (n) => ok(`pod "${n}" deleted`)), e);
	assert.equal(answered.state.message?.text, 'pod "web-2" deleted');
});

test('pods of several namespaces are listed as namespace/name; the summary and the list words', () => {
	const spread = [row('a', {namespace: 'one'}), row('b', {namespace: 'two'})];
	const e = env({rows: {pods: spread}});
	const asked = run({...state('pods'), namespace: undefined} as UiState, keys(' ', ' ', ctrl('d')), e);
	assert.ok(asked.state.overlay?.type === 'confirm' && asked.state.overlay.bulk);
	assert.equal(asked.state.overlay.question, 'Delete 2 pods?');
	assert.deepEqual(asked.state.overlay.bulk.items.map((i) => i.name), ['one/a', 'two/b']);
	assert.equal(listNames(['a', 'b', 'c', 'd'], 2), 'a, b and 2 more');
	assert.equal(listNames(['a', 'b']), 'a and b');
	const conflict: ActionResult = {ok: false, reason: 'Conflict', code: 409, message: 'x'};
	assert.equal(bulkSummary('labelled', [{name: 'a'}, {name: 'b'}], [ok('a'), conflict]), 'labelled 1 of 2: b changed meanwhile (conflict)');
	assert.equal(bulkSummary('cordoned', [{name: 'a'}], [ok('a')]), 'cordoned 1 of 1');
	const forbidden: ActionResult = {ok: false, reason: 'Forbidden', code: 403, message: 'forbidden: RBAC says no'};
	assert.equal(bulkSummary('deleted', [{name: 'a'}, {name: 'b'}, {name: 'c'}], [ok('a'), forbidden, forbidden]), 'deleted 1 of 3: forbidden: RBAC says no (b and c)');
});
