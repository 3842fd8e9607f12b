// The WebSocket opener against a local server: credentials on the upgrade, the negotiated
// subprotocol, repeated query keys, and refusals as the transport's KubeError.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {KubeConfig} from '@kubernetes/client-node';
import {WebSocketServer} from 'ws';
import {createWebSocketOpener, webSocketUrl} from '../../source/kube/websocket.js';
import {KubeError} from '../../source/kube/kubeError.js';
import {kubeconfigText} from '../../source/sim/kubeconfig.js';

interface Seen {
	url?: string;
	authorization?: string;
}

async function withServer(run: (server: string, seen: Seen) => Promise<void>): Promise<void> {
	const seen: Seen = {};
	const httpServer = http.createServer((_req, res) => res.end('plain'));
	const wss = new WebSocketServer({
		noServer: true,
		handleProtocols: (offered) => (offered.has('v5.channel.k8s.io') ? 'v5.channel.k8s.io' : offered.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false),
	});
	httpServer.on('upgrade', (req, socket, head) => {
		seen.url = req.url;
		seen.authorization = req.headers.authorization;
		const refuse = (status: number, reason: string, message: string): void => {
			const body = JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code: status});
			socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
		};
		if (req.headers.authorization !== 'Bearer good') return refuse(401, 'Unauthorized', 'Unauthorized');
		if (req.url?.includes('/forbidden/')) return refuse(403, 'Forbidden', 'pods "web" is forbidden: cannot create resource "pods/exec"');
		if (req.url?.includes('/missing/')) return refuse(404, 'NotFound', 'pods "missing" not found');
		wss.handleUpgrade(req, socket, head, (ws) => ws.send('hello'));
	});
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
	const {port} = httpServer.address() as AddressInfo;
	try {
		await run(`http://127.0.0.1:${port}`, seen);
	} finally {
		wss.close();
		httpServer.closeAllConnections();
		await new Promise<void>((resolve) => httpServer.close(() => resolve()));
	}
}

function config(server: string, token: string): KubeConfig {
	const kc = new KubeConfig();
	kc.loadFromString(kubeconfigText(server, token, 'viewer-token'));
	return kc;
}

test('webSocketUrl: ws scheme, arrays repeat their key, undefined left out', () => {
	assert.equal(
		webSocketUrl('https://api.example:6443/', {path: '/api/v1/namespaces/a/pods/b/exec', query: {container: 'app', command: ['sh', '-c', 'echo hi'], tty: true, stdin: undefined}}),
		'wss://api.example:6443/api/v1/namespaces/a/pods/b/exec?container=app&command=sh&command=-c&command=echo+hi&tty=true',
	);
	assert.equal(webSocketUrl('http://127.0.0.1:1', {path: '/x'}), 'ws://127.0.0.1:1/x');
});

test('open: the bearer token goes on the upgrade and the preferred protocol is negotiated', async () => {
	await withServer(async (server, seen) => {
		const opener = createWebSocketOpener(config(server, 'good'));
		const {socket, protocol} = await opener.open({path: '/api/v1/namespaces/a/pods/b/exec', query: {command: ['ls', '-l']}, protocols: ['v5.channel.k8s.io', 'v4.channel.k8s.io']});
		const first = await new Promise<string>((resolve) => {
			socket.once('message', (data: Buffer) => resolve(data.toString()));
			socket.resume();
		});
		socket.terminate();
		assert.equal(protocol, 'v5.channel.k8s.io');
		assert.equal(first, 'hello');
		assert.equal(seen.authorization, 'Bearer good');
		assert.equal(seen.url, '/api/v1/namespaces/a/pods/b/exec?command=ls&command=-l');
	});
});

test('open: falls back to the next protocol the server speaks', async () => {
	await withServer(async (server) => {
		const {socket, protocol} = await createWebSocketOpener(config(server, 'good')).open({path: '/p', protocols: ['v9.channel.k8s.io', 'v4.channel.k8s.io']});
		socket.terminate();
		assert.equal(protocol, 'v4.channel.k8s.io');
	});
});

test('open: refusals are KubeErrors with the usual explanations', async () => {
	await withServer(async (server) => {
		const opener = createWebSocketOpener(config(server, 'good'));
		await assert.rejects(opener.open({path: '/forbidden/exec', protocols: ['v5.channel.k8s.io']}), (error: unknown) => {
			assert.ok(error instanceof KubeError);
			assert.equal(error.status, 403);
			assert.match(error.message, /^forbidden for user "demo-user" \(RBAC\) — pods "web" is forbidden/);
			return true;
		});
		await assert.rejects(opener.open({path: '/missing/exec', protocols: ['v5.channel.k8s.io']}), (error: unknown) => error instanceof KubeError && error.status === 404 && /not found/.test(error.message));
		await assert.rejects(opener.open({path: '/p', protocols: ['v9.channel.k8s.io']}), (error: unknown) => error instanceof KubeError && error.reason === 'ProtocolRefused');
	});
});

test('open: a 401 reads the credentials again once and retries with the new token', async () => {
	await withServer(async (server) => {
		let rereads = 0;
		const opener = createWebSocketOpener(config(server, 'stale'), {
			reread: () => {
				rereads += 1;
				return config(server, 'good');
			},
		});
		const {socket} = await opener.open({path: '/p', protocols: ['v5.channel.k8s.io']});
		socket.terminate();
		assert.equal(rereads, 1);
		const dead = createWebSocketOpener(config(server, 'stale'), {reread: (current) => current});
		await assert.rejects(dead.open({path: '/p', protocols: ['v5.channel.k8s.io']}), (error: unknown) => error instanceof KubeError && error.status === 401 && /still rejects/.test(error.message));
	});
});

test('open: nothing listening is a network error naming the server', async () => {
	const server = await new Promise<string>((resolve) => {
		const probe = http.createServer().listen(0, '127.0.0.1', () => {
			const {port} = probe.address() as AddressInfo;
			probe.close(() => resolve(`http://127.0.0.1:${port}`));
		});
	});
	await assert.rejects(createWebSocketOpener(config(server, 'good')).open({path: '/p', protocols: ['v5.channel.k8s.io']}), (error: unknown) => error instanceof KubeError && error.status === 0 && /nothing is listening/.test(error.message));
});

test('open: an aborted signal cancels before anything is sent', async () => {
	const controller = new AbortController();
	controller.abort();
	await assert.rejects(createWebSocketOpener(config('http://127.0.0.1:9', 'good')).open({path: '/p', protocols: ['v5.channel.k8s.io'], signal: controller.signal}), (error: unknown) => error instanceof KubeError && error.aborted);
});
