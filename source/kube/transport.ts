// The one HTTP transport to the API server, for the watch engine, the session and the actions.
// client-node's KubeConfig supplies credentials and TLS material per request (so exec plugins and
// OIDC can refresh tokens); we send the requests ourselves, so lists and watches are read as raw
// JSON (bench/deserialise-50k.ts: the typed ObjectSerializer path is several times slower) and
// every failure comes back as one KubeError. A 401 reads the credentials again and retries once:
// safe for mutations too, as the server refuses before it does anything.
import http from 'node:http';
import https from 'node:https';
import type {IncomingMessage} from 'node:http';
import type {KubeConfig} from '@kubernetes/client-node';
import {rereadCredentials} from '../config/kubeconfig.js';
import {Credentials, type Reread} from './credentials.js';
import {abortedError, connectionLostError, errorFromResponse, KubeError, networkError, timeoutError, unauthorisedAfterReread} from './kubeError.js';
import {readLines, type LineHandler} from './lines.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
	/** Default GET. */
	method?: Method;
	/** An API path such as /api/v1/namespaces/shop/pods (it may carry a query already). */
	path: string;
	/** Added to the path's query; undefined values are left out. */
	query?: Record<string, string | number | boolean | undefined>;
	/** Sent as JSON. */
	body?: unknown;
	/** Default application/json; patches name their patch type. */
	contentType?: string;
	/** Default: JSON, anything else accepted; server-side Tables and aggregated discovery are asked for by media type parameters. */
	accept?: string;
	/** request(): the whole exchange, default 30 s. stream(): until the response headers, default 30 s. */
	timeoutMs?: number;
	signal?: AbortSignal;
	/**
	 * request(): reads the body's bytes into the answer instead of JSON.parse (a large metrics
	 * list is decoded off the main thread); not called for an empty body.
	 */
	decode?: (body: Uint8Array) => unknown;
}

export interface StreamRequest extends ApiRequest {
	/** The server accepted: headers with a status below 400 arrived, lines follow. */
	onOpen?(): void;
	onLine: LineHandler;
	/** Longer lines are cut and flagged (logs); default no limit (watch events must stay whole). */
	maxLineLength?: number;
}

export interface Transport {
	/** The cluster's server URL as written in the kubeconfig, without a trailing slash. */
	readonly server: string;
	/** A JSON call: the parsed body (undefined for an empty one), or a KubeError. */
	request<T>(r: ApiRequest): Promise<T>;
	/** A streamed GET (watch, log follow), read line by line; settles when the stream ends, or with a KubeError. */
	stream(r: StreamRequest): Promise<void>;
	/**
	 * Bumped whenever the credentials are read again after a 401 (absent: they never change). A
	 * stream notes it when it opens; one opened under an older generation still runs on the old token.
	 */
	readonly credentialsGeneration?: number;
	/** Hears every such re-read, to restart streams opened with the old credentials. */
	onCredentialsRenewed?(listener: () => void): () => void;
	/** Ends this transport's connections, idle or not (what is still open fails): for when its owner is done. */
	close(): void;
}

export interface TransportOptions {
	/** How credentials are read again after a 401; default: the kubeconfig files and credential plugins. */
	reread?: Reread;
	/** The shortest time between two re-reads (default 5 s). */
	rereadIntervalMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The caller's signal and a deadline as one signal, and which of the two ended a request. */
class Stop {
	private readonly deadline = new AbortController();
	private readonly timer: NodeJS.Timeout;
	readonly signal: AbortSignal;

	constructor(
		private readonly caller: AbortSignal | undefined,
		private readonly ms: number,
		private readonly server: string,
	) {
		this.signal = caller ? AbortSignal.any([caller, this.deadline.signal]) : this.deadline.signal;
		this.timer = setTimeout(() => this.deadline.abort(), ms);
		this.timer.unref();
	}

	disarm(): void {
		clearTimeout(this.timer);
	}

	/** Throws when already stopped (before anything is sent). */
	check(): void {
		if (this.signal.aborted) throw this.explain(undefined);
	}

	/** A failure as the caller should see it: cancelled, timed out, or the error itself. */
	explain(error: unknown): KubeError {
		if (this.caller?.aborted) return abortedError();
		if (this.deadline.signal.aborted) return timeoutError(this.server, this.ms);
		return error instanceof KubeError ? error : connectionLostError(this.server);
	}
}

/** Reads a whole response body as text; a connection lost midway is a KubeError. */
async function readBody(res: IncomingMessage, server: string): Promise<string> {
	return (await readBytes(res, server)).toString('utf8');
}

/** Reads a whole response body; a connection lost midway is a KubeError. */
function readBytes(res: IncomingMessage, server: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		res.on('data', (chunk: Buffer) => chunks.push(chunk));
		res.on('end', () => resolve(Buffer.concat(chunks)));
		res.on('error', (error) => reject(error instanceof KubeError ? error : connectionLostError(server)));
		res.on('aborted', () => reject(connectionLostError(server)));
	});
}

function urlPath(r: Pick<ApiRequest, 'path' | 'query'>): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(r.query ?? {})) if (value !== undefined) params.set(key, String(value));
	const query = params.toString();
	if (!query) return r.path;
	return `${r.path}${r.path.includes('?') ? '&' : '?'}${query}`;
}

