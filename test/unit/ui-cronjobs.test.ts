// CronJobs in the controller, pure: s suspends or resumes (the question says which, from the
// row's SUSPEND column), read-only goes straight to the gate's refusal, and after t the jobs
// pane opens with the new Job selected as soon as its row arrives.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {DiscoveredResource} from '../../source/kube/discovery-documents.js';
import {catalogOf} from '../../source/ui/genericCommands.js';
import {withGenericPanes} from '../../source/ui/panes/genericPanes.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import type {TableRow} from '../../source/model/table.js';
import {top, type TableView, type UiState} from '../../source/ui/state.js';
import type {Env} from '../../source/ui/messages.js';
import type {Intent} from '../../source/actions/gate.js';
import {env, keys, row, run, state} from './ui-harness.js';

const all = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const served = (plural: string, kind: string): DiscoveredResource => ({group: 'batch', version: 'v1', plural, singular: kind.toLowerCase(), kind, scope: 'Namespaced', shortNames: [], categories: [], verbs: all});
const discovered = [served('cronjobs', 'CronJob'), served('jobs', 'Job')];
const cronColumns = [
	{name: 'Name', type: 'string', format: 'name', description: '', priority: 0},
	{name: 'Schedule', type: 'string', format: '', description: '', priority: 0},
	{name: 'Suspend', type: 'boolean', format: '', description: '', priority: 0},
];

const tableRow = (name: string, cells: string[], extra: Record<string, unknown> = {}) => ({...row(name, extra), kind: 'TableRow', cells, owners: [], deleting: false}) as TableRow;

function cronEnv(rows: Record<string, TableRow[]>, options: {readonly?: boolean} = {}): Env {
	const panes = withGenericPanes(defaultPanes(), {
		discoveredResource: (name) => discovered.find((d) => `${d.plural}.${d.group}` === name),
		tableColumns: (name) => (name === 'cronjobs.batch' ? cronColumns : []),
	});
	return {...env({panes, rows, ...options}), kinds: () => catalogOf(discovered)};
}

test('s on a running CronJob asks to suspend it; on a suspended one, to resume it; yes sends that value through the gate', () => {
	const cases: Array<[string, boolean, RegExp]> = [
		['False', true, /^Suspend cronjob default\/nightly\?/],
		['True', false, /^Resume cronjob default\/nightly\?/],
	];
	for (const [cell, suspend, question] of cases) {
		const withEnv = cronEnv({'cronjobs.batch': [tableRow('nightly', ['nightly', '0 3 * * *', cell])]});
		const asked = run(state('cronjobs.batch'), keys('s'), withEnv);
		const overlay = asked.state.overlay;
		assert.ok(overlay?.type === 'confirm', `a question first (${cell})`);
		assert.match(overlay.question, question);
		assert.deepEqual(overlay.intent, {verb: 'suspend', kind: 'CronJob', namespace: 'default', name: 'nightly', suspend});
		const yes = run(asked.state, keys('y'), withEnv);
		assert.ok(yes.effects.some((e) => e.type === 'perform' && e.intent.verb === 'suspend' && e.intent.suspend === suspend && e.intent.confirmed === true));
		const no = run(asked.state, keys('n'), withEnv);
		assert.deepEqual(no.effects, [], 'n sends nothing');
	}
});

test('s elsewhere says why it does nothing; read-only sends the intent unconfirmed, for the gate to refuse', () => {
	const withEnv = cronEnv({'jobs.batch': [tableRow('once', ['once'])]});
	const elsewhere = run(state('jobs.batch'), keys('s'), withEnv);
	assert.equal(elsewhere.state.overlay, undefined);
	assert.deepEqual(elsewhere.effects, []);
	assert.match(elsewhere.state.message?.text ?? '', /only a CronJob can be suspended/);
	const readOnly = run(state('cronjobs.batch'), keys('s'), cronEnv({'cronjobs.batch': [tableRow('nightly', ['nightly', '0 3 * * *', 'False'])]}, {readonly: true}));
	assert.equal(readOnly.state.overlay, undefined);
	assert.ok(readOnly.effects.length === 1 && readOnly.effects[0]!.type === 'perform' && readOnly.effects[0]!.intent.confirmed === undefined);
});

const trigger: Intent = {verb: 'trigger', kind: 'CronJob', namespace: 'default', name: 'nightly', jobName: 'nightly-manual-abc', confirmed: true};
const performed = (s: UiState, result: Parameters<typeof run>[1][number] & {type: 'performed'}) => run(s, [result]);

test('after t, the jobs pane opens with the new Job selected once its row arrives (the selection follows its uid)', () => {
	const cron = state('cronjobs.batch');
	const done = performed(cron, {type: 'performed', req: 1, intent: trigger, result: {ok: true, message: 'job.batch/nightly-manual-abc created from cronjob.batch/nightly', details: {job: 'nightly-manual-abc', uid: 'uid-new'}}});
	const view = top(done.state) as TableView;
	assert.deepEqual([view.pane, view.selectedUid, done.state.stack.length], ['jobs.batch', 'uid-new', 2]);
	assert.match(done.state.message?.text ?? '', /created from cronjob/);
	// Before the watch delivers it, the cursor sits where it can; when the row comes, it is selected.
	const older = [tableRow('a-old', ['a-old']), tableRow('b-old', ['b-old'])];
	const before = cronEnv({'jobs.batch': older}).visible(done.state);
	assert.equal(before.selected?.name, 'a-old');
	const arrived = cronEnv({'jobs.batch': [...older, tableRow('nightly-manual-abc', ['nightly-manual-abc'], {uid: 'uid-new'})]}).visible(done.state);
	assert.equal(arrived.selected?.name, 'nightly-manual-abc');
	// Esc goes back to the CronJobs.
	assert.equal((top(run(done.state, keys('\u001B'), cronEnv({})).state) as TableView).pane, 'cronjobs.batch');
});

test('a failed or dry-run trigger, or one answered after the user left the CronJobs, opens nothing', () => {
	const cron = state('cronjobs.batch');
	const failed = performed(cron, {type: 'performed', req: 1, intent: trigger, result: {ok: false, message: 'cannot trigger', reason: 'Forbidden', code: 403}});
	assert.equal(failed.state.stack.length, 1);
	assert.equal(failed.state.message?.level, 'error');
	const dry = performed(cron, {type: 'performed', req: 1, intent: {...trigger, dryRun: true}, result: {ok: true, message: 'x (server dry run)', details: {uid: 'u'}}});
	assert.equal(dry.state.stack.length, 1);
	const moved = performed(state('pods'), {type: 'performed', req: 1, intent: trigger, result: {ok: true, message: 'created', details: {uid: 'u'}}});
	assert.equal((top(moved.state) as TableView).pane, 'pods');
});
