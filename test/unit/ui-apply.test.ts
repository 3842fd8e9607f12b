// :apply in the controller, pure: the file is read by the runner, the dry runs go through the
// gate as one batch, their answers become a diff pager and one question; conflicts get a second
// question naming each field taken over; nothing is written before the last yes.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {DiscoveredResource} from '../../source/kube/discovery-documents.js';
import type {ActionResult, Intent} from '../../source/actions/gate.js';
import {catalogOf} from '../../source/ui/genericCommands.js';
import type {Effect, Env, Msg, Step} from '../../source/ui/messages.js';
import {top, type UiState} from '../../source/ui/state.js';
import {ENTER, ESC, env, keys, run, state} from './ui-harness.js';
import {manifestChoices} from '../../source/actions/manifestDir.js';

const served = (group: string, plural: string, kind: string): DiscoveredResource => ({group, version: 'v1', plural, singular: kind.toLowerCase(), kind, scope: 'Namespaced', shortNames: [], categories: [], verbs: ['get', 'list', 'watch', 'patch']});
const withKinds: Env = {...env(), kinds: () => catalogOf([served('', 'configmaps', 'ConfigMap'), served('apps', 'deployments', 'Deployment')])};
const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: "1"}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: payments}\nspec: {replicas: 2}\n`;

function only<T extends Effect['type']>(step: Step, type: T): Extract<Effect, {type: T}> {
	assert.equal(step.effects.length, 1, JSON.stringify(step.effects));
	const effect = step.effects[0]!;
	assert.equal(effect.type, type);
	return effect as Extract<Effect, {type: T}>;
}

/** :apply m.yaml, the file read, the dry runs asked for. */
function plan(): {state: UiState; intents: Intent[]; req: number} {
	const typed = run(state('pods'), keys(':', 'apply ~/m.yaml', ENTER), withKinds);
	const read = only(typed, 'readManifest');
	assert.equal(read.file, '~/m.yaml');
	const asked = run(typed.state, [{type: 'manifestRead', req: read.req, file: read.file, result: {ok: true, value: manifest}}], withKinds);
	const batch = only(asked, 'performAll');
	assert.equal(batch.phase, 'plan');
	return {state: asked.state, intents: batch.intents, req: batch.req};
}

const ok = (verdict: string, diff: string[] = ['--- a', '+++ b', '+x: 1']): ActionResult => ({ok: true, message: verdict, details: {verdict, dryRun: true, diff}});
const answered = (s: UiState, req: number, phase: 'plan' | 'apply', results: Array<{intent: Intent; result: ActionResult}>): Step => run(s, [{type: 'performedAll', req, phase, file: '~/m.yaml', results} as Msg], withKinds);

test(':apply FILE reads the file, then dry-runs every object through the gate, placed by discovery (the session namespace by default)', () => {
	const {intents} = plan();
	assert.deepEqual(
		intents.map((i) => i.verb === 'apply' && [i.kind, i.namespace, i.name, i.resource.plural, i.dryRun, i.confirmed]),
		[['ConfigMap', 'default', 'settings', 'configmaps', true, undefined], ['Deployment', 'payments', 'web', 'deployments', true, undefined]],
	);
});

test('the dry runs answer: a diff pager and one question listing the objects; y applies them all, confirmed, without force', () => {
	const {state: s, intents, req} = plan();
	const asked = answered(s, req, 'plan', [{intent: intents[0]!, result: ok('created')}, {intent: intents[1]!, result: ok('configured')}]);
	const view = top(asked.state);
	assert.ok(view.type === 'pager' && view.diff === true && view.title === ':apply ~/m.yaml');
	assert.ok(view.lines.includes('created configmap/settings -n default') && view.lines.includes('+x: 1'), view.lines.join('\n'));
	const overlay = asked.state.overlay;
	assert.ok(overlay?.type === 'confirm');
	assert.equal(overlay.question, 'Apply ~/m.yaml: create configmap/settings -n default, configure deployment.apps/web -n payments?');
	const yes = run(asked.state, keys('y'), withKinds);
	const write = only(yes, 'performAll');
	assert.equal(write.phase, 'apply');
	assert.deepEqual(write.intents.map((i) => i.verb === 'apply' && [i.name, i.confirmed, i.dryRun, i.force]), [['settings', true, undefined, undefined], ['web', true, undefined, undefined]]);
	const no = run(asked.state, keys('n'), withKinds);
	assert.deepEqual(no.effects, [], 'n writes nothing');
	// The writes answer: the status line says what happened, the pager gets the results on top.
	const done = answered(yes.state, write.req, 'apply', [{intent: write.intents[0]!, result: {ok: true, message: 'configmap/settings created'}}, {intent: write.intents[1]!, result: {ok: true, message: 'deployment.apps/web configured'}}]);
	assert.equal(done.state.message?.text, 'applied ~/m.yaml: configmap/settings created; deployment.apps/web configured');
	const after = top(done.state);
	assert.ok(after.type === 'pager' && after.lines[0] === 'Result:');
});

test('conflicts: the first yes leads to a second question naming each field and its manager; only that yes forces, and only those objects', () => {
	const {state: s, intents, req} = plan();
	const conflict: ActionResult = {ok: false, reason: 'Incomplete', code: 0, message: 'conflict', details: {verdict: 'conflict', diff: ['-  replicas: 3', '+  replicas: 2'], conflicts: [{field: '.spec.replicas', manager: '"kubectl" with subresource "scale" using apps/v1'}]}};
	const asked = answered(s, req, 'plan', [{intent: intents[0]!, result: ok('unchanged')}, {intent: intents[1]!, result: conflict}]);
	const view = top(asked.state);
	assert.ok(view.type === 'pager' && view.lines.includes('  .spec.replicas  owned by "kubectl" with subresource "scale" using apps/v1'), view.type === 'pager' ? view.lines.join('\n') : '');
	const first = asked.state.overlay;
	assert.ok(first?.type === 'confirm' && /conflict on deployment\.apps\/web -n payments, 1 unchanged\? \(conflicts: asked next\)$/.test(first.question), first?.type === 'confirm' ? first.question : '');
	const yes = run(asked.state, keys('y'), withKinds);
	assert.deepEqual(yes.effects, [], 'nothing written yet');
	const second = yes.state.overlay;
	assert.ok(second?.type === 'confirm');
	assert.equal(second.question, 'Force: take over .spec.replicas of deployment.apps/web -n payments from "kubectl" with subresource "scale" using apps/v1? (y forces; n applies nothing)');
	const forced = only(run(yes.state, keys('y'), withKinds), 'performAll');
	assert.deepEqual(forced.intents.map((i) => i.verb === 'apply' && [i.name, i.force]), [['settings', undefined], ['web', true]]);
	assert.deepEqual(run(yes.state, keys('n'), withKinds).effects, [], 'n on the force question writes nothing');
});

test('no question when the dry run refused an object (its reason is the message) or when nothing would change', () => {
	const {state: s, intents, req} = plan();
	const refused = answered(s, req, 'plan', [{intent: intents[0]!, result: ok('created')}, {intent: intents[1]!, result: {ok: false, reason: 'ReadOnly', code: 0, message: 'read-only mode: apply is disabled (started with --readonly)'}}]);
	assert.equal(refused.state.overlay, undefined);
	assert.equal(refused.state.message?.text, 'nothing applied: read-only mode: apply is disabled (started with --readonly)');
	assert.equal(refused.state.message?.level, 'error');
	const same = answered(s, req, 'plan', [{intent: intents[0]!, result: ok('unchanged')}, {intent: intents[1]!, result: ok('unchanged')}]);
	assert.equal(same.state.overlay, undefined);
	assert.match(same.state.message?.text ?? '', /nothing to change/);
});

test('a bad file, bad YAML, a missing kind, an unknown kind: one line each, nothing sent', () => {
	const read = (result: {ok: true; value: string} | {ok: false; message: string}) => run(state('pods'), [{type: 'manifestRead', req: 1, file: 'm.yaml', result}], withKinds);
	const cases: Array<[Step, RegExp]> = [
		[read({ok: false, message: 'cannot read m.yaml: no such file'}), /^cannot read m\.yaml: no such file$/],
		[read({ok: true, value: 'a: ['}), /^m\.yaml: not valid YAML/],
		[read({ok: true, value: 'apiVersion: v1\nmetadata: {name: x}\n'}), /^m\.yaml: document 1 has no kind$/],
		[read({ok: true, value: 'apiVersion: x.io/v1\nkind: Thing\nmetadata: {name: x}\n'}), /^m\.yaml: the server serves no kind Thing in group x\.io/],
	];
	for (const [step, message] of cases) {
		assert.deepEqual(step.effects, []);
		assert.equal(step.state.message?.level, 'error');
		assert.match(step.state.message?.text ?? '', message);
	}
});

test('the diff under the question scrolls (j, space, G) and the question stays; over a table the same keys move nothing', () => {
	const {state: s, intents, req} = plan();
	const long = Array.from({length: 60}, (_, i) => `+line ${i}`);
	const asked = answered(s, req, 'plan', [{intent: intents[0]!, result: ok('created', long)}, {intent: intents[1]!, result: ok('configured')}]);
	const scrolled = run(asked.state, keys('j', ' ', 'G'), withKinds);
	const view = top(scrolled.state);
	assert.ok(view.type === 'pager' && view.offset > 10, 'scrolled down');
	assert.deepEqual(scrolled.state.overlay, asked.state.overlay, 'the question is still open');
	assert.deepEqual(scrolled.effects, []);
	const overTable = {...state('pods'), overlay: asked.state.overlay};
	assert.deepEqual(run(overTable, keys('j'), withKinds).state, overTable);
});

test(':apply alone lists the start directory; a directory answer opens the picker; Enter walks in or dry-runs the file; Esc sends nothing', () => {
	const typed = run(state('pods'), keys(':', 'apply', ENTER), withKinds);
	const read = only(typed, 'readManifest');
	assert.equal(read.file, '.', ':apply alone means the directory kubedeck started in');
	const listing = manifestChoices('/srv/deploy', [{name: 'web.yaml', isDir: false}, {name: 'base', isDir: true}, {name: 'README.md', isDir: false}]);
	const listed = run(typed.state, [{type: 'manifestRead', req: read.req, file: '.', result: {ok: true, listing}}], withKinds);
	assert.deepEqual(listed.effects, []);
	const overlay = listed.state.overlay;
	assert.ok(overlay?.type === 'files');
	assert.deepEqual(overlay.listing.choices.map((c) => c.label), ['../', 'base/', 'web.yaml']);
	assert.equal(overlay.index, 1, 'the cursor starts past ..');
	// Enter on a directory asks the runner for that directory; on a file, for the file.
	const into = only(run(listed.state, keys(ENTER), withKinds), 'readManifest');
	assert.equal(into.file, '/srv/deploy/base');
	const down = run(listed.state, keys('j'), withKinds);
	const picked = run(down.state, keys(ENTER), withKinds);
	const file = only(picked, 'readManifest');
	assert.equal(file.file, '/srv/deploy/web.yaml');
	assert.equal(picked.state.overlay, undefined, 'the picker closes while the file is read');
	const text = run(picked.state, [{type: 'manifestRead', req: file.req, file: file.file, result: {ok: true, value: manifest}}], withKinds);
	assert.equal(only(text, 'performAll').phase, 'plan', 'a picked file goes the way of :apply FILE');
	const up = only(run({...listed.state, overlay: {...overlay, index: 0}}, keys(ENTER), withKinds), 'readManifest');
	assert.equal(up.file, '/srv');
	const esc = run(listed.state, keys(ESC), withKinds);
	assert.deepEqual(esc.effects, []);
	assert.equal(esc.state.overlay, undefined);
});

test('a directory with no manifests and nowhere to walk says so in one line', () => {
	const empty = manifestChoices('/srv/empty', [{name: 'notes.txt', isDir: false}, {name: '.git', isDir: true}]);
	const step = run(state('pods'), [{type: 'manifestRead', req: 1, file: '/srv/empty', result: {ok: true, listing: empty}}], withKinds);
	assert.equal(step.state.overlay, undefined);
	assert.equal(step.state.message?.level, 'error');
	assert.equal(step.state.message?.text, '/srv/empty: no .yaml, .yml or .json files here, and no directories to look in');
});
