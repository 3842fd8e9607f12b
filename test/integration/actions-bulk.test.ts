// Multi-select end to end below the terminal, against the simulator (or the real API server in
// KUBEDECK_TEST_KUBECONFIG): rows come from a live session through the real selector, keys go
// through the controller, each 'perform' effect through the gate as the runner sends it, and the
// answers back into the controller. kubectl, a separate client, is the judge of what changed.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {openSession, type Session} from '../../source/kube/session.js';
import {performAction} from '../../source/actions/gate.js';
import {parseReplicas} from '../../source/actions/mutations.js';
import {loadKeymap} from '../../source/config/keymap.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import {createVisible} from '../../source/ui/visible.js';
import {updateAll} from '../../source/ui/update.js';
import {tableView, type UiState} from '../../source/ui/state.js';
import type {Effect, Env, Msg} from '../../source/ui/messages.js';
import type {PaneId} from '../../source/ui/commands.js';
import {deploymentBody, podBody, startActionsFixture, uniqueName, type ActionsFixture} from './actions-helpers.js';
import {waitFor} from './sim-helpers.js';

const run = promisify(execFile);
let fx: ActionsFixture;
let session: Session;
let env: Env;
let kubectl = false;

before(async () => {
	fx = await startActionsFixture();
	kubectl = await run('kubectl', ['version', '--client'], {timeout: 30_000}).then(() => true, () => false);
	session = await openSession(fx.cluster.kubeConfig, {namespace: fx.namespace, discovery: {cacheDir: fx.dir}});
	const panes = defaultPanes();
	const visible = createVisible(session, panes, () => ({}));
	env = {
		keymap: loadKeymap({}),
		panes,
		settings: {},
		visible: (s) => visible(s, Date.now()),
		pageSize: 20,
		actions: {readonly: false, validateReplicas: (input) => parseReplicas(input, 50)},
		logSource: () => undefined,
		podsOnNode: () => [],
		contexts: [],
		currentContext: 'test',
		now: Date.now(),
	};
});
after(async () => {
	await session?.close();
	await fx?.stop();
});

/** Keys as the terminal sends them: text, Enter, ctrl-x. */
function typed(...parts: string[]): Msg[] {
	return parts.flatMap((part) => {
		if (part === '\r') return [{type: 'key', key: ['', {return: true}]} as Msg];
		if (/^ctrl-[a-z]$/.test(part)) return [{type: 'key', key: [part.slice(5), {ctrl: true}]} as Msg];
		return Array.from(part, (ch) => ({type: 'key', key: [ch, {}]}) as Msg);
	});
}

/** Runs keys through the controller and every 'perform' through the gate, as the runner does, until nothing is left to send. */
async function drive(state: UiState, msgs: Msg[], readonly = false): Promise<UiState> {
	// Read-only is the action layer's, so the controller knows it as the App tells it.
	const acting: Env = readonly ? {...env, actions: {...env.actions!, readonly: true}} : env;
	let step = updateAll(state, msgs, acting);
	for (;;) {
		const sent = step.effects.filter((e): e is Extract<Effect, {type: 'perform'}> => e.type === 'perform');
		if (sent.length === 0) return step.state;
		const answers = await Promise.all(sent.map(async (e): Promise<Msg> => ({type: 'performed', req: e.req, intent: e.intent, result: await performAction(fx.ctx({readonly}), e.intent)})));
		step = updateAll(step.state, answers, acting);
	}
}

function pane(id: PaneId, filter: string): UiState {
	return {stack: [tableView(id, {filter})], wide: false, badOnly: false, namespace: fx.namespace, nextReq: 1};
}

async function shownNames(state: UiState, count: number): Promise<string[]> {
	return waitFor(`${count} rows in ${state.stack[0]!.type === 'table' ? state.stack[0]!.pane : ''}`, () => {
		const rows = env.visible(state).rows;
		return rows.length === count ? rows.map((r) => r.name) : undefined;
	});
}

async function kubectlGet(args: string[]): Promise<string> {
	return (await run('kubectl', ['--kubeconfig', fx.cluster.kubeconfigPath, ...args], {timeout: 60_000})).stdout;
}

