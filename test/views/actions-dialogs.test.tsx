// Scale, restart, delete, kill, cordon and drain as the operator meets them: every bad input
// keeps the dialog open with a reason, every mutation asks first where it should, read-only
// refuses with the gate's words and sends nothing, and the API's answer lands in the status line.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {statusError} from '../../source/kube/kubeError.js';
import type {BaseRow} from '../../source/model/types.js';
import {FakeSession, defaultKeymap, keys, row} from './fakes.js';
import {FakeLayer, frameMatching, startHarness} from './actions-fakes.js';

const keymap = defaultKeymap();

function deployment(name = 'web', desired = 3): BaseRow {
	return {...row(name), desired, selector: `app=${name}`, containers: ['app']} as BaseRow;
}

function onDeployments(layer: FakeLayer | undefined, target: BaseRow = deployment()) {
	return startHarness({layer, session: new FakeSession(), keymap, contexts: ['deployments', 'table', 'global'], selection: {kind: 'Deployment', row: target}});
}

function withReplicas(count: number, readonly = false): FakeLayer {
	const layer = new FakeLayer(readonly, 100);
	layer.replicas.set('default/web', count);
	return layer;
}

test('scale: the prompt is prefilled with the current count and Enter patches the scale subresource', async () => {
	const layer = withReplicas(3);
	const app = onDeployments(layer);
	await app.settle();
	await app.press('s');
	await frameMatching(app.frame, /Scale deployment default\/web to: 3/);
	await app.press(keys.backspace, '5', keys.enter);
	await frameMatching(app.frame, /deployment\.apps\/web scaled from 3 to 5/);
	assert.equal(layer.replicas.get('default/web'), 5);
	assert.deepEqual(layer.mutations().map((c) => [c.method, c.path]), [['PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale']]);
	assert.doesNotMatch(app.frame(), /Scale deployment/, 'the prompt closed');
	app.unmount();
});

const badInputs: Array<[string, RegExp]> = [
	['-1', /replicas cannot be negative/],
	['abc', /"abc" is not a whole number/],
	['', /enter a replica count/],
	['1.5', /"1\.5" is not a whole number/],
	['101', /101 is above the scale ceiling of 100/],
];

for (const [input, message] of badInputs) {
	test(`scale: "${input}" is refused with a reason and the prompt stays open`, async () => {
		const layer = withReplicas(3);
		const app = onDeployments(layer);
		await app.settle();
		await app.press('s');
		await frameMatching(app.frame, /to: 3/);
		await app.press(keys.backspace);
		for (const ch of input) await app.press(ch);
		await app.press(keys.enter);
		const frame = await frameMatching(app.frame, message);
		assert.match(frame, new RegExp(`Scale deployment default/web to: ${input.replace('.', '\\.')}`), 'still open with the typed value');
		assert.equal(layer.mutations().length, 0, 'nothing sent');
		// Fixing the value works from the same prompt.
		for (let i = 0; i < input.length; i++) await app.press(keys.backspace);
		await app.press('4', keys.enter);
		await frameMatching(app.frame, /scaled from 3 to 4/);
		app.unmount();
	});
}

test('scale to 0 asks a second time; n cancels and nothing is sent, y scales', async () => {
	const layer = withReplicas(3);
	const app = onDeployments(layer);
	await app.settle();
	await app.press('s', keys.backspace, '0', keys.enter);
	await frameMatching(app.frame, /Scale deployment default\/web to 0\? All its pods will stop\. \[y\/N\]/);
	await app.press('n');
	await frameMatching(app.frame, /cancelled/);
	assert.equal(layer.mutations().length, 0);
	await app.press('s', keys.backspace, '0', keys.enter, 'y');
	await frameMatching(app.frame, /scaled from 3 to 0/);
	assert.equal(layer.replicas.get('default/web'), 0);
	app.unmount();
});

