// Generic panes report their watch in the header as built-in panes do: the state in words, the
// row count in the title, the reason of a problem; and a watch of a pane further down the stack
// (the CronJob list behind its Jobs) that falls into trouble is news on the pane on top, as a
// built-in kind's is.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../views/App.js';
import type {DiscoveredResource} from '../../source/kube/discovery-documents.js';
import type {TableRow} from '../../source/model/table.js';
import {FakeSession, NOW, defaultKeymap, driven, renderProbe, row, testPanes} from './fakes.js';

afterEach(() => cleanup());

const verbs = ['get', 'list', 'watch', 'delete'];
const served = (group: string, plural: string, kind: string): DiscoveredResource => ({group, version: 'v1', plural, singular: kind.toLowerCase(), kind, scope: 'Namespaced', shortNames: [], categories: [], verbs});
const tableRow = (name: string, cells: string[], owners: TableRow['owners'] = []) => ({...row(name), kind: 'TableRow', cells, owners, deleting: false}) as unknown as TableRow;

function start() {
	const session = new FakeSession('default');
	session.discovery = [served('batch', 'cronjobs', 'CronJob'), served('batch', 'jobs', 'Job')];
	session.columns.set('cronjobs.batch', [{name: 'Name', type: 'string', priority: 0}, {name: 'Schedule', type: 'string', priority: 0}]);
	session.columns.set('jobs.batch', [{name: 'Name', type: 'string', priority: 0}, {name: 'Status', type: 'string', priority: 0}]);
	session.setRows('cronjobs.batch', [tableRow('nightly', ['nightly', '0 2 * * *']), tableRow('hourly', ['hourly', '0 * * * *'])]);
	session.setRows('jobs.batch', [tableRow('hourly-1', ['hourly-1', 'Complete'], [{kind: 'CronJob', name: 'hourly', uid: 'uid-hourly', controller: true}])]);
	session.setStatus('cronjobs.batch', {state: 'live', since: NOW, dataAt: NOW - 3000});
	session.setStatus('jobs.batch', {state: 'live', since: NOW, dataAt: NOW});
	const probe = renderProbe();
	const instance = render(
		<App session={session} keymap={defaultKeymap()} settings={{}} readonly={false} panes={testPanes} size={{columns: 100, rows: 20}} clock={() => NOW} onExit={() => {}} onSwitchContext={() => {}} probe={probe} initialView="cronjobs.batch" />,
	);
	return {session, app: driven(instance, probe)};
}

test('a generic pane: the watch state in the header (its data age once not live), the count in the title, a problem with its reason', async () => {
	const {session, app} = start();
	await app.settle();
	assert.match(app.frame(), /watch cronjobs live$/m, 'live: no age until a quiet minute');
	assert.match(app.frame(), /cronjobs\(default\)\[2\]/);
	session.setStatus('cronjobs.batch', {state: 'reconnecting', since: NOW, retryAt: NOW + 4000, message: 'connection refused: the API server did not answer', dataAt: NOW - 3000});
	assert.match(await app.frameMatching(/watch cronjobs reconnecting in 4s \(data 3s old\)/), /connection refused: the API server did not answer/);
});

test('a generic watch behind the pane on top (a CronJob list behind its Jobs) in trouble shows on top too', async () => {
	const {session, app} = start();
	await app.settle();
	// Sorted by name, hourly is selected first: Enter opens its Jobs.
	await app.press('\r');
	assert.match(app.frame(), /jobs\(default\)/, app.frame());
	assert.doesNotMatch(app.frame(), /cronjobs/, 'a healthy watch behind stays out of the header');
	session.setStatus('cronjobs.batch', {state: 'forbidden', since: NOW, message: 'forbidden: cannot watch cronjobs in namespace default (RBAC)'});
	assert.match(await app.frameMatching(/cronjobs forbidden/, 3000), /cannot watch cronjobs in namespace default/);
});
