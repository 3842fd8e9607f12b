// Set image as the operator meets it in the App at 80 columns: the prompt, a refused reference
// (nothing sent), the server dry run (dryRun=All) before the question, yes, then the rollout view.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ApiRequest} from '../../source/kube/transport.js';
import type {BaseRow} from '../../source/model/types.js';
import {FakeSession, defaultKeymap, keys, row} from './fakes.js';
import {FakeLayer, frameMatching, startHarness} from './actions-fakes.js';

const keymap = defaultKeymap();
const web = {...row('web'), desired: 3, selector: 'app=web', containers: ['app'], images: ['nginx:1.25']} as BaseRow;

/** The fake layer, whose deployment GET also returns a pod template with the container. */
function layerWithTemplate(readonly = false): FakeLayer {
	const layer = new FakeLayer(readonly);
	const inner = layer.client.request.bind(layer.client);
	Object.assign(layer.client, {
		async request<T>(r: ApiRequest): Promise<T> {
			const answer = await inner<Record<string, unknown>>(r);
			if ((r.method ?? 'GET') === 'GET' && r.path.endsWith('/deployments/web')) {
				return {...answer, spec: {template: {spec: {containers: [{name: 'app', image: 'nginx:1.25'}]}}}} as T;
			}
			return answer as T;
		},
	});
	return layer;
}

test('set image in the App: a bad reference is refused before any call; a good one is dry-run, asked, applied, and the rollout followed', async () => {
	const layer = layerWithTemplate();
	const app = startHarness({layer, session: new FakeSession(), keymap, contexts: ['deployments', 'table', 'global'], selection: {kind: 'Deployment', row: web}, width: 80});
	await app.settle();
	await app.press('i');
	await frameMatching(app.frame, /Image of app in deployment default\/web: nginx:1\.25/);
	await app.press(keys.backspace, keys.backspace, keys.backspace, keys.backspace, '!', keys.enter);
	await frameMatching(app.frame, /"!" is not a valid tag/);
	assert.equal(layer.calls.length, 0, 'nothing sent for a bad reference');
	await app.press(keys.backspace, '1', '.', '2', '6', keys.enter);
	await frameMatching(app.frame, /Set app of deployment default\/web to nginx:1\.26\?/);
	assert.deepEqual(layer.mutations().map((c) => [c.method, c.path]), [['PATCH', '/apis/apps/v1/namespaces/default/deployments/web?dryRun=All']]);
	await app.press('y');
	await frameMatching(app.frame, /rollout status deployment default\/web/);
	assert.deepEqual(layer.mutations().map((c) => c.path), ['/apis/apps/v1/namespaces/default/deployments/web?dryRun=All', '/apis/apps/v1/namespaces/default/deployments/web']);
	assert.deepEqual(layer.mutations()[1]!.body, {spec: {template: {spec: {containers: [{name: 'app', image: 'nginx:1.26'}]}}}});
	assert.equal(layer.rollouts.length, 1);
	assert.deepEqual(layer.audit.records.map((r) => [r.verb, r.args]), [
		['setImage', {container: 'app', image: 'nginx:1.26', dryRun: true}],
		['setImage', {container: 'app', image: 'nginx:1.26'}],
	]);
	app.unmount();
});
