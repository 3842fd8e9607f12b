// :label / :annotate and ctrl-t in the controller, pure: edits checked before anything is asked,
// the question says what changes against the row's labels, yes performs one confirmed intent,
// read-only goes straight to the gate's refusal, and kinds that take no labels say so.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ENTER, ctrl, env, keys, row, run, state} from './ui-harness.js';

const web = row('web-1', {labels: {app: 'web', tier: 'front', old: 'x'}});

test(':label on a pod asks with the changes planned against its labels; yes performs the confirmed intent', () => {
	const withEnv = env({rows: {pods: [web]}});
	const asked = run(state('pods'), keys(':', 'label tier=back old- team=sre', ENTER), withEnv);
	const overlay = asked.state.overlay;
	assert.ok(overlay?.type === 'confirm', `a question: ${JSON.stringify(asked.state.message)}`);
	assert.equal(overlay.question, 'Label pod default/web-1: -old ~tier: front→back +team=sre?');
	assert.deepEqual(overlay.intent, {verb: 'label', kind: 'Pod', namespace: 'default', name: 'web-1', edits: {field: 'labels', set: [['tier', 'back'], ['team', 'sre']], remove: ['old']}});
	assert.deepEqual(asked.effects, [], 'nothing is sent before yes');
	const yes = run(asked.state, keys('y'), withEnv);
	const performs = yes.effects.filter((e) => e.type === 'perform');
	assert.equal(performs.length, 1);
	assert.ok(performs[0]!.type === 'perform' && performs[0]!.intent.confirmed === true && performs[0]!.intent.verb === 'label');
});

test('ctrl-t opens the prompt at ":label "; :annotate keeps quoted spaces', () => {
	const withEnv = env({rows: {pods: [web]}});
	const opened = run(state('pods'), keys(ctrl('t')), withEnv);
	assert.ok(opened.state.overlay?.type === 'prompt' && opened.state.overlay.prompt.value === 'label ');
	const asked = run(state('pods'), keys(':', 'annotate note="on call: sre"', ENTER), withEnv);
	const overlay = asked.state.overlay;
	assert.ok(overlay?.type === 'confirm' && overlay.intent.verb === 'label');
	assert.deepEqual(overlay.intent.edits, {field: 'annotations', set: [['note', 'on call: sre']], remove: []});
});

test('bad edits, no-ops and kinds without labels are answered in one line, with no question and no request', () => {
	const withEnv = env({rows: {pods: [web], events: [row('ev')]}});
	const cases: Array<[string, string, RegExp]> = [
		['pods', 'label tier', /:label: "tier": write tier=VALUE/],
		['pods', 'label -bad=1', /start and end with a letter or digit/],
		['pods', 'label tierr-', /there is no label "tierr" to remove/],
		['pods', 'label app=web', /already has these labels: nothing to change/],
		['events', 'label a=b', /labels do not apply to events/],
	];
	for (const [pane, typed, message] of cases) {
		const step = run(state(pane as 'pods'), keys(':', typed, ENTER), withEnv);
		assert.equal(step.state.overlay, undefined, typed);
		assert.deepEqual(step.effects, [], typed);
		assert.match(step.state.message?.text ?? '', message, typed);
	}
});

test('read-only: the intent goes to the gate at once, whose refusal is the answer', () => {
	const step = run(state('pods'), keys(':', 'label tier=back', ENTER), env({rows: {pods: [web]}, readonly: true}));
	assert.equal(step.state.overlay, undefined);
	assert.equal(step.effects.length, 1);
	assert.ok(step.effects[0]!.type === 'perform' && step.effects[0]!.intent.verb === 'label' && step.effects[0]!.intent.confirmed !== true);
});
