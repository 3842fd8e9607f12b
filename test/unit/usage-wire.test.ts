// The usage table's wire form (the metrics decoder's worker answers with it): what goes in comes out.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type {Usage, UsageTable} from '../../source/model/metrics.js';
import {fromWire, toWire} from '../../source/model/usageWire.js';

const usage: fc.Arbitrary<Usage> = fc.record(
	{
		cpuMilli: fc.integer({min: 0, max: 10_000_000}),
		memoryBytes: fc.integer({min: 0, max: 2 ** 50}),
		timestamp: fc.integer({min: 0, max: 4_000_000_000_000}),
		windowMs: fc.integer({min: 0, max: 600_000}),
	},
	{requiredKeys: ['cpuMilli', 'memoryBytes']},
).map((u) => ({...u})); // plain objects, as the decoder makes them (fast-check's have no prototype)
// Object names hold no NUL; anything else (empty, slashes, other Unicode) must survive.
const key = fc.string({unit: 'grapheme', maxLength: 12}).filter((k) => !k.includes('\0'));
const table: fc.Arbitrary<UsageTable> = fc.record(
	{
		byKey: fc.array(fc.tuple(key, usage), {maxLength: 40}).map((entries) => new Map(entries)),
		sampledAt: fc.integer({min: 0, max: 4_000_000_000_000}),
		unavailable: fc.string(),
	},
	{requiredKeys: ['byKey']},
);

test('fromWire(toWire(table)) is the table: keys in order, optional fields only where they were', () => {
	fc.assert(
		fc.property(table, (t) => {
			const back = fromWire(toWire(t));
			assert.deepEqual([...back.byKey], [...t.byKey]);
			assert.equal(back.sampledAt, t.sampledAt);
			assert.equal(back.unavailable, t.unavailable);
			assert.equal('sampledAt' in back, 'sampledAt' in t);
		}),
		{examples: [[{byKey: new Map([['', {cpuMilli: 0, memoryBytes: 0}]])}], [{byKey: new Map()}]]},
	);
});

test('the numbers travel in one typed array: four per key', () => {
	const wire = toWire({byKey: new Map([['a/b', {cpuMilli: 5, memoryBytes: 1048576, timestamp: 1000, windowMs: 15000}], ['c/d', {cpuMilli: 1, memoryBytes: 2}]])});
	assert.equal(wire.keys, 'a/b\0c/d\0');
	assert.deepEqual([...wire.numbers].slice(0, 6), [5, 1048576, 1000, 15000, 1, 2]);
	assert.ok(Number.isNaN(wire.numbers[6]!) && Number.isNaN(wire.numbers[7]!));
});
