// The metrics poller without a server: what it asks, what it publishes, and how long it waits —
// an absent API is asked about rarely, a failing one at the window's pace, never in a loop.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {UsagePoller} from '../../source/kube/metrics.js';
import {KubeError} from '../../source/kube/kubeError.js';
import type {Transport} from '../../source/kube/transport.js';
import {podUsageTable} from '../../source/model/metrics.js';
import type {UsageDecoder} from '../../source/kube/usageDecoder.js';

const T = Date.parse('2026-12-05T06:00:00Z');

function fakeTransport(answer: (path: string) => unknown): {transport: Transport; asked: string[]} {
	const asked: string[] = [];
	const transport = {
		server: 'https://fake',
		request: async ({path}: {path: string}) => {
			asked.push(path);
			const value = answer(path);
			if (value instanceof Error) throw value;
			return value;
		},
	} as unknown as Transport;
	return {transport, asked};
}

const podList = {items: [{metadata: {name: 'a', namespace: 'ns'}, timestamp: '2026-12-05T06:00:00Z', window: '15s', containers: [{name: 'c', usage: {cpu: '5m', memory: '1Mi'}}]}]};

test('absent API: one discovery call, n/a with one line why, then a long wait', async () => {
	const {transport, asked} = fakeTransport(() => new KubeError(404, 'NotFound', 'the server could not find the requested resource'));
	const poller = new UsagePoller(transport, {resource: 'pods', toTable: podUsageTable, absentRecheckMs: 300_000, now: () => T});
	assert.equal(await poller.poll(), 300_000);
	assert.deepEqual(asked, ['/apis/metrics.k8s.io/v1beta1']);
	assert.match(poller.snapshot().unavailable ?? '', /metrics\.k8s\.io is not served/);
	assert.equal(poller.snapshot().byKey.size, 0);
});

test('served API: the list is published, and the next poll is due a window after the sample', async () => {
	const {transport, asked} = fakeTransport((path) => (path.endsWith('/pods') ? podList : {resources: []}));
	const poller = new UsagePoller(transport, {resource: 'pods', toTable: podUsageTable, now: () => T + 3000});
	let heard = 0;
	poller.subscribe(() => heard++);
	const delay = await poller.poll();
	assert.deepEqual(asked, ['/apis/metrics.k8s.io/v1beta1', '/apis/metrics.k8s.io/v1beta1/pods']);
	assert.equal(heard, 1);
	assert.equal(poller.snapshot().byKey.get('ns/a')?.cpuMilli, 5);
	assert.equal(poller.snapshot().unavailable, undefined);
	assert.equal(delay, 13_000); // sample at T, window 15 s, +1 s margin, now T+3 s
	await poller.poll();
	assert.equal(asked.filter((p) => p === '/apis/metrics.k8s.io/v1beta1').length, 1, 'discovery is not asked again while it answers');
});

test('a failing list (403) keeps the last sample, says why, and retries at the interval', async () => {
	let fail = false;
	const {transport} = fakeTransport((path) => (fail && path.endsWith('/pods') ? new KubeError(403, 'Forbidden', 'pods.metrics.k8s.io is forbidden') : path.endsWith('/pods') ? podList : {}));
	const poller = new UsagePoller(transport, {resource: 'pods', toTable: podUsageTable, intervalMs: 15_000, now: () => T});
	await poller.poll();
	fail = true;
	assert.equal(await poller.poll(), 15_000);
	assert.match(poller.snapshot().unavailable ?? '', /^metrics unavailable: .*forbidden/);
	assert.equal(poller.snapshot().byKey.get('ns/a')?.cpuMilli, 5, 'the last sample stays');
});

test('an API that goes away (503 from the aggregator) sends the poller back to discovery', async () => {
	let gone = false;
	const {transport, asked} = fakeTransport((path) => (gone ? new KubeError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request') : path.endsWith('/pods') ? podList : {}));
	const poller = new UsagePoller(transport, {resource: 'pods', toTable: podUsageTable, absentRecheckMs: 300_000, now: () => T});
	await poller.poll();
	gone = true;
	await poller.poll();
	assert.equal(await poller.poll(), 300_000);
	const [group, pods] = ['/apis/metrics.k8s.io/v1beta1', '/apis/metrics.k8s.io/v1beta1/pods'];
	assert.deepEqual(asked, [group, pods, pods, group]);
	assert.match(poller.snapshot().unavailable ?? '', /not served/);
});

test('with a decoder the list body goes to it as bytes, and its table is published', async () => {
	const decoded: Array<{bytes: number; resource: string}> = [];
	const transport = {
		server: 'https://fake',
		request: async (r: {path: string; decode?: (body: Uint8Array) => unknown}) => {
			if (!r.path.endsWith('/pods')) return {resources: []};
			assert.ok(r.decode, 'the list is asked for with a decode step');
			return r.decode(Buffer.from(JSON.stringify(podList)));
		},
	} as unknown as Transport;
	const decoder = {
		decode: async (body: Uint8Array, resource: 'pods' | 'nodes') => {
			decoded.push({bytes: body.byteLength, resource});
			return podUsageTable(JSON.parse(Buffer.from(body).toString('utf8')).items);
		},
	} as unknown as UsageDecoder;
	const poller = new UsagePoller(transport, {resource: 'pods', toTable: () => assert.fail('toTable is not used with a decoder'), decoder, now: () => T});
	await poller.poll();
	assert.deepEqual(decoded, [{bytes: JSON.stringify(podList).length, resource: 'pods'}]);
	assert.equal(poller.snapshot().byKey.get('ns/a')?.cpuMilli, 5);
});
