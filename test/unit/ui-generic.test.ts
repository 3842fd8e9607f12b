// Generic panes in the controller, pure: ':' words resolved over discovery, the one re-discovery
// an unknown word triggers, Enter by owner references, delete only where the server offers it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {DiscoveredResource} from '../../source/kube/discovery-documents.js';
import {completeCommand, parseCommand} from '../../source/ui/commands.js';
import {catalogOf} from '../../source/ui/genericCommands.js';
import {genericEnter, operatorJobLabels, withGenericPanes} from '../../source/ui/panes/genericPanes.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import {genericVerbFits} from '../../source/actions/genericTarget.js';
import type {TableRow} from '../../source/model/table.js';
import {tableView, top, type TableView} from '../../source/ui/state.js';
import {createVisible} from '../../source/ui/visible.js';
import {FakeSession} from '../views/fakes.js';
import {ENTER, ctrl, env, keys, row, run, state} from './ui-harness.js';
import type {Env} from '../../source/ui/messages.js';

const all = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
function served(group: string, plural: string, kind: string, extra: Partial<DiscoveredResource> = {}): DiscoveredResource {
	return {group, version: 'v1', plural, singular: kind.toLowerCase(), kind, scope: 'Namespaced', shortNames: [], categories: [], verbs: all, ...extra};
}

const discovered: DiscoveredResource[] = [
	served('', 'pods', 'Pod', {shortNames: ['po'], categories: ['all']}),
	served('apps', 'deployments', 'Deployment', {shortNames: ['deploy'], categories: ['all']}),
	served('apps', 'statefulsets', 'StatefulSet', {shortNames: ['sts'], categories: ['all']}),
	served('batch', 'cronjobs', 'CronJob', {shortNames: ['cj'], categories: ['all']}),
	served('batch', 'jobs', 'Job', {categories: ['all']}),
	served('', 'persistentvolumeclaims', 'PersistentVolumeClaim', {shortNames: ['pvc']}),
	served('apiextensions.k8s.io', 'customresourcedefinitions', 'CustomResourceDefinition', {shortNames: ['crd', 'crds'], scope: 'Cluster'}),
	served('kubeflow.org', 'pytorchjobs', 'PyTorchJob', {categories: ['kubeflow']}),
	served('kueue.x-k8s.io', 'workloads', 'Workload'),
	served('kueue.x-k8s.io', 'clusterqueues', 'ClusterQueue', {scope: 'Cluster', verbs: ['get', 'list', 'watch']}),
	served('other.example.com', 'workloads', 'Workload'),
];
const catalog = catalogOf(discovered);

test('":" words over discovery: built-in words keep their panes, every other served kind opens its generic pane', () => {
	const cases: Array<[string, unknown]> = [
		['deploy', {type: 'pane', pane: 'deployments'}],
		['sts', {type: 'pane', pane: 'statefulsets.apps'}],
		['statefulset', {type: 'pane', pane: 'statefulsets.apps'}],
		['StatefulSet', {type: 'pane', pane: 'statefulsets.apps'}],
		['cj', {type: 'pane', pane: 'cronjobs.batch'}],
		['pvc', {type: 'pane', pane: 'persistentvolumeclaims.'}],
		['crd', {type: 'pane', pane: 'customresourcedefinitions.apiextensions.k8s.io'}],
		['pytorchjobs', {type: 'pane', pane: 'pytorchjobs.kubeflow.org'}],
		['clusterqueues', {type: 'pane', pane: 'clusterqueues.kueue.x-k8s.io'}],
		// Two groups serve 'workloads': the bare word picks one, 'plural.group' the other.
		['workloads.other.example.com', {type: 'pane', pane: 'workloads.other.example.com'}],
		['nothing-like-it', {type: 'rediscover', text: 'nothing-like-it'}],
	];
	for (const [word, command] of cases) assert.deepEqual(parseCommand(word, {catalog, rediscover: true}), {ok: true, command}, word);
	assert.deepEqual(parseCommand('sts payments', {catalog, rediscover: true}), {ok: true, command: {type: 'pane', pane: 'statefulsets.apps', scope: {namespace: 'payments'}}});
	assert.equal(parseCommand('nothing-like-it', {catalog, rediscover: false}).ok, false, 'after the re-discovery an unknown word is unknown');
	assert.equal(parseCommand('sts').ok, false, 'without discovery only the built-in words exist');
	const kinds = parseCommand('all', {catalog, rediscover: true});
	assert.ok(kinds.ok && kinds.command.type === 'kinds' && kinds.command.lines.some((line) => line.startsWith('statefulsets ')), ':all lists its kinds, opening none');
});

