import {test} from 'node:test';
import assert from 'node:assert/strict';
import {base64Bytes, isMasked, maskLeaves, maskedValue, redactManifestSecrets, redactSecret, secretKeys, secretValue} from '../../source/model/secret-mask.js';
import {projectSecret} from '../../source/model/secrets.js';
import {describeSecret} from '../../source/model/secrets-describe.js';
import {validateSettings} from '../../source/config/settings.js';
import type {KubeObject} from '../../source/model/types.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const meta = {name: 's', namespace: 'ns', uid: 'u1'};

for (const [text, bytes] of [['', 0], [b64('a'), 1], [b64('ab'), 2], [b64('abc'), 3], [b64('x'.repeat(1000)), 1000], [Buffer.from([0, 255, 1]).toString('base64'), 3]] as const) {
	test(`base64Bytes(${JSON.stringify(text.slice(0, 12))}) = ${bytes}, from the length alone`, () => assert.equal(base64Bytes(text), bytes));
}

test('a row keeps type and key names, never values; an empty type reads Opaque', () => {
	const row = projectSecret({metadata: meta, type: 'kubernetes.io/tls', data: {'tls.key': b64('KEY-VALUE'), 'tls.crt': b64('CRT')}});
	assert.deepEqual([row.type, row.keys], ['kubernetes.io/tls', ['tls.crt', 'tls.key']]);
	assert.ok(!JSON.stringify(row).includes('KEY-VALUE') && !JSON.stringify(row).includes(b64('KEY-VALUE')));
	assert.equal(projectSecret({metadata: meta, type: ''}).type, 'Opaque');
});

test('redactSecret masks data, stringData and the last-applied copy; it is idempotent and leaves the input alone', () => {
	const input: KubeObject = {
		metadata: {...meta, annotations: {'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({kind: 'Secret', stringData: {pw: 'APPLIED'}}), team: 'a'}},
		data: {pw: b64('DATA-VALUE')},
		stringData: {extra: 'PLAIN'},
	};
	const once = redactSecret(input);
	assert.deepEqual(once.data, {pw: maskedValue(10)});
	assert.deepEqual(once.stringData, {extra: maskedValue(5)});
	assert.equal(once.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], JSON.stringify({kind: 'Secret', stringData: {pw: maskedValue(7)}}));
	assert.equal(once.metadata.annotations?.['team'], 'a');
	assert.deepEqual(redactSecret(once), once);
	assert.equal((input.data as Record<string, string>)['pw'], b64('DATA-VALUE'));
	// A last-applied that is not JSON, or data that is not a map, is masked whole.
	const odd = redactSecret({metadata: {...meta, annotations: {'kubectl.kubernetes.io/last-applied-configuration': 'not json SECRET'}}, data: 'SECRET' as unknown as Record<string, string>});
	assert.ok(!JSON.stringify(odd).includes('SECRET'));
	assert.ok(isMasked(odd.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']));
});

test('describe secret lists keys with masks and sizes even when handed a raw object', () => {
	const lines = describeSecret({metadata: meta, type: 'Opaque', data: {b: b64('VALUE-B'), a: b64('')}}, [], 0).join('\n');
	assert.match(lines, /Type:\s+Opaque/);
	assert.match(lines, /a:\s+•••• \(0 bytes\)\n\s*b:\s+•••• \(7 bytes\)/);
	assert.ok(!lines.includes('VALUE-B') && !lines.includes(b64('VALUE-B')));
});

test('maskLeaves keeps the shape of a tree and masks every scalar; manifests mask only their Secrets', () => {
	assert.deepEqual(maskLeaves({db: {password: 'pw', port: 5432, tags: ['a'], empty: null}}), {db: {password: maskedValue(2), port: maskedValue(4), tags: [maskedValue(1)], empty: null}});
	const [cm, sec] = redactManifestSecrets([{kind: 'ConfigMap', data: {k: 'visible'}}, {kind: 'Secret', data: {k: b64('hidden')}}]);
	assert.deepEqual(cm, {kind: 'ConfigMap', data: {k: 'visible'}});
	assert.deepEqual(sec, {kind: 'Secret', data: {k: maskedValue(6)}});
});

test('SecretValue prints as its mask everywhere but text(); binary values come out as base64', async () => {
	const value = secretValue({data: {k: b64('s3cr3t\nline2\n')}}, 'k')!;
	const {inspect} = await import('node:util');
	for (const printed of [String(value), `${value}`, JSON.stringify({value}), inspect(value)]) assert.ok(!printed.includes('s3cr3t'), printed);
	assert.deepEqual(value.text(), {binary: false, lines: ['s3cr3t', 'line2']});
	assert.deepEqual(secretValue({data: {k: Buffer.from([0, 255]).toString('base64')}}, 'k')!.text(), {binary: true, lines: ['AP8=']});
	assert.equal(secretValue({data: {}}, 'missing'), undefined);
	assert.deepEqual(secretKeys({data: {z: b64('1')}, stringData: {a: 'xy'}}), [{key: 'a', bytes: 2, from: 'stringData'}, {key: 'z', bytes: 1, from: 'data'}]);
});

test('settings: revealSecrets defaults to true, accepts a boolean, refuses anything else', () => {
	const defaults = validateSettings({});
	assert.ok(defaults.ok && defaults.settings.revealSecrets === true);
	const off = validateSettings({revealSecrets: false});
	assert.ok(off.ok && off.settings.revealSecrets === false);
	const bad = validateSettings({revealSecrets: 'no'});
	assert.ok(!bad.ok && /revealSecrets must be true or false/.test(bad.message));
});
