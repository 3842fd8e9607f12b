// Edit in $EDITOR against the simulator (and the real API server under test:real), with EDITOR
// set to a small node script the test writes: each time it is opened it records what it was
// given (the file's mode, its text), may run a command first (kubectl scale: a concurrent
// writer), then rewrites the file. Checked: the server's dry run and its diff come before
// anything is stored; the confirmed edit is stored; a change made meanwhile gives the conflict
// (never an overwrite) and editing again on top of it keeps both; bad YAML and a 422 reopen the
// editor with the reason at the top; empty or unchanged files cancel with nothing sent; the temp
// file is private and gone afterwards; read-only refuses; a Secret's values reach no diff or audit line.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import type {KubeObject} from '../../source/model/types.js';
import {performAction, type Intent} from '../../source/actions/gate.js';
import {planEdit, type EditPlan, type EditRestart} from '../../source/actions/editSession.js';
import {editorArgv, editorCommand} from '../../source/actions/editorCommand.js';
import {runProgram} from '../../source/terminal/childTerminal.js';
import {KubeError} from '../../source/kube/kubeError.js';
import {deploymentBody, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';

const run = promisify(execFile);
let fx: ActionsFixture;
let kubectl = false;
let editorScript: string;

const EDITOR_SCRIPT = `
import fs from 'node:fs';
import {execFileSync} from 'node:child_process';
const file = process.argv[process.argv.length - 1];
const planFile = process.env.EDIT_PLAN;
const steps = JSON.parse(fs.readFileSync(planFile, 'utf8'));
const seen = fs.existsSync(planFile + '.seen') ? fs.readFileSync(planFile + '.seen', 'utf8').split('\\n').filter(Boolean).length : 0;
const step = steps[Math.min(seen, steps.length - 1)];
fs.appendFileSync(planFile + '.seen', JSON.stringify({file, mode: (fs.statSync(file).mode & 0o777).toString(8), text: fs.readFileSync(file, 'utf8')}) + '\\n');
if (step.run) execFileSync(step.run[0], step.run.slice(1), {stdio: 'ignore'});
let text = fs.readFileSync(file, 'utf8');
for (const [from, to] of step.replace ?? []) text = text.replace(new RegExp(from, 'm'), to);
if (step.write !== undefined) text = step.write;
fs.writeFileSync(file, text);
process.exit(step.exit ?? 0);
`;

before(async () => {
	fx = await startActionsFixture();
	kubectl = await run('kubectl', ['version', '--client'], {timeout: 30_000}).then(() => true, () => false);
	editorScript = path.join(fx.dir, 'editor.mjs');
	fs.writeFileSync(editorScript, EDITOR_SCRIPT);
});
after(async () => {
	await fx?.stop();
});

interface Step {
	replace?: Array<[string, string]>;
	write?: string;
	run?: string[];
	exit?: number;
}
interface Seen {
	file: string;
	mode: string;
	text: string;
}

/** One edit session with the scripted editor; returns the plan and what the editor saw each round. */
async function edit(kind: string, resourcePath: string, name: string, steps: Step[], restart?: EditRestart): Promise<{plan: EditPlan; seen: Seen[]}> {
	const planFile = path.join(fx.dir, `${uniqueName('plan')}.json`);
	fs.writeFileSync(planFile, JSON.stringify(steps));
	// "node script" has a space and no quotes: split into words, as kubectl does.
	const env = {...process.env, EDITOR: `${process.execPath} ${editorScript}`, KUBE_EDITOR: '', EDIT_PLAN: planFile};
	const command = editorCommand(env);
	const plan = await planEdit(
		{
			read: () => fx.client.request<KubeObject>({path: `${resourcePath}/${name}`}),
			perform: (intent) => performAction(fx.ctx(), intent),
			edit: (file) => runProgram(editorArgv(command, file), env),
			tmpdir: fx.dir,
		},
		{kind, namespace: fx.namespace, name},
		restart,
	);
	const seenFile = `${planFile}.seen`;
	const seen = fs.existsSync(seenFile) ? fs.readFileSync(seenFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Seen) : [];
	return {plan, seen};
}

const deployments = () => `/apis/apps/v1/namespaces/${fx.namespace}/deployments`;
const readDeployment = (name: string) => fx.client.request<KubeObject>({path: `${deployments()}/${name}`});
const spec = (object: KubeObject) => object.spec as {replicas: number; template: {spec: {containers: Array<{image: string}>}}};

/**
 * A new deployment, once its controller has written what it writes after a create (on the real
 * server the revision annotation comes a moment later: an edit read before it is rightly a conflict).
 */
async function newDeployment(replicas = 2): Promise<string> {
	const name = uniqueName('edit');
	await fx.client.request({method: 'POST', path: deployments(), body: deploymentBody(name, replicas)});
	await waitFor('the deployment controller to have seen it', async () => {
		const d = await readDeployment(name);
		return Boolean(d.metadata.annotations?.['deployment.kubernetes.io/revision']) && (d.status as {observedGeneration?: number} | undefined)?.observedGeneration === d.metadata.generation;
	});
	return name;
}

/** A concurrent writer: kubectl scale when kubectl is here, else the same change through the API. */
function scaleStep(name: string, replicas: number): Step {
	if (kubectl) return {run: ['kubectl', '--kubeconfig', fx.cluster.kubeconfigPath, '-n', fx.namespace, 'scale', `deployment/${name}`, `--replicas=${replicas}`]};
	const body = JSON.stringify({spec: {replicas}});
	// Without kubectl the script patches through the API itself (node's fetch cannot present the client certificate, so this path needs the simulator's plain HTTP).
	return {run: [process.execPath, '-e', `fetch(${JSON.stringify(`${fx.cluster.server}${deployments()}/${name}`)}, {method: 'PATCH', headers: {'content-type': 'application/merge-patch+json'}, body: ${JSON.stringify(body)}}).then((r) => process.exit(r.ok ? 0 : 1))`]};
}

test('the simulator\'s PUT: dryRun=All stores nothing and answers what it would store; a stale resourceVersion is 409; an invalid object 422', async () => {
	const name = await newDeployment(2);
	const live = await readDeployment(name);
	const changed = {...live, spec: {...spec(live), replicas: 4}};
	// Without a resourceVersion: on the real server the controllers keep writing status, so the version read a moment ago may be stale already.
	const dry = await fx.client.request<KubeObject>({method: 'PUT', path: `${deployments()}/${name}`, query: {dryRun: 'All'}, body: {...changed, metadata: {...changed.metadata, resourceVersion: undefined}}});
	assert.equal(spec(dry).replicas, 4, 'the answer is what would be stored');
	const after = await readDeployment(name);
	assert.equal(spec(after).replicas, 2, 'nothing stored');
	assert.equal(after.metadata.generation, live.metadata.generation, 'no spec write (its status may move on the real server)');
	// A stale version: the object is written once (a spec change), then the old version is sent again.
	await fx.client.request({method: 'PATCH', path: `${deployments()}/${name}`, contentType: 'application/merge-patch+json', body: {spec: {replicas: 3}}});
	await assert.rejects(fx.client.request({method: 'PUT', path: `${deployments()}/${name}`, body: {...changed, spec: {...spec(changed), replicas: 6}}}), (error: unknown) => error instanceof KubeError && error.status === 409);
	await assert.rejects(fx.client.request({method: 'PUT', path: `${deployments()}/${name}`, query: {dryRun: 'All'}, body: {...changed, metadata: {...changed.metadata, resourceVersion: undefined}, spec: {...spec(changed), replicas: -1}}}), (error: unknown) => error instanceof KubeError && error.status === 422);
});

test('e on a deployment: a private file with a header, the dry run\'s diff first, then the confirmed edit is stored; the file is gone', async () => {
	const name = await newDeployment(2);
	const audited = fx.audit.records.length;
	const {plan, seen} = await edit('Deployment', deployments(), name, [{replace: [['^  replicas: 2$', '  replicas: 3']]}]);
	assert.equal(plan.type, 'ready', JSON.stringify(plan));
	if (plan.type !== 'ready') return;
	assert.equal(seen.length, 1);
	assert.equal(seen[0]!.mode, '600', 'the file is private');
	assert.match(seen[0]!.text, new RegExp(`^# Editing deployment ${fx.namespace}/${name} \\(resourceVersion \\d+\\)`));
	assert.ok(!seen[0]!.text.includes('managedFields') && !/^status:/m.test(seen[0]!.text), 'no managedFields, no status');
	assert.ok(!fs.existsSync(path.dirname(seen[0]!.file)), 'the temp directory is removed');
	const changed = plan.diff.filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+)/.test(l));
	assert.deepEqual(changed, ['-  replicas: 2', '+  replicas: 3'], plan.diff.join('\n'));
	assert.equal(spec(await readDeployment(name)).replicas, 2, 'the dry run stored nothing');
	const applied = await performAction(fx.ctx(), {...plan.intent, confirmed: true});
	assert.ok(applied.ok, applied.message);
	assert.match(applied.message, /edited \(spec\.replicas; resourceVersion \d+\)/);
	assert.equal(spec(await readDeployment(name)).replicas, 3);
	const lines = fx.audit.records.slice(audited);
	assert.deepEqual(lines.map((l) => [l.verb, l.args?.['dryRun'] ?? false, l.result.ok]), [['edit', true, true], ['edit', false, true]]);
	assert.deepEqual(lines[1]!.args?.['fields'], ['spec.replicas']);
});

