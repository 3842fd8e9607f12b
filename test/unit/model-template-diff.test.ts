// The diff between two revisions' pod templates: older to newer whatever the order given,
// the pod-template-hash label left out, hunks with context, and a bound on the work.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {templateDiff, templateYaml} from '../../source/model/templateDiff.js';

const template = (image: string, hash: string, extra: Record<string, unknown> = {}) => ({
	metadata: {labels: {app: 'web', 'pod-template-hash': hash}},
	spec: {containers: [{name: 'app', image, ports: [{containerPort: 80}]}], ...extra},
});

test('a changed image: one hunk, old line then new, older revision first whichever order is given', () => {
	const two = {revision: 2, template: template('nginx:1.24', 'aaa')};
	const three = {revision: 3, template: template('nginx:1.25', 'bbb')};
	const diff = templateDiff(two, three);
	assert.deepEqual(diff, [
		'--- revision 2',
		'+++ revision 3',
		'@@ -4,6 +4,6 @@',
		' spec:',
		'   containers:',
		'     - name: app',
		'-      image: nginx:1.24',
		'+      image: nginx:1.25',
		'       ports:',
		'         - containerPort: 80',
	]);
	assert.deepEqual(templateDiff(three, two), diff, 'the same diff either way round');
	assert.ok(!diff.some((l) => l.includes('pod-template-hash')), 'the hash label is not a change');
});

test('templates that differ only in their hash are the same; the input is not modified', () => {
	const a = template('nginx:1.24', 'aaa');
	const before = JSON.stringify(a);
	assert.deepEqual(templateDiff({revision: 1, template: a}, {revision: 4, template: template('nginx:1.24', 'zzz')}), [
		'--- revision 1',
		'+++ revision 4',
		'(the pod templates of revisions 1 and 4 are the same)',
	]);
	assert.equal(JSON.stringify(a), before);
	assert.doesNotMatch(templateYaml({metadata: {labels: {'pod-template-hash': 'x'}}, spec: {}}), /labels/, 'no empty labels left behind');
});

test('every line of a diff is a header, a hunk, or starts with space, - or + (readable without colour)', () => {
	const image = fc.stringMatching(/^[a-z]{1,8}:[0-9]\.[0-9]{1,2}$/);
	fc.assert(
		fc.property(image, image, fc.array(fc.stringMatching(/^[A-Z]{1,5}$/), {maxLength: 4}), (a, b, envs) => {
			const env = envs.map((name, i) => ({name, value: String(i)}));
			const diff = templateDiff({revision: 1, template: template(a, 'h1')}, {revision: 2, template: template(b, 'h2', {env})});
			return diff.slice(2).every((line) => /^[ +\-]|^@@ |^\(the pod templates/.test(line));
		}),
		{numRuns: 200},
	);
});