test('scale by more than 10× asks a second time (up and down)', async () => {
	const layer = withReplicas(3);
	const app = onDeployments(layer);
	await app.settle();
	await app.press('s', keys.backspace, '4', '0', keys.enter);
	await frameMatching(app.frame, /from 3 to 40 \(more than 10×\)\? \[y\/N\]/);
	await app.press(keys.enter); // Enter is a no
	await frameMatching(app.frame, /cancelled/);
	assert.equal(layer.mutations().length, 0);
	await app.press('s', keys.backspace, '4', '0', keys.enter, 'y');
	await frameMatching(app.frame, /scaled from 3 to 40/);
	layer.replicas.set('default/web', 40);
	await app.press('s');
	await frameMatching(app.frame, /to: 40/);
	await app.press(keys.backspace, keys.backspace, '2', keys.enter);
	await frameMatching(app.frame, /from 40 to 2 \(more than 10×\)\?/);
	app.unmount();
});

test('scale: a Forbidden answer from the API is shown in the status line', async () => {
	const layer = withReplicas(3);
	layer.failNext = statusError(403, 'Forbidden', 'deployments.apps "web" is forbidden: User "tester" cannot patch resource "deployments/scale"', {user: 'tester'});
	const app = onDeployments(layer);
	await app.settle();
	await app.press('s', keys.backspace, '2', keys.enter);
	const frame = await frameMatching(app.frame, /error: cannot scale deployment default\/web: forbidden for user "tester" \(RBAC\)/);
	assert.match(frame.replace(/\n/g, ''), /cannot patch resource/);
	app.unmount();
});

test('scale: Esc cancels without a call', async () => {
	const layer = withReplicas(3);
	const app = onDeployments(layer);
	await app.settle();
	await app.press('s', '7', keys.esc);
	await frameMatching(app.frame, /scale cancelled/);
	assert.equal(layer.mutations().length, 0);
	app.unmount();
});

test('read-only: every mutation key shows the gate\'s refusal, opens no dialog and sends nothing', async () => {
	const cases: Array<{contexts: string[]; kind: string; row: BaseRow; key: string; verb: string}> = [
		{contexts: ['deployments', 'table', 'global'], kind: 'Deployment', row: deployment(), key: 's', verb: 'scale'},
		{contexts: ['deployments', 'table', 'global'], kind: 'Deployment', row: deployment(), key: 'r', verb: 'restart'},
		{contexts: ['pods', 'table', 'global'], kind: 'Pod', row: row('web-1'), key: keys.ctrl('d'), verb: 'delete'},
		{contexts: ['pods', 'table', 'global'], kind: 'Pod', row: row('web-1'), key: keys.ctrl('k'), verb: 'kill'},
		{contexts: ['nodes', 'table', 'global'], kind: 'Node', row: row('node-a', {namespace: undefined}), key: 'c', verb: 'cordon'},
		{contexts: ['nodes', 'table', 'global'], kind: 'Node', row: row('node-a', {namespace: undefined}), key: 'u', verb: 'uncordon'},
		{contexts: ['nodes', 'table', 'global'], kind: 'Node', row: row('node-a', {namespace: undefined}), key: 'r', verb: 'drain'},
	];
	for (const c of cases) {
		const layer = withReplicas(3, true);
		const app = startHarness({layer, session: new FakeSession(), keymap, contexts: c.contexts, selection: {kind: c.kind, row: c.row}});
		await app.settle();
		await app.press(c.key);
		const frame = await frameMatching(app.frame, new RegExp(`read-only mode: ${c.verb} is disabled \\(started with --readonly\\)`));
		assert.doesNotMatch(frame, /\[y\/N\]|Scale deployment|Drain node/, `${c.verb}: no dialog opened`);
		assert.equal(layer.calls.length, 0, `${c.verb}: no API call at all`);
		app.unmount();
	}
});

