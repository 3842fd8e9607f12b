// Multi-select in the real App shell at 80 columns: marked rows carry a marker character (read
// with styles off, as under NO_COLOR), the title counts them, one question lists them (names as
// fit, then "and K more"), and yes sends one DELETE per object and sums the answers in one line.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../views/App.js';
import {FakeSession, NOW, defaultKeymap, driven, keys, renderProbe, row, testPanes} from './fakes.js';
import {FakeLayer, frameMatching} from './actions-fakes.js';
import {statusError} from '../../source/kube/kubeError.js';
import {fitNames} from '../../views/marks/BulkList.js';

const keymap = defaultKeymap();
const names = ['web-5c9f7d8b6-abcde', 'web-5c9f7d8b6-fghij', 'web-5c9f7d8b6-klmno', 'web-5c9f7d8b6-pqrst', 'web-5c9f7d8b6-uvwxy', 'worker-0'];

function start(layer: FakeLayer) {
	const session = new FakeSession('default');
	session.setRows('pods', names.map((name) => ({...row(name), containers: ['app']})));
	const probe = renderProbe();
	const instance = render(
		<App session={session} keymap={keymap} settings={{logTailLines: 50, logLineCap: 1000}} readonly={layer.readonly} panes={testPanes} size={{columns: 80, rows: 24}} clock={() => NOW} onExit={() => {}} onSwitchContext={() => {}} actions={layer} probe={probe} />,
	);
	return {app: driven(instance, probe), session};
}

const rowLine = (frame: string, name: string) => frame.split('\n').find((line) => line.includes(name)) ?? '';

test('App at 80 columns: space marks with a * beside the cursor column, the title counts the marks', async () => {
	const {app} = start(new FakeLayer());
	await app.settle();
	await app.press(' ', ' ', 'j', ' ');
	const frame = await frameMatching(app.frame, /<3 marked>/);
	assert.match(rowLine(frame, names[0]!), /^ \*web-5c9f7d8b6-abcde/);
	assert.match(rowLine(frame, names[1]!), /^ \*web-5c9f7d8b6-fghij/);
	assert.match(rowLine(frame, names[2]!), /^  web-5c9f7d8b6-klmno/, 'not marked: no marker');
	assert.match(rowLine(frame, names[4]!), /^>[ ]web-5c9f7d8b6-uvwxy/, 'the cursor moved on past the last mark');
	await app.press(keys.up, ' ');
	assert.match(rowLine(await frameMatching(app.frame, /<2 marked>/), names[3]!), /^  web/, 'space again unmarks (and moves on)');
	app.unmount();
});

test('App at 80 columns: ctrl-d with marks asks once, listing the names that fit and how many more; yes deletes each and sums up', async () => {
	const layer = new FakeLayer();
	const {app} = start(layer);
	await app.settle();
	await app.press(' ', ' ', ' ', ' ', ' ', keys.ctrl('d'));
	const frame = await frameMatching(app.frame, /Delete 5 pods in default\? \[y\/N\]/);
	assert.match(frame, /web-5c9f7d8b6-abcde, web-5c9f7d8b6-fghij, web-5c9f7d8b6-klmno,/);
	assert.ok(frame.split('\n').length <= 23, 'the frame stays shorter than the terminal');
	assert.equal(layer.mutations().length, 0, 'nothing is sent before yes');
	layer.failNext = statusError(404, 'NotFound', 'pods "web-5c9f7d8b6-abcde" not found');
	await app.press('y');
	const done = await frameMatching(app.frame, /deleted 4 of 5: /);
	assert.match(done, /deleted 4 of 5: \S+ not found/);
	const deletes = layer.mutations().filter((c) => c.method === 'DELETE').map((c) => c.path.split('/').pop());
	assert.deepEqual(deletes.sort(), names.slice(0, 5).sort(), 'one DELETE per marked pod, none twice');
	assert.equal(layer.audit.records.length, 5, 'each has its own audit line');
	app.unmount();
});

test('fitNames: whole names in at most three lines of the width, then "and K more"; all of them when they fit', () => {
	assert.deepEqual(fitNames(['a', 'b', 'c'], 80), ['a, b, c']);
	const many = Array.from({length: 40}, (_, i) => `pod-${String(i).padStart(2, '0')}-xxxxxxxx`);
	const lines = fitNames(many, 40);
	assert.ok(lines.length <= 3 && lines.every((l) => l.length <= 40), JSON.stringify(lines));
	assert.match(lines.at(-1)!, /and \d+ more$/);
	const shown = lines.join(' ').split(', ').length;
	assert.equal(Number(/and (\d+) more$/.exec(lines.at(-1)!)![1]) + shown, 40, 'every object is either named or counted');
});
