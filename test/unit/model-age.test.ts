import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatAge, humanDuration, parseTime} from '../../source/model/age.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

// Expected strings follow apimachinery's duration.HumanDuration, bucket by bucket, including the edges.
const cases: Array<[number, string]> = [
	[-5 * S, '<invalid>'],
	[-2 * S, '<invalid>'],
	[-1999, '0s'],
	[-1 * S, '0s'],
	[-500, '0s'],
	[0, '0s'],
	[999, '0s'],
	[1 * S, '1s'],
	[45 * S, '45s'],
	[119 * S, '119s'],
	[120 * S, '2m'],
	[150 * S, '2m30s'],
	[5 * M + 30 * S, '5m30s'],
	[9 * M + 59 * S, '9m59s'],
	[10 * M, '10m'],
	[10 * M + 59 * S, '10m'],
	[90 * M, '90m'],
	[179 * M, '179m'],
	[3 * H, '3h'],
	[3 * H + 5 * M, '3h5m'],
	[7 * H + 59 * M, '7h59m'],
	[8 * H, '8h'],
	[8 * H + 30 * M, '8h'],
	[47 * H, '47h'],
	[2 * D, '2d'],
	[2 * D + 5 * H, '2d5h'],
	[7 * D + 23 * H, '7d23h'],
	[8 * D, '8d'],
	[8 * D + 23 * H, '8d'],
	[400 * D, '400d'],
	[729 * D, '729d'],
	[2 * Y, '2y'],
	[2 * Y + 10 * D, '2y10d'],
	[7 * Y + 364 * D, '7y364d'],
	[8 * Y, '8y'],
	[8 * Y + 100 * D, '8y'],
	[20 * Y, '20y'],
];

test('humanDuration matches kubectl AGE buckets', async (t) => {
	for (const [ms, expected] of cases) {
		await t.test(`${ms}ms → ${expected}`, () => assert.equal(humanDuration(ms), expected));
	}
});

test('formatAge measures from creation to now', () => {
	const created = Date.parse('2024-01-01T00:00:00Z');
	assert.equal(formatAge(created, created + 5 * M + 30 * S), '5m30s');
	assert.equal(formatAge(undefined, created), '<unknown>');
	assert.equal(formatAge(Number.NaN, created), '<unknown>');
});

test('parseTime agrees with Date.parse on every timestamp shape the API writes', () => {
	const shapes = [
		'2024-01-01T00:00:00Z',
		'2024-02-29T23:59:59Z',
		'1999-12-31T12:34:56.7Z',
		'2024-06-01T12:00:00.123Z',
		'2024-06-01T12:00:00.123456Z',
		'2024-06-01T12:00:00.123456789Z',
		'2024-06-01T12:00:00+02:00',
		'2024-06-01T12:00:00.5-05:30',
		'2024-06-01 12:00:00Z',
	];
	for (const s of shapes) assert.equal(parseTime(s), Date.parse(s), s);
	assert.equal(parseTime('2024-13-01T00:00:00Z'), undefined);
	assert.equal(parseTime('2024-01-01T00:00:00.Z'), undefined);
	assert.equal(parseTime('2024-01-01T0a:00:00Z'), undefined);
});

test('parseTime reads RFC 3339 and rejects junk', () => {
	assert.equal(parseTime('2024-01-01T00:00:00Z'), Date.UTC(2024, 0, 1));
	assert.equal(parseTime(undefined), undefined);
	assert.equal(parseTime(''), undefined);
	assert.equal(parseTime('yesterday'), undefined);
	assert.equal(parseTime(12), undefined);
});
