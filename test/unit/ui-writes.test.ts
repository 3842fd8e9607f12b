// Set image, rollout history and undo as pure controller steps: which key opens what, that a
// bad image is refused before any request, that the server's dry run comes before the question,
// and that yes sends the intent and the rollout is followed after.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ENTER, ESC, BACKSPACE, ctrl, env, keys, row, run, state} from './ui-harness.js';
import type {Msg} from '../../source/ui/messages.js';
import {askTrigger} from '../../source/ui/writeSteps.js';
import {checkJobName, manualJobName} from '../../source/actions/triggerCronJob.js';

const web = row('web', {selector: 'app=web', desired: 3, containers: ['app'], images: ['nginx:1.25']});
const duo = row('duo', {selector: 'app=duo', desired: 1, containers: ['app', 'sidecar'], images: ['shop/app:2.0', 'envoy:1.29']});
const owners = [{kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true}];
const podTemplate = (image: string, hash: string) => ({metadata: {labels: {app: 'web', 'pod-template-hash': hash}}, spec: {containers: [{name: 'app', image}]}});
const rev = (n: number, image: string) =>
	row(`web-h${n}`, {revision: n, images: [image], containers: ['app'], owners, desired: 0, ready: 0, changeCause: `deploy ${image}`, template: podTemplate(image, `h${n}`)});
const history = [rev(3, 'nginx:1.25'), rev(2, 'nginx:1.24'), rev(1, 'nginx:1.23')];
const rows = {deployments: [web], history};

const typed = (text: string) => Array.from(text);

test('i opens the image prompt prefilled with the current image; Enter asks the server for a dry run, its yes opens the question, y applies and the rollout is followed', () => {
	const e = env({rows});
	const opened = run(state('deployments'), keys('i'), e);
	assert.deepEqual(opened.effects, [], 'nothing is sent on opening');
	assert.deepEqual(opened.state.overlay, {type: 'image', prompt: {target: {kind: 'Deployment', namespace: 'default', name: 'web'}, container: 'app', from: 'nginx:1.25', value: 'nginx:1.25'}});
	const edited = run(opened.state, keys(BACKSPACE, ...typed('6')), e).state;
	assert.equal(edited.overlay?.type === 'image' && edited.overlay.prompt.value, 'nginx:1.26');
	const dry = run(edited, keys(ENTER), e);
	const dryIntent = {verb: 'setImage', kind: 'Deployment', namespace: 'default', name: 'web', container: 'app', image: 'nginx:1.26', dryRun: true} as const;
	assert.deepEqual(dry.effects, [{type: 'perform', req: 1, intent: dryIntent}]);
	assert.equal(dry.state.overlay?.type === 'image' && dry.state.overlay.prompt.checking, 1);
	assert.deepEqual(run(dry.state, keys('x'), e).state.overlay, dry.state.overlay, 'the prompt is frozen while the dry run is out');
	const answered: Msg = {type: 'performed', req: 1, intent: dryIntent, result: {ok: true, message: 'dry run: deployment default/web would run nginx:1.26'}};
	const asked = run(dry.state, [answered], e).state;
	assert.deepEqual(asked.overlay, {
		type: 'confirm',
		question: "Set app of deployment default/web to nginx:1.26? (was nginx:1.25; the server's dry run accepted it; pods are replaced, rolling)",
		toggles: [],
		intent: {verb: 'setImage', kind: 'Deployment', namespace: 'default', name: 'web', container: 'app', image: 'nginx:1.26', from: 'nginx:1.25'},
		progress: 'setting image of deployment default/web…',
		follow: true,
	});
	const yes = run(asked, keys('y'), e);
	const realIntent = {verb: 'setImage', kind: 'Deployment', namespace: 'default', name: 'web', container: 'app', image: 'nginx:1.26', from: 'nginx:1.25', confirmed: true} as const;
	assert.deepEqual(yes.effects, [{type: 'perform', req: 2, intent: realIntent, follow: true}]);
	const done = run(yes.state, [{type: 'performed', req: 2, intent: realIntent, result: {ok: true, message: 'image set'}, follow: true}], e);
	assert.deepEqual(done.effects, [{type: 'followRollout', req: 3, namespace: 'default', name: 'web'}]);
	assert.equal(done.state.overlay?.type, 'rollout');
	assert.deepEqual(run(asked, keys('n'), e).effects, [], 'no sends nothing');
});

