// A minimal raw HTTP client for the real-cluster tests: the server-side Table
// and the status subresource are easiest to reach without a typed client.
import https from 'node:https';
import http from 'node:http';
import type {KubeConfig} from '@kubernetes/client-node';

export interface RawResponse {
	status: number;
	body: string;
}

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export async function rawRequest(kc: KubeConfig, method: string, path: string, options: {body?: unknown; accept?: string; contentType?: string} = {}): Promise<RawResponse> {
	const server = kc.getCurrentCluster()?.server;
	if (!server) throw new Error('kubeconfig has no current cluster server');
	const url = new URL(path, server);
	const requestOptions: https.RequestOptions = {method, headers: {accept: options.accept ?? 'application/json'}};
	// Adds client certificates, CA and bearer tokens from the kubeconfig.
	await kc.applyToHTTPSOptions(requestOptions);
	const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
	if (payload !== undefined) {
		requestOptions.headers = {...requestOptions.headers, 'content-type': options.contentType ?? 'application/json', 'content-length': Buffer.byteLength(payload)};
	}
	const transport = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = transport.request(url, requestOptions, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8')}));
			response.on('error', reject);
		});
		request.on('error', reject);
		request.setTimeout(30_000, () => request.destroy(new Error(`${method} ${path}: no answer in 30s`)));
		if (payload !== undefined) request.write(payload);
		request.end();
	});
}

/** rawRequest that insists on a 2xx and parses the JSON body. */
export async function apiJson<T>(kc: KubeConfig, method: string, path: string, options: {body?: unknown; accept?: string; contentType?: string; allow?: number[]} = {}): Promise<T> {
	const response = await rawRequest(kc, method, path, options);
	if ((response.status < 200 || response.status >= 300) && !options.allow?.includes(response.status)) {
		throw new Error(`${method} ${path}: HTTP ${response.status}: ${response.body.slice(0, 500)}`);
	}
	return (response.body ? JSON.parse(response.body) : {}) as T;
}
