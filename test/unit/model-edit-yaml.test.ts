// Editing an object as YAML: the text the editor opens, the text read back (cancel, refusals,
// the object to send), the diff shown before applying (Secrets masked) and the re-edit after a
// conflict (the user's changes made again on the server's current object).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {load} from 'js-yaml';
import {applyMergePatch, editableText, mergePatch, readEdited, reapplyEdits, reopenText} from '../../source/model/editYaml.js';
import {diffIsEmpty, objectDiff} from '../../source/model/editDiff.js';
import type {KubeObject} from '../../source/model/types.js';

const deployment = (replicas: number, rv = '41', extra: Record<string, unknown> = {}): KubeObject =>
	({
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'web', namespace: 'shop', uid: 'u1', resourceVersion: rv, generation: 3, managedFields: [{manager: 'kubectl'}], labels: {app: 'web'}},
		spec: {replicas, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'app', image: 'nginx:1.25'}]}}},
		status: {replicas, readyReplicas: replicas},
		...extra,
	}) as unknown as KubeObject;

const edit = (text: string, from: string, to: string) => text.replace(from, to);

test('the editable text: a header naming the object and how to cancel; no status, no managedFields', () => {
	const text = editableText(deployment(2));
	const lines = text.split('\n');
	assert.match(lines[0]!, /^# Editing deployment shop\/web \(resourceVersion 41\)/);
	assert.ok(lines.some((l) => l.startsWith('#') && l.includes('empty file') && l.includes('unchanged') && l.includes('cancel')));
	assert.ok(!text.includes('managedFields'));
	assert.ok(!text.includes('readyReplicas'), 'status is the server\'s, not edited');
	const object = load(text) as KubeObject;
	assert.equal((object.spec as {replicas: number}).replicas, 2);
	assert.equal(object.metadata.resourceVersion, '41');
});

test('notes become comment lines under the header (the server\'s refusal, as kubectl does)', () => {
	const text = editableText(deployment(2), ['the server refused it:', 'spec.replicas: Invalid value: -1']);
	assert.ok(text.includes('\n# the server refused it:\n# spec.replicas: Invalid value: -1\n'));
	assert.deepEqual(load(text), load(editableText(deployment(2))), 'comments change nothing');
});

test('reading the saved text back', () => {
	const original = deployment(2);
	const opened = editableText(original);
	const cases: Array<{name: string; text: string; type: string; match?: RegExp}> = [
		{name: 'empty file', text: '', type: 'cancelled', match: /empty/},
		{name: 'only comments left', text: '# nothing\n#\n', type: 'cancelled', match: /empty/},
		{name: 'unchanged', text: opened, type: 'cancelled', match: /nothing was changed/},
		{name: 'unchanged but reformatted', text: JSON.stringify(load(opened)), type: 'cancelled', match: /nothing was changed/},
		{name: 'bad YAML', text: edit(opened, 'replicas: 2', 'replicas: [2'), type: 'invalid', match: /could not be read/},
		{name: 'not a mapping', text: '- a\n- b\n', type: 'invalid', match: /one YAML mapping/},
		{name: 'kind changed', text: edit(opened, 'kind: Deployment', 'kind: StatefulSet'), type: 'invalid', match: /kind changed from Deployment to StatefulSet/},
		{name: 'apiVersion changed', text: edit(opened, 'apiVersion: apps/v1', 'apiVersion: apps/v2'), type: 'invalid', match: /apiVersion changed/},
		{name: 'renamed', text: edit(opened, 'name: web\n', 'name: web2\n'), type: 'invalid', match: /cannot rename/},
		{name: 'moved', text: edit(opened, 'namespace: shop', 'namespace: other'), type: 'invalid', match: /cannot move/},
		{name: 'replicas changed', text: edit(opened, 'replicas: 2', 'replicas: 5'), type: 'object'},
	];
	for (const c of cases) {
		const read = readEdited(c.text, original, opened);
		assert.equal(read.type, c.type, c.name);
		if (c.match && read.type !== 'object') assert.match(read.message, c.match, c.name);
	}
});

test('the object sent carries the resourceVersion read (whatever the text says) and the status back', () => {
	const original = deployment(2);
	const opened = editableText(original);
	const text = edit(edit(opened, 'replicas: 2', 'replicas: 5'), "resourceVersion: '41'", "resourceVersion: '99'");
	const read = readEdited(text, original, opened);
	assert.equal(read.type, 'object');
	if (read.type !== 'object') return;
	assert.equal(read.object.metadata.resourceVersion, '41');
	assert.equal((read.object.spec as {replicas: number}).replicas, 5);
	assert.deepEqual(read.object.status, original.status);
	assert.ok(!('managedFields' in read.object.metadata));
});

test('a reopened text keeps what the user wrote and replaces the old notes', () => {
	const original = deployment(2);
	const first = editableText(original, ['old note']);
	const typed = edit(first, 'replicas: 2', 'replicas: -1');
	const again = reopenText(original, typed, ['The server refused the change:', 'spec.replicas: Invalid value: -1']);
	assert.ok(!again.includes('old note'));
	assert.ok(again.includes('# spec.replicas: Invalid value: -1'));
	assert.equal((load(again) as {spec: {replicas: number}}).spec.replicas, -1);
	assert.equal(readEdited(again, original, again).type, 'cancelled', 'saving the reopened text as it is cancels, as kubectl does');
});

test('the diff: only what changed, without status, managedFields or the bookkeeping of a write', () => {
	const lines = objectDiff(deployment(2, '41'), deployment(5, '42'), {from: 'live', to: 'after the change'});
	assert.equal(lines[0], '--- live');
	assert.equal(lines[1], '+++ after the change');
	const changed = lines.filter((l) => (l.startsWith('-') || l.startsWith('+')) && !l.startsWith('---') && !l.startsWith('+++'));
	assert.deepEqual(changed, ['-  replicas: 2', '+  replicas: 5']);
	assert.ok(diffIsEmpty(objectDiff(deployment(2, '41'), deployment(2, '42'), {from: 'a', to: 'b'})));
});

test('a Secret\'s diff names the keys that changed and never shows a value, old or new', () => {
	const secret = (data: Record<string, string>, annotation?: string): KubeObject =>
		({apiVersion: 'v1', kind: 'Secret', metadata: {name: 's', namespace: 'shop', resourceVersion: '1', ...(annotation ? {annotations: {'kubectl.kubernetes.io/last-applied-configuration': annotation}} : {})}, type: 'Opaque', data}) as unknown as KubeObject;
	const before = secret({password: Buffer.from('hunter2').toString('base64'), user: Buffer.from('admin').toString('base64')}, JSON.stringify({kind: 'Secret', data: {password: Buffer.from('hunter2').toString('base64')}}));
	const after = secret({password: Buffer.from('correct horse').toString('base64'), user: Buffer.from('admin').toString('base64'), token: Buffer.from('tok-123').toString('base64')}, JSON.stringify({kind: 'Secret', data: {password: Buffer.from('hunter2').toString('base64')}}));
	const lines = objectDiff(before, after, {from: 'live', to: 'after'});
	const text = lines.join('\n');
	for (const secretText of ['hunter2', 'correct horse', 'tok-123', 'admin', Buffer.from('hunter2').toString('base64'), Buffer.from('correct horse').toString('base64'), Buffer.from('tok-123').toString('base64')]) {
		assert.ok(!text.includes(secretText), `no ${secretText} in the diff`);
	}
	assert.ok(lines.includes('-  password: •••• (7 bytes) (old value)'), text);
	assert.ok(lines.includes('+  password: •••• (13 bytes) (new value)'), text);
	assert.ok(lines.includes('+  token: •••• (7 bytes)'), text);
	assert.ok(!lines.some((l) => /^[-+]\s+user:/.test(l)), 'an unchanged key is no change');
});

test('merge patch: applying the patch from a to b to a gives b (property)', () => {
	const json = fc.jsonValue({maxDepth: 3}).filter((v) => v !== null);
	const obj = fc.dictionary(fc.string({maxLength: 3}), json, {maxKeys: 4});
	fc.assert(
		fc.property(obj, obj, (a, b) => {
			// Null values cannot be told from removal in a merge patch (RFC 7386): leave them out.
			const clean = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x) => (x === null ? undefined : x)));
			const [from, to] = [clean(a), clean(b)];
			assert.deepEqual(applyMergePatch(from, mergePatch(from, to)), to);
		}),
	);
});