test('rolling restart: confirm naming the deployment, then the live rollout view until complete; Esc returns', async () => {
	const layer = withReplicas(3);
	const app = onDeployments(layer);
	await app.settle();
	await app.press('r');
	await frameMatching(app.frame, /Restart deployment default\/web\? .*\[y\/N\]/);
	await app.press('y');
	await frameMatching(app.frame, /deployment\.apps\/web restarted/);
	const patch = layer.mutations()[0]!;
	assert.equal(patch.method, 'PATCH');
	assert.match(JSON.stringify(patch.body), /"kubectl\.kubernetes\.io\/restartedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
	await frameMatching(app.frame, /rollout status deployment default\/web/);
	const rollout = layer.rollouts[0]!;
	assert.equal(rollout.name, 'web');
	rollout.options.onStatus?.({done: false, stalled: false, message: 'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...', desired: 3, updated: 3, ready: 1, available: 1, oldReplicas: 1});
	let frame = await frameMatching(app.frame, /1 of 3 updated replicas are available/);
	assert.match(frame, /updated\s+#{20} 3\/3/);
	assert.match(frame, /available\s+#+\.+ 1\/3/);
	assert.match(frame, /1 old replica\(s\) terminating/);
	const done = {done: true, stalled: false, message: 'deployment "web" successfully rolled out', desired: 3, updated: 3, ready: 3, available: 3, oldReplicas: 0};
	rollout.options.onStatus?.(done);
	rollout.finish(done);
	frame = await frameMatching(app.frame, /complete · Esc back/);
	assert.match(frame, /successfully rolled out/);
	await app.press(keys.esc);
	await frameMatching(app.frame, /deployments\(default\)\[1\]/);
	app.unmount();
});

test('rollout: ProgressDeadlineExceeded is shown as such', async () => {
	const layer = withReplicas(3);
	const app = onDeployments(layer);
	await app.settle();
	await app.press('r', 'y');
	await frameMatching(app.frame, /rollout status/);
	const stalled = {done: false, stalled: true, message: 'deployment "web" exceeded its progress deadline', desired: 3, updated: 1, ready: 0, available: 2, oldReplicas: 2};
	layer.rollouts[0]!.options.onStatus?.(stalled);
	layer.rollouts[0]!.finish(stalled);
	const frame = await frameMatching(app.frame, /ProgressDeadlineExceeded/);
	assert.match(frame, /exceeded its progress deadline/);
	assert.match(frame, /error: deployment "web" exceeded its progress deadline/);
	app.unmount();
});

test('restart: n answers no and nothing is sent', async () => {
	const layer = withReplicas(3);
	const app = onDeployments(layer);
	await app.settle();
	await app.press('r', 'n');
	await frameMatching(app.frame, /cancelled/);
	assert.equal(layer.mutations().length, 0);
	app.unmount();
});

test('delete: confirmation names kind/namespace/name; f toggles force (grace 0)', async () => {
	const layer = new FakeLayer();
	const app = startHarness({layer, session: new FakeSession(), keymap, contexts: ['pods', 'table', 'global'], selection: {kind: 'Pod', row: row('web-1')}});
	await app.settle();
	await app.press(keys.ctrl('d'));
	let frame = await frameMatching(app.frame, /Delete pod default\/web-1\? \[y\/N\]/);
	assert.match(frame, /f: \[ \] force/);
	await app.press('f');
	frame = await frameMatching(app.frame, /f: \[x\] force/);
	await app.press('y');
	await frameMatching(app.frame, /pod "web-1" deleted \(forced/);
	const call = layer.mutations()[0]!;
	assert.equal(call.method, 'DELETE');
	assert.equal(call.path, '/api/v1/namespaces/default/pods/web-1');
	assert.equal((call.body as {gracePeriodSeconds?: number}).gracePeriodSeconds, 0);
	app.unmount();
});

test('delete without force sends no grace period; a NotFound answer is explained', async () => {
	const layer = new FakeLayer();
	layer.failNext = statusError(404, 'NotFound', 'pods "web-1" not found');
	const app = startHarness({layer, session: new FakeSession(), keymap, contexts: ['pods', 'table', 'global'], selection: {kind: 'Pod', row: row('web-1')}});
	await app.settle();
	await app.press(keys.ctrl('d'), 'y');
	await frameMatching(app.frame, /cannot delete pod default\/web-1: not found \(deleted meanwhile\?\)/);
	assert.equal((layer.mutations()[0]!.body as {gracePeriodSeconds?: number}).gracePeriodSeconds, undefined);
	app.unmount();
});

test('kill (ctrl-k): confirm, then delete with grace period 0', async () => {
	const layer = new FakeLayer();
	const app = startHarness({layer, session: new FakeSession(), keymap, contexts: ['pods', 'table', 'global'], selection: {kind: 'Pod', row: row('web-1')}});
	await app.settle();
	await app.press(keys.ctrl('k'));
	await frameMatching(app.frame, /Kill pod default\/web-1 now \(grace period 0\)\? \[y\/N\]/);
	await app.press('y');
	await frameMatching(app.frame, /pod "web-1" killed \(grace period 0\)/);
	assert.equal((layer.mutations()[0]!.body as {gracePeriodSeconds?: number}).gracePeriodSeconds, 0);
	app.unmount();
});

test('cordon and uncordon ask, then patch spec.unschedulable', async () => {
	const layer = new FakeLayer();
	const node = row('node-a', {namespace: undefined});
	const app = startHarness({layer, session: new FakeSession(), keymap, contexts: ['nodes', 'table', 'global'], selection: {kind: 'Node', row: node}});
	await app.settle();
	await app.press('c');
	await frameMatching(app.frame, /Cordon node node-a\? .*\[y\/N\]/);
	await app.press('y');
	await frameMatching(app.frame, /node\/node-a cordoned/);
	assert.deepEqual(layer.mutations()[0]!.body, {spec: {unschedulable: true}});
	await app.press('u', 'y');
	// The fake node never records the cordon, so kubectl's "already" wording is what comes back.
	await frameMatching(app.frame, /node\/node-a already uncordoned/);
	app.unmount();
});

function pod(name: string, extra: {owner?: string; emptyDir?: boolean} = {}) {
	return {
		metadata: {name, namespace: 'default', uid: `uid-${name}`, ...(extra.owner ? {ownerReferences: [{kind: extra.owner, name: 'x', uid: 'o', controller: true}]} : {})},
		spec: {nodeName: 'node-a', ...(extra.emptyDir ? {volumes: [{name: 'scratch', emptyDir: {}}]} : {})},
		status: {phase: 'Running'},
	};
}

test('drain dialog: options are edited and validated before anything is sent', async () => {
	const layer = new FakeLayer();
	const node = row('node-a', {namespace: undefined});
	const app = startHarness({layer, session: new FakeSession(), keymap, contexts: ['nodes', 'table', 'global'], selection: {kind: 'Node', row: node}});
	await app.settle();
	await app.press('r');
	let frame = await frameMatching(app.frame, /Drain node node-a\?/);
	assert.match(frame, /> \[x\] ignore DaemonSets/);
	assert.match(frame, /\[ \] delete emptyDir data/);
	assert.match(frame, /timeout \(s\): 120/);
	await app.press(keys.down, ' ');
	frame = await frameMatching(app.frame, /> \[x\] delete emptyDir data/);
	await app.press(keys.down, keys.down, 'x');
	frame = await frameMatching(app.frame, /digits only/);
	await app.press(keys.down);
	for (let i = 0; i < 3; i++) await app.press(keys.backspace);
	await app.press(keys.enter);
	frame = await frameMatching(app.frame, /timeout must be a whole number of seconds/);
	assert.equal(layer.calls.length, 0, 'nothing sent while the form is invalid');
	await app.press(keys.esc);
	await frameMatching(app.frame, /drain cancelled/);
	assert.equal(layer.calls.length, 0);
	app.unmount();
});

test('drain: per-pod results (evicted, skipped why, failed why with the PDB 429) and the final answer', async () => {
	const layer = new FakeLayer();
	layer.nodePods = [pod('web-1', {owner: 'ReplicaSet'}), pod('agent-x', {owner: 'DaemonSet'}), pod('db-0', {owner: 'StatefulSet'})];
	layer.guarded.add('db-0');
	const node = row('node-a', {namespace: undefined});
	const app = startHarness({layer, session: new FakeSession(), keymap, contexts: ['nodes', 'table', 'global'], selection: {kind: 'Node', row: node}, height: 20});
	await app.settle();
	await app.press('r');
	await frameMatching(app.frame, /Drain node node-a/);
	// timeout 1 s: the 429 cannot be retried within it (kubectl waits 5 s between tries).
	await app.press(keys.up, keys.backspace, keys.backspace, keys.backspace, '1', keys.enter);
	const frame = await frameMatching(app.frame, /not fully drained/, 5000);
	assert.match(frame, /evicted\s+default\/web-1/);
	assert.match(frame, /skipped\s+default\/agent-x\s+DaemonSet-managed/);
	assert.match(frame, /failed\s+default\/db-0\s+blocked by a PodDisruptionBudget/);
	assert.match(frame, /error: node\/node-a not fully drained \(1 evicted, 1 skipped, 1 failed\)/);
	const evictions = layer.mutations().filter((c) => c.path.endsWith('/eviction')).map((c) => c.path.split('/').at(-2));
	assert.deepEqual(evictions.sort(), ['db-0', 'web-1']);
	assert.deepEqual(layer.mutations()[0]!.body, {spec: {unschedulable: true}}, 'cordoned first');
	app.unmount();
});

test('drain: a PodDisruptionBudget refusal shows live, while drain keeps retrying', async () => {
	const layer = new FakeLayer();
	layer.nodePods = [pod('web-1', {owner: 'ReplicaSet'}), pod('db-0', {owner: 'StatefulSet'})];
	layer.guarded.add('db-0');
	const node = row('node-a', {namespace: undefined});
	const app = startHarness({layer, session: new FakeSession(), keymap, contexts: ['nodes', 'table', 'global'], selection: {kind: 'Node', row: node}, height: 20});
	await app.settle();
	// The default 120 s timeout: the drain is still running (retrying every 5 s) when we look.
	await app.press('r', keys.enter);
	const frame = await frameMatching(app.frame, /waiting: pod default\/db-0 blocked by PodDisruptionBudget \(retrying until timeout\)/, 5000);
	assert.match(frame, /evicted\s+default\/web-1/);
	assert.doesNotMatch(frame, /not fully drained|drained \(/, 'the drain has not finished');
	const evictions = () => layer.mutations().filter((c) => c.path.endsWith('/db-0/eviction')).length;
	const tries = evictions();
	await app.press(keys.esc);
	const after = await frameMatching(app.frame, /default\/db-0: drain\s+cancelled while a PodDisruptionBudget/);
	assert.doesNotMatch(after, /retrying until timeout/, 'the drain view is closed');
	assert.equal(evictions(), tries, 'Esc stopped the retries');
	app.unmount();
});

test('drain refuses emptyDir pods unless the option is on, and evicts nothing then', async () => {
	const layer = new FakeLayer();
	layer.nodePods = [pod('web-1', {owner: 'ReplicaSet'}), pod('cache-1', {owner: 'ReplicaSet', emptyDir: true})];
	const node = row('node-a', {namespace: undefined});
	const app = startHarness({layer, session: new FakeSession(), keymap, contexts: ['nodes', 'table', 'global'], selection: {kind: 'Node', row: node}, height: 20});
	await app.settle();
	await app.press('r', keys.enter);
	const frame = await frameMatching(app.frame, /cordoned but not drained/, 5000);
	assert.match(frame, /refused\s+default\/cache-1\s+uses emptyDir/);
	assert.equal(layer.mutations().filter((c) => c.path.endsWith('/eviction')).length, 0);
	app.unmount();
});

test('an action that does not apply says so, and so does a missing selection', async () => {
	const layer = new FakeLayer();
	let app = startHarness({layer, session: new FakeSession(), keymap, contexts: ['deployments', 'table', 'global'], selection: {kind: 'Deployment', row: undefined}});
	await app.settle();
	await app.press('s');
	await frameMatching(app.frame, /error: nothing selected/);
	app.unmount();
	app = startHarness({layer: undefined, session: new FakeSession(), keymap, contexts: ['deployments', 'table', 'global'], selection: {kind: 'Deployment', row: deployment()}});
	await app.settle();
	await app.press('s');
	await frameMatching(app.frame, /deploy\.scale is not available: kubedeck was started without an action layer/);
	app.unmount();
});
