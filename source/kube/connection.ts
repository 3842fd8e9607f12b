// Authenticated raw HTTP to the API server. The library's KubeConfig supplies TLS material and
// headers (token, client certificate, exec plugin / OIDC refresh on every call); we do the
// requests ourselves so lists and watches can be read as raw JSON (see bench/deserialise-50k.ts:
// the typed ObjectSerializer path is several times slower and allocates far more).
import http from 'node:http';
import https from 'node:https';
import type {IncomingMessage} from 'node:http';
import type {KubeConfig} from '@kubernetes/client-node';

/** A failed API call as a value a person can act on; status 0 means the server was not reached. */
export class KubeApiError extends Error {
	constructor(
		readonly status: number,
		readonly reason: string,
		message: string,
	) {
		super(message);
		this.name = 'KubeApiError';
	}

	get network(): boolean {
		return this.status === 0;
	}
}

export interface RequestOptions {
	signal?: AbortSignal;
	method?: string;
	/** A JSON body; sent with content-type application/json. */
	body?: unknown;
	/** Milliseconds without a response before giving up (not applied to the body of a stream). */
	timeoutMs?: number;
}

export interface Connection {
	/** The cluster's server URL as written in the kubeconfig. */
	readonly server: string;
	/** Opens a request and resolves once the response headers arrive (status >= 400 rejects with KubeApiError). */
	open(path: string, options?: RequestOptions): Promise<IncomingMessage>;
	/** GET (or method) and parse a JSON body. */
	json<T>(path: string, options?: RequestOptions): Promise<T>;
	close(): void;
}

function isAbort(error: unknown): boolean {
	return error instanceof Error && (error.name === 'AbortError' || (error as {code?: string}).code === 'ABORT_ERR');
}

/** Reads a whole response body as text. */
export function readBody(res: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		res.on('data', (chunk: Buffer) => chunks.push(chunk));
		res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		res.on('error', reject);
		res.on('aborted', () => reject(new KubeApiError(0, 'ConnectionLost', 'the connection closed before the response was complete')));
	});
}

/** Turns an error response (a metav1.Status, usually) into a KubeApiError. */
export function statusError(status: number, body: string, what: string): KubeApiError {
	let reason = http.STATUS_CODES[status] ?? 'Error';
	let message = '';
	try {
		const parsed = JSON.parse(body) as {reason?: unknown; message?: unknown};
		if (typeof parsed.reason === 'string' && parsed.reason) reason = parsed.reason;
		if (typeof parsed.message === 'string') message = parsed.message;
	} catch {
		message = body.slice(0, 200).trim();
	}
	return new KubeApiError(status, reason, `${what}: ${status} ${reason}${message ? ` — ${message}` : ''}`);
}

function networkError(error: unknown, server: string): KubeApiError {
	const code = (error as {code?: string}).code;
	const text = error instanceof Error ? error.message : String(error);
	const hint = code === 'ECONNREFUSED' ? 'nothing is listening there' : code === 'ENOTFOUND' ? 'the host name does not resolve' : text;
	return new KubeApiError(0, code ?? 'NetworkError', `cannot reach ${server}: ${hint}`);
}

export function createConnection(kubeConfig: KubeConfig): Connection {
	const cluster = kubeConfig.getCurrentCluster();
	if (!cluster) throw new KubeApiError(0, 'NoCluster', `context "${kubeConfig.getCurrentContext()}" names no cluster in the kubeconfig`);
	const server = cluster.server.replace(/\/+$/, '');
	const secure = server.startsWith('https:');
	// One agent for the session's lifetime so pages and watches reuse connections.
	const viaProxy = Boolean(cluster.proxyUrl);
	let agent: http.Agent | undefined;

	const open = async (path: string, options: RequestOptions = {}): Promise<IncomingMessage> => {
		const url = new URL(server + path);
		const request: https.RequestOptions = {
			method: options.method ?? 'GET',
			headers: {Accept: 'application/json'},
		};
		// Called per request: exec plugins and OIDC refresh their tokens here.
		try {
			await kubeConfig.applyToHTTPSOptions(request);
		} catch (error) {
			const text = error instanceof Error ? error.message : String(error);
			// client-node refuses plain http unless insecure-skip-tls-verify is set; kubectl does not.
			// It throws only after the auth headers are on `request`, so for http: servers we go on
			// with our own agent, as kubectl would (loopback simulators, kubectl proxy).
			if (!(!secure && /HTTP protocol is not allowed/.test(text))) {
				throw new KubeApiError(0, 'AuthConfig', `cannot prepare credentials for ${server}: ${text}`);
			}
		}
		// client-node 2 hands every request one agent cached per (cluster, user) — never ours to
		// destroy — and that agent opens a connection per request. Unless it carries a proxy, ours
		// keeps connections alive instead; the TLS options travel on each request either way.
		if (!viaProxy) {
			agent ??= secure ? new https.Agent({keepAlive: true}) : new http.Agent({keepAlive: true});
			request.agent = agent;
		}
		let payload: string | undefined;
		if (options.body !== undefined) {
			payload = JSON.stringify(options.body);
			request.headers = {...request.headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload)};
		}
		const what = `${request.method} ${path.split('?')[0]}`;
		return new Promise<IncomingMessage>((resolve, reject) => {
			const req = (secure ? https : http).request(url, {...request, signal: options.signal}, (res) => {
				if (timer) clearTimeout(timer);
				const status = res.statusCode ?? 0;
				if (status >= 400) {
					readBody(res).then(
						(body) => reject(statusError(status, body, what)),
						() => reject(statusError(status, '', what)),
					);
					return;
				}
				resolve(res);
			});
			let timer: NodeJS.Timeout | undefined;
			if (options.timeoutMs !== undefined) {
				timer = setTimeout(() => req.destroy(new KubeApiError(0, 'Timeout', `${what}: no answer from ${server} within ${options.timeoutMs} ms`)), options.timeoutMs);
				timer.unref();
			}
			req.on('error', (error) => {
				if (timer) clearTimeout(timer);
				if (isAbort(error) || error instanceof KubeApiError) reject(error);
				else reject(networkError(error, server));
			});
			if (payload !== undefined) req.write(payload);
			req.end();
		});
	};

	return {
		server,
		open,
		async json<T>(path: string, options?: RequestOptions): Promise<T> {
			const res = await open(path, options);
			const body = await readBody(res);
			try {
				return JSON.parse(body) as T;
			} catch {
				throw new KubeApiError(res.statusCode ?? 0, 'BadResponse', `${path.split('?')[0]}: the server answered with something that is not JSON`);
			}
		},
		close() {
			agent?.destroy();
		},
	};
}

export {isAbort};
