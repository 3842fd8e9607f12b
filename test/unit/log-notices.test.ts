// Notices that update in place: the ring buffer replaces a line it still holds, and a stream's
// interruptions are told as one line with a count and the time of the last.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {LogBuffer} from '../../source/actions/logBuffer.js';
import {interruptionNotice} from '../../source/actions/logFeed.js';

test('replace: by the number the line was pushed as, until the cap pushes it out', () => {
	const buffer = new LogBuffer<string>(3);
	buffer.push('a');
	buffer.push('notice 1');
	const version = buffer.version;
	assert.equal(buffer.replace(1, 'notice 2'), true);
	assert.ok(buffer.version > version, 'a replacement is a change the view repaints for');
	assert.deepEqual(buffer.toArray(), ['a', 'notice 2']);
	buffer.push('b');
	buffer.push('c'); // 'a' is dropped: line 1 is now at position 0
	assert.equal(buffer.replace(1, 'notice 3'), true);
	assert.deepEqual(buffer.toArray(), ['notice 3', 'b', 'c']);
	buffer.push('d'); // the notice is dropped
	assert.equal(buffer.replace(1, 'notice 4'), false);
	assert.deepEqual(buffer.toArray(), ['b', 'c', 'd']);
	assert.equal(buffer.replace(99, 'x'), false, 'a line not yet pushed');
});

test('interruptionNotice: the first says why; later ones count and give the last time', () => {
	const at = new Date(2026, 11, 4, 12, 3, 4).getTime();
	assert.equal(interruptionNotice(1, at, 'EOF'), 'stream interrupted (EOF); resuming without repeating lines');
	assert.equal(interruptionNotice(7, at, 'EOF'), 'stream interrupted ×7, last 12:03:04 (EOF); resuming without repeating lines');
});
