// The simulator's field ownership, pure: paths of an object in FieldsV1, how kube-apiserver
// prints them in a conflict, and what an Update takes from other managers.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {entriesOf, fieldSetOf, fromFieldsV1, printPath, recordUpdate, toFieldsV1} from '../../source/sim/server/managedFields.js';
import type {KubeObject} from '../../source/model/types.js';

const template = {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'main', image: 'nginx:1', ports: [{containerPort: 80}], args: ['a']}]}};

test('FieldsV1: leaves, list items keyed by their merge keys with ".", atomic selectors and lists, and back', () => {
	const fields = toFieldsV1(fieldSetOf({spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template}}));
	assert.deepEqual(fields, {
		'f:spec': {
			'f:replicas': {},
			'f:selector': {},
			'f:template': {
				'f:metadata': {'f:labels': {'f:app': {}}},
				'f:spec': {'f:containers': {'k:{"name":"main"}': {'.': {}, 'f:args': {}, 'f:image': {}, 'f:name': {}, 'f:ports': {'k:{"containerPort":80,"protocol":"TCP"}': {'.': {}, 'f:containerPort': {}}}}}},
			},
		},
	});
	assert.deepEqual(toFieldsV1(fromFieldsV1(fields)), fields, 'round trip');
});

test('paths print as kube-apiserver prints them in a conflict', () => {
	const paths = [...fieldSetOf({spec: {replicas: 1, template: {spec: {containers: [{name: 'main', image: 'x', ports: [{containerPort: 80, protocol: 'UDP'}]}]}}}})].map(printPath).sort();
	assert.deepEqual(paths, [
		'.spec.replicas',
		'.spec.template.spec.containers[name="main"]',
		'.spec.template.spec.containers[name="main"].image',
		'.spec.template.spec.containers[name="main"].name',
		'.spec.template.spec.containers[name="main"].ports[containerPort=80,protocol="UDP"]',
		'.spec.template.spec.containers[name="main"].ports[containerPort=80,protocol="UDP"].containerPort',
		'.spec.template.spec.containers[name="main"].ports[containerPort=80,protocol="UDP"].protocol',
	]);
});

test('an Update owns what it changed and takes it from the manager that had it; unchanged fields stay where they were', () => {
	const applied = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', managedFields: [{manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: {'f:spec': {'f:replicas': {}, 'f:paused': {}}}}]}, spec: {replicas: 2, paused: false}} as unknown as KubeObject;
	const scaled = {...applied, spec: {replicas: 5, paused: false}} as KubeObject;
	const after = recordUpdate(applied, scaled, 'hpa', 'apps/v1', '2026-12-05T00:00:00Z', 'scale');
	assert.deepEqual(after.map((e) => [e.manager, e.operation, e.subresource, e.fieldsV1]), [
		['kubectl', 'Apply', undefined, {'f:spec': {'f:paused': {}}}],
		['hpa', 'Update', 'scale', {'f:spec': {'f:replicas': {}}}],
	]);
	assert.deepEqual(entriesOf({...scaled, metadata: {...scaled.metadata, managedFields: after}} as KubeObject).length, 2);
	const noop = recordUpdate(applied, applied, 'hpa', 'apps/v1', 't');
	assert.deepEqual(noop.map((e) => e.manager), ['kubectl'], 'a write that changes nothing takes nothing (and records no empty entry)');
});