test('an edit is never sent unconfirmed, and not at all in read-only mode', async () => {
	const name = await newDeployment(2);
	const {plan} = await edit('Deployment', deployments(), name, [{replace: [['^  replicas: 2$', '  replicas: 3']]}]);
	assert.equal(plan.type, 'ready');
	if (plan.type !== 'ready') return;
	const unconfirmed = await performAction(fx.ctx(), plan.intent);
	assert.equal(unconfirmed.ok, false);
	assert.equal(unconfirmed.ok === false && unconfirmed.reason, 'NotConfirmed');
	const readonly = await performAction(fx.ctx({readonly: true}), {...plan.intent, confirmed: true});
	assert.equal(readonly.ok === false && readonly.reason, 'ReadOnly');
	assert.match(readonly.message, /read-only mode: edit is disabled/);
	assert.equal(spec(await readDeployment(name)).replicas, 2);
});

test('a change made (kubectl scale) while the editor is open gives the conflict, not an overwrite; editing again on top of it keeps both', async () => {
	const name = await newDeployment(2);
	const {plan} = await edit('Deployment', deployments(), name, [{...scaleStep(name, 5), replace: [['image: registry.example/app:1.0', 'image: registry.example/app:2.0']]}]);
	assert.equal(plan.type, 'conflict', JSON.stringify(plan));
	if (plan.type !== 'conflict') return;
	assert.ok(plan.diff.includes('-  replicas: 2') && plan.diff.includes('+  replicas: 5'), `what changed meanwhile:\n${plan.diff.join('\n')}`);
	const now = await readDeployment(name);
	assert.equal(spec(now).replicas, 5, 'the other writer\'s change stands');
	assert.equal(spec(now).template.spec.containers[0]!.image, 'registry.example/app:1.0', 'nothing of the edit was written');
	// e on the conflict view: the same edit made again on the current version; saved as it is.
	const again = await edit('Deployment', deployments(), name, [{}], plan.restart);
	assert.match(again.seen[0]!.text, /was changed on the server after you read it/);
	assert.equal(again.plan.type, 'ready', JSON.stringify(again.plan));
	if (again.plan.type !== 'ready') return;
	const changed = again.plan.diff.filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+)/.test(l)).map((l) => l[0] + l.slice(1).trim());
	assert.deepEqual(changed, ['-image: registry.example/app:1.0', '+image: registry.example/app:2.0'], again.plan.diff.join('\n'));
	const applied = await performAction(fx.ctx(), {...again.plan.intent, confirmed: true});
	assert.ok(applied.ok, applied.message);
	const final = await readDeployment(name);
	assert.equal(spec(final).replicas, 5);
	assert.equal(spec(final).template.spec.containers[0]!.image, 'registry.example/app:2.0');
});

