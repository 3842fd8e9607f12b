// A deliberately small API server for the watch engine's protocol edge cases (410 mid-watch,
// expired history, a silent watch, 403, dropped connections) that the simulator cannot be told
// to produce on demand. Pods only; enough of the list/watch protocol to be honest about it.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {KubeConfig} from '@kubernetes/client-node';
import type {KubeObject} from '../../source/model/types.js';

interface Event {
	type: 'ADDED' | 'MODIFIED' | 'DELETED';
	object: KubeObject;
	rv: number;
}

export interface FakeApi {
	url: string;
	kubeConfig: KubeConfig;
	rv: number;
	pods: Map<string, KubeObject>;
	/** Requests seen, as "METHOD path?query". */
	requests: string[];
	/** When each of `requests` arrived (epoch ms). */
	requestTimes: number[];
	add(namespace: string, name: string, phase?: string): KubeObject;
	modify(namespace: string, name: string, phase: string): void;
	remove(namespace: string, name: string): void;
	/** Forget the watch history: any watch from an older resourceVersion gets 410 Gone. */
	compact(): void;
	/** Sends a 410 ERROR event on every open watch and ends it. */
	expireWatches(): void;
	/** Open watch responses right now. */
	openWatches(): number;
	/** Destroys every open connection (the server itself stays up). */
	dropConnections(): void;
	/** Watches are accepted but nothing is ever sent (a half-open connection). */
	silent: boolean;
	/** Watches answer 200 and end at once, empty (a proxy cutting streams). */
	cutWatches: boolean;
	/** Watches answer with this HTTP status instead of a stream. */
	failWatches?: number;
	forbidden: Set<string>;
	/** Answer lists with this HTTP status instead (e.g. 503). */
	failLists?: number;
	/** Sent as Retry-After with failLists. */
	retryAfter?: string;
	close(): Promise<void>;
}

let uidCounter = 0;

function podObject(namespace: string, name: string, phase: string, rv: number, uid: string): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace, uid, resourceVersion: String(rv), creationTimestamp: new Date(0).toISOString(), labels: {app: name.split('-')[0]!}},
		spec: {nodeName: 'node-1', containers: [{name: 'app', image: 'busybox'}]},
		status: {phase, containerStatuses: [{name: 'app', ready: phase === 'Running', restartCount: 0, state: phase === 'Running' ? {running: {}} : {waiting: {reason: 'ContainerCreating'}}}]},
	};
}