test('set image: a late or stale dry-run answer is ignored; a refusal by the server goes back into the prompt, with no question', () => {
	const e = env({rows});
	const dry = run(state('deployments'), [...keys('i', ctrl('u')), ...keys(...typed('nginx:1.27'), ENTER)], e).state;
	const intent = {verb: 'setImage', kind: 'Deployment', namespace: 'default', name: 'web', container: 'app', image: 'nginx:1.27', dryRun: true} as const;
	assert.deepEqual(run(dry, [{type: 'performed', req: 99, intent, result: {ok: true, message: 'x'}}], e).state.overlay, dry.overlay, 'another request\'s answer');
	const refused = run(dry, [{type: 'performed', req: 1, intent, result: {ok: false, reason: 'Invalid', code: 422, message: 'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value'}}], e);
	assert.deepEqual(refused.effects, []);
	assert.equal(refused.state.overlay?.type, 'image');
	assert.match(refused.state.overlay?.type === 'image' ? (refused.state.overlay.prompt.error ?? '') : '', /is invalid/);
	assert.equal(refused.state.overlay?.type === 'image' && refused.state.overlay.prompt.checking, undefined, 'the prompt can be edited again');
	assert.deepEqual(run(refused.state, keys(ESC), e).state.message, {text: 'set image cancelled', level: 'info'});
});

test('a bad image reference is refused in the prompt with the reason, before any request', () => {
	const e = env({rows});
	const cases: Array<[string, RegExp]> = [
		['', /an image is needed/],
		['Nginx:1.26', /"Nginx" is not a valid repository name part/],
		['nginx:1.26 latest', /no spaces/],
		['nginx:-bad', /"-bad" is not a valid tag/],
		['nginx@sha256:abc', /is not a digest/],
		['nginx:1.25', /app already runs nginx:1.25/],
	];
	for (const [input, message] of cases) {
		const step = run(state('deployments'), [...keys('i', ctrl('u')), ...keys(...typed(input), ENTER)], e);
		assert.deepEqual(step.effects, [], input);
		const error = step.state.overlay?.type === 'image' ? step.state.overlay.prompt.error : undefined;
		assert.match(error ?? '', message, input);
	}
});

test('set image on a template with several containers: pick the container first, then its image is prefilled', () => {
	const e = env({rows: {deployments: [duo]}});
	const picker = run(state('deployments'), keys('i'), e).state;
	assert.equal(picker.overlay?.type, 'picker');
	assert.deepEqual(picker.overlay?.type === 'picker' && picker.overlay.choices, [
		{label: 'app  shop/app:2.0', value: 'app'},
		{label: 'sidecar  envoy:1.29', value: 'sidecar'},
	]);
	const prompt = run(picker, keys('j', ENTER), e).state;
	assert.deepEqual(prompt.overlay, {type: 'image', prompt: {target: {kind: 'Deployment', namespace: 'default', name: 'duo'}, container: 'sidecar', from: 'envoy:1.29', value: 'envoy:1.29'}});
	const dry = run(prompt, [...keys(BACKSPACE), ...keys('8'), ...keys(ENTER)], e);
	assert.deepEqual(dry.effects, [{type: 'perform', req: 1, intent: {verb: 'setImage', kind: 'Deployment', namespace: 'default', name: 'duo', container: 'sidecar', image: 'envoy:1.28', dryRun: true}}]);
	assert.equal(run(picker, keys(ESC), e).state.overlay, undefined, 'Esc leaves the picker');
});

test('h opens the history pane: the deployment\'s ReplicaSets by its selector and uid, newest revision first', () => {
	const step = run(state('deployments'), keys('h'), env({rows}));
	assert.deepEqual(step.effects, []);
	const top = step.state.stack.at(-1)!;
	assert.equal(top.type, 'table');
	assert.deepEqual(top.type === 'table' && {pane: top.pane, labelSelector: top.labelSelector, ownerUid: top.ownerUid, detail: top.detail, sort: top.sort}, {
		pane: 'history',
		labelSelector: 'app=web',
		ownerUid: 'uid-web',
		detail: 'deploy/web',
		sort: {column: 'revision', ascending: false},
	});
	assert.equal(run(state('deployments'), keys('h'), env({rows: {deployments: [row('bare')]}})).state.message?.text, 'deployment bare has no selector; its history cannot be read');
});

