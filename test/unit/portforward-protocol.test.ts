// The pure parts of port-forward: channel framing, the port prefix (also split across messages),
// which pod and port a target resolves to, and the simulator's echo responder.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {ChannelReader, dataChannel, decodeFrame, encodeFrame, encodePortPrefix, errorChannel, portForwardPath} from '../../source/kube/portForwardProtocol.js';
import {containerPort, pickReadyPod, serviceTargetPort} from '../../source/actions/portForwardResolve.js';
import {echoConnection} from '../../source/sim/server/portforwardEcho.js';
import {parsePortsQuery} from '../../source/sim/server/portforward.js';
import type {KubeObject} from '../../source/model/types.js';

test('port i owns data channel 2i and error channel 2i+1', () => {
	assert.deepEqual([0, 1, 2].map(i => [dataChannel(i), errorChannel(i)]), [[0, 1], [2, 3], [4, 5]]);
});

test('a frame is the channel byte then the payload, both ways', () => {
	fc.assert(
		fc.property(fc.integer({min: 0, max: 255}), fc.uint8Array({maxLength: 64}), (channel, payload) => {
			const frame = decodeFrame(encodeFrame(channel, payload));
			assert.equal(frame?.channel, channel);
			assert.deepEqual([...frame!.payload], [...payload]);
		}),
	);
	assert.equal(decodeFrame(new Uint8Array()), undefined);
	assert.throws(() => encodeFrame(256, new Uint8Array()), /not a byte/);
});

test('the port prefix is 2 bytes little-endian and is taken off however the messages split it', () => {
	assert.deepEqual([...encodePortPrefix(8080)], [0x90, 0x1f]);
	assert.throws(() => encodePortPrefix(0), /out of range/);
	fc.assert(
		fc.property(fc.integer({min: 1, max: 65535}), fc.uint8Array({maxLength: 32}), fc.array(fc.nat(40), {maxLength: 4}), (port, body, cuts) => {
			const whole = Buffer.concat([encodePortPrefix(port), body]);
			const points = [...new Set(cuts.map(c => Math.min(c, whole.length)))].sort((a, b) => a - b);
			const reader = new ChannelReader();
			let out = Buffer.alloc(0);
			let from = 0;
			for (const at of [...points, whole.length]) {
				out = Buffer.concat([out, reader.read(whole.subarray(from, at))]);
				from = at;
			}
			assert.equal(reader.port, port);
			assert.deepEqual([...out], [...body]);
		}),
	);
});

test('the path names namespace, pod and every port', () => {
	assert.equal(portForwardPath('shop', 'web-1', [8080, 9090]), '/api/v1/namespaces/shop/pods/web-1/portforward?ports=8080&ports=9090');
});

const pod = (name: string, ready: boolean, extra: Record<string, unknown> = {}): KubeObject => ({
	metadata: {name, uid: name, ...extra},
	spec: {containers: [{name: 'app', ports: [{name: 'http', containerPort: 8080}, {name: 'metrics', containerPort: 9090}]}]},
	status: {phase: 'Running', conditions: [{type: 'Ready', status: ready ? 'True' : 'False'}]},
}) as KubeObject;

test('a ready pod that is not being deleted is picked, by name', () => {
	const cases: Array<[KubeObject[], string | undefined]> = [
		[[], undefined],
		[[pod('b', true), pod('a', true)], 'a'],
		[[pod('a', false), pod('b', true)], 'b'],
		[[pod('a', true, {deletionTimestamp: '2026-01-01T00:00:00Z'}), pod('b', true)], 'b'],
		[[pod('a', false)], undefined],
	];
	for (const [pods, want] of cases) assert.equal(pickReadyPod(pods)?.metadata.name, want);
});

test('ports: numbers stay, names are looked up in the pod, service ports map to targetPort', () => {
	assert.equal(containerPort(pod('a', true), 'metrics'), 9090);
	assert.equal(containerPort(pod('a', true), '7000'), 7000);
	assert.equal(containerPort(pod('a', true), 'grpc'), undefined);
	const service = {metadata: {name: 's', uid: 's'}, spec: {ports: [{name: 'web', port: 80, targetPort: 'http'}, {port: 9000}]}} as KubeObject;
	assert.equal(serviceTargetPort(service, 80), 'http');
	assert.equal(serviceTargetPort(service, 'web'), 'http');
	assert.equal(serviceTargetPort(service, '9000'), 9000);
	assert.equal(serviceTargetPort(service, 81), undefined);
});

test('the simulator reads ?ports= as the server does', () => {
	assert.deepEqual(parsePortsQuery(['8080', '9090,7000']), [8080, 9090, 7000]);
	assert.throws(() => parsePortsQuery([]), /query parameter "port" is required/);
	assert.throws(() => parsePortsQuery(['http']), /invalid port: "http"/);
	assert.throws(() => parsePortsQuery(['70000']), /invalid port/);
});

test('the echo responder names pod and port and echoes the request line; other bytes echo by line', () => {
	const http = echoConnection({namespace: 'shop', pod: 'web-1', port: 8080});
	assert.equal(http.receive(Buffer.from('GET /x HTTP/1.1\r\nHost: a')).length, 0);
	const answer = http.receive(Buffer.from('\r\n\r\n')).toString();
	assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/);
	assert.match(answer, /\r\n\r\npod shop\/web-1 port 8080\nrequest GET \/x HTTP\/1\.1\n$/);
	assert.equal(http.closed, true);
	const lines = echoConnection({namespace: 'shop', pod: 'web-1', port: 8080});
	assert.equal(lines.receive(Buffer.from('hello\nwor')).toString(), 'hello\n');
	assert.equal(lines.receive(Buffer.from('ld\n')).toString(), 'world\n');
	assert.equal(lines.closed, false);
});
