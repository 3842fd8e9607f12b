// source/store/listeners.ts: the one fan-out every store, handle and session status uses.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Listeners} from '../../source/store/listeners.js';

test('every listener hears a change even when one throws; unsubscribed ones do not', () => {
	const listeners = new Listeners();
	const heard: string[] = [];
	listeners.add(() => heard.push('a'));
	listeners.add(() => {
		throw new Error('a view bug');
	});
	const dropB = listeners.add(() => heard.push('b'));
	listeners.add(() => heard.push('c'));
	listeners.notify();
	dropB();
	listeners.notify();
	assert.deepEqual(heard, ['a', 'b', 'c', 'a', 'c']);
	assert.equal(listeners.size, 3);
});

test('a listener added or removed during a round does not disturb that round', () => {
	const listeners = new Listeners();
	const heard: string[] = [];
	let dropLate: () => void = () => {};
	listeners.add(() => {
		heard.push('first');
		listeners.add(() => heard.push('added'));
		dropLate();
	});
	dropLate = listeners.add(() => heard.push('late'));
	listeners.notify();
	assert.deepEqual(heard, ['first', 'late'], 'the round calls who was subscribed when it began');
	heard.length = 0;
	listeners.clear();
	listeners.notify();
	assert.deepEqual(heard, []);
});
