// Labels and annotations through the gate, against the simulator (and the real API server under
// test:real): kubectl reads back what was set and removed; a change made by someone else between
// the gate's read and its patch answers 409 instead of being overwritten; read-only and an
// unconfirmed intent change nothing; every call that reached the API is audited.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import type {Transport} from '../../source/kube/transport.js';
import {performAction, type Intent} from '../../source/actions/gate.js';
import {startActionsFixture, uniqueName, type ActionsFixture} from './actions-helpers.js';

let fx: ActionsFixture;
before(async () => {
	fx = await startActionsFixture();
});
after(async () => {
	await fx?.stop();
});

async function configMap(labels: Record<string, string>): Promise<string> {
	const name = uniqueName('labels');
	await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/configmaps`, body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, labels, annotations: {keep: 'me'}}, data: {a: '1'}}});
	return name;
}
const read = (name: string) => fx.client.request<KubeObject>({path: `/api/v1/namespaces/${fx.namespace}/configmaps/${name}`});
const intentFor = (name: string, text: Partial<Extract<Intent, {verb: 'label'}>>): Intent =>
	({verb: 'label', kind: 'ConfigMap', namespace: fx.namespace, name, confirmed: true, edits: {field: 'labels', set: [], remove: []}, ...text}) as Intent;

test('labels set, changed and removed; annotations with spaces; a no-op sends nothing', async () => {
	const name = await configMap({app: 'web', tier: 'front', old: 'x'});
	const labelled = await performAction(fx.ctx(), intentFor(name, {edits: {field: 'labels', set: [['tier', 'back'], ['team', 'sre']], remove: ['old']}}));
	assert.ok(labelled.ok, labelled.message);
	assert.match(labelled.message, /configmap\/\S+ labelled: -old ~tier: front→back \+team=sre/);
	assert.deepEqual((await read(name)).metadata?.labels, {app: 'web', tier: 'back', team: 'sre'});
	const annotated = await performAction(fx.ctx(), intentFor(name, {edits: {field: 'annotations', set: [['note', 'on call: sre']], remove: []}}));
	assert.ok(annotated.ok, annotated.message);
	assert.deepEqual((await read(name)).metadata?.annotations, {keep: 'me', note: 'on call: sre'});
	const before = (await read(name)).metadata?.resourceVersion;
	const noop = await performAction(fx.ctx(), intentFor(name, {edits: {field: 'labels', set: [['app', 'web']], remove: []}}));
	assert.ok(noop.ok && /nothing sent/.test(noop.message));
	assert.equal((await read(name)).metadata?.resourceVersion, before, 'the object did not change');
});

test('a change made between the read and the patch is a 409, not an overwrite', async () => {
	const name = await configMap({tier: 'front'});
	// Someone else relabels the object right after the gate read it.
	let raced = false;
	const racing: Transport = {
		...fx.client,
		server: fx.client.server,
		stream: (r) => fx.client.stream(r),
		async request<T>(r: Parameters<Transport['request']>[0]): Promise<T> {
			const answer = await fx.client.request<T>(r);
			if (!raced && (r.method ?? 'GET') === 'GET') {
				raced = true;
				await fx.client.request({method: 'PATCH', path: r.path, contentType: 'application/merge-patch+json', body: {metadata: {labels: {tier: 'theirs'}}}});
			}
			return answer;
		},
	};
	const result = await performAction(fx.ctx({client: racing}), intentFor(name, {edits: {field: 'labels', set: [['tier', 'mine']], remove: []}}));
	assert.equal(result.ok, false);
	assert.equal(result.ok ? 0 : result.code, 409, result.message);
	assert.equal((await read(name)).metadata?.labels?.tier, 'theirs', "the other change stands");
});

test('read-only and unconfirmed change nothing; a missing object keeps the server words; audit lines record the calls', async () => {
	const name = await configMap({tier: 'front'});
	const intent = intentFor(name, {edits: {field: 'labels', set: [['tier', 'back']], remove: []}});
	const readonly = await performAction(fx.ctx({readonly: true}), intent);
	assert.ok(!readonly.ok && readonly.reason === 'ReadOnly');
	const unconfirmed = await performAction(fx.ctx(), {...intent, confirmed: false} as Intent);
	assert.ok(!unconfirmed.ok && unconfirmed.reason === 'NotConfirmed');
	assert.equal((await read(name)).metadata?.labels?.tier, 'front');
	const missing = await performAction(fx.ctx(), intentFor('no-such-map', {edits: {field: 'labels', set: [['a', 'b']], remove: []}}));
	assert.ok(!missing.ok && missing.code === 404 && /not found/.test(missing.message), missing.message);
	const done = await performAction(fx.ctx(), intent);
	assert.ok(done.ok, done.message);
	const lines = fx.audit.records.filter((e) => e.verb === 'label' && e.name === name);
	assert.equal(lines.length, 1, 'the refusals decided before any request are not mutations; the one that reached the API is recorded');
	assert.deepEqual(lines.at(-1)!.args, {field: 'labels', set: {tier: 'back'}, remove: []});
});
