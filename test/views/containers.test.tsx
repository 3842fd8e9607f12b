// Enter on a pod opens its containers: rows projected from the pod fetched through the session,
// re-fetched when the pods store's row for that pod changes; Esc goes back; l follows the log
// of the selected container only; d describes the pod.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../views/App.js';
import type {KubeObject} from '../../source/model/types.js';
import {podModel} from '../../source/model/pods.js';
import {FakeSession, NOW, defaultKeymap, driven, keys, renderProbe} from './fakes.js';
import {FakeLayer, frameMatching} from './actions-fakes.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';

const keymap = defaultKeymap();

function podObject(appState: Record<string, unknown>, restarts = 0): KubeObject {
	return {
		metadata: {name: 'web-1', namespace: 'default', uid: 'web-1-uid', creationTimestamp: '2026-11-27T11:00:00Z'},
		spec: {
			initContainers: [{name: 'migrate', image: 'db-migrate:3'}],
			containers: [
				{name: 'app', image: 'web:2', ports: [{containerPort: 8080}]},
				{name: 'proxy', image: 'envoy:1.31'},
			],
		},
		status: {
			initContainerStatuses: [{name: 'migrate', ready: false, restartCount: 0, state: {terminated: {reason: 'Completed', exitCode: 0}}}],
			containerStatuses: [
				{name: 'app', ready: false, restartCount: restarts, state: appState},
				{name: 'proxy', ready: true, restartCount: 0, state: {running: {startedAt: '2026-11-27T11:50:00Z'}}},
			],
		},
	};
}

function setup() {
	const session = new FakeSession('default');
	// The pods store holds what the watch projected; the pane fetches the full object on its own.
	const publish = (pod: KubeObject) => {
		session.objects.set('pods/default/web-1', pod);
		session.setRows('pods', [podModel.project(pod)]);
	};
	publish(podObject({waiting: {reason: 'CrashLoopBackOff'}}, 4));
	const layer = new FakeLayer();
	const probe = renderProbe();
	const app = driven(
		render(
			<App
				session={session}
				keymap={keymap}
				settings={{logTailLines: 50, logLineCap: 1000}}
				readonly={false}
				panes={defaultPanes()}
				size={{columns: 120, rows: 24}}
				clock={() => NOW}
				onExit={() => {}}
				onSwitchContext={() => {}}
				actions={layer}
				probe={probe}
			/>,
		),
		probe,
	);
	return {session, layer, app, publish};
}

test('Enter on a pod lists its containers with type and state; Esc returns to the pods', async () => {
	const {app} = setup();
	await app.settle();
	await app.press(keys.enter);
	const frame = await frameMatching(app.frame, /containers.*pod\/web-1/);
	assert.match(frame, /NAME\s+TYPE\s+IMAGE\s+READY\s+STATE\s+RESTARTS\s+PORTS\s+AGE/);
	assert.match(frame, /migrate\s+init\s+db-migrate:3\s+false\s+Terminated: Completed \(exit 0\)/);
	assert.match(frame, /app\s+app\s+web:2\s+false\s+Waiting: CrashLoopBackOff\s+4\s+8080/);
	assert.match(frame, /proxy\s+app\s+envoy:1\.31\s+true\s+Running\s+0\s+10m/);
	await app.press(keys.esc);
	const back = await frameMatching(app.frame, /pods\(default\)\[1\]/);
	assert.doesNotMatch(back, /TYPE/);
	app.unmount();
});

test('the containers stay live: a new version of the pod row re-fetches the pod', async () => {
	const {app, session, publish} = setup();
	await app.settle();
	await app.press(keys.enter);
	await frameMatching(app.frame, /Waiting: CrashLoopBackOff/);
	const fetches = session.calls.fetchObject.length;
	publish(podObject({running: {startedAt: '2026-11-27T11:59:00Z'}}, 5));
	const frame = await frameMatching(app.frame, /app\s+app\s+web:2\s+false\s+Running\s+5/);
	assert.doesNotMatch(frame, /CrashLoopBackOff/);
	assert.ok(session.calls.fetchObject.length > fetches);
	assert.deepEqual(session.calls.fetchObject.at(-1), ['pods', 'default', 'web-1']);
	app.unmount();
});

test('l follows the log of the selected container only, without the picker', async () => {
	const {app, layer} = setup();
	await app.settle();
	await app.press(keys.enter);
	await frameMatching(app.frame, /proxy\s+app/);
	await app.press('j', 'j'); // migrate → app → proxy
	await app.press('l');
	await frameMatching(app.frame, /logs default\/web-1 \[proxy\]/);
	assert.equal(layer.streams.length, 1);
	assert.equal(layer.streams[0]!.options.container, 'proxy');
	assert.equal(layer.streams[0]!.options.pod, 'web-1');
	await app.press(keys.esc);
	await frameMatching(app.frame, /containers.*pod\/web-1/);
	app.unmount();
});

test('d describes the pod; ctrl-d does not delete from the containers pane', async () => {
	const {app, session, layer} = setup();
	await app.settle();
	await app.press(keys.enter);
	await frameMatching(app.frame, /proxy\s+app/);
	await app.press('d');
	await frameMatching(app.frame, /describe pod default\/web-1/);
	assert.deepEqual(session.calls.fetchObject.at(-1), ['pods', 'default', 'web-1']);
	await app.press(keys.esc);
	await frameMatching(app.frame, /containers.*pod\/web-1/);
	await app.press(keys.ctrl('d'));
	await frameMatching(app.frame, /object\.delete is not available here/);
	assert.equal(layer.calls.length, 0);
	app.unmount();
});