test('u on a revision asks naming the revision; yes rolls the deployment back to it and follows the rollout; u on a deployment goes to the previous one', () => {
	const e = env({rows});
	const at = state('history', {stack: [{...state('history').stack[0]!, selectedIndex: 1} as never]});
	const asked = run(at, keys('u'), e).state;
	const intent = {verb: 'undo', kind: 'Deployment', namespace: 'default', name: 'web', toRevision: 2} as const;
	assert.deepEqual(asked.overlay, {
		type: 'confirm',
		question: 'Roll deployment default/web back to revision 2 (nginx:1.24)? Its pods are replaced (rolling).',
		toggles: [],
		intent,
		progress: 'rolling back deployment default/web…',
		follow: true,
	});
	const yes = run(asked, keys('y'), e);
	assert.deepEqual(yes.effects, [{type: 'perform', req: 1, intent: {...intent, confirmed: true}, follow: true}]);
	const done = run(yes.state, [{type: 'performed', req: 1, intent: {...intent, confirmed: true}, result: {ok: true, message: 'rolled back'}, follow: true}], e);
	assert.deepEqual(done.effects, [{type: 'followRollout', req: 2, namespace: 'default', name: 'web'}]);
	const skipped = run(yes.state, [{type: 'performed', req: 1, intent: {...intent, confirmed: true}, result: {ok: true, message: 'skipped rollback (current template already matches revision 2)', details: {skipped: true}}, follow: true}], e);
	assert.deepEqual(skipped.effects, [], 'nothing to follow when the server had nothing to change');
	const fromDeployment = run(state('deployments'), keys('u'), e).state;
	assert.deepEqual(fromDeployment.overlay?.type === 'confirm' && [fromDeployment.overlay.question, fromDeployment.overlay.intent], [
		'Roll deployment default/web back to its previous revision? Its pods are replaced (rolling).',
		{verb: 'undo', kind: 'Deployment', namespace: 'default', name: 'web', toRevision: 0},
	]);
	const orphan = env({rows: {history: [row('lone', {revision: 1, owners: []})]}});
	assert.equal(run(state('history'), keys('u'), orphan).state.message?.text, 'replicaset lone is not controlled by a deployment; nothing to roll back');
});

test('read-only: i and u go to the gate unconfirmed (its refusal is the answer) and open nothing; h still reads', () => {
	const e = env({rows, readonly: true});
	const image = run(state('deployments'), keys('i'), e);
	assert.equal(image.state.overlay, undefined);
	assert.deepEqual(image.effects, [{type: 'perform', req: 1, intent: {verb: 'setImage', kind: 'Deployment', namespace: 'default', name: 'web', container: 'app', image: ''}}]);
	const undo = run(state('history'), keys('u'), e);
	assert.equal(undo.state.overlay, undefined);
	assert.deepEqual(undo.effects, [{type: 'perform', req: 1, intent: {verb: 'undo', kind: 'Deployment', namespace: 'default', name: 'web', toRevision: 3}}]);
	assert.equal(run(state('deployments'), keys('h'), e).state.stack.at(-1)?.type, 'table');
	assert.equal(run(state('deployments'), keys('h'), e).state.stack.length, 2);
});

test('history diff: = compares with the previous revision; m marks one to compare with instead (m again unmarks); the diff opens in a pager', () => {
	const e = env({rows});
	const at = (index: number, extra = {}) => state('history', {stack: [{...state('history').stack[0]!, detail: 'deploy/web', selectedIndex: index, ...extra} as never]});
	const previous = run(at(0), keys('='), e).state.stack.at(-1)!;
	assert.deepEqual(previous.type === 'pager' && [previous.title, previous.diff, previous.lines], [
		'deploy/web: pod template, revision 2 → 3',
		true,
		['--- revision 2', '+++ revision 3', '@@ -4,4 +4,4 @@', ' spec:', '   containers:', '     - name: app', '-      image: nginx:1.24', '+      image: nginx:1.25'],
	]);
	const marked = run(at(2), keys('m'), e).state;
	const markedView = marked.stack.at(-1) as {compareWith?: unknown; detail?: string};
	assert.deepEqual([markedView.compareWith, markedView.detail], [{uid: 'uid-web-h1', revision: 1, detail: 'deploy/web'}, 'deploy/web, revision 1 marked']);
	assert.equal(marked.message?.text, 'revision 1 marked: = on another revision shows what changed between them');
	const moved = run(marked, keys('k', 'k'), e).state;
	const vsMarked = run(moved, keys('='), e).state.stack.at(-1)!;
	assert.equal(vsMarked.type === 'pager' && vsMarked.title, 'deploy/web: pod template, revision 1 → 3');
	assert.ok(vsMarked.type === 'pager' && vsMarked.lines.includes('-      image: nginx:1.23'));
	assert.equal(run(marked, keys('='), e).state.message?.text, 'revision 1 is the marked one; select another to compare');
	const unmarked = run(marked, keys('m'), e).state;
	assert.deepEqual([(unmarked.stack.at(-1) as {compareWith?: unknown}).compareWith, (unmarked.stack.at(-1) as {detail?: string}).detail], [undefined, 'deploy/web']);
	const remarked = run(run(marked, keys('k'), e).state, keys('m'), e).state.stack.at(-1) as {compareWith?: unknown; detail?: string};
	assert.deepEqual([remarked.compareWith, remarked.detail], [{uid: 'uid-web-h2', revision: 2, detail: 'deploy/web'}, 'deploy/web, revision 2 marked'], 'marking another moves the mark');
	assert.equal(run(at(2), keys('='), e).state.message?.text, 'revision 1 is the oldest; mark another with m');
	assert.equal(run(state('deployments'), keys('='), e).state.stack.length, 1, '= means nothing outside the history');
});

