// Discovery and the generic Table watch against the simulator (or a real cluster via
// KUBEDECK_TEST_KUBECONFIG): discovery finds the kinds with list+watch, the cache answers a
// second start, and a ConfigMap created, changed and deleted reaches the Table-row store live.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {startTestCluster} from './cluster.js';
import {waitFor} from './sim-helpers.js';
import {createTransport} from '../../source/kube/transport.js';
import {cachedDiscovery, discover, discoveryCacheDir, discoveryCacheFile, readDiscoveryCache} from '../../source/kube/discovery.js';
import {canWatch} from '../../source/kube/discovery-documents.js';
import {createTableWatcher} from '../../source/kube/tableWatch.js';
import {defaultTuning} from '../../source/kube/watch.js';
import {createRowStore} from '../../source/store/rowStore.js';
import type {TableColumnDefinition, TableRow} from '../../source/model/table.js';
import {apiPath} from '../../source/kinds/index.js';

const unique = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

test('discovery: configmaps, events and services are watchable kinds; the cache serves the next start', async () => {
	const cluster = await startTestCluster({scenario: 'empty'});
	const transport = createTransport(cluster.kubeConfig);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-discovery-'));
	try {
		const found = await discover(transport);
		const byName = new Map(found.resources.map((r) => [`${r.plural}.${r.group}`, r]));
		for (const key of ['configmaps.', 'events.', 'services.', 'deployments.apps', 'statefulsets.apps']) {
			assert.ok(byName.get(key) && canWatch(byName.get(key)!), `${key} is served with list and watch`);
		}
		assert.equal(byName.get('configmaps.')?.scope, 'Namespaced');
		assert.equal(byName.get('nodes.')?.scope, 'Cluster');
		assert.deepEqual(byName.get('configmaps.')?.shortNames, ['cm']);

		const file = discoveryCacheFile(dir, 'ctx/with:odd chars', transport.server);
		assert.equal(path.dirname(file), dir);
		let clock = 1_000_000;
		const first = await cachedDiscovery(transport, file, {now: () => clock});
		assert.equal(readDiscoveryCache(file)?.fetchedAt, 1_000_000, 'written to the cache');
		clock += 60_000;
		const second = await cachedDiscovery(transport, file, {now: () => clock});
		assert.equal(second.fetchedAt, first.fetchedAt, 'a fresh cache is read, the server not asked');
		clock += 60 * 60_000;
		const third = await cachedDiscovery(transport, file, {now: () => clock});
		assert.equal(third.fetchedAt, clock, 'past its TTL the server is asked again');
		assert.equal(discoveryCacheDir({XDG_CACHE_HOME: '/x'}, '/home/u'), path.join('/x', 'kubedeck', 'discovery'));
		assert.equal(discoveryCacheDir({XDG_CACHE_HOME: 'relative'}, '/home/u'), path.join('/home/u', '.cache', 'kubedeck', 'discovery'));
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
		transport.close();
		await cluster.stop();
	}
});

test('generic watch: ConfigMaps as server-side Table rows, paged, then live through add, change and delete', async () => {
	const cluster = await startTestCluster({scenario: 'empty'});
	const transport = createTransport(cluster.kubeConfig);
	const namespace = unique('generic');
	const kind = {group: '', version: 'v1', plural: 'configmaps', scope: 'Namespaced' as const};
	const store = createRowStore<TableRow>({frameMs: 5});
	let columns: TableColumnDefinition[] = [];
	const watcher = createTableWatcher(
		transport,
		{path: apiPath(kind, namespace), describe: `configmaps in namespace ${namespace}`, resource: 'configmaps', namespace},
		store,
		{...defaultTuning, pageSize: 2, backoffInitialMs: 50, backoffMaxMs: 300},
		() => {},
		(c) => {
			columns = c;
		},
	);
	try {
		await transport.request({method: 'POST', path: '/api/v1/namespaces', body: {metadata: {name: namespace}}});
		for (const name of ['a', 'b', 'c']) {
			await transport.request({method: 'POST', path: apiPath(kind, namespace), body: {metadata: {name, labels: {set: 'one'}}, data: {k: 'v'}}});
		}
		watcher.start();
		// A real server publishes kube-root-ca.crt into every new namespace; the rest are ours.
		const ours = () => store.snapshot().rows.filter((r) => r.name !== 'kube-root-ca.crt').map((r) => r.name).sort().join(',');
		await waitFor('three rows', () => (ours() === 'a,b,c' ? true : undefined));
		assert.ok(watcher.stats.pages >= 2, 'the list came in pages');
		assert.deepEqual(columns.map((c) => c.name), ['Name', 'Data', 'Age']);
		const a = store.snapshot().rows.find((r) => r.name === 'a')!;
		assert.deepEqual([a.namespace, a.labels, a.cells.slice(0, 2)], [namespace, {set: 'one'}, ['a', '1']]);
		await waitFor('live', () => (watcher.status.state === 'live' ? true : undefined));

		await transport.request({method: 'POST', path: apiPath(kind, namespace), body: {metadata: {name: 'd'}, data: {x: '1', y: '2'}}});
		await waitFor('the new ConfigMap', () => store.snapshot().rows.find((r) => r.name === 'd' && r.cells[1] === '2'));
		await transport.request({method: 'PATCH', path: apiPath(kind, namespace, 'a'), contentType: 'application/merge-patch+json', body: {data: {k2: 'v2', k3: 'v3'}}});
		await waitFor('the change', () => store.snapshot().rows.find((r) => r.name === 'a' && r.cells[1] === '3'));
		await transport.request({method: 'DELETE', path: apiPath(kind, namespace, 'b')});
		await waitFor('the deletion', () => (store.snapshot().rows.some((r) => r.name === 'b') ? undefined : true));
		assert.deepEqual(ours(), 'a,c,d');
		assert.equal(watcher.stats.projectionErrors, 0);
	} finally {
		await watcher.stop();
		transport.close();
		await cluster.stop();
	}
});