test('mark 3 of 4 pods with space, ctrl-d, y: each is deleted through the gate, and kubectl sees them gone', async () => {
	const prefix = uniqueName('bulk');
	const names = [1, 2, 3, 4].map((i) => `${prefix}-${i}`);
	for (const name of names) await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/pods`, body: podBody(name)});
	const start = pane('pods', prefix);
	const shown = await shownNames(start, 4);
	const asked = await drive(start, typed('   ', 'ctrl-d'));
	assert.ok(asked.overlay?.type === 'confirm' && asked.overlay.bulk, JSON.stringify(asked.message));
	assert.equal(asked.overlay.question, `Delete 3 pods in ${fx.namespace}?`);
	const done = await drive(asked, typed('y'));
	assert.equal(done.message?.text, 'deleted 3 of 3');
	const gone = shown.slice(0, 3);
	const auditNames = fx.audit.records.filter((r) => r.verb === 'delete').map((r) => r.name);
	assert.deepEqual([...auditNames].sort(), [...gone].sort(), 'one audit line each, none twice');
	if (kubectl) {
		const left = await waitFor('kubectl to see the 3 pods gone', async () => {
			const out = (await kubectlGet(['-n', fx.namespace, 'get', 'pods', '-o', 'name'])).split('\n').filter((l) => l.includes(prefix));
			return out.length === 1 ? out : undefined;
		});
		assert.deepEqual(left, [`pod/${shown[3]}`]);
	}
});

test('a delete that fails for one object does not stop the others: "deleted 2 of 3: NAME not found"', async () => {
	const prefix = uniqueName('gone');
	const names = [1, 2, 3].map((i) => `${prefix}-${i}`);
	for (const name of names) await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/pods`, body: podBody(name)});
	const start = pane('pods', prefix);
	const shown = await shownNames(start, 3);
	const asked = await drive(start, typed('   ', 'ctrl-d'));
	// Someone else deletes the middle one (with grace period 0) while the question is open.
	await fx.client.request({method: 'DELETE', path: `/api/v1/namespaces/${fx.namespace}/pods/${shown[1]}`, body: {gracePeriodSeconds: 0}});
	await waitFor('the pod gone from the API', async () => (await fx.client.request({path: `/api/v1/namespaces/${fx.namespace}/pods/${shown[1]}`}).then(() => undefined, () => true)));
	const done = await drive(asked, typed('y'));
	assert.equal(done.message?.text, `deleted 2 of 3: ${shown[1]} not found`);
	assert.equal(done.message?.level, 'error');
});

test('label 2 of 3 deployments with :label, one question; kubectl sees the label on those two only', async () => {
	const prefix = uniqueName('lbl');
	for (const i of [1, 2, 3]) await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(`${prefix}-${i}`, 0)});
	const start = pane('deployments', prefix);
	const shown = await shownNames(start, 3);
	const asked = await drive(start, typed('  ', ':label team=sre', '\r'));
	assert.ok(asked.overlay?.type === 'confirm' && asked.overlay.bulk, JSON.stringify(asked.message));
	assert.equal(asked.overlay.question, `Label 2 deployments in ${fx.namespace}: +team=sre?`);
	const done = await drive(asked, typed('y'));
	assert.equal(done.message?.text, 'labelled 2 of 2');
	if (kubectl) {
		const out = await kubectlGet(['-n', fx.namespace, 'get', 'deployments', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.metadata.labels.team}{"\\n"}{end}']);
		const teams = Object.fromEntries(out.split('\n').filter((l) => l.startsWith(prefix)).map((l) => l.split('=')));
		assert.deepEqual(teams, {[shown[0]!]: 'sre', [shown[1]!]: 'sre', [shown[2]!]: ''});
	}
});

test('cordon 2 nodes with c, one question; kubectl sees both unschedulable; u uncordons both; read-only refuses all', async () => {
	const prefix = uniqueName('node');
	const nodes = [`${prefix}-a`, `${prefix}-b`];
	for (const name of nodes) await fx.client.request({method: 'POST', path: '/api/v1/nodes', body: {apiVersion: 'v1', kind: 'Node', metadata: {name}}});
	try {
		const start = pane('nodes', prefix);
		await shownNames(start, 2);
		const readonly = await drive(start, typed('  ', 'c'), true);
		assert.equal(readonly.overlay, undefined, 'read-only: no question');
		assert.match(readonly.message?.text ?? '', /^cordoned 0 of 2: read-only mode/);
		const asked = await drive(start, typed('  ', 'c'));
		assert.ok(asked.overlay?.type === 'confirm' && asked.overlay.bulk);
		assert.equal(asked.overlay.question, 'Cordon 2 nodes? No new pods will be scheduled on them.');
		const cordoned = await drive(asked, typed('y'));
		assert.equal(cordoned.message?.text, 'cordoned 2 of 2');
		const unschedulable = async () => {
			if (!kubectl) return '';
			const out = await kubectlGet(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.unschedulable}{"\\n"}{end}']);
			return out.split('\n').filter((l) => l.startsWith(prefix)).sort().join(' ');
		};
		if (kubectl) assert.equal(await unschedulable(), `${nodes[0]}=true ${nodes[1]}=true`);
		const uncordoned = await drive(await drive(start, typed('  ', 'u')), typed('y'));
		assert.equal(uncordoned.message?.text, 'uncordoned 2 of 2');
		if (kubectl) assert.equal(await unschedulable(), `${nodes[0]}= ${nodes[1]}=`);
	} finally {
		for (const name of nodes) await fx.client.request({method: 'DELETE', path: `/api/v1/nodes/${name}`}).catch(() => undefined);
	}
});
