// An idle app draws nothing: the clock ticks every second, but a tick renders a frame only when
// it changes text on screen (an AGE cell, the header's data age while not live). Before, every
// tick re-rendered the whole app (about 2 % of a core at 50k pods for an unchanged screen).
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../views/App.js';
import {tickChangesText} from '../../views/app/useTextClock.js';
import {FakeSession, NOW, defaultKeymap, driven, renderProbe, row, testPanes, until} from './fakes.js';

afterEach(() => cleanup());

function start() {
	const session = new FakeSession('default');
	// testColumns' AGE is whole seconds, rounded: 60s until the clock passes NOW + 500 ms.
	session.setRows('pods', [row('web-1'), row('web-2')]);
	session.setStatus('pods', {state: 'live', since: NOW - 600_000, dataAt: NOW - 2_000});
	let t = NOW;
	let renders = 0;
	const ticks: boolean[] = [];
	const probe = renderProbe();
	const counting = {
		...probe,
		rendered(version: number, latest: () => number) {
			renders++;
			probe.rendered(version, latest);
		},
		ticked: (redrawn: boolean) => ticks.push(redrawn),
	};
	const instance = render(
		<App session={session} keymap={defaultKeymap()} settings={{}} readonly={false} panes={testPanes} size={{columns: 100, rows: 16}} clock={() => t} tickMs={10} onExit={() => {}} onSwitchContext={() => {}} probe={counting} />,
	);
	return {session, app: driven(instance, probe), setTime: (ms: number) => (t = ms), renders: () => renders, ticks};
}

test('ticks that change no text draw no frame; the first that does draws one', async () => {
	const {app, setTime, renders, ticks} = start();
	await app.settle();
	assert.match(app.frame(), /watch pods live$/m);
	assert.match(app.frame(), /web-1 .* 60s/);
	// 400 ms later: every age on screen still reads the same, and the live header has no age.
	setTime(NOW + 400);
	const rendersBefore = renders();
	const from = ticks.length;
	await until(() => ticks.length >= from + 5, () => 'five ticks');
	assert.deepEqual(ticks.slice(from, from + 5), [false, false, false, false, false]);
	assert.equal(renders(), rendersBefore, 'no frame for an unchanged screen');
	// A second on: the AGE cells change, and that tick draws them.
	setTime(NOW + 1_000);
	await app.frameMatching(/web-1 .* 61s/);
	assert.ok(ticks.slice(from + 5).includes(true));
});

test('a stream that is not live keeps its age moving: each second of it is a frame', async () => {
	const {session, app, setTime} = start();
	await app.settle();
	session.setStatus('pods', {state: 'stalled', since: NOW - 5_000, dataAt: NOW - 5_000});
	await app.frameMatching(/pods stalled since .* \(data 5s old\)/);
	setTime(NOW + 1_400);
	await app.frameMatching(/pods stalled since .* \(data 6s old\)/);
});

test('tickChangesText: redraw when the text differs between the drawn moment and now, or nothing says what depends on time', () => {
	const seconds = (now: number) => String(Math.floor(now / 1000));
	assert.equal(tickChangesText(seconds, 1_000, 1_999), false);
	assert.equal(tickChangesText(seconds, 1_000, 2_000), true);
	assert.equal(tickChangesText(undefined, 1_000, 1_000), true);
});