test('merge patch: keys named __proto__ or constructor are ordinary keys, never the prototype', () => {
	// The counterexample fast-check found in CI: JSON.parse makes "__proto__" an own key.
	const from = JSON.parse('{}') as unknown;
	const to = JSON.parse('{"":{"__proto__":0},"constructor":{"x":1}}') as unknown;
	const patch = mergePatch(from, to) as Record<string, unknown>;
	assert.deepEqual(Object.keys(patch).sort(), ['', 'constructor']);
	const result = applyMergePatch(from, patch) as Record<string, Record<string, unknown>>;
	assert.deepEqual(result, to);
	assert.equal(Object.getPrototypeOf(result['']), Object.prototype, 'the prototype is untouched');
	assert.ok(Object.hasOwn(result['']!, '__proto__'));
	const removed = applyMergePatch(to, mergePatch(to, JSON.parse('{"":{}}'))) as Record<string, unknown>;
	assert.deepEqual(removed, JSON.parse('{"":{}}'));
});

test('after a conflict, the user\'s change is made again on the server\'s current object, keeping the other writer\'s change', () => {
	const readAt = deployment(2, '41');
	const saved = deployment(2, '41', {});
	(saved.spec as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0]!.image = 'nginx:1.26';
	const current = deployment(7, '50'); // someone scaled meanwhile
	const merged = reapplyEdits(readAt, saved, current);
	assert.equal(merged.metadata.resourceVersion, '50');
	assert.equal((merged.spec as {replicas: number}).replicas, 7, 'the other writer\'s change stays');
	assert.equal((merged.spec as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0]!.image, 'nginx:1.26', 'the user\'s change is made again');
});
