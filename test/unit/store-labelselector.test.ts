import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseFilterInput, parseLabelSelector} from '../../source/store/labelSelector.js';

const good: Array<[string, string]> = [
	['app=web', 'app=web'],
	['app = web', 'app=web'],
	['app==web', 'app==web'],
	['tier!=db', 'tier!=db'],
	['app=web,tier!=db', 'app=web,tier!=db'],
	['env in (prod, staging)', 'env in (prod,staging)'],
	['env notin (dev)', 'env notin (dev)'],
	['gpu', 'gpu'],
	['!gpu', '!gpu'],
	['app.kubernetes.io/name=web', 'app.kubernetes.io/name=web'],
	['app=', 'app='],
	['a=b, env in (x,y), !z', 'a=b,env in (x,y),!z'],
];

for (const [input, want] of good) {
	test(`parseLabelSelector accepts "${input}"`, () => {
		assert.deepEqual(parseLabelSelector(input), {ok: true, selector: want});
	});
}

const bad: Array<[string, RegExp]> = [
	['', /empty/],
	['app=web,', /empty requirement/],
	['=web', /cannot read|key/],
	['app=we b', /label value "we b"/],
	['app=-web', /label value "-web"/],
	['env in (a,b', /unbalanced/],
	['env in ()', /at least one value/],
	['Bad_Prefix.COM/x=1', /prefix/],
	[`${'k'.repeat(64)}=v`, /at most 63/],
	['app=web)', /unbalanced/],
	['app >= 3', /cannot read|label/],
];

for (const [input, want] of bad) {
	test(`parseLabelSelector rejects "${input}" with a readable message`, () => {
		const result = parseLabelSelector(input);
		assert.equal(result.ok, false);
		if (!result.ok) assert.match(result.error, want);
	});
}

test('parseFilterInput tells text filters from label selectors', () => {
	assert.deepEqual(parseFilterInput('  '), {kind: 'none'});
	assert.deepEqual(parseFilterInput('web'), {kind: 'text', filter: 'web'});
	assert.deepEqual(parseFilterInput('!web'), {kind: 'text', filter: '!web'});
	assert.deepEqual(parseFilterInput('-l app = web'), {kind: 'labels', selector: 'app=web'});
	assert.deepEqual(parseFilterInput('-lapp'), {kind: 'text', filter: '-lapp'});
	const invalid = parseFilterInput('-l');
	assert.equal(invalid.kind, 'invalid');
	const typo = parseFilterInput('-l app=web,');
	assert.equal(typo.kind, 'invalid');
});
