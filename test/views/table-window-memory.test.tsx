// The table component is handed only the rows on screen. React keeps each component's props of
// the frame before (its alternate fiber) until the next frame, so a table handed every row kept the
// whole previous generation of rows alive: at 50,000 pods, after each metrics poll had replaced
// every joined row, about 14 MB. Here a store of 2,000 rows is replaced by new row objects, and once
// the new rows are drawn, no more of the old ones than fit on a screen may survive a collection.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../views/App.js';
import {FakeSession, NOW, defaultKeymap, driven, renderProbe, row, testPanes, type TestRow} from './fakes.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

afterEach(() => cleanup());

const ROWS = 2_000;
const generation = (n: number): TestRow[] => Array.from({length: ROWS}, (_, i) => row(`app-${String(i).padStart(4, '0')}`, {uid: `uid-${i}`, status: `Running g${n}`}));

test('once a new generation of rows is drawn, the previous one is not kept alive by the frame before', async () => {
	const session = new FakeSession('default');
	const probe = renderProbe();
	// The first frame's scope stays reachable from the controller it made: it starts empty, as a
	// real start does (the rows arrive from the watch).
	const app = driven(
		render(<App session={session} keymap={defaultKeymap()} settings={{}} readonly={false} panes={testPanes} size={{columns: 100, rows: 16}} clock={() => NOW} onExit={() => {}} onSwitchContext={() => {}} probe={probe} />),
		probe,
	);
	await app.settle();
	// Created in a function so that no local of this test holds them.
	const watched = ((): WeakRef<TestRow>[] => {
		const first = generation(1);
		session.setRows('pods', first);
		return first.map((r) => new WeakRef(r));
	})();
	await app.frameMatching(/app-0000 .*Running g1/);
	session.setRows('pods', generation(2));
	await app.frameMatching(/app-0000 .*Running g2/);
	for (let i = 0; i < 3; i++) {
		await new Promise((resolve) => setImmediate(resolve));
		gc();
	}
	const alive = watched.filter((ref) => ref.deref() !== undefined).length;
	// The frame before drew one screen of the first generation (10 rows here); those may stay.
	assert.ok(alive <= 16, `${alive} of ${ROWS} rows of the replaced generation are still alive`);
});
