// The transport (source/kube/transport.ts) against small local HTTP servers: plain http without
// insecure-skip-tls-verify, credentials per request, one kept-alive socket for sequential calls,
// cancellation, deadlines, Retry-After, error bodies, streams, and the kubeconfig's proxy.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {connect as netConnect, type AddressInfo, type Socket} from 'node:net';
import {KubeConfig} from '@kubernetes/client-node';
import {KubeError} from '../../source/kube/kubeError.js';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import {until} from '../views/fakes.js';

interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** Which connection (1, 2, …) carried it. */
	socket: number;
}

interface Local {
	url: string;
	seen: Seen[];
	/** Connections the server accepted. */
	connections(): number;
	close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

async function serve(handler: Handler): Promise<Local> {
	const seen: Seen[] = [];
	const sockets = new Map<Socket, number>();
	const server = http.createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => {
			seen.push({method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, socket: sockets.get(req.socket) ?? 0});
			handler(req, res, body);
		});
	});
	server.on('connection', (socket) => {
		sockets.set(socket, sockets.size + 1);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		seen,
		connections: () => sockets.size,
		async close() {
			for (const socket of sockets.keys()) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

/** A kubeconfig for server: plain http, a token, and (unlike the simulator's) no insecure-skip-tls-verify. */
function kubeconfigFor(server: string, extra: {proxyUrl?: string; user?: string} = {}): KubeConfig {
	const kc = new KubeConfig();
	kc.loadFromOptions({
		clusters: [{name: 'local', server, ...(extra.proxyUrl ? {proxyUrl: extra.proxyUrl} : {})}],
		users: [{name: extra.user ?? 'ana', token: 'secret-token'}],
		contexts: [{name: 'local', cluster: 'local', user: extra.user ?? 'ana'}],
		currentContext: 'local',
	});
	return kc;
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
	res.writeHead(status, {'Content-Type': 'application/json', ...headers});
	res.end(JSON.stringify(body));
};

async function withServer(handler: Handler, run: (local: Local, transport: Transport) => Promise<void>, extra: {proxyUrl?: string} = {}): Promise<void> {
	const local = await serve(handler);
	const transport = createTransport(kubeconfigFor(local.url, extra));
	try {
		await run(local, transport);
	} finally {
		transport.close();
		await local.close();
	}
}

test('plain http without insecure-skip-tls-verify works, with the token on every request', async () => {
	await withServer((_req, res) => json(res, 200, {gitVersion: 'v1.31.0'}), async (local, transport) => {
		assert.deepEqual(await transport.request({path: '/version'}), {gitVersion: 'v1.31.0'});
		assert.equal(local.seen[0]!.headers.authorization, 'Bearer secret-token');
		assert.equal(local.seen[0]!.headers['user-agent'], 'kubedeck');
	});
});

test('sequential requests share one kept-alive socket, streams included', async () => {
	await withServer(
		(req, res) => {
			if (req.url?.includes('watch=1')) {
				res.writeHead(200, {'Content-Type': 'application/json'});
				res.end('{"type":"BOOKMARK"}\n');
				return;
			}
			json(res, 200, {});
		},
		async (server, transport) => {
			for (let i = 0; i < 5; i++) await transport.request({path: '/api/v1/pods'});
			await transport.stream({path: '/api/v1/pods', query: {watch: '1'}, onLine: () => {}});
			await transport.request({method: 'DELETE', path: '/api/v1/namespaces/x/pods/p', body: {gracePeriodSeconds: 0}});
			assert.equal(server.seen.length, 7);
			assert.deepEqual(new Set(server.seen.map((s) => s.socket)), new Set([1]), 'every request on the first connection');
			assert.equal(server.connections(), 1);
		},
	);
});

test('method, query, body and content type go out as asked', async () => {
	await withServer((_req, res) => json(res, 200, {}), async (local, transport) => {
		await transport.request({method: 'PATCH', path: '/api/v1/nodes/n1', query: {fieldManager: 'kubedeck', dryRun: undefined}, body: {spec: {unschedulable: true}}, contentType: 'application/merge-patch+json'});
		await transport.request({path: '/api/v1/pods?limit=5', query: {fieldSelector: 'spec.nodeName=n1', continue: 'a b'}});
		const [patch, list] = local.seen;
		assert.deepEqual([patch!.method, patch!.url, patch!.headers['content-type'], JSON.parse(patch!.body)], ['PATCH', '/api/v1/nodes/n1?fieldManager=kubedeck', 'application/merge-patch+json', {spec: {unschedulable: true}}]);
		assert.equal(list!.url, '/api/v1/pods?limit=5&fieldSelector=spec.nodeName%3Dn1&continue=a+b');
	});
});

test('an empty 200 body is undefined; a body that is not JSON is a BadResponse', async () => {
	await withServer(
		(req, res) => {
			res.writeHead(200);
			res.end(req.url === '/empty' ? '' : '<html>proxy login</html>');
		},
		async (_local, transport) => {
			assert.equal(await transport.request({path: '/empty'}), undefined);
			await assert.rejects(transport.request({path: '/html'}), (error: unknown) => error instanceof KubeError && error.reason === 'BadResponse' && /not JSON/.test(error.message));
		},
	);
});

test('decode: the body\'s bytes go to it whole (multi-byte text split across chunks included) and its answer is the result; an empty body skips it', async () => {
	const text = JSON.stringify({items: [{name: 'π-ünïcode-名前'}]});
	await withServer(
		(req, res) => {
			res.writeHead(200);
			if (req.url === '/empty') return res.end('');
			// Split inside a multi-byte character: the decoder must still get the bytes as sent.
			const bytes = Buffer.from(text);
			const cut = bytes.indexOf(Buffer.from('名')) + 1;
			res.write(bytes.subarray(0, cut));
			setImmediate(() => res.end(bytes.subarray(cut)));
		},
		async (_local, transport) => {
			const got: Uint8Array[] = [];
			const answer = await transport.request<string>({path: '/list', decode: (body) => (got.push(body), 'decoded')});
			assert.equal(answer, 'decoded');
			assert.equal(Buffer.from(got[0]!).toString('utf8'), text);
			assert.equal(await transport.request({path: '/empty', decode: () => assert.fail('not called for an empty body')}), undefined);
		},
	);
});

test('an error Status becomes a KubeError naming the kubeconfig user', async () => {
	await withServer(
		(_req, res) => json(res, 403, {kind: 'Status', code: 403, reason: 'Forbidden', message: 'pods is forbidden: User "ana" cannot list resource "pods"'}),
		async (_local, transport) => {
			await assert.rejects(transport.request({path: '/api/v1/pods'}), (error: unknown) => {
				assert.ok(error instanceof KubeError);
				assert.deepEqual([error.status, error.reason, error.message], [403, 'Forbidden', 'forbidden for user "ana" (RBAC) — pods is forbidden: User "ana" cannot list resource "pods"']);
				return true;
			});
		},
	);
});

test('Retry-After on a 429 and a 503 is read into the error', async () => {
	await withServer(
		(req, res) => {
			if (req.url === '/busy') return json(res, 429, {kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down'}, {'Retry-After': '3'});
			json(res, 503, {kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'starting'}, {'Retry-After': '1'});
		},
		async (_local, transport) => {
			await assert.rejects(transport.request({path: '/busy'}), (error: unknown) => error instanceof KubeError && error.retryAfterMs === 3000 && /asks to wait 3s/.test(error.message));
			await assert.rejects(transport.stream({path: '/down', onLine: () => {}}), (error: unknown) => error instanceof KubeError && error.status === 503 && error.retryAfterMs === 1000);
		},
	);
});

test('a server that never answers: the deadline ends the request with a Timeout', async () => {
	await withServer(
		() => {
			// Never answers.
		},
		async (local, transport) => {
			await assert.rejects(transport.request({path: '/slow', timeoutMs: 200}), (error: unknown) => {
				assert.ok(error instanceof KubeError);
				assert.deepEqual([error.status, error.reason, error.message], [0, 'Timeout', `no answer from ${local.url} within 0.2s`]);
				return true;
			});
			await assert.rejects(transport.stream({path: '/slow', timeoutMs: 150, onLine: () => {}}), (error: unknown) => error instanceof KubeError && error.reason === 'Timeout');
		},
	);
});

test('the deadline of a JSON call covers its body too: headers then silence is a Timeout', async () => {
	await withServer(
		(_req, res) => {
			res.writeHead(200, {'Content-Type': 'application/json'});
			res.write('{"items": [');
		},
		async (_local, transport) => {
			await assert.rejects(transport.request({path: '/api/v1/pods', timeoutMs: 200}), (error: unknown) => error instanceof KubeError && error.reason === 'Timeout');
		},
	);
});

test('abort: before sending, while waiting, and in the middle of a stream', async () => {
	let writeLine: ((line: string) => void) | undefined;
	await withServer(
		(req, res) => {
			if (req.url?.startsWith('/stream')) {
				res.writeHead(200, {'Content-Type': 'application/json'});
				writeLine = (line) => res.write(`${line}\n`);
				writeLine('{"n":1}');
			}
			// Anything else is left waiting.
		},
		async (local, transport) => {
			const isAborted = (error: unknown) => error instanceof KubeError && error.aborted && error.message === 'cancelled';
			const already = new AbortController();
			already.abort();
			await assert.rejects(transport.request({path: '/never-sent', signal: already.signal}), isAborted);
			assert.equal(local.seen.length, 0, 'nothing was sent for an aborted signal');

			const waiting = new AbortController();
			const pending = transport.request({path: '/waiting', signal: waiting.signal});
			await until(() => local.seen.length === 1, () => `one request at the server, saw ${local.seen.length}`);
			waiting.abort();
			await assert.rejects(pending, isAborted);

			const following = new AbortController();
			const lines: string[] = [];
			const stream = transport.stream({path: '/stream', signal: following.signal, onLine: (line) => lines.push(line)});
			await until(() => lines.length === 1, () => `the first line, got ${lines.length}`);
			writeLine!('{"n":2}');
			await until(() => lines.length === 2, () => `the second line, got ${lines.length}`);
			following.abort();
			await assert.rejects(stream, isAborted);
			assert.deepEqual(lines, ['{"n":1}', '{"n":2}']);
		},
	);
});

test('streams: onOpen once the server accepts, lines cut at maxLineLength, a dropped connection is ConnectionLost', async () => {
	await withServer(
		(req, res) => {
			res.writeHead(200, {'Content-Type': 'text/plain'});
			if (req.url === '/log') {
				res.write('short\nthis line is too long\nok');
				res.end('\n');
				return;
			}
			res.write('{"n":1}\n');
			setImmediate(() => res.socket?.destroy());
		},
		async (_local, transport) => {
			const events: string[] = [];
			await transport.stream({path: '/log', maxLineLength: 8, onOpen: () => events.push('open'), onLine: (line, truncated) => events.push(truncated ? `${line}…` : line)});
			assert.deepEqual(events, ['open', 'short', 'this lin…', 'ok']);
			await assert.rejects(transport.stream({path: '/drop', onLine: () => {}}), (error: unknown) => error instanceof KubeError && error.reason === 'ConnectionLost' && error.status === 0);
		},
	);
});

test('nothing listening: "cannot reach <server>: nothing is listening there"', async () => {
	const local = await serve(() => {});
	const url = local.url;
	await local.close();
	const transport = createTransport(kubeconfigFor(url));
	await assert.rejects(transport.request({path: '/version'}), (error: unknown) => {
		assert.ok(error instanceof KubeError);
		assert.deepEqual([error.status, error.reason, error.message], [0, 'ECONNREFUSED', `cannot reach ${url}: nothing is listening there`]);
		return true;
	});
	transport.close();
});

test('a kubeconfig proxy-url is honoured: client-node\'s proxy agent tunnels to the cluster', async () => {
	// The proxy tunnels every CONNECT to the local "cluster", whatever host it names (cluster.invalid resolves nowhere).
	await withServer(
		(_req, res) => json(res, 200, {via: 'tunnel'}),
		async (cluster) => {
			const tunnels: string[] = [];
			const proxy = http.createServer();
			proxy.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
				tunnels.push(req.url ?? '');
				const port = Number(new URL(cluster.url).port);
				const upstream = netConnect(port, '127.0.0.1', () => {
					client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
					upstream.write(head);
					upstream.pipe(client);
					client.pipe(upstream);
				});
				upstream.on('error', () => client.destroy());
				client.on('error', () => upstream.destroy());
			});
			await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
			const transport = createTransport(kubeconfigFor('http://cluster.invalid:6443', {proxyUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`}));
			try {
				assert.deepEqual(await transport.request({path: '/version'}), {via: 'tunnel'});
				assert.deepEqual(tunnels, ['cluster.invalid:6443']);
				assert.equal(cluster.seen[0]!.url, '/version');
				assert.equal(cluster.seen[0]!.headers.authorization, 'Bearer secret-token');
			} finally {
				transport.close();
				proxy.closeAllConnections();
				await new Promise((resolve) => proxy.close(resolve));
			}
		},
	);
});
