// Authenticated raw HTTP for the action layer. Mutations need content types the watch
// connection does not send (merge and strategic-merge patches), and every failure must come
// back as the API's Status (code, reason, message) so the gate can explain it.
import http from 'node:http';
import https from 'node:https';
import type {IncomingMessage} from 'node:http';
import {KubeConfig as KubeConfigClass} from '@kubernetes/client-node';
import type {KubeConfig} from '@kubernetes/client-node';

/** A failed call: `code` is the HTTP status, 0 when the server was not reached. */
export class ApiCallError extends Error {
	constructor(
		readonly code: number,
		readonly reason: string,
		message: string,
		readonly details?: Record<string, unknown>,
	) {
		super(message);
		this.name = 'ApiCallError';
	}
}

export interface CallOptions {
	body?: unknown;
	/** Default application/json; patches pass their patch type. */
	contentType?: string;
	signal?: AbortSignal;
	/** Milliseconds to wait for response headers (not applied to a stream's body). */
	timeoutMs?: number;
}

export interface ApiClient {
	readonly server: string;
	/** JSON call; resolves with the parsed body, rejects with ApiCallError. */
	call<T = unknown>(method: string, path: string, options?: CallOptions): Promise<T>;
	/** Opens a streaming GET (logs); resolves once headers arrive with status < 400. */
	stream(path: string, options?: {signal?: AbortSignal; timeoutMs?: number}): Promise<IncomingMessage>;
}

function readAll(res: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		res.on('data', (chunk: Buffer) => chunks.push(chunk));
		res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		res.on('error', reject);
	});
}

/** The metav1.Status in an error body, or a best effort from the raw text. */
function toCallError(status: number, body: string): ApiCallError {
	try {
		const parsed = JSON.parse(body) as {reason?: unknown; message?: unknown; details?: unknown};
		const reason = typeof parsed.reason === 'string' && parsed.reason ? parsed.reason : (http.STATUS_CODES[status] ?? 'Error');
		const message = typeof parsed.message === 'string' ? parsed.message : body.slice(0, 300);
		const details = parsed.details && typeof parsed.details === 'object' ? (parsed.details as Record<string, unknown>) : undefined;
		return new ApiCallError(status, reason, message, details);
	} catch {
		return new ApiCallError(status, http.STATUS_CODES[status] ?? 'Error', body.slice(0, 300).trim());
	}
}

/**
 * client-node refuses plain http:// unless the cluster says insecure-skip-tls-verify, although
 * there is no TLS to verify (kubectl accepts such kubeconfigs, and the simulator writes one).
 * For http servers we hand the library a copy that sets the flag; https is left untouched.
 */
function withPlainHttpAllowed(kubeConfig: KubeConfig, clusterName: string): KubeConfig {
	const copy = new KubeConfigClass();
	copy.loadFromOptions({
		clusters: kubeConfig.getClusters().map((c) => (c.name === clusterName ? {...c, skipTLSVerify: true} : c)),
		users: kubeConfig.getUsers(),
		contexts: kubeConfig.getContexts(),
		currentContext: kubeConfig.getCurrentContext(),
	});
	return copy;
}

export function createApiClient(config: KubeConfig): ApiClient {
	const cluster = config.getCurrentCluster();
	if (!cluster) throw new ApiCallError(0, 'NoCluster', `context "${config.getCurrentContext()}" names no cluster`);
	const server = cluster.server.replace(/\/+$/, '');
	const secure = server.startsWith('https:');
	const kubeConfig = secure || cluster.skipTLSVerify ? config : withPlainHttpAllowed(config, cluster.name);

	const open = async (method: string, path: string, options: CallOptions): Promise<IncomingMessage> => {
		const request: https.RequestOptions = {method, headers: {Accept: 'application/json'}};
		try {
			// Per call, so exec plugins and OIDC can refresh tokens.
			await kubeConfig.applyToHTTPSOptions(request);
		} catch (error) {
			throw new ApiCallError(0, 'AuthConfig', `cannot prepare credentials for ${server}: ${(error as Error).message}`);
		}
		let payload: string | undefined;
		if (options.body !== undefined) {
			payload = JSON.stringify(options.body);
			request.headers = {...request.headers, 'Content-Type': options.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(payload)};
		}
		return new Promise<IncomingMessage>((resolve, reject) => {
			let timer: NodeJS.Timeout | undefined;
			const req = (secure ? https : http).request(new URL(server + path), {...request, signal: options.signal}, (res) => {
				if (timer) clearTimeout(timer);
				const status = res.statusCode ?? 0;
				if (status >= 400) {
					readAll(res).then(
						(body) => reject(toCallError(status, body)),
						() => reject(toCallError(status, '')),
					);
					return;
				}
				resolve(res);
			});
			if (options.timeoutMs !== undefined) {
				timer = setTimeout(() => req.destroy(new ApiCallError(0, 'Timeout', `no answer from ${server} within ${options.timeoutMs} ms`)), options.timeoutMs);
				timer.unref();
			}
			req.on('error', (error) => {
				if (timer) clearTimeout(timer);
				if (error instanceof ApiCallError) return reject(error);
				if (error.name === 'AbortError') return reject(new ApiCallError(0, 'Aborted', 'cancelled'));
				const code = (error as NodeJS.ErrnoException).code;
				const hint = code === 'ECONNREFUSED' ? 'nothing is listening there' : code === 'ECONNRESET' ? 'the connection was reset' : error.message;
				reject(new ApiCallError(0, code ?? 'NetworkError', `cannot reach ${server}: ${hint}`));
			});
			if (payload !== undefined) req.write(payload);
			req.end();
		});
	};

	return {
		server,
		async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
			const res = await open(method, path, {timeoutMs: 30_000, ...options});
			const text = await readAll(res);
			if (text === '') return undefined as T;
			try {
				return JSON.parse(text) as T;
			} catch {
				throw new ApiCallError(res.statusCode ?? 0, 'BadResponse', `${method} ${path}: the server answered with something that is not JSON`);
			}
		},
		stream(path: string, options: {signal?: AbortSignal; timeoutMs?: number} = {}): Promise<IncomingMessage> {
			return open('GET', path, {timeoutMs: options.timeoutMs ?? 30_000, ...(options.signal ? {signal: options.signal} : {})});
		},
	};
}
