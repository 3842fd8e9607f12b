// `e` in a real terminal (tmux, 80×24) against a simulated cluster the test owns, with EDITOR set
// to a script the test writes (it records each time it is opened, may run kubectl first, then
// rewrites the file): the diff of the server's dry run is shown and y applies it; a kubectl scale
// made while the editor is open brings the conflict view, not an overwrite, and e there edits
// again on top of it (both changes kept); --readonly refuses without opening the editor.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import type {KubeObject} from '../../source/model/types.js';
import {startTestCluster, type TestCluster} from '../integration/cluster.js';
import {deploymentBody} from '../integration/actions-helpers.js';
import * as tmux from './tmux.js';

const missing = tmux.tmuxMissing() ?? (process.env.KUBEDECK_TEST_KUBECONFIG ? 'runs against its own simulator' : undefined);

let cluster: TestCluster;
let client: Transport;
let dir: string;
const namespace = 'edit-e2e';

const SCRIPT = `
import fs from 'node:fs';
import {execFileSync} from 'node:child_process';
const file = process.argv[process.argv.length - 1];
const planFile = process.env.EDIT_PLAN;
const steps = JSON.parse(fs.readFileSync(planFile, 'utf8'));
const seen = fs.existsSync(planFile + '.seen') ? fs.readFileSync(planFile + '.seen', 'utf8').split('\\n').filter(Boolean).length : 0;
const step = steps[Math.min(seen, steps.length - 1)];
fs.appendFileSync(planFile + '.seen', JSON.stringify({file, text: fs.readFileSync(file, 'utf8')}) + '\\n');
if (step.run) execFileSync(step.run[0], step.run.slice(1), {stdio: 'ignore'});
let text = fs.readFileSync(file, 'utf8');
for (const [from, to] of step.replace ?? []) text = text.replace(new RegExp(from, 'm'), to);
fs.writeFileSync(file, text);
`;

before(async () => {
	if (missing) return;
	cluster = await startTestCluster();
	client = createTransport(cluster.kubeConfig);
	await client.request({method: 'POST', path: '/api/v1/namespaces', body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}}});
	await client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${namespace}/deployments`, body: deploymentBody('web', 2)});
	dir = mkdtempSync(path.join(tmpdir(), 'kubedeck-edit-e2e-'));
});
after(async () => {
	if (dir) rmSync(dir, {recursive: true, force: true});
	await cluster?.stop();
});

const readWeb = () => client.request<KubeObject>({path: `/apis/apps/v1/namespaces/${namespace}/deployments/web`});
const spec = (o: KubeObject) => o.spec as {replicas: number; template: {spec: {containers: Array<{image: string}>}}};

/** An editor (a path without spaces, for the env line) that follows the steps in its plan file. */
function editor(steps: unknown[]): {env: string[]; seen: () => Array<{text: string}>} {
	const script = path.join(dir, 'editor.mjs');
	writeFileSync(script, SCRIPT);
	const plan = path.join(dir, `plan-${Date.now()}.json`);
	writeFileSync(plan, JSON.stringify(steps));
	const wrapper = path.join(dir, `editor-${Date.now()}.sh`);
	writeFileSync(wrapper, `#!/bin/sh\nexec ${process.execPath} ${script} "$@"\n`);
	chmodSync(wrapper, 0o755);
	return {
		env: [`EDITOR=${wrapper}`, `EDIT_PLAN=${plan}`, 'KUBE_EDITOR=', 'NO_COLOR=1'],
		seen: () => (existsSync(`${plan}.seen`) ? readFileSync(`${plan}.seen`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as {text: string}) : []),
	};
}

async function openDeployments(term: tmux.Terminal): Promise<void> {
	await term.waitFor(/pods\(edit-e2e\)/, 60_000);
	term.send(':');
	term.type('dp');
	term.send('Enter');
	await term.waitFor(/^> web\s+\d+\/\d+/m);
}

test('e: dry-run diff, y applies; kubectl scale meanwhile: the conflict view, e again keeps both', {timeout: 240_000, skip: missing}, async () => {
	const kubectl = ['kubectl', '--kubeconfig', cluster.kubeconfigPath, '-n', namespace, 'scale', 'deployment/web', '--replicas=6'];
	const ed = editor([
		{replace: [['^  replicas: 2$', '  replicas: 3']]},
		{run: kubectl, replace: [['image: registry.example/app:1.0', 'image: registry.example/app:2.0']]},
		{},
	]);
	const term = tmux.startKubedeck(['--kubeconfig', cluster.kubeconfigPath, '-n', namespace], {columns: 80, rows: 24}, {env: ed.env});
	try {
		await openDeployments(term);
		term.send('e');
		const diff = await term.waitFor(/Apply this edit to deployment edit-e2e\/web\?/);
		assert.match(diff, /^-  replicas: 2$/m);
		assert.match(diff, /^\+  replicas: 3$/m);
		assert.equal(term.alternateOn(), true, 'back on kubedeck\'s screen after the editor');
		assert.equal(spec(await readWeb()).replicas, 2, 'nothing stored before yes');
		term.send('y');
		await term.waitFor(/deployment edit-e2e\/web edited \(spec\.replicas/);
		assert.equal(spec(await readWeb()).replicas, 3);

		term.send('e');
		const conflict = await term.waitFor(/changed meanwhile/);
		assert.match(conflict, /^\+  replicas: 6$/m, 'what the other writer changed is shown');
		const now = await readWeb();
		assert.equal(spec(now).replicas, 6, 'kubectl\'s change stands');
		assert.equal(spec(now).template.spec.containers[0]!.image, 'registry.example/app:1.0', 'nothing of the edit was written');
		term.send('e');
		const again = await term.waitFor(/Apply this edit to deployment edit-e2e\/web\?/);
		assert.match(again, /^\+\s+image: registry\.example\/app:2\.0$/m);
		assert.doesNotMatch(again, /^[-+]\s+replicas:/m, 'the replicas are not touched again');
		assert.match(ed.seen()[2]!.text, /was changed on the server after you read it/);
		term.send('y');
		await term.waitFor(/deployment edit-e2e\/web edited \(spec\.template/);
		const final = await readWeb();
		assert.equal(spec(final).replicas, 6);
		assert.equal(spec(final).template.spec.containers[0]!.image, 'registry.example/app:2.0');
		// Keys reach kubedeck again after the editor: the table answers.
		term.send('k');
		await term.waitFor(/^> web/m);
	} finally {
		term.close();
	}
});

test('--readonly: e is refused by the gate and the editor never opens', {timeout: 120_000, skip: missing}, async () => {
	const ed = editor([{replace: [['^  replicas: \\d+$', '  replicas: 9']]}]);
	const term = tmux.startKubedeck(['--kubeconfig', cluster.kubeconfigPath, '-n', namespace, '--readonly'], {columns: 80, rows: 24}, {env: ed.env});
	try {
		await openDeployments(term);
		term.send('e');
		await term.waitFor(/read-only mode: edit is disabled/);
		assert.deepEqual(ed.seen(), []);
	} finally {
		term.close();
	}
});
