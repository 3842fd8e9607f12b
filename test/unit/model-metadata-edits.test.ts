// Label and annotation edits as typed: Kubernetes' key and value rules, kubectl's k=v / k- words,
// and the plan against what the object holds (nothing sent for a no-op, a typo'd removal refused).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {describeChanges, keyProblem, labelValueProblem, metadataPatch, parseMetadataEdits, planMetadataEdits, ANNOTATIONS_LIMIT_BYTES} from '../../source/model/metadataEdits.js';

test('keys: an optional DNS-subdomain prefix and a name of at most 63 characters', () => {
	const cases: Array<[string, RegExp | undefined]> = [
		['app', undefined],
		['app.kubernetes.io/name', undefined],
		['example.com/Some_Key.v2', undefined],
		['a', undefined],
		['', /name is empty/],
		['/x', /prefix before "\/" is empty/],
		['Example.com/x', /DNS subdomain/],
		['x/', /name is empty/],
		['-app', /start and end/],
		['app-', /start and end/],
		['a b', /start and end/],
		['x'.repeat(63), undefined],
		['x'.repeat(64), /longer than 63/],
		[`${'a'.repeat(254)}/x`, /longer than 253/],
	];
	for (const [key, expected] of cases) {
		const problem = keyProblem(key);
		if (expected) assert.match(problem ?? '', expected, key);
		else assert.equal(problem, undefined, key);
	}
});

test('label values: empty, or alphanumeric at both ends with - _ . between, at most 63', () => {
	for (const ok of ['', 'web', 'v1.2_3-x', 'A'.repeat(63)]) assert.equal(labelValueProblem('k', ok), undefined, ok);
	for (const bad of ['-web', 'web-', 'two words', 'ünïcode', 'a/b', 'A'.repeat(64)]) assert.ok(labelValueProblem('k', bad), bad);
});

test('parse: k=v sets, k- removes, quotes keep spaces in annotation values; mistakes say what to write', () => {
	assert.deepEqual(parseMetadataEdits('labels', 'tier=web old- empty='), {ok: true, value: {field: 'labels', set: [['tier', 'web'], ['empty', '']], remove: ['old']}});
	assert.deepEqual(parseMetadataEdits('annotations', 'note="two words" path=a/b=c say="he said \\"hi\\""'), {
		ok: true,
		value: {field: 'annotations', set: [['note', 'two words'], ['path', 'a/b=c'], ['say', 'he said "hi"']], remove: []},
	});
	const refused: Array<[string, 'labels' | 'annotations', RegExp]> = [
		['', 'labels', /no labels given/],
		['tier', 'labels', /tier=VALUE to set the label, or tier- to remove it/],
		['tier=two words', 'labels', /"words": write words=VALUE/],
		['tier="two words"', 'labels', /value must be empty or start and end/],
		['tier=a tier=b', 'labels', /named twice/],
		['tier=a tier-', 'labels', /named twice/],
		['note="open', 'annotations', /not closed/],
		['-x=1', 'annotations', /start and end/],
	];
	for (const [text, field, message] of refused) {
		const parsed = parseMetadataEdits(field, text);
		assert.ok(!parsed.ok, text);
		assert.match(parsed.message, message, text);
	}
});

test('plan: new, changed and removed keys; unchanged ones dropped; removing an absent key refused; annotation size bounded', () => {
	const now = {app: 'web', tier: 'front', old: 'x'};
	const edits = parseMetadataEdits('labels', 'tier=back app=web old- team=sre');
	assert.ok(edits.ok);
	const plan = planMetadataEdits(now, edits.value);
	assert.deepEqual(plan, {ok: true, value: [{key: 'old', from: 'x'}, {key: 'tier', from: 'front', to: 'back'}, {key: 'team', to: 'sre'}]});
	assert.ok(plan.ok);
	assert.equal(describeChanges(plan.value), '-old ~tier: front→back +team=sre');
	assert.deepEqual(metadataPatch('labels', plan.value, '42'), {metadata: {labels: {old: null, tier: 'back', team: 'sre'}, resourceVersion: '42'}});
	const noop = parseMetadataEdits('labels', 'app=web');
	assert.ok(noop.ok);
	assert.deepEqual(planMetadataEdits(now, noop.value), {ok: true, value: []});
	const typo = parseMetadataEdits('labels', 'tierr-');
	assert.ok(typo.ok);
	assert.deepEqual(planMetadataEdits(now, typo.value), {ok: false, message: 'there is no label "tierr" to remove'});
	const huge = parseMetadataEdits('annotations', `blob=${'x'.repeat(ANNOTATIONS_LIMIT_BYTES)}`);
	assert.ok(huge.ok);
	const refused = planMetadataEdits(undefined, huge.value);
	assert.ok(!refused.ok && /allows 262144/.test(refused.message));
});
