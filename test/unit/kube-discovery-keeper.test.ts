// The session's discovery keeper: the cache answers at once, the server only when the cache is
// stale or when asked (an unknown ':' word), concurrent asks share one request, and a change
// (a CRD created meanwhile) is announced once.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {DiscoveryKeeper} from '../../source/kube/discoveryKeeper.js';
import type {ApiRequest, Transport} from '../../source/kube/transport.js';

function aggregated(resources: Array<{group: string; plural: string; kind: string}>, core: boolean) {
	const groups = new Map<string, typeof resources>();
	for (const r of resources.filter((x) => (x.group === '') === core)) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
	return {
		kind: 'APIGroupDiscoveryList',
		items: [...groups].map(([name, rs]) => ({
			metadata: {name},
			versions: [{version: 'v1', resources: rs.map((r) => ({resource: r.plural, responseKind: {kind: r.kind}, scope: 'Namespaced', verbs: ['list', 'watch']}))}],
		})),
	};
}

function fakeServer() {
	const served = [{group: '', plural: 'configmaps', kind: 'ConfigMap'}];
	const asked: string[] = [];
	let release: (() => void) | undefined;
	const transport: Transport = {
		server: 'https://fake',
		async request<T>(r: ApiRequest): Promise<T> {
			asked.push(r.path);
			if (release === undefined) await Promise.resolve();
			return aggregated(served, r.path === '/api') as T;
		},
		stream: () => Promise.resolve(),
		close: () => {},
	};
	return {transport, served, asked, hold: (f: () => void) => (release = f)};
}

test('discovery keeper: cache first, server when stale or asked, one request for concurrent asks, changes announced', async () => {
	const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-keeper-'));
	let clock = 1_000_000;
	const server = fakeServer();
	let changes = 0;
	const options = {context: 'ctx', server: 'https://fake', cacheDir, ttlMs: 60_000, now: () => clock};
	try {
		const first = new DiscoveryKeeper(server.transport, options, () => changes++);
		first.start();
		await first.ready();
		first.stop();
		assert.deepEqual(server.asked, ['/api', '/apis'], 'no cache: the server is asked');
		assert.ok(first.byName('configmaps.'));
		assert.equal(changes, 1);

		clock += 1000;
		const second = new DiscoveryKeeper(server.transport, options, () => changes++);
		second.start();
		assert.ok(second.byName('configmaps.'), 'a fresh cache answers at once, before any request');
		await second.ready();
		assert.equal(server.asked.length, 2, 'a fresh cache is not asked again');

		server.served.push({group: 'example.com', plural: 'gizmos', kind: 'Gizmo'});
		await Promise.all([second.refresh(), second.refresh()]);
		assert.equal(server.asked.length, 4, 'two asks at once share one discovery');
		assert.ok(second.byName('gizmos.example.com'), 'a CRD created meanwhile is known after the ask');
		assert.equal(changes, 3);
		await second.refresh();
		assert.equal(changes, 3, 'the same answer again is no change');
		second.stop();

		clock += 120_000;
		const third = new DiscoveryKeeper(server.transport, options, () => changes++);
		third.start();
		await third.ready();
		await third.refresh();
		third.stop();
		assert.ok(server.asked.length >= 8, 'past the TTL the server is asked again');
	} finally {
		fs.rmSync(cacheDir, {recursive: true, force: true});
	}
});