export function createTransport(kubeConfig: KubeConfig, transportOptions: TransportOptions = {}): Transport {
	const cluster = kubeConfig.getCurrentCluster();
	if (!cluster) throw new KubeError(0, 'NoCluster', `context "${kubeConfig.getCurrentContext()}" names no cluster in the kubeconfig`);
	const server = cluster.server.replace(/\/+$/, '');
	const secure = server.startsWith('https:');
	// Named in "forbidden" messages: whom the server judged (an impersonated user, if any).
	const account = kubeConfig.getCurrentUser();
	const user = account?.impersonateUser ?? kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.user ?? account?.name;
	// client-node 2 hands every request one agent cached per (cluster, user): never ours to destroy,
	// and it opens a connection per request. Unless it carries a proxy (which we must honour), we
	// keep connections alive in our own agent; the TLS options travel on each request either way.
	const viaProxy = Boolean(cluster.proxyUrl);
	let agent: http.Agent | undefined;
	const credentials = new Credentials(kubeConfig, transportOptions.reread ?? rereadCredentials, transportOptions.rereadIntervalMs ?? 5000);

	/** Request options with fresh credentials: exec plugins and OIDC refresh their tokens here. */
	const prepare = async (method: Method, accept = 'application/json, */*'): Promise<https.RequestOptions> => {
		const options: https.RequestOptions = {method, headers: {Accept: accept, 'User-Agent': 'kubedeck'}};
		try {
			await credentials.apply(options);
		} catch (error) {
			const text = error instanceof Error ? error.message : String(error);
			// client-node refuses a plain http server unless insecure-skip-tls-verify is set, though
			// there is no TLS to verify; kubectl accepts it (loopback simulators, kubectl proxy). The
			// refusal comes from its agent step, after the credentials are on `options`, so we go on.
			if (secure || viaProxy || !/HTTP protocol is not allowed/.test(text)) {
				throw new KubeError(0, 'AuthConfig', `cannot prepare credentials for ${server}: ${text}`);
			}
		}
		if (!viaProxy) {
			agent ??= secure ? new https.Agent({keepAlive: true}) : new http.Agent({keepAlive: true});
			options.agent = agent;
		}
		return options;
	};

	/**
	 * Sends the request and resolves with the response once its headers arrive (status < 400);
	 * an error status is read and rejected as a KubeError. `stop` cancels it at any point: before
	 * it is sent, while waiting, or while its body is read.
	 */
	const open = async (r: ApiRequest, stop: Stop): Promise<IncomingMessage> => {
		stop.check();
		const method = r.method ?? 'GET';
		const options = await prepare(method, r.accept);
		let payload: string | undefined;
		if (r.body !== undefined) {
			payload = JSON.stringify(r.body);
			options.headers = {...options.headers, 'Content-Type': r.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(payload)};
		}
		stop.check();
		return new Promise<IncomingMessage>((resolve, reject) => {
			const req = (secure ? https : http).request(new URL(server + urlPath(r)), {...options, signal: stop.signal}, (res) => {
				const status = res.statusCode ?? 0;
				if (status < 400) return resolve(res);
				const retryAfter = res.headers['retry-after'];
				readBody(res, server).then(
					(body) => reject(errorFromResponse(status, body, {...(user ? {user} : {}), ...(retryAfter ? {retryAfter} : {})})),
					// The status stands even when its body is lost, unless the caller stopped meanwhile.
					(error: unknown) => reject(stop.signal.aborted ? stop.explain(error) : errorFromResponse(status, '', {...(user ? {user} : {})})),
				);
			});
			req.on('error', (error) => reject(stop.explain(networkError(error, server))));
			if (payload !== undefined) req.write(payload);
			req.end();
		});
	};

	/** open(), and once more with credentials read again when the server answers 401. */
	const openAuthorised = async (r: ApiRequest, stop: Stop): Promise<IncomingMessage> => {
		const generation = credentials.generation;
		try {
			return await open(r, stop);
		} catch (error) {
			if (!(error instanceof KubeError) || error.status !== 401 || stop.signal.aborted) throw error;
			const renewal = await credentials.renew(generation);
			if (!renewal.retry) throw unauthorisedAfterReread(error, user, renewal.failure);
			try {
				return await open(r, stop);
			} catch (again) {
				throw again instanceof KubeError && again.status === 401 ? unauthorisedAfterReread(again, user) : again;
			}
		}
	};

	return {
		server,
		get credentialsGeneration() {
			return credentials.generation;
		},
		onCredentialsRenewed: (listener) => credentials.onRenewed(listener),
		async request<T>(r: ApiRequest): Promise<T> {
			// One deadline for headers and body: a server that answers and then stalls must not hang the caller.
			const stop = new Stop(r.signal, r.timeoutMs ?? DEFAULT_TIMEOUT_MS, server);
			try {
				const res = await openAuthorised(r, stop);
				const bytes = await readBytes(res, server).catch((error: unknown) => Promise.reject(stop.explain(error)));
				if (bytes.length === 0) return undefined as T;
				if (r.decode) return (await r.decode(bytes)) as T;
				const text = bytes.toString('utf8');
				try {
					return JSON.parse(text) as T;
				} catch {
					throw new KubeError(res.statusCode ?? 0, 'BadResponse', `${r.path.split('?')[0]}: the server answered with something that is not JSON`);
				}
			} finally {
				stop.disarm();
			}
		},

		async stream(r: StreamRequest): Promise<void> {
			const stop = new Stop(r.signal, r.timeoutMs ?? DEFAULT_TIMEOUT_MS, server);
			let res: IncomingMessage;
			try {
				res = await openAuthorised(r, stop);
			} finally {
				// The deadline is for the answer; a watch or a follow then runs as long as it runs.
				stop.disarm();
			}
			r.onOpen?.();
			await readLines(res, stop.signal, r.onLine, {source: server, ...(r.maxLineLength !== undefined ? {maxLineLength: r.maxLineLength} : {})});
		},

		close() {
			agent?.destroy();
			agent = undefined;
		},
	};
}
