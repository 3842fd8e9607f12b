import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseQuantity, tryParseQuantity, formatCpu, formatBytes, formatCount} from '../../source/model/quantity.js';

const parseCases: Array<[string | number | undefined, number]> = [
	[undefined, 0],
	['', 0],
	['garbage', 0],
	['1Gx', 0],
	[2, 2],
	['0', 0],
	['1', 1],
	['2.5', 2.5],
	['.5', 0.5],
	['+3', 3],
	['-3', -3],
	['100m', 0.1],
	['250m', 0.25],
	['1500m', 1.5],
	['500u', 0.0005],
	['1000000n', 0.001],
	['1k', 1000],
	['1M', 1e6],
	['2G', 2e9],
	['1T', 1e12],
	['1P', 1e15],
	['1E', 1e18],
	['1Ki', 1024],
	['128Mi', 128 * 1024 ** 2],
	['1.5Gi', 1.5 * 1024 ** 3],
	['2Ti', 2 * 1024 ** 4],
	['1Pi', 1024 ** 5],
	['1Ei', 1024 ** 6],
	['1e3', 1000],
	['1E3', 1000],
	['12e-3', 0.012],
	['1e+2', 100],
	[' 4Gi ', 4 * 1024 ** 3],
];

test('parseQuantity reads every Kubernetes suffix into base units', async (t) => {
	for (const [input, expected] of parseCases) {
		await t.test(JSON.stringify(input), () => {
			assert.ok(Math.abs(parseQuantity(input) - expected) <= Math.abs(expected) * 1e-12, `${String(input)} → ${parseQuantity(input)}`);
		});
	}
});

test('tryParseQuantity tells malformed from zero', () => {
	assert.equal(tryParseQuantity('0'), 0);
	assert.equal(tryParseQuantity('1KB'), undefined);
	assert.equal(tryParseQuantity('ki'), undefined);
	assert.equal(tryParseQuantity(undefined), undefined);
	assert.equal(tryParseQuantity(Number.NaN), undefined);
});

const cpuCases: Array<[number, string]> = [
	[0, '0'],
	[0.1, '100m'],
	[0.25, '250m'],
	[1, '1'],
	[1.5, '1500m'],
	[16, '16'],
	[0.0001, '1m'],
	[0.0015, '2m'],
];

test('formatCpu prints cores or millicores', () => {
	for (const [cores, text] of cpuCases) assert.equal(formatCpu(cores), text, `${cores}`);
});

const byteCases: Array<[number, string]> = [
	[0, '0'],
	[512, '512'],
	[1024, '1Ki'],
	[1536, '1.5Ki'],
	[128 * 1024 ** 2, '128Mi'],
	[1.5 * 1024 ** 3, '1.5Gi'],
	[16 * 1024 ** 3, '16Gi'],
	[1e9, '954Mi'],
	[1024 ** 3 - 1, '1Gi'],
	[2 * 1024 ** 4, '2Ti'],
	[parseQuantity('1000Ei'), '1000Ei'],
];

test('formatBytes prints short binary units', () => {
	for (const [bytes, text] of byteCases) assert.equal(formatBytes(bytes), text, `${bytes}`);
});

test('formatCount keeps integers whole', () => {
	assert.equal(formatCount(8), '8');
	assert.equal(formatCount(0.5), '0.5');
	assert.equal(formatCount(1 / 3), '0.33');
});