export async function startFakeApi(): Promise<FakeApi> {
	const history: Event[] = [];
	let oldest = 0;
	const watches = new Set<http.ServerResponse>();
	const sockets = new Set<import('node:net').Socket>();

	const api: FakeApi = {
		url: '',
		kubeConfig: new KubeConfig(),
		rv: 1,
		pods: new Map(),
		requests: [],
		requestTimes: [],
		silent: false,
		cutWatches: false,
		forbidden: new Set(),
		add(namespace, name, phase = 'Running') {
			const object = podObject(namespace, name, phase, ++api.rv, `uid-${++uidCounter}`);
			api.pods.set(`${namespace}/${name}`, object);
			emit('ADDED', object);
			return object;
		},
		modify(namespace, name, phase) {
			const old = api.pods.get(`${namespace}/${name}`)!;
			const object = podObject(namespace, name, phase, ++api.rv, old.metadata.uid);
			api.pods.set(`${namespace}/${name}`, object);
			emit('MODIFIED', object);
		},
		remove(namespace, name) {
			const old = api.pods.get(`${namespace}/${name}`)!;
			api.pods.delete(`${namespace}/${name}`);
			const object = {...old, metadata: {...old.metadata, resourceVersion: String(++api.rv)}};
			emit('DELETED', object);
		},
		compact() {
			history.length = 0;
			oldest = api.rv;
		},
		expireWatches() {
			for (const res of watches) {
				res.end(JSON.stringify({type: 'ERROR', object: {kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version'}}) + '\n');
			}
			watches.clear();
		},
		openWatches() {
			return watches.size;
		},
		dropConnections() {
			for (const socket of sockets) socket.destroy();
		},
		async close() {
			api.dropConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};

	function emit(type: Event['type'], object: KubeObject): void {
		const event = {type, object, rv: api.rv};
		history.push(event);
		for (const res of watches) {
			const ns = (res as unknown as {ns?: string}).ns;
			if (!api.silent && (ns === undefined || ns === object.metadata.namespace)) res.write(JSON.stringify({type, object}) + '\n');
		}
	}

	const server = http.createServer((req, res) => {
		api.requests.push(`${req.method} ${req.url}`);
		api.requestTimes.push(Date.now());
		const url = new URL(req.url ?? '/', 'http://x');
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			res.writeHead(status, {'Content-Type': 'application/json', ...headers});
			res.end(JSON.stringify(body));
		};
		if (url.pathname === '/version') return send(200, {gitVersion: 'v1.31.0-fake'});
		const match = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?(pods|services)$/.exec(url.pathname);
		if (!match) return send(404, {kind: 'Status', code: 404, reason: 'NotFound', message: `${url.pathname} not found`});
		const namespace = match[1];
		const resource = match[2]!;
		if (api.forbidden.has(resource)) {
			return send(403, {kind: 'Status', code: 403, reason: 'Forbidden', message: `${resource} is forbidden: User "demo" cannot list resource "${resource}"`});
		}
		const items = resource === 'pods' ? [...api.pods.values()].filter((p) => namespace === undefined || p.metadata.namespace === namespace) : [];
		if (url.searchParams.get('watch') === '1') {
			// A server without WatchList (older, or its feature gate off) refuses a streaming list.
			if (url.searchParams.has('sendInitialEvents') || url.searchParams.has('resourceVersionMatch')) {
				return send(422, {kind: 'Status', code: 422, reason: 'Invalid', message: 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled'});
			}
			if (api.failWatches) return send(api.failWatches, {kind: 'Status', code: api.failWatches, reason: api.failWatches === 410 ? 'Gone' : 'Unauthorized', message: 'from the fake'});
			if (api.cutWatches) {
				res.writeHead(200, {'Content-Type': 'application/json'});
				return res.end();
			}
			const from = Number(url.searchParams.get('resourceVersion'));
			if (from < oldest) {
				res.writeHead(200, {'Content-Type': 'application/json'});
				res.end(JSON.stringify({type: 'ERROR', object: {kind: 'Status', code: 410, reason: 'Expired', message: `too old resource version: ${from} (${oldest})`}}) + '\n');
				return;
			}
			res.writeHead(200, {'Content-Type': 'application/json'});
			res.flushHeaders();
			(res as unknown as {ns?: string}).ns = namespace;
			if (!api.silent) {
				for (const event of history) {
					if (event.rv > from && (namespace === undefined || event.object.metadata.namespace === namespace)) {
						res.write(JSON.stringify({type: event.type, object: event.object}) + '\n');
					}
				}
			}
			watches.add(res);
			res.on('close', () => watches.delete(res));
			const timeout = Number(url.searchParams.get('timeoutSeconds') ?? 0);
			// A silent server is a half-open connection: it does not even end the watch on time.
			if (timeout > 0) setTimeout(() => api.silent || res.end(), timeout * 1000).unref();
			return;
		}
		if (api.failLists) return send(api.failLists, {kind: 'Status', code: api.failLists, reason: 'ServiceUnavailable', message: 'etcd is sad'}, api.retryAfter ? {'Retry-After': api.retryAfter} : {});
		const limit = Number(url.searchParams.get('limit') ?? 0) || items.length;
		const offset = Number(url.searchParams.get('continue') ?? 0);
		const page = items.slice(offset, offset + limit);
		const next = offset + limit < items.length ? String(offset + limit) : undefined;
		send(200, {kind: 'PodList', apiVersion: 'v1', metadata: {resourceVersion: String(api.rv), continue: next}, items: page});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.address() as AddressInfo).port;
	api.url = `http://127.0.0.1:${port}`;
	api.kubeConfig.loadFromOptions({
		clusters: [{name: 'fake', server: api.url, skipTLSVerify: true}],
		users: [{name: 'tester', token: 'fake-token'}],
		contexts: [{name: 'fake', cluster: 'fake', user: 'tester', namespace: 'shop'}],
		currentContext: 'fake',
	});
	return api;
}
