// Kubernetes' naming rules, checked before typed text becomes part of a request: each case is
// one input and whether it passes; failures carry a message naming what was wrong.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {checkDns1123Subdomain, checkLabelKey, checkLabelValue, checkNamespace} from '../../source/model/names.js';
import {parseCommand} from '../../source/ui/commands.js';
import {parseStartOptions} from '../../source/cli-options.js';

type Case = [input: string, error: RegExp | undefined];

function table(check: (text: string) => string | undefined, cases: readonly Case[]): void {
	for (const [input, error] of cases) {
		const got = check(input);
		if (error === undefined) assert.equal(got, undefined, `${JSON.stringify(input)} should pass`);
		else assert.match(got ?? '(passed)', error, `${JSON.stringify(input)} should fail`);
	}
}

test('namespaces are DNS-1123 labels', () => {
	table(checkNamespace, [
		['default', undefined],
		['kube-system', undefined],
		['a', undefined],
		['0', undefined],
		['team-42', undefined],
		['a'.repeat(63), undefined],
		['a'.repeat(64), /longer than 63 characters/],
		['', /namespace is empty/],
		['..', /namespace "\.\." is not valid/],
		['.', /not valid/],
		['a/b', /not valid/],
		['%2e%2e', /not valid/],
		['Payments', /not valid: lowercase letters/],
		['-lead', /not valid/],
		['trail-', /not valid/],
		['with.dot', /not valid/],
		['under_score', /not valid/],
		['new\nline', /not valid/],
		['sp ace', /not valid/],
		['ünï', /not valid/],
	]);
});

test('the message quotes hostile input inertly (escaped controls, cut at 80 characters)', () => {
	const message = checkNamespace('\u001B]0;owned\u0007') ?? '';
	assert.ok(!message.includes('\u001B'), message);
	assert.match(message, /\\u001b\]0;owned\\u0007/);
	assert.ok((checkNamespace('x'.repeat(5000) + 'X') ?? '').length < 200);
});

test('DNS-1123 subdomains: dot-separated labels, at most 253 characters', () => {
	table((text) => checkDns1123Subdomain(text, 'prefix'), [
		['example.com', undefined],
		['a.b-c.d0', undefined],
		['web', undefined],
		[`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, undefined],
		[`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`, /longer than 253/],
		['', /prefix is empty/],
		['a..b', /not valid/],
		['.a', /not valid/],
		['a.', /not valid/],
		['Example.com', /not valid/],
	]);
});

test('label keys: optional DNS-subdomain prefix, a name of at most 63 characters', () => {
	table(checkLabelKey, [
		['app', undefined],
		['app.kubernetes.io/name', undefined],
		['nvidia.com/gpu.product', undefined],
		['A_b.c-D', undefined],
		['x'.repeat(63), undefined],
		['x'.repeat(64), /at most 63 characters/],
		['', /label key is empty/],
		['/name', /prefix "" must be a DNS subdomain/],
		['Example.com/name', /prefix "Example.com" must be a DNS subdomain/],
		['a/b/c', /label key "a\/b\/c"/],
		['-app', /label key "-app"/],
		['app_', /label key "app_"/],
		['a=b', /label key "a=b"/],
	]);
});

test('label values: empty, or at most 63 of letters, digits, -, _, . with alphanumeric ends', () => {
	table(checkLabelValue, [
		['', undefined],
		['web', undefined],
		['v1.2_3-x', undefined],
		['v'.repeat(63), undefined],
		['v'.repeat(64), /at most 63/],
		['-web', /label value "-web"/],
		['web.', /label value "web\."/],
		['a b', /label value "a b"/],
		['a/b', /label value "a\/b"/],
	]);
});

test('the edges call the rules: a : command and the -n flag refuse a bad namespace before any request', () => {
	const cases: Array<[string, RegExp | undefined]> = [
		[':pods ..', /^:pods: namespace "\.\." is not valid/],
		[':pods ../../api', /not valid/],
		[':deploy Payments', /^:deploy: namespace "Payments" is not valid/],
		[':ns %2e%2e', /^:ns: namespace "%2e%2e" is not valid/],
		[':pods payments', undefined],
		[':pods all', undefined],
		[':pods -A', undefined],
	];
	for (const [text, error] of cases) {
		const parsed = parseCommand(text);
		if (error === undefined) assert.equal(parsed.ok, true, text);
		else assert.match(parsed.ok ? '(accepted)' : parsed.message, error, text);
	}
	const flag = parseStartOptions({namespace: '..'}, []);
	assert.deepEqual(flag, {ok: false, message: `-n/--namespace: namespace ".." is not valid: lowercase letters, digits and '-', starting and ending with a letter or digit`});
	assert.equal(parseStartOptions({namespace: 'payments'}, []).ok, true);
});
