import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createRowStore} from '../../source/store/rowStore.js';
import type {BaseRow} from '../../source/model/types.js';

interface TestRow extends BaseRow {
	value: number;
}

const row = (uid: string, value = 0): TestRow => ({uid, name: `n-${uid}`, namespace: 'ns', severity: 'ok', value});

test('upsert adds and replaces by uid; remove deletes', () => {
	const store = createRowStore<TestRow>({frameMs: 5});
	store.upsert(row('a', 1));
	store.upsert(row('b', 1));
	store.upsert(row('a', 2));
	assert.equal(store.snapshot().rows.length, 2);
	assert.equal(store.snapshot().byUid.get('a')?.value, 2);
	store.remove('a');
	assert.deepEqual(store.snapshot().rows.map((r) => r.uid), ['b']);
	store.remove('missing');
	assert.equal(store.size, 1);
});

test('replace swaps the whole contents: no stale rows survive', () => {
	const store = createRowStore<TestRow>({frameMs: 5});
	for (const uid of ['a', 'b', 'c']) store.upsert(row(uid));
	store.replace([row('b', 9), row('d')]);
	assert.deepEqual(store.snapshot().rows.map((r) => r.uid).sort(), ['b', 'd']);
	assert.equal(store.snapshot().byUid.get('b')?.value, 9);
	store.clear();
	assert.equal(store.snapshot().rows.length, 0);
});

test('a snapshot never changes under its holder, its uid index included (built on first use)', () => {
	const store = createRowStore<TestRow>({frameMs: 5});
	store.upsert(row('a', 1));
	store.upsert(row('b', 1));
	const before = store.snapshot();
	store.upsert(row('a', 2));
	store.remove('b');
	store.upsert(row('c'));
	assert.deepEqual(before.rows.map((r) => [r.uid, r.value]), [['a', 1], ['b', 1]]);
	assert.deepEqual([...before.byUid.keys()], ['a', 'b']);
	assert.equal(before.byUid.get('a')?.value, 1);
	assert.equal(before.byUid, before.byUid, 'the index is built once');
	const after = store.snapshot();
	assert.deepEqual([...after.byUid.keys()].sort(), ['a', 'c']);
	assert.equal(after.byUid.get('a')?.value, 2);
});

test('snapshot is cached until something changes, and versions grow across stores', () => {
	const one = createRowStore<TestRow>({frameMs: 5});
	const two = createRowStore<TestRow>({frameMs: 5});
	one.upsert(row('a'));
	const first = one.snapshot();
	assert.equal(one.snapshot(), first, 'same object when nothing changed');
	two.upsert(row('x'));
	one.upsert(row('b'));
	const second = one.snapshot();
	assert.notEqual(second, first);
	assert.ok(second.version > first.version);
	assert.notEqual(second.version, two.snapshot().version, 'versions are never shared between stores');
	assert.equal(first.rows.length, 1, 'an old snapshot does not change under its holder');
});

test('a burst of 10,000 changes produces exactly one notification', (t) => {
	// A mocked clock: "exactly one" is then a fact about frames, not about how late timers ran.
	t.mock.timers.enable({apis: ['setTimeout']});
	const store = createRowStore<TestRow>({frameMs: 20});
	let calls = 0;
	store.subscribe(() => calls++);
	for (let i = 0; i < 10_000; i++) store.upsert(row(String(i % 500), i));
	assert.equal(calls, 0, 'nothing is delivered synchronously');
	t.mock.timers.tick(19);
	assert.equal(calls, 0, 'not before the frame ends');
	t.mock.timers.tick(1);
	assert.equal(calls, 1);
	t.mock.timers.tick(200);
	assert.equal(calls, 1, 'and nothing more without a change');
	store.remove('1');
	t.mock.timers.tick(20);
	assert.equal(calls, 2, 'a later change is delivered in its own frame');
});

test('unsubscribe stops notifications; a throwing listener does not starve the others', (t) => {
	t.mock.timers.enable({apis: ['setTimeout']});
	const store = createRowStore<TestRow>({frameMs: 5});
	let good = 0;
	let dropped = 0;
	store.subscribe(() => {
		throw new Error('view bug');
	});
	store.subscribe(() => good++);
	const off = store.subscribe(() => dropped++);
	off();
	store.upsert(row('a'));
	t.mock.timers.tick(5);
	assert.equal(good, 1);
	assert.equal(dropped, 0);
});

test('no-op writes do not notify and keep the snapshot', (t) => {
	// Coalescing would fold a spurious notification into a real one, so each write is given a
	// frame of its own on a mocked clock: a no-op that touched the store would show as a call.
	t.mock.timers.enable({apis: ['setTimeout']});
	const store = createRowStore<TestRow>({frameMs: 5});
	const r = row('a');
	store.upsert(r);
	let calls = 0;
	store.subscribe(() => calls++);
	const before = store.snapshot();

	store.upsert(r);
	store.remove('missing');
	t.mock.timers.tick(10);
	assert.equal(calls, 0, 'upserting the same row and removing a missing uid change nothing');
	assert.equal(store.snapshot(), before, 'the same snapshot: views keyed on it do not re-render');

	store.clear();
	t.mock.timers.tick(10);
	assert.equal(calls, 1, 'the first clear changed something');
	const cleared = store.snapshot();
	assert.ok(cleared.version > before.version);

	store.clear();
	t.mock.timers.tick(10);
	assert.equal(calls, 1, 'clearing an empty store changes nothing');
	assert.equal(store.snapshot(), cleared);
});
