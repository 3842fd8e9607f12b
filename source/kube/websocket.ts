// WebSocket connections to the API server, for the streaming subresources (pods/exec, attach,
// portforward). Same credentials and TLS material as the one transport (source/kube/transport.ts):
// CA and client certificates, bearer tokens, exec-plugin tokens read again once after a 401, and
// plain-HTTP servers (loopback simulators, kubectl proxy). A refusal is the transport's KubeError,
// so "forbidden (RBAC)" or "not found" read the same as for any other request.
import type {IncomingMessage, ClientRequest} from 'node:http';
import type https from 'node:https';
import type {KubeConfig} from '@kubernetes/client-node';
import WebSocket from 'ws';
import {rereadCredentials} from '../config/kubeconfig.js';
import {Credentials, type Reread} from './credentials.js';
import {abortedError, errorFromResponse, KubeError, networkError, timeoutError, unauthorisedAfterReread} from './kubeError.js';

export interface WebSocketRequest {
	/** An API path such as /api/v1/namespaces/shop/pods/web-1/exec. */
	path: string;
	/** Query parameters; an array repeats the key (exec's `command=sh&command=-c&command=…`). */
	query?: Record<string, string | number | boolean | undefined | readonly string[]>;
	/** Subprotocols offered, preferred first (e.g. v5.channel.k8s.io, v4.channel.k8s.io). */
	protocols: readonly string[];
	/** Until the upgrade is answered; default 30 s. */
	timeoutMs?: number;
	signal?: AbortSignal;
}

export interface OpenedWebSocket {
	/**
	 * Paused: the server may speak at once (an exec's first output), before the caller has its
	 * listeners on; call socket.resume() once they are, and nothing is lost.
	 */
	socket: WebSocket;
	/** The subprotocol the server chose (one of those offered). */
	protocol: string;
}

export interface WebSocketOptions {
	reread?: Reread;
	rereadIntervalMs?: number;
}

export interface WebSocketOpener {
	readonly server: string;
	open(r: WebSocketRequest): Promise<OpenedWebSocket>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The ws:// or wss:// URL of an API path with its query (arrays repeat their key). */
export function webSocketUrl(server: string, r: Pick<WebSocketRequest, 'path' | 'query'>): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(r.query ?? {})) {
		if (value === undefined) continue;
		if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(key, item);
		else params.append(key, String(value));
	}
	const query = params.toString();
	const base = server.replace(/\/+$/, '').replace(/^http/, 'ws');
	if (!query) return base + r.path;
	return `${base}${r.path}${r.path.includes('?') ? '&' : '?'}${query}`;
}

/** Reads the refused upgrade's body (a metav1.Status, usually), short. */
function readRefusal(res: IncomingMessage): Promise<string> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		res.on('data', (chunk: Buffer) => {
			if (size < 64 * 1024) chunks.push(chunk);
			size += chunk.length;
		});
		res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		res.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
		res.on('aborted', () => resolve(Buffer.concat(chunks).toString('utf8')));
	});
}

export function createWebSocketOpener(kubeConfig: KubeConfig, options: WebSocketOptions = {}): WebSocketOpener {
	const cluster = kubeConfig.getCurrentCluster();
	if (!cluster) throw new KubeError(0, 'NoCluster', `context "${kubeConfig.getCurrentContext()}" names no cluster in the kubeconfig`);
	const server = cluster.server.replace(/\/+$/, '');
	const secure = server.startsWith('https:');
	const viaProxy = Boolean(cluster.proxyUrl);
	const account = kubeConfig.getCurrentUser();
	const user = account?.impersonateUser ?? kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.user ?? account?.name;
	const credentials = new Credentials(kubeConfig, options.reread ?? rereadCredentials, options.rereadIntervalMs ?? 5000);

	const prepare = async (): Promise<https.RequestOptions> => {
		const prepared: https.RequestOptions = {headers: {'User-Agent': 'kubedeck'}};
		try {
			await credentials.apply(prepared);
		} catch (error) {
			const text = error instanceof Error ? error.message : String(error);
			// As in the transport: client-node refuses plain http after the credentials are set.
			if (secure || viaProxy || !/HTTP protocol is not allowed/.test(text)) {
				throw new KubeError(0, 'AuthConfig', `cannot prepare credentials for ${server}: ${text}`);
			}
		}
		// client-node's cached keep-alive agent is for its own requests; an upgraded socket leaves
		// any agent anyway, and ws opens TLS itself from the options. A proxy needs its agent.
		if (!viaProxy) delete prepared.agent;
		return prepared;
	};

	const attempt = async (r: WebSocketRequest): Promise<OpenedWebSocket> => {
		const timeoutMs = r.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		if (r.signal?.aborted) throw abortedError();
		const prepared = await prepare();
		if (r.signal?.aborted) throw abortedError();
		const url = webSocketUrl(server, r);
		return new Promise<OpenedWebSocket>((resolve, reject) => {
			let settled = false;
			const socket = new WebSocket(url, [...r.protocols], {
				...(prepared as WebSocket.ClientOptions),
				perMessageDeflate: false,
				handshakeTimeout: timeoutMs,
			});
			const finish = (error: KubeError | undefined): void => {
				if (settled) return;
				settled = true;
				r.signal?.removeEventListener('abort', onAbort);
				socket.removeListener('error', onError);
				if (!error) return resolve({socket, protocol: socket.protocol});
				socket.removeAllListeners();
				// A late error after terminate() must not crash the process.
				socket.on('error', () => {});
				socket.terminate();
				reject(error);
			};
			const onAbort = (): void => finish(abortedError());
			const onError = (error: Error): void => {
				if (/timed out/i.test(error.message)) return finish(timeoutError(server, timeoutMs));
				if (/subprotocol/i.test(error.message)) {
					return finish(new KubeError(0, 'ProtocolRefused', `${r.path}: the server speaks none of ${r.protocols.join(', ')} (${error.message})`));
				}
				finish(networkError(error, server));
			};
			r.signal?.addEventListener('abort', onAbort, {once: true});
			socket.on('error', onError);
			socket.on('unexpected-response', (req: ClientRequest, res: IncomingMessage) => {
				const status = res.statusCode ?? 0;
				void readRefusal(res).then((body) => {
					req.destroy();
					if (status < 400) {
						// A 2xx/3xx instead of 101: the server (or a proxy) does not upgrade this path.
						return finish(new KubeError(status, 'UpgradeRefused', `${r.path}: the server answered ${status} instead of switching to WebSocket (a proxy that does not pass upgrades?)`));
					}
					finish(errorFromResponse(status, body, user ? {user} : {}));
				});
			});
			socket.once('open', () => {
				socket.pause();
				finish(undefined);
			});
		});
	};

	return {
		server,
		async open(r: WebSocketRequest): Promise<OpenedWebSocket> {
			const generation = credentials.generation;
			try {
				return await attempt(r);
			} catch (error) {
				if (!(error instanceof KubeError) || error.status !== 401 || r.signal?.aborted) throw error;
				const renewal = await credentials.renew(generation);
				if (!renewal.retry) throw unauthorisedAfterReread(error, user, renewal.failure);
				try {
					return await attempt(r);
				} catch (again) {
					throw again instanceof KubeError && again.status === 401 ? unauthorisedAfterReread(again, user) : again;
				}
			}
		},
	};
}
