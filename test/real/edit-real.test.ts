// Edit in $EDITOR against a real kube-apiserver: the server's own dry run answers the diff and the
// confirmed update is stored; an update carrying a stale resourceVersion after a spec change is the
// server's 409 and shows what changed (nothing overwritten); a write meanwhile that touched only
// status is not a conflict; the server's 422 goes back into the editor. The editor is a script.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {KubeConfig} from '@kubernetes/client-node';
import {apiJson} from './real-api.js';
import {waitFor} from '../integration/sim-helpers.js';
import {memoryAuditLog} from '../../source/actions/audit.js';
import {performAction} from '../../source/actions/gate.js';
import {planEdit} from '../../source/actions/editSession.js';
import {runProgram} from '../../source/terminal/childTerminal.js';
import {createTransport} from '../../source/kube/transport.js';
import type {KubeObject} from '../../source/model/types.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = kubeconfigPath ? undefined : (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)');

/** Each opening replaces the next pair of the list (FROM⇥TO per line of the plan file). */
const SCRIPT = `
const fs = require('node:fs');
const file = process.argv[process.argv.length - 1];
const plan = process.env.EDIT_PLAN;
const steps = fs.readFileSync(plan, 'utf8').split('\\n').filter(Boolean);
const count = plan + '.n';
const n = fs.existsSync(count) ? Number(fs.readFileSync(count, 'utf8')) : 0;
fs.writeFileSync(count, String(n + 1));
fs.appendFileSync(plan + '.seen', fs.readFileSync(file, 'utf8') + '\\n=====\\n');
const [from, to] = steps[Math.min(n, steps.length - 1)].split('\\t');
fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(new RegExp(from, 'm'), to));
`;

function deployment(name: string): unknown {
	return {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name}, spec: {replicas: 2, selector: {matchLabels: {app: name}}, template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'app', image: 'registry.example/app:1.0'}]}}}};
}

test('edit on the real server: dry-run diff, applied; a spec change meanwhile is a 409 with its diff; a status write is not; a 422 reopens the editor', {skip: skipReason}, async (t) => {
	const kc = new KubeConfig();
	kc.loadFromFile(kubeconfigPath!);
	const client = createTransport(kc);
	t.after(() => client.close());
	const ns = `edit-real-${Date.now().toString(36)}`;
	await apiJson(kc, 'POST', '/api/v1/namespaces', {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns}}});
	t.after(() => apiJson(kc, 'DELETE', `/api/v1/namespaces/${ns}`, {allow: [404]}));
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-edit-real-'));
	t.after(() => fs.rmSync(dir, {recursive: true, force: true}));
	const script = path.join(dir, 'editor.cjs');
	fs.writeFileSync(script, SCRIPT);
	const audit = memoryAuditLog();
	const ctx = {readonly: false, audit, client, identity: {context: 'real', user: 'admin'}};
	const base = `/apis/apps/v1/namespaces/${ns}/deployments`;
	const read = (name: string) => client.request<KubeObject>({path: `${base}/${name}`});
	// Created, then once the deployment controller has written its revision annotation (a change an earlier read would rightly conflict with).
	const create = async (name: string) => {
		await apiJson(kc, 'POST', base, {body: deployment(name)});
		await waitFor(`deployment ${name} seen by its controller`, async () => {
			const d = await read(name);
			return Boolean(d.metadata.annotations?.['deployment.kubernetes.io/revision']) && (d.status as {observedGeneration?: number} | undefined)?.observedGeneration === d.metadata.generation || undefined;
		});
	};
	const edit = async (name: string, steps: Array<[string, string]>) => {
		const plan = path.join(dir, `${name}.plan`);
		fs.writeFileSync(plan, steps.map(([from, to]) => `${from}\t${to}`).join('\n'));
		const result = await planEdit({read: () => read(name), perform: (intent) => performAction(ctx, intent), edit: (file) => runProgram([process.execPath, script, file], {...process.env, EDIT_PLAN: plan}), tmpdir: dir}, {kind: 'Deployment', namespace: ns, name});
		return {plan: result, seen: fs.existsSync(`${plan}.seen`) ? fs.readFileSync(`${plan}.seen`, 'utf8').split('\n=====\n').filter(Boolean) : []};
	};

	// Applied after the server's dry run.
	await create('a');
	const first = await edit('a', [['^  replicas: 2$', '  replicas: 3']]);
	assert.equal(first.plan.type, 'ready', JSON.stringify(first.plan));
	if (first.plan.type !== 'ready') return;
	assert.ok(first.plan.diff.includes('-  replicas: 2') && first.plan.diff.includes('+  replicas: 3'), first.plan.diff.join('\n'));
	assert.equal((((await read('a')).spec) as {replicas: number}).replicas, 2, 'the dry run stored nothing');
	const applied = await performAction(ctx, {...first.plan.intent, confirmed: true});
	assert.ok(applied.ok, applied.message);
	assert.equal((((await read('a')).spec) as {replicas: number}).replicas, 3);

	// A spec change between the read and the update: the real server's 409, nothing overwritten.
	await create('b');
	const second = await edit('b', [['image: registry.example/app:1.0', 'image: registry.example/app:2.0']]);
	assert.equal(second.plan.type, 'ready');
	if (second.plan.type !== 'ready') return;
	await apiJson(kc, 'PATCH', `${base}/b`, {body: {spec: {replicas: 5}}, contentType: 'application/merge-patch+json'});
	const refused = await performAction(ctx, {...second.plan.intent, confirmed: true});
	assert.equal(refused.ok, false);
	if (refused.ok) return;
	assert.equal(refused.code, 409, refused.message);
	assert.ok((refused.details?.['conflict'] as string[]).includes('+  replicas: 5'));
	const b = await read('b');
	assert.equal((b.spec as {replicas: number}).replicas, 5);
	assert.equal((b.spec as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0]!.image, 'registry.example/app:1.0');

	// A status-only write between the read and the update is no conflict.
	await create('c');
	const third = await edit('c', [['^  replicas: 2$', '  replicas: 4']]);
	assert.equal(third.plan.type, 'ready');
	if (third.plan.type !== 'ready') return;
	const live = await read('c');
	await apiJson(kc, 'PUT', `${base}/c/status`, {body: {...live, status: {observedGeneration: 1, replicas: 0}}});
	const afterStatus = await performAction(ctx, {...third.plan.intent, confirmed: true});
	assert.ok(afterStatus.ok, afterStatus.message);
	assert.equal((((await read('c')).spec) as {replicas: number}).replicas, 4);

	// The server's 422 goes back into the editor, then the fixed text goes on.
	await create('d');
	const fourth = await edit('d', [['^  replicas: 2$', '  replicas: -1'], ['^  replicas: -1$', '  replicas: 1']]);
	assert.equal(fourth.seen.length, 2);
	assert.match(fourth.seen[1]!, /^# The server refused this change \(dry run; nothing was saved\):\n# .*spec\.replicas/m);
	assert.equal(fourth.plan.type, 'ready', JSON.stringify(fourth.plan));
});
