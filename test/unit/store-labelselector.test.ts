import {test} from 'node:test';
import assert from 'node:assert/strict';
import {compileLabelSelector, parseFilterInput, parseLabelSelector} from '../../source/store/labelSelector.js';

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
	assert.deepEqual(parseFilterInput('~^web-[0-9]'), {kind: 'text', filter: '~^web-[0-9]'});
	assert.deepEqual(parseFilterInput('web-[1'), {kind: 'text', filter: 'web-[1'});
	assert.deepEqual(parseFilterInput('~web-[1'), {kind: 'invalid', error: 'invalid regex web-[1: missing closing ] (a filter without ~ matches plain text)'});
	assert.deepEqual(parseFilterInput('-l app = web'), {kind: 'labels', selector: 'app=web'});
	assert.deepEqual(parseFilterInput('-lapp'), {kind: 'text', filter: '-lapp'});
	const invalid = parseFilterInput('-l');
	assert.equal(invalid.kind, 'invalid');
	const typo = parseFilterInput('-l app=web,');
	assert.equal(typo.kind, 'invalid');
});

// The compiled form picks a deployment's pods out of the pods store for its log view.
const matching: Array<[string | undefined, Record<string, string> | undefined, boolean]> = [
	['app=web', {app: 'web'}, true],
	['app=web', {app: 'api'}, false],
	['app==web', {app: 'web'}, true],
	['app=web,tier=front', {app: 'web', tier: 'front'}, true],
	['app=web,tier=front', {app: 'web'}, false],
	['app in (web,api)', {app: 'api'}, true],
	['app in (web,api)', {}, false],
	['app notin (web,api)', {app: 'db'}, true],
	['app notin (web,api)', {app: 'web'}, false],
	['app notin (web,api)', undefined, true],
	['app!=web', {}, true],
	['app!=web', {app: 'web'}, false],
	['canary', {canary: ''}, true],
	['canary', {}, false],
	['!canary', {canary: 'x'}, false],
	['!canary', {}, true],
	['app=web,env in (prod)', {app: 'web', env: 'prod'}, true],
	['app = web , env in ( prod )', {app: 'web', env: 'prod'}, true],
	['toString', {}, false],
];

for (const [selector, labels, expected] of matching) {
	test(`compileLabelSelector("${selector}") ${expected ? 'matches' : 'rejects'} ${JSON.stringify(labels)}`, () => {
		assert.equal(compileLabelSelector(selector)(labels), expected);
	});
}

// Unlike the API, where an empty selector selects everything: a missing selector must not turn
// "this deployment's pods" into every pod of the namespace.
const matchNothing: Array<string | undefined> = ['', '   ', undefined, 'app=web,', 'env in (a', 'app >= 3'];
for (const selector of matchNothing) {
	test(`compileLabelSelector(${JSON.stringify(selector)}) matches nothing`, () => {
		const matches = compileLabelSelector(selector);
		assert.equal(matches({app: 'web'}), false);
		assert.equal(matches({}), false);
	});
}
