import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {KubeConfig} from '@kubernetes/client-node';
import {createTransport} from '../../source/kube/transport.js';
import {parseLogTimestamp, streamLogs, type LogLine} from '../../source/actions/logs.js';
import {podBody, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';

let fx: ActionsFixture;
before(async () => {
	fx = await startActionsFixture();
});
after(async () => {
	await fx?.stop();
});

async function runningPod(): Promise<string> {
	const name = uniqueName('logger');
	await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/pods`, body: podBody(name)});
	await waitFor('pod running', async () => {
		const pod = await fx.client.request<{status?: {phase?: string}}>({path: `/api/v1/namespaces/${fx.namespace}/pods/${name}`});
		return pod.status?.phase === 'Running';
	});
	return name;
}

test('parseLogTimestamp orders RFC 3339 nano timestamps and keeps ms', () => {
	const a = parseLogTimestamp('2026-01-02T03:04:05.46Z')!;
	const b = parseLogTimestamp('2026-01-02T03:04:05.123456789Z')!;
	const c = parseLogTimestamp('2026-01-02T04:04:05+01:00')!;
	assert.equal(a.key, '2026-01-02T03:04:05.460000000');
	assert.ok(b.key < a.key);
	assert.equal(c.key, '2026-01-02T03:04:05.000000000');
	assert.equal(a.ms, Date.parse('2026-01-02T03:04:05.460Z'));
	assert.equal(parseLogTimestamp('not a time'), undefined);
});

test('tail without follow: exactly the last N lines, then the end', async (t) => {
	const pod = await runningPod();
	// The tail must have more than five lines to choose from: follow until six have been written.
	const seen: LogLine[] = [];
	const follow = streamLogs(fx.client, {namespace: fx.namespace, pod}, {onLine: (l) => seen.push(l)});
	try {
		await waitFor('six lines written', () => seen.length >= 6);
	} finally {
		follow.stop();
	}
	const lines: LogLine[] = [];
	let end: {kind: string; message: string} | undefined;
	const stream = streamLogs(fx.client, {namespace: fx.namespace, pod, tailLines: 5, follow: false}, {onLine: (l) => lines.push(l), onEnd: (e) => (end = e)});
	await stream.done;
	assert.equal(lines.length, 5);
	assert.ok(lines.every((l) => typeof l.time === 'number' && l.timestamp && !l.text.startsWith(l.timestamp)), 'timestamp split off the text');
	assert.deepEqual(end, {kind: 'completed', message: 'end of log'});
});

test('a follow that loses its connection resumes with sinceTime: no line twice, none lost', async (t) => {
	if (fx.cluster.kind === 'real') return t.skip('needs the simulator: stopServer/startServer');
	const pod = await runningPod();
	const lines: LogLine[] = [];
	const statuses: string[] = [];
	const stream = streamLogs(fx.client, {namespace: fx.namespace, pod, tailLines: 3, reconnectDelayMs: 50}, {onLine: (l) => lines.push(l), onStatus: (s) => statuses.push(s)});
	try {
		await waitFor('some lines', () => lines.length >= 10);
		await fx.cluster.sim!.stopServer();
		const atOutage = lines.length;
		await new Promise((resolve) => setTimeout(resolve, 300));
		await fx.cluster.sim!.startServer();
		await waitFor('lines after the outage', () => lines.length >= atOutage + 20, 60_000);
	} finally {
		stream.stop();
		await stream.done;
	}
	assert.ok(statuses.includes('reconnecting'), 'the outage was reported');
	const server = fx.cluster.sim!.world.logs.read(fx.namespace, pod, {container: 'main', previous: false});
	assert.ok(Array.isArray(server));
	const all = (server as Array<{time: number; text: string}>).map((l) => `${l.time} ${l.text}`);
	const got = lines.map((l) => `${l.time} ${l.text}`);
	assert.equal(new Set(got).size, got.length, 'no duplicates');
	const start = all.indexOf(got[0]!);
	assert.ok(start >= 0, 'first line is a real log line');
	assert.deepEqual(got, all.slice(start, start + got.length), 'a gap-free run of the container log');
});

test('deleting the pod ends the follow with a message saying so', async (t) => {
	if (fx.cluster.kind === 'real') return t.skip('needs the simulator: the real cluster\'s kubelets are KWOK, whose log follow outlives a deleted pod (a kubelet ends it when the container stops)');
	const pod = await runningPod();
	let end: {kind: string; message: string} | undefined;
	const lines: LogLine[] = [];
	const stream = streamLogs(fx.client, {namespace: fx.namespace, pod, tailLines: 1, reconnectDelayMs: 50}, {onLine: (l) => lines.push(l), onEnd: (e) => (end = e)});
	await waitFor('streaming', () => lines.length > 0);
	await fx.client.request({method: 'DELETE', path: `/api/v1/namespaces/${fx.namespace}/pods/${pod}`, body: {gracePeriodSeconds: 0}});
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([stream.done, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
	clearTimeout(timer);
	stream.stop();
	assert.deepEqual(end, {kind: 'podDeleted', message: `pod ${fx.namespace}/${pod} was deleted`});
});

test('an invalid container ends with the API server\'s explanation', async (t) => {
	const pod = await runningPod();
	let end: {kind: string; message: string} | undefined;
	const stream = streamLogs(fx.client, {namespace: fx.namespace, pod, container: 'nope'}, {onLine: () => {}, onEnd: (e) => (end = e)});
	await stream.done;
	assert.equal(end?.kind, 'error');
	assert.match(end?.message ?? '', /container.*nope.*not valid/i);
});

test('invalid UTF-8 split across chunks, CRLF, and a 2 MB line do not break the stream', async () => {
	// A tiny server that answers the pod GET and one log response, written in awkward chunks.
	const huge = 'x'.repeat(2 * 1024 * 1024);
	const server = http.createServer((req, res) => {
		if (req.url?.includes('/log')) {
			res.writeHead(200, {'Content-Type': 'text/plain'});
			res.write('2026-01-01T00:00:00.1Z caf');
			res.write(Buffer.from([0xc3])); // first half of "é"
			res.write(Buffer.concat([Buffer.from([0xa9]), Buffer.from(' ok\r\n2026-01-01T00:00:00.2Z bad '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]));
			res.write(`2026-01-01T00:00:00.3Z ${huge}\n`);
			res.end('2026-01-01T00:00:00.4Z last line without newline');
			return;
		}
		res.writeHead(200, {'Content-Type': 'application/json'});
		res.end(JSON.stringify({metadata: {name: 'p', namespace: 'ns', uid: 'u1'}, status: {phase: 'Running'}}));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const kc = new KubeConfig();
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		kc.loadFromOptions({clusters: [{name: 'c', server: url}], users: [{name: 'u', token: 't'}], contexts: [{name: 'x', cluster: 'c', user: 'u'}], currentContext: 'x'});
		const lines: LogLine[] = [];
		const stream = streamLogs(createTransport(kc), {namespace: 'ns', pod: 'p', follow: false, maxLineLength: 1024 * 1024}, {onLine: (l) => lines.push(l)});
		await stream.done;
		assert.deepEqual(lines.map((l) => l.text.length > 100 ? `${l.text.length} chars` : l.text), ['café ok', 'bad \ufffd\ufffd', `${1024 * 1024 - '2026-01-01T00:00:00.3Z '.length} chars`, 'last line without newline']);
		assert.equal(lines[2]!.truncated, true, 'the cap applies to the raw line, timestamp included');
	} finally {
		await new Promise((resolve) => server.close(resolve));
	}
});
