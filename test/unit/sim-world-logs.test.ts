import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {ApiError, type LogLine} from '../../source/sim/contracts.js';
import {LogRing} from '../../source/sim/world/logs.js';
import {createStream, profileFor} from '../../source/sim/world/loggen.js';
import {barePod, isReady, startHarness, waitFor} from './sim-world-harness.js';

describe('LogRing', () => {
	const cases: Array<[number, number, number[]]> = [
		[3, 0, []],
		[3, 2, [0, 1]],
		[3, 3, [0, 1, 2]],
		[3, 5, [2, 3, 4]],
		[3, 7, [4, 5, 6]],
		[1, 4, [3]],
	];
	for (const [capacity, pushes, expected] of cases) {
		test(`capacity ${capacity}, ${pushes} lines → keeps the newest, oldest first`, () => {
			const ring = new LogRing(capacity);
			for (let i = 0; i < pushes; i++) ring.push({time: i, text: `line ${i}`});
			assert.deepEqual(ring.lines().map(l => l.time), expected);
			assert.equal(ring.size, expected.length);
		});
	}
});

describe('log streams', () => {
	test('profiles follow the image', () => {
		const cases: Array<[string, string, boolean, string]> = [
			['nginx:1.27.3', 'web', false, 'web'],
			['registry.k8s.io/coredns/coredns:v1.12.0', 'coredns', false, 'dns'],
			['nvcr.io/nvidia/pytorch:24.10-py3', 'trainer', false, 'training'],
			['vllm/vllm-openai:v0.6.4', 'server', false, 'inference'],
			['registry.example.com/shop/api:4.12.0', 'api', false, 'json'],
			['busybox:1.36', 'x', false, 'generic'],
			['nginx:1.27.3', 'wait', true, 'init'],
		];
		for (const [image, container, init, expected] of cases) assert.equal(profileFor(image, container, init), expected, image);
	});
	test('the same seed and identity give the same lines; JSON profiles print JSON', () => {
		const a = createStream(9, 'ns/pod/api/0', 'json', 'api:1');
		const b = createStream(9, 'ns/pod/api/0', 'json', 'api:1');
		const c = createStream(10, 'ns/pod/api/0', 'json', 'api:1');
		const take = (s: ReturnType<typeof createStream>) => Array.from({length: 20}, (_, i) => s.next(1_700_000_000_000 + i * 1000));
		const lines = take(a);
		assert.deepEqual(lines, take(b));
		assert.notDeepEqual(lines, take(c));
		for (const line of lines) assert.equal(typeof (JSON.parse(line) as {msg: string}).msg, 'string');
	});
});

describe('LogSource over the world', () => {
	const h = startHarness();
	after(() => h.stop());

	test('errors a person can act on', async () => {
		assert.deepEqual(errorOf(h.world.logs.read('default', 'nope', {container: 'app', previous: false})), [404, 'pods "nope" not found']);
		h.store.create('pods', barePod('default', 'fresh', {nodeName: 'worker-1', containers: [{name: 'app', image: 'nginx:1.27.3'}]}));
		assert.deepEqual(errorOf(h.world.logs.read('default', 'fresh', {container: 'app', previous: false})), [400, 'container "app" in pod "fresh" is waiting to start: ContainerCreating']);
		assert.deepEqual(errorOf(h.world.logs.read('default', 'fresh', {container: 'sidecar', previous: false})), [400, 'container sidecar is not valid for pod fresh']);
		await waitFor('fresh running', () => isReady(h.store.get('pods', 'default', 'fresh')!));
		assert.deepEqual(errorOf(h.world.logs.read('default', 'fresh', {container: 'app', previous: true})), [400, 'previous terminated container "app" in pod "fresh" not found']);
	});

	test('lines accumulate; tailLines and sinceTime narrow them', async () => {
		const lines = await waitFor('a few lines', () => {
			const result = h.world.logs.read('default', 'fresh', {container: 'app', previous: false}) as LogLine[];
			return result.length >= 6 ? result : undefined;
		});
		for (let i = 1; i < lines.length; i++) assert.ok(lines[i]!.time >= lines[i - 1]!.time, 'in time order');
		const tail = h.world.logs.read('default', 'fresh', {container: 'app', previous: false, tailLines: 2}) as LogLine[];
		assert.equal(tail.length, 2);
		const since = lines[3]!.time;
		const after = h.world.logs.read('default', 'fresh', {container: 'app', previous: false, sinceTime: since}) as LogLine[];
		assert.ok(after.length > 0 && after.every(l => l.time >= since));
	});

	test('follow streams new lines and ends when the pod goes away', async () => {
		const seen: LogLine[] = [];
		let ended: string | undefined;
		const stop = h.world.logs.follow('default', 'fresh', 'app', line => seen.push(line), reason => (ended = reason));
		await waitFor('streamed lines', () => seen.length >= 3);
		h.store.remove('pods', 'default', 'fresh');
		await waitFor('end of stream', () => ended);
		assert.equal(ended, 'pod deleted');
		stop();
	});

	test('seeded pods (no kubelet history) still have logs, derived from their status', () => {
		const scale = startHarness({scenario: 'scale', nodes: 5, pods: 120});
		try {
			const pod = scale.store.list('pods', 'scale-0')[0]!;
			const container = (pod.spec!.containers as Array<{name: string}>)[0]!.name;
			const lines = scale.world.logs.read('scale-0', pod.metadata.name, {container, previous: false});
			assert.ok(Array.isArray(lines) && lines.length > 10, 'an hour-old container has a backlog');
		} finally {
			scale.stop();
		}
	});
});

function errorOf(result: LogLine[] | ApiError): [number, string] | undefined {
	return result instanceof ApiError ? [result.code, result.message] : undefined;
}