test('Tab completes discovered words', () => {
	assert.deepEqual(completeCommand('pytorch', catalog), {text: 'pytorchjob', candidates: ['pytorchjobs', 'pytorchjob', 'pytorchjobs.kubeflow.org']});
	assert.equal(completeCommand('clusterq', catalog).text, 'clusterqueue');
	assert.deepEqual(completeCommand('pytorch').candidates, [], 'built-in words only without discovery');
});

test('Enter on a generic row follows owner references', () => {
	const r = {uid: 'u1', name: 'web', namespace: 'ns', kind: 'TableRow', cells: [], owners: [], deleting: false, severity: 'ok'} as TableRow;
	const byKind = (kind: string) => discovered.find((d) => d.kind === kind)!;
	assert.deepEqual(genericEnter(byKind('StatefulSet'))?.(r), {type: 'drill', target: {pane: 'pods', ownerUid: 'u1', detail: 'statefulset/web'}});
	assert.deepEqual(genericEnter(byKind('CronJob'))?.(r), {type: 'drill', target: {pane: 'jobs.batch', ownerUid: 'u1', detail: 'cronjob/web'}});
	assert.deepEqual(genericEnter(byKind('PyTorchJob'))?.(r), {type: 'drill', target: {pane: 'pods', ownerUid: 'u1', ownerLabels: {keys: operatorJobLabels, name: 'web'}, detail: 'pytorchjob/web'}});
	const crd = {...r, name: 'pytorchjobs.kubeflow.org'};
	assert.deepEqual(genericEnter(byKind('CustomResourceDefinition'))?.(crd), {type: 'drill', target: {pane: 'pytorchjobs.kubeflow.org', detail: 'crd/pytorchjobs.kubeflow.org'}});
	assert.equal(genericEnter(byKind('PersistentVolumeClaim')), undefined, 'a claim owns no pods: Enter does nothing');
});

test('delete fits a generic kind only where discovery offers it', () => {
	assert.equal(genericVerbFits('delete', {verbs: all}), true);
	assert.equal(genericVerbFits('delete', {verbs: ['get', 'list', 'watch']}), false);
	assert.equal(genericVerbFits('scale', {verbs: all}), false);
});

function genericEnv(found: DiscoveredResource[], rows: Record<string, TableRow[]> = {}): Env {
	const panes = withGenericPanes(defaultPanes(), {discoveredResource: (name) => found.find((d) => `${d.plural}.${d.group}` === name), tableColumns: () => []});
	return {...env({panes, rows}), kinds: () => catalogOf(found)};
}

test('an unknown word asks discovery once more; the answer opens the pane or says unknown', () => {
	const found = [...discovered];
	const withEnv = genericEnv(found);
	const asked = run(state('pods'), keys(':', 'gizmos', ENTER), withEnv);
	assert.equal(asked.effects.length, 1);
	const effect = asked.effects[0]!;
	assert.ok(effect.type === 'rediscover' && effect.text === 'gizmos');
	// Discovery answers with a new list (the catalog is built once per answer).
	const later = [...found, served('example.com', 'gizmos', 'Gizmo')];
	const opened = run(asked.state, [{type: 'rediscovered', req: effect.req, text: 'gizmos'}], genericEnv(later));
	assert.equal((top(opened.state) as TableView).pane, 'gizmos.example.com');
	const missing = run(asked.state, [{type: 'rediscovered', req: effect.req, text: 'gizmos'}], withEnv);
	assert.equal(missing.state.message?.level, 'error');
	assert.match(missing.state.message!.text, /unknown command: gizmos/);
});

test('ctrl-d on a generic row: asks with the resource in the intent; refused where the server offers no delete', () => {
	const tableRow = {...row('q1'), kind: 'TableRow', cells: [], owners: [], deleting: false} as TableRow;
	const withEnv = genericEnv(discovered, {'workloads.kueue.x-k8s.io': [tableRow], 'clusterqueues.kueue.x-k8s.io': [{...tableRow, namespace: undefined} as TableRow]});
	const asked = run(state('workloads.kueue.x-k8s.io'), keys(ctrl('d')), withEnv);
	const overlay = asked.state.overlay;
	assert.ok(overlay?.type === 'confirm');
	assert.deepEqual(overlay.intent, {verb: 'delete', kind: 'Workload', namespace: 'default', name: 'q1', resource: {kind: 'Workload', group: 'kueue.x-k8s.io', version: 'v1', plural: 'workloads', scope: 'Namespaced', verbs: all}});
	const refused = run(state('clusterqueues.kueue.x-k8s.io'), keys(ctrl('d')), withEnv);
	assert.equal(refused.state.overlay, undefined);
	assert.match(refused.state.message?.text ?? '', /server does not offer delete/);
});

