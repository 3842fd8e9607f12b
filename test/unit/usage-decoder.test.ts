// The metrics list decoder: a large body is decoded in a worker thread, which gives the same
// table as decoding in place, leaves the main thread free meanwhile, and is never a dead end — a
// worker that cannot start leaves the body to be decoded in place; a body that is not JSON is one
// KubeError either way.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeError} from '../../source/kube/kubeError.js';
import {decodeUsage, UsageDecoder} from '../../source/kube/usageDecoder.js';
import {nodeUsageTable, podUsageTable} from '../../source/model/metrics.js';

const podList = (n: number): {items: unknown[]} => ({
	items: Array.from({length: n}, (_, i) => ({
		metadata: {name: `pod-${i}`, namespace: `ns-${i % 7}`},
		timestamp: '2026-12-06T03:00:00Z',
		window: '15.0s',
		containers: [
			{name: 'a', usage: {cpu: `${(i * 7919) % 900000}n`, memory: `${(i % 300) + 1}Mi`}},
			{name: 'b', usage: {cpu: `${i % 40}m`, memory: `${(i * 31) % 9000}Ki`}},
		],
	})),
});
const nodeList = {items: Array.from({length: 50}, (_, i) => ({metadata: {name: `node-${i}`}, timestamp: '2026-12-06T03:00:00Z', window: '20s', usage: {cpu: `${i * 100}m`, memory: `${i + 1}Gi`}}))};
const bytes = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));

test('decodeUsage reads a list body exactly as the tables read its items', () => {
	const pods = podList(500);
	assert.deepEqual(decodeUsage(bytes(pods), 'pods'), podUsageTable(pods.items as never));
	assert.deepEqual(decodeUsage(bytes(nodeList), 'nodes'), nodeUsageTable(nodeList.items as never));
	assert.deepEqual(decodeUsage(bytes({kind: 'PodMetricsList'}), 'pods').byKey.size, 0);
});

test('a body over the threshold is decoded in a worker: the same table, and the main thread runs meanwhile', async () => {
	const decoder = new UsageDecoder({thresholdBytes: 0});
	try {
		const pods = podList(20_000);
		const body = bytes(pods);
		// Turns of the main thread's event loop while the decode is under way: a decode on this
		// thread would finish before the first one.
		let turns = 0;
		let done = false;
		const spin = (): void => {
			if (done) return;
			turns++;
			setImmediate(spin);
		};
		setImmediate(spin);
		const table = await decoder.decode(body, 'pods');
		done = true;
		assert.ok(turns > 0, 'the main thread turned while the worker decoded');
		const expected = podUsageTable(pods.items as never);
		assert.equal(table.byKey.size, 20_000);
		assert.deepEqual(table, expected);
		assert.deepEqual(await decoder.decode(bytes(nodeList), 'nodes'), nodeUsageTable(nodeList.items as never));
	} finally {
		decoder.close();
	}
});

test('a body that is not JSON is one BadResponse, from the worker as in place', async () => {
	const decoder = new UsageDecoder({thresholdBytes: 0});
	try {
		for (const d of [decoder, new UsageDecoder()]) {
			await assert.rejects(d.decode(Buffer.from('<html>proxy error</html>'), 'pods'), (error: unknown) => error instanceof KubeError && error.reason === 'BadResponse' && /not JSON/.test(error.message));
		}
	} finally {
		decoder.close();
	}
});

test('a worker that cannot start leaves the body to be decoded in place', async () => {
	const decoder = new UsageDecoder({thresholdBytes: 0, workerUrl: new URL('./no-such-worker.js', import.meta.url)});
	try {
		const pods = podList(100);
		assert.deepEqual(await decoder.decode(bytes(pods), 'pods'), podUsageTable(pods.items as never));
	} finally {
		decoder.close();
	}
});

test('after close, bodies are decoded in place and no worker starts', async () => {
	const decoder = new UsageDecoder({thresholdBytes: 0, workerUrl: new URL('./no-such-worker.js', import.meta.url)});
	decoder.close();
	let turns = 0;
	setImmediate(() => turns++);
	const pods = podList(10);
	assert.deepEqual(await decoder.decode(bytes(pods), 'pods'), podUsageTable(pods.items as never));
	assert.equal(turns, 0, 'decoded without giving the event loop a turn');
});