test('a change made between the question and the yes: the real update answers 409 with what changed, nothing overwritten', async () => {
	const name = await newDeployment(2);
	const {plan} = await edit('Deployment', deployments(), name, [{replace: [['image: registry.example/app:1.0', 'image: registry.example/app:3.0']]}]);
	assert.equal(plan.type, 'ready');
	if (plan.type !== 'ready') return;
	await fx.client.request({method: 'PATCH', path: `${deployments()}/${name}`, contentType: 'application/merge-patch+json', body: {spec: {replicas: 4}}});
	const result = await performAction(fx.ctx(), {...plan.intent, confirmed: true});
	assert.equal(result.ok, false);
	if (result.ok) return;
	assert.equal(result.code, 409);
	assert.match(result.message, /changed on the server since it was read .*nothing was overwritten/);
	const conflict = result.details?.['conflict'] as string[];
	assert.ok(conflict.includes('+  replicas: 4'), conflict.join('\n'));
	const now = await readDeployment(name);
	assert.equal(spec(now).replicas, 4);
	assert.equal(spec(now).template.spec.containers[0]!.image, 'registry.example/app:1.0');
	assert.equal(fx.audit.records.at(-1)!.result.ok === false && fx.audit.records.at(-1)!.result.code, 409, 'the audit line has the server\'s answer');
});