test('? lists the kinds discovery added, with the word that opens each', () => {
	const shown = run(state('pods'), keys('?'), genericEnv(discovered));
	const view = top(shown.state);
	assert.ok(view.type === 'pager');
	const at = view.lines.indexOf('[kinds the server serves (: to open)]');
	assert.ok(at > 0, 'a section after the key bindings');
	assert.ok(view.lines.slice(at).some((line) => /^ {2}statefulsets, sts +StatefulSet$/.test(line)), view.lines.slice(at).join('\n'));
	assert.ok(!view.lines.slice(at).some((line) => /Deployment/.test(line)), 'built-in kinds are not repeated there');
});

test('Enter on a CRD discovery does not know yet asks discovery again, then opens its objects', () => {
	const crdRow = {...row('sprockets.wire.example.com'), namespace: undefined, kind: 'TableRow', cells: [], owners: [], deleting: false} as unknown as TableRow;
	const withEnv = genericEnv(discovered, {'customresourcedefinitions.apiextensions.k8s.io': [crdRow]});
	const asked = run(state('customresourcedefinitions.apiextensions.k8s.io'), keys(ENTER), withEnv);
	const effect = asked.effects[0];
	assert.ok(effect?.type === 'rediscover' && effect.text === 'sprockets.wire.example.com');
	const later = [...discovered, served('wire.example.com', 'sprockets', 'Sprocket')];
	const opened = run(asked.state, [{type: 'rediscovered', req: effect.req, text: effect.text}], genericEnv(later));
	assert.equal((top(opened.state) as TableView).pane, 'sprockets.wire.example.com');
});

test('an owner drill-down keeps the rows owned by the uid, or labelled with the owner name by an operator', () => {
	const session = new FakeSession(undefined);
	session.setRows('pods', [
		row('owned', {owners: [{kind: 'PyTorchJob', name: 'resnet', uid: 'job-uid', controller: true}]}),
		row('labelled', {owners: [], labels: {'training.kubeflow.org/job-name': 'resnet'}}),
		row('other-job', {owners: [], labels: {'training.kubeflow.org/job-name': 'llama'}}),
		row('unrelated', {owners: [{kind: 'ReplicaSet', name: 'web', uid: 'rs-uid'}]}),
	]);
	const visible = createVisible(session, defaultPanes(), () => ({}));
	const drilled = state('pods', {stack: [tableView('pods', {ownerUid: 'job-uid', ownerLabels: {keys: operatorJobLabels, name: 'resnet'}})]});
	assert.deepEqual(visible(drilled, 0).rows.map((r) => r.name).sort(), ['labelled', 'owned']);
	const byUidOnly = state('pods', {stack: [tableView('pods', {ownerUid: 'job-uid'})]});
	assert.deepEqual(visible(byUidOnly, 0).rows.map((r) => r.name), ['owned']);
});

test('t on a CronJob asks to run it now (a Job named as kubectl does); on any other discovered kind t does nothing', () => {
	const tableRow = {...row('nightly'), kind: 'TableRow', cells: [], owners: [], deleting: false} as TableRow;
	const withEnv = genericEnv(discovered, {'cronjobs.batch': [tableRow], 'jobs.batch': [{...tableRow, name: 'once'} as TableRow]});
	const asked = run(state('cronjobs.batch'), keys('t'), withEnv);
	const overlay = asked.state.overlay;
	assert.ok(overlay?.type === 'confirm', 'a question first');
	assert.ok(overlay.intent.verb === 'trigger' && overlay.intent.kind === 'CronJob' && overlay.intent.name === 'nightly' && overlay.intent.namespace === 'default');
	assert.match(overlay.intent.jobName, /^nightly-manual-[a-z0-9]+$/);
	const yes = run(asked.state, keys('y'), withEnv);
	assert.ok(yes.effects.some((e) => e.type === 'perform' && e.intent.verb === 'trigger' && e.intent.confirmed === true), 'yes performs the confirmed trigger');
	const elsewhere = run(state('jobs.batch'), keys('t'), withEnv);
	assert.equal(elsewhere.state.overlay, undefined);
	assert.deepEqual(elsewhere.effects, []);
});
