// Reading the HPA that owns a workload's replicas, before a scale or an edit of spec.replicas is
// let through: "no HPA API" (404) and "not allowed to list HPAs" (403) mean no known owner, as
// kubectl scale would go on; any other failure is thrown, so the gate never passes a change whose
// HPA check did not run (it had swallowed every error, a timeout included).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readHpaOwner} from '../../source/actions/hpaOwner.js';
import {performAction} from '../../source/actions/gate.js';
import {KubeError} from '../../source/kube/kubeError.js';
import type {Transport} from '../../source/kube/transport.js';
import type {KubeObject} from '../../source/model/types.js';

const failing = (error: Error) => ({request: async () => Promise.reject(error)}) as unknown as Transport;
const hpas = {items: [{metadata: {name: 'web-hpa'}, spec: {scaleTargetRef: {kind: 'Deployment', name: 'web'}, minReplicas: 2, maxReplicas: 10}}]};

test('readHpaOwner: found, absent API, forbidden, and failures that must not pass for "no HPA"', async () => {
	const answering = {request: async () => hpas} as unknown as Transport;
	assert.deepEqual(await readHpaOwner(answering, 'Deployment', 'shop', 'web'), {name: 'web-hpa', min: 2, max: 10});
	assert.equal(await readHpaOwner(answering, 'Deployment', 'shop', 'db'), undefined);
	assert.equal(await readHpaOwner(failing(new KubeError(404, 'NotFound', 'the server could not find the requested resource')), 'Deployment', 'shop', 'web'), undefined);
	assert.equal(await readHpaOwner(failing(new KubeError(403, 'Forbidden', 'forbidden')), 'Deployment', 'shop', 'web'), undefined);
	await assert.rejects(readHpaOwner(failing(new KubeError(503, 'ServiceUnavailable', 'etcd is slow')), 'Deployment', 'shop', 'web'), /etcd is slow/);
	await assert.rejects(readHpaOwner(failing(new Error('request timed out after 30000 ms')), 'Deployment', 'shop', 'web'), /timed out/);
});

test('the gate: an edit of replicas whose HPA read fails is not sent; the answer says why', async () => {
	const sent: string[] = [];
	const client = {
		request: async (req: {method?: string; path: string}) => {
			sent.push(`${req.method ?? 'GET'} ${req.path}`);
			if (req.path.includes('horizontalpodautoscalers')) throw new Error('request timed out after 30000 ms');
			return {};
		},
	} as unknown as Transport;
	const readAt = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'shop', resourceVersion: '7'}, spec: {replicas: 2}} as unknown as KubeObject;
	const audit = {records: [] as unknown[], append(record: unknown) { this.records.push(record); }};
	const result = await performAction({readonly: false, audit: audit as never, client, identity: {context: 'c', user: 'u'}}, {verb: 'edit', kind: 'Deployment', namespace: 'shop', name: 'web', readAt, object: {...readAt, spec: {replicas: 5}} as KubeObject, confirmed: true, hpa: 'web-hpa'});
	assert.equal(result.ok, false);
	assert.match(result.message, /timed out/);
	assert.deepEqual(sent.filter((line) => !line.startsWith('GET')), [], 'nothing written');
});
