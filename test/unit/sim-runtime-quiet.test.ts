// Runtime.whenQuiet: the moment the world's queued and throttled work has run its course (the
// demo's seeding ends there). A condition on the work, so it holds at any pace.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {SimStore} from '../../source/sim/store.js';
import {createRuntime} from '../../source/sim/world/runtime.js';
import {waitFor} from './sim-world-harness.js';

test('quiet comes after queued work, the work it queues, and throttled work, not before', async () => {
	const rt = createRuntime(new SimStore(), {});
	const log: string[] = [];
	try {
		rt.soon('a', () => {
			log.push('a');
			rt.soon('b', () => log.push('b'));
			rt.throttle('t', 30, () => {
				log.push('t');
				rt.soon('c', () => log.push('c'));
			});
		});
		rt.whenQuiet(() => log.push('quiet'));
		await waitFor('quiet', () => log.includes('quiet'));
		assert.deepEqual([...log].sort(), ['a', 'b', 'c', 'quiet', 't']);
		assert.equal(log.at(-1), 'quiet', `quiet last: ${log.join(' ')}`);
	} finally {
		rt.stop();
	}
});

test('a runtime with nothing to do is quiet at once, and each hook runs once', async () => {
	const rt = createRuntime(new SimStore(), {});
	let runs = 0;
	try {
		rt.whenQuiet(() => runs++);
		await waitFor('quiet', () => runs > 0);
		// More work after the quiet moment, and the quiet after it: the hook does not run again.
		let later = false;
		rt.soon('later', () => (later = true));
		let again = false;
		rt.whenQuiet(() => (again = true));
		await waitFor('the later work and the next quiet', () => later && again);
		assert.equal(runs, 1);
	} finally {
		rt.stop();
	}
});

test('a stopped runtime never reports quiet', async () => {
	const rt = createRuntime(new SimStore(), {});
	let quiet = false;
	rt.soon('work', () => {});
	rt.whenQuiet(() => (quiet = true));
	rt.stop();
	// Its queue was cleared: a fresh round of the event loop passes without the hook.
	await new Promise(resolve => setImmediate(resolve));
	await new Promise(resolve => setTimeout(resolve, 0));
	assert.equal(quiet, false);
});
