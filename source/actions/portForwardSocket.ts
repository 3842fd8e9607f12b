// The WebSocket a forward needs, behind a small interface so the forward manager and its tests do
// not care how it is opened. Opened with `ws` and the kubeconfig's credentials and TLS material.
// TODO(merge): the shared WebSocket of source/kube/websocket.ts (branch exec) replaces the body of
// openTunnel once it lands; the TunnelSocket shape is what portForward.ts relies on.
import type https from 'node:https';
import type {KubeConfig} from '@kubernetes/client-node';
import WebSocket from 'ws';
import {KubeError} from '../kube/kubeError.js';

export interface TunnelSocket {
	send(data: Buffer): void;
	close(): void;
	onMessage(handler: (data: Buffer) => void): void;
	/** Once, when the socket ends for any reason (`error` when it failed). */
	onClose(handler: (error?: Error) => void): void;
}

export type OpenTunnel = (path: string, protocols: readonly string[], signal?: AbortSignal) => Promise<TunnelSocket>;

export function tunnelOpener(kubeConfig: KubeConfig): OpenTunnel {
	return async (path, protocols) => {
		const cluster = kubeConfig.getCurrentCluster();
		if (!cluster) throw new KubeError(0, 'NoCluster', 'the kubeconfig names no cluster');
		const server = cluster.server.replace(/\/+$/, '');
		const options: https.RequestOptions = {headers: {}};
		try {
			await kubeConfig.applyToHTTPSOptions(options);
		} catch (error) {
			// As in transport.ts: client-node refuses plain http after putting the credentials on options.
			if (server.startsWith('https:') || !/HTTP protocol is not allowed/.test(String(error))) throw error;
		}
		const url = server.replace(/^http/, 'ws') + path;
		const {headers, ca, cert, key, rejectUnauthorized} = options;
		const ws = new WebSocket(url, [...protocols], {headers: headers as Record<string, string>, ca, cert, key, rejectUnauthorized, perMessageDeflate: false});
		return new Promise<TunnelSocket>((resolve, reject) => {
			let settled = false;
			ws.once('unexpected-response', (_req, res) => {
				let body = '';
				res.on('data', (chunk: Buffer) => (body += String(chunk)));
				res.on('end', () => {
					let message = body;
					try {
						message = (JSON.parse(body) as {message?: string}).message ?? body;
					} catch {
						// Not a Status: keep the text.
					}
					settled = true;
					reject(new KubeError(res.statusCode ?? 0, 'UpgradeFailed', `port-forward refused (${res.statusCode}): ${message.trim()}`));
				});
			});
			ws.once('error', error => {
				if (!settled) {
					settled = true;
					reject(new KubeError(0, 'ConnectionFailed', `port-forward: cannot reach ${server}: ${error.message}`));
				}
			});
			// Messages may arrive with the 101 answer, before anyone subscribed: hold them until then.
			const held: Buffer[] = [];
			let deliver: ((data: Buffer) => void) | undefined;
			let failure: Error | undefined;
			let closed = false;
			let onClosed: ((error?: Error) => void) | undefined;
			ws.on('message', (data: Buffer) => (deliver ? deliver(data) : held.push(data)));
			ws.on('error', error => (failure = error));
			ws.once('close', () => {
				closed = true;
				onClosed?.(failure);
			});
			ws.once('open', () => {
				settled = true;
				resolve({
					send: data => ws.send(data),
					close: () => ws.close(1000),
					onMessage: handler => {
						deliver = handler;
						for (const data of held.splice(0)) handler(data);
					},
					onClose: handler => {
						if (closed) handler(failure);
						else onClosed = handler;
					},
				});
			});
		});
	};
}
