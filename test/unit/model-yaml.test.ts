import {test} from 'node:test';
import assert from 'node:assert/strict';
import {load} from 'js-yaml';
import {objectToYaml, withoutManagedFields} from '../../source/model/yaml.js';
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