test('bad YAML, a changed name and the server\'s 422 reopen the editor with the reason on top; the fixed text goes on', async () => {
	const name = await newDeployment(2);
	const {plan, seen} = await edit('Deployment', deployments(), name, [
		{replace: [['^  replicas: 2$', '  replicas: [2']]},
		{replace: [['^  replicas: \\[2$', '  replicas: 2'], [`^  name: ${name}$`, '  name: renamed']]},
		{replace: [['^  name: renamed$', `  name: ${name}`], ['^  replicas: 2$', '  replicas: -1']]},
		{replace: [['^  replicas: -1$', '  replicas: 4']]},
	]);
	assert.equal(seen.length, 4, seen.map((s) => s.text.split('\n').slice(0, 6).join('\n')).join('\n----\n'));
	assert.match(seen[1]!.text, /^# kubedeck could not use this text \(nothing was sent\):\n# The YAML could not be read/m);
	assert.match(seen[1]!.text, /^  replicas: \[2$/m, 'the user\'s text is kept');
	assert.match(seen[2]!.text, /^# metadata\.name changed from .* cannot rename/m);
	assert.match(seen[3]!.text, /^# The server refused this change \(dry run; nothing was saved\):\n# .*spec\.replicas/m);
	assert.equal(plan.type, 'ready', JSON.stringify(plan));
	if (plan.type === 'ready') assert.ok(plan.diff.includes('+  replicas: 4'));
	assert.equal(spec(await readDeployment(name)).replicas, 2);
});

test('an empty file, an unchanged file and a failing editor cancel: nothing is sent', async () => {
	const name = await newDeployment(2);
	const audited = fx.audit.records.length;
	const empty = await edit('Deployment', deployments(), name, [{write: ''}]);
	assert.deepEqual([empty.plan.type, /empty/.test((empty.plan as {message: string}).message)], ['cancelled', true]);
	const same = await edit('Deployment', deployments(), name, [{}]);
	assert.deepEqual([same.plan.type, /nothing was changed/.test((same.plan as {message: string}).message)], ['cancelled', true]);
	const broken = await edit('Deployment', deployments(), name, [{replace: [['^  replicas: 2$', '  replicas: 9']], exit: 3}]);
	assert.equal(broken.plan.type, 'failed');
	assert.match((broken.plan as {message: string}).message, /exit 3; nothing was sent/);
	assert.equal(fx.audit.records.length, audited, 'no request, no audit line');
	assert.equal(spec(await readDeployment(name)).replicas, 2);
	for (const s of [...empty.seen, ...same.seen, ...broken.seen]) assert.ok(!fs.existsSync(path.dirname(s.file)), 'removed on every way out');
});

test('a Secret: the editor gets its data as the API has it; the diff and the audit lines never hold a value', async () => {
	const name = uniqueName('edit-secret');
	const b64 = (text: string) => Buffer.from(text).toString('base64');
	await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/secrets`, body: {apiVersion: 'v1', kind: 'Secret', metadata: {name}, type: 'Opaque', data: {password: b64('hunter2'), user: b64('admin')}}});
	const audited = fx.audit.records.length;
	const {plan} = await edit('Secret', `/api/v1/namespaces/${fx.namespace}/secrets`, name, [{replace: [[`^  password: ${b64('hunter2')}$`, `  password: ${b64('correct horse')}`]]}]);
	assert.equal(plan.type, 'ready', JSON.stringify(plan));
	if (plan.type !== 'ready') return;
	const text = plan.diff.join('\n');
	for (const value of ['hunter2', 'correct horse', 'admin', b64('hunter2'), b64('correct horse'), b64('admin')]) assert.ok(!text.includes(value), `no ${value} in the diff`);
	assert.ok(plan.diff.includes('-  password: •••• (7 bytes) (old value)') && plan.diff.includes('+  password: •••• (13 bytes) (new value)'), text);
	const applied = await performAction(fx.ctx(), {...plan.intent, confirmed: true} as Intent);
	assert.ok(applied.ok, applied.message);
	const secret = await fx.client.request<{data: Record<string, string>}>({path: `/api/v1/namespaces/${fx.namespace}/secrets/${name}`});
	assert.equal(secret.data['password'], b64('correct horse'));
	const logged = JSON.stringify(fx.audit.records.slice(audited)) + applied.message;
	for (const value of ['hunter2', 'correct horse', b64('hunter2'), b64('correct horse')]) assert.ok(!logged.includes(value), `no ${value} in the audit or the message`);
	assert.deepEqual(fx.audit.records.at(-1)!.args?.['fields'], ['data.password']);
});
