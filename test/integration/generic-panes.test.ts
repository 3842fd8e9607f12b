// Generic panes end to end against the simulator (or a real cluster via KUBEDECK_TEST_KUBECONFIG):
// a CRD created while a session runs becomes a ':' word after the one re-discovery an unknown
// word triggers, its pane's store fills live with the server's Table columns, and a ConfigMap
// created meanwhile reaches its pane within a second.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {startTestCluster} from './cluster.js';
import {waitFor} from './sim-helpers.js';
import {createTransport} from '../../source/kube/transport.js';
import {openSession, type GenericResource} from '../../source/kube/session.js';
import {parseCommand} from '../../source/ui/commands.js';
import {catalogOf} from '../../source/ui/genericCommands.js';
import type {TableRow} from '../../source/model/table.js';
import {performAction} from '../../source/actions/gate.js';
import {memoryAuditLog} from '../../source/actions/audit.js';

const suffix = () => randomBytes(3).toString('hex');

function crd(group: string) {
	return {
		apiVersion: 'apiextensions.k8s.io/v1',
		kind: 'CustomResourceDefinition',
		metadata: {name: `gizmos.${group}`},
		spec: {
			group,
			scope: 'Namespaced',
			names: {plural: 'gizmos', singular: 'gizmo', kind: 'Gizmo', shortNames: [`gz${group.slice(0, 4)}`]},
			versions: [{
				name: 'v1', served: true, storage: true,
				additionalPrinterColumns: [{name: 'Size', type: 'integer', jsonPath: '.spec.size'}],
				schema: {openAPIV3Schema: {type: 'object', properties: {spec: {type: 'object', properties: {size: {type: 'integer'}}}}}},
			}],
		},
	};
}

test('a CRD created while kubedeck runs: its plural is unknown, discovery is asked once more, then the pane opens and fills live', async () => {
	const cluster = await startTestCluster({scenario: 'empty'});
	const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-generic-'));
	const transport = createTransport(cluster.kubeConfig);
	const group = `wire${suffix()}.example.com`;
	const namespace = `generic-${suffix()}`;
	const other = `generic-${suffix()}`;
	const session = await openSession(cluster.kubeConfig, {namespace, discovery: {cacheDir}});
	try {
		await waitFor('first discovery', () => session.discovered().some((r) => r.plural === 'namespaces') || undefined);
		await transport.request({method: 'POST', path: '/api/v1/namespaces', body: {metadata: {name: namespace}}});
		assert.deepEqual(parseCommand('gizmos', {catalog: catalogOf(session.discovered()), rediscover: true}), {ok: true, command: {type: 'rediscover', text: 'gizmos'}}, 'not known yet: ask discovery again');

		await transport.request({method: 'POST', path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', body: crd(group)});
		// A real server takes a moment to establish the CRD and serve it in discovery.
		const parsed = await waitFor('the CRD in discovery', async () => {
			await session.rediscover();
			const p = parseCommand(`gizmos.${group}`, {catalog: catalogOf(session.discovered()), rediscover: false});
			return p.ok ? p : undefined;
		});
		const pane = `gizmos.${group}` as GenericResource;
		assert.deepEqual(parsed, {ok: true, command: {type: 'pane', pane}});

		const store = session.store(pane);
		await waitFor('the gizmos watch is live', () => session.status(pane).state === 'live' || undefined);
		await transport.request({method: 'POST', path: `/apis/${group}/v1/namespaces/${namespace}/gizmos`, body: {apiVersion: `${group}/v1`, kind: 'Gizmo', metadata: {name: 'g1'}, spec: {size: 3}}});
		const row = await waitFor('the gizmo row', () => store.snapshot().rows.find((r) => r.name === 'g1'));
		assert.deepEqual((row as TableRow).cells.slice(1, 2), ['3'], 'the server printed its Size column');
		assert.deepEqual(session.tableColumns(pane).map((c) => c.name), ['Name', 'Size'], 'Name, then the additionalPrinterColumns');

		// ctrl-d on it goes through the gate, at the path discovery gave, and is audited.
		const audit = memoryAuditLog();
		const resource = session.discoveredResource(pane)!;
		const result = await performAction(
			{readonly: false, audit, client: transport, identity: {context: 'test', user: 'tester'}},
			{verb: 'delete', kind: 'Gizmo', namespace, name: 'g1', confirmed: true, resource: {...resource}},
		);
		assert.equal(result.ok, true, result.message);
		await waitFor('the gizmo row gone', () => !store.snapshot().rows.some((r) => r.name === 'g1') || undefined);
		assert.equal(audit.records.length, 1);

		// A namespace switch re-points the generic pane's store at the new namespace's watch.
		await transport.request({method: 'POST', path: '/api/v1/namespaces', body: {metadata: {name: other}}});
		await transport.request({method: 'POST', path: `/apis/${group}/v1/namespaces/${other}/gizmos`, body: {apiVersion: `${group}/v1`, kind: 'Gizmo', metadata: {name: 'elsewhere'}, spec: {size: 5}}});
		session.setNamespace(other);
		await waitFor('the other namespace\'s gizmo', () => store.snapshot().rows.find((r) => r.name === 'elsewhere' && r.namespace === other));
	} finally {
		await transport.request({method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gizmos.${group}`}).catch(() => undefined);
		await transport.request({method: 'DELETE', path: `/api/v1/namespaces/${namespace}`}).catch(() => undefined);
		await transport.request({method: 'DELETE', path: `/api/v1/namespaces/${other}`}).catch(() => undefined);
		await session.close();
		transport.close();
		await cluster.stop();
		fs.rmSync(cacheDir, {recursive: true, force: true});
	}
});

test('a ConfigMap created with the API reaches an open :cm pane within a second', async () => {
	const cluster = await startTestCluster({scenario: 'empty'});
	const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-generic-'));
	const transport = createTransport(cluster.kubeConfig);
	const namespace = `cm-${suffix()}`;
	const session = await openSession(cluster.kubeConfig, {namespace, discovery: {cacheDir}});
	try {
		await transport.request({method: 'POST', path: '/api/v1/namespaces', body: {metadata: {name: namespace}}});
		const store = session.store('configmaps');
		await waitFor('the configmaps watch is live', () => session.status('configmaps').state === 'live' || undefined);
		const started = Date.now();
		await transport.request({method: 'POST', path: `/api/v1/namespaces/${namespace}/configmaps`, body: {metadata: {name: 'fresh'}, data: {a: '1'}}});
		await waitFor('the new ConfigMap', () => store.snapshot().rows.find((r) => r.name === 'fresh'), 1000);
		assert.ok(Date.now() - started <= 1000);
	} finally {
		await transport.request({method: 'DELETE', path: `/api/v1/namespaces/${namespace}`}).catch(() => undefined);
		await session.close();
		transport.close();
		await cluster.stop();
		fs.rmSync(cacheDir, {recursive: true, force: true});
	}
});