test('trigger (exported step, bound by the pane that lists CronJobs): a question naming the new Job, yes sends the verb; read-only goes to the gate', () => {
	const cron = row('nightly-report', {});
	const at = Date.UTC(2026, 11, 5, 6, 0, 0);
	const e = {...env(), now: at};
	const asked = askTrigger(state(), e, cron).state;
	const jobName = manualJobName('nightly-report', new Date(at));
	assert.match(jobName, /^nightly-report-manual-[0-9a-z]{6}$/);
	assert.deepEqual(asked.overlay, {
		type: 'confirm',
		question: `Run cronjob default/nightly-report now, as job ${jobName}?`,
		toggles: [],
		intent: {verb: 'trigger', kind: 'CronJob', namespace: 'default', name: 'nightly-report', jobName},
		progress: `creating job default/${jobName}…`,
	});
	assert.deepEqual(run(asked, keys('y'), e).effects, [{type: 'perform', req: 1, intent: {verb: 'trigger', kind: 'CronJob', namespace: 'default', name: 'nightly-report', jobName, confirmed: true}}]);
	const readonly = askTrigger(state(), {...env({readonly: true}), now: at}, cron);
	assert.equal(readonly.state.overlay, undefined);
	assert.deepEqual(readonly.effects, [{type: 'perform', req: 1, intent: {verb: 'trigger', kind: 'CronJob', namespace: 'default', name: 'nightly-report', jobName}}]);
});

test('manual job names fit a label value (63) and stay valid whatever the CronJob is called', () => {
	const at = new Date(Date.UTC(2026, 11, 5));
	for (const name of ['a', 'x'.repeat(52), `${'y'.repeat(50)}-----z`, 'z'.repeat(253)]) {
		const job = manualJobName(name, at);
		assert.equal(checkJobName(job), undefined, `${name} → ${job}`);
	}
	assert.match(checkJobName('Bad_Name') ?? '', /not a valid job name/);
	assert.match(checkJobName('x'.repeat(64)) ?? '', /at most 63/);
});

test('h on a deployment outside the session\'s namespace reads its ReplicaSets cluster-wide (the history was empty)', () => {
	const history = (deployments: ReturnType<typeof row>[], at = state('deployments')) => {
		const top = run(at, keys('h'), env({rows: {deployments}})).state.stack.at(-1)!;
		return top.type === 'table' ? {pane: top.pane, allNamespaces: top.allNamespaces} : top.type;
	};
	assert.deepEqual(history([web]), {pane: 'history', allNamespaces: undefined}, 'same namespace: the session\'s store');
	const elsewhere = row('fraud', {namespace: 'payments', selector: 'app=fraud'});
	assert.deepEqual(history([elsewhere]), {pane: 'history', allNamespaces: true});
	// A jump that listed deployments of all namespaces (from :problems) while the session holds one.
	const jumped = state('deployments', {stack: [{...state('deployments').stack[0]!, allNamespaces: true} as never]});
	assert.deepEqual(history([web], jumped), {pane: 'history', allNamespaces: true});
	// Viewing all namespaces: the session's store already holds every namespace.
	assert.deepEqual(history([elsewhere], state('deployments', {namespace: undefined})), {pane: 'history', allNamespaces: undefined});
});

test(':history opens the selected deployment\'s history, :history NAME the named one in the list; elsewhere it says how', () => {
	const command = (text: string, at = state('deployments'), rowsOf = {deployments: [duo, web]}) => run(at, [...keys(':'), ...keys(...typed(text)), ...keys(ENTER)], env({rows: rowsOf})).state;
	const opened = (s: ReturnType<typeof command>) => {
		const top = s.stack.at(-1)!;
		return top.type === 'table' ? `${top.pane} ${top.detail ?? ''}` : top.type;
	};
	assert.equal(opened(command('history')), 'history deploy/duo', 'the selected (first) row');
	assert.equal(opened(command('history web')), 'history deploy/web');
	const missing = command('history nope');
	assert.equal(opened(missing), 'deployments ');
	assert.equal(missing.message?.text, ':history: no deployment nope in the list shown (:deploy lists them)');
	const onPods = command('history', state('pods'), {pods: [row('web-1')]} as never);
	assert.equal(opened(onPods), 'pods ');
	assert.equal(onPods.message?.text, ':history: select a deployment first (:deploy), or press h on its row');
	assert.equal(command('history web', state('pods'), {pods: [row('web')]} as never).message?.text, ':history: no deployment web in the list shown (:deploy lists them)');
	assert.equal(command('history a b').message?.text, 'too many arguments for :history');
});
