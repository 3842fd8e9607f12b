import {test} from 'node:test';
import assert from 'node:assert/strict';
import {load} from 'js-yaml';
import {objectToYaml, objectToYamlLines, withoutManagedFields} from '../../source/model/yaml.js';
import type {KubeObject} from '../../source/model/types.js';

const long = 'x'.repeat(300);
const pod: KubeObject = {
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: {
		name: 'web-1',
		namespace: 'shop',
		uid: 'u1',
		managedFields: [{manager: 'kubectl', operation: 'Apply', fieldsV1: {'f:spec': {}}}],
		labels: {app: 'web', 'version': '1.0'},
		annotations: {'kubectl.kubernetes.io/last-applied-configuration': long, note: 'line one\nline two'},
	} as KubeObject['metadata'],
	spec: {containers: [{name: 'nginx', image: 'nginx:1.25', ports: [{containerPort: 80}]}]},
	status: {phase: 'Running', podIP: '10.0.0.1'},
};

test('managedFields are dropped without touching the input', () => {
	const yaml = objectToYaml(pod);
	assert.doesNotMatch(yaml, /managedFields/);
	assert.doesNotMatch(yaml, /fieldsV1/);
	assert.ok('managedFields' in pod.metadata, 'input not mutated');
	assert.equal(withoutManagedFields({metadata: {name: 'a', uid: 'a'}}).metadata.name, 'a');
});

test('key order is the server order, not sorted', () => {
	const yaml = objectToYaml(pod);
	const top = yaml.split('\n').filter((line) => /^\S/.test(line)).map((line) => line.split(':')[0]);
	assert.deepEqual(top, ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
	const metaKeys = yaml.split('\n').filter((line) => /^ {2}\S/.test(line)).slice(0, 5).map((line) => line.trim().split(':')[0]);
	assert.deepEqual(metaKeys, ['name', 'namespace', 'uid', 'labels', 'annotations']);
});

test('long strings are not folded and everything round-trips', () => {
	const yaml = objectToYaml(pod);
	assert.ok(yaml.split('\n').some((line) => line.includes(long)), 'long annotation kept on one line');
	assert.match(yaml, /version: '1\.0'/, 'strings that look like numbers stay quoted');
	const back = load(yaml) as KubeObject;
	assert.deepEqual(back, withoutManagedFields(pod));
});

test('a 5 MB string field: no stack overflow, cut with its size and the expand key, every line bounded', () => {
	const big: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'big', uid: 'b', annotations: {note: 'x'.repeat(5_000_000)}}, data: {blob: 'y\n'.repeat(2_500_000)}};
	const lines = objectToYamlLines(big);
	assert.ok(lines.length < 60, `${lines.length} lines`);
	assert.ok(lines.every((line) => line.length <= 1100), 'no line longer than a piece');
	assert.ok(lines.some((line) => /# … cut: 4\.8 MiB in all, the first \d+ characters shown \(e shows it all\)/.test(line)));
	const expanded = objectToYamlLines(big, {expand: true});
	assert.ok(expanded.every((line) => line.length <= 1100), 'expanded: still bounded lines');
	const back = load(expanded.join('\n')) as KubeObject;
	assert.equal((back.metadata.annotations as Record<string, string>).note, 'x'.repeat(5_000_000));
	assert.equal((back as unknown as {data: {blob: string}}).data.blob, 'y\n'.repeat(2_500_000));
});

test('a deeply nested object: no recursion, deep levels summarised', () => {
	const deep: Record<string, unknown> = {};
	let at = deep;
	for (let i = 0; i < 100_000; i++) at = (at.a = {}) as Record<string, unknown>;
	const lines = objectToYamlLines({metadata: {name: 'deep', uid: 'd'}, spec: deep} as KubeObject);
	assert.ok(lines.length < 100);
	assert.match(lines.at(-1)!, /a: \{…\} # nested deeper than 64 levels: not shown$/);
});

test('awkward strings read back as themselves', () => {
	const labels = {v: '1.0', y: 'yes', e: '', ip: '10.0.0.1', img: 'nginx:1.25', hash: 'a #b', colon: 'a: b', quote: "it's", tab: 'a\tb', cr: 'a\rb', emoji: '\u{1F469}\u200D\u{1F4BB}', nl: 'one\ntwo', nl2: 'one\ntwo\n', nl3: 'one\n\n', lead: ' x\ny', long: ' z'.repeat(3000)};
	const object = {metadata: {name: 'a', uid: 'a', labels}, spec: {nested: [[1, 2], [{a: 1}], []], empty: {}, nothing: null, yes: true, f: 1.5}} as unknown as KubeObject;
	assert.deepEqual(load(objectToYaml(object)), object);
});
