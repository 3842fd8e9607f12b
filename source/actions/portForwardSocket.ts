// The WebSocket a forward needs, behind a small interface so the forward manager and its tests do
// not care how it is opened. Opened by the one WebSocket opener (source/kube/websocket.ts), so a
// forward authenticates, re-reads expired credentials and reports refusals as every request does.
import type {KubeConfig} from '@kubernetes/client-node';
import {createWebSocketOpener} from '../kube/websocket.js';

export interface TunnelSocket {
	send(data: Buffer): void;
	close(): void;
	onMessage(handler: (data: Buffer) => void): void;
	/** Once, when the socket ends for any reason (`error` when it failed). */
	onClose(handler: (error?: Error) => void): void;
}

export type OpenTunnel = (path: string, protocols: readonly string[], signal?: AbortSignal) => Promise<TunnelSocket>;

export function tunnelOpener(kubeConfig: KubeConfig): OpenTunnel {
	// Built on first use: a kubeconfig without a cluster fails the forward, not the action layer.
	let opener: ReturnType<typeof createWebSocketOpener> | undefined;
	return async (path, protocols, signal) => {
		opener ??= createWebSocketOpener(kubeConfig);
		const {socket} = await opener.open({path, protocols, ...(signal ? {signal} : {})});
		let failure: Error | undefined;
		let closed = false;
		let onClosed: ((error?: Error) => void) | undefined;
		socket.on('error', (error) => (failure = error));
		socket.once('close', () => {
			closed = true;
			onClosed?.(failure);
		});
		return {
			send: (data) => socket.send(data),
			close: () => socket.close(1000),
			onMessage: (handler) => {
				socket.on('message', (data: Buffer) => handler(data));
				// The opener hands the socket over paused: nothing said before now is lost.
				socket.resume();
			},
			onClose: (handler) => {
				if (closed) handler(failure);
				else onClosed = handler;
			},
		};
	};
}
