// pods/portforward over SPDY/3.1, the protocol kubectl and every client-go caller speak: since
// Kubernetes 1.30 tunnelled inside a WebSocket (subprotocol `SPDY/3.1+portforward.k8s.io`), with
// a plain `Upgrade: SPDY/3.1` connection as the fallback (X-Stream-Protocol-Version:
// portforward.k8s.io). There are no ports in the URL: each forwarded connection opens two streams,
// `streamtype: error` then `streamtype: data`, both carrying `port` and the same `requestid`.
// Like the kubelet, the simulator answers every stream with a SYN_REPLY, pairs them by request id,
// then connects the data stream to the pod's echo responder — or writes the kubelet's "connection
// refused" on the error stream when the port is not declared — and half-closes both streams when
// the pod side is done. PINGs are answered; a GOAWAY ends the connection.
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {WebSocketServer} from 'ws';
import {connectionRefused, echoConnection, type EchoConnection} from './portforwardEcho.js';
import {SpdyFrameReader, encodeFrame, rstStatus, type SpdyFrame} from './spdyFrames.js';
import {createHeaderCodec} from './spdyHeaders.js';
import {badRequest} from './status.js';

export const spdyTunnelProtocol = 'SPDY/3.1+portforward.k8s.io';
const streamProtocol = 'portforward.k8s.io';
/** Largest DATA payload we send in one frame (the client's initial SPDY window is 64 KiB). */
const maxDataPayload = 16 * 1024;

export interface SpdyTransport {
	write(bytes: Buffer): void;
	end(): void;
}

export interface ForwardedPod {
	namespace: string;
	pod: string;
	uid: string;
	/** The ports the pod's containers declare: the echo responder answers there. */
	open: ReadonlySet<number>;
}

interface StreamState {
	requestId: string;
	/** We sent FIN. */
	finished: boolean;
	/** The client sent FIN. */
	remoteClosed: boolean;
}

interface RequestPair {
	port: number;
	data?: number;
	error?: number;
	echo?: EchoConnection;
	done: boolean;
}

export interface SpdySession {
	receive(bytes: Buffer): void;
	close(): void;
}

export function spdyPortForwardSession(transport: SpdyTransport, target: ForwardedPod): SpdySession {
	const reader = new SpdyFrameReader();
	const codec = createHeaderCodec();
	const streams = new Map<number, StreamState>();
	const pairs = new Map<string, RequestPair>();
	let queue: Promise<void> = Promise.resolve();
	/** Client stream ids only grow; an old id again is a protocol error, not a new stream. */
	let lastStreamId = 0;
	let closed = false;

	const send = (frame: SpdyFrame) => {
		if (!closed) transport.write(encodeFrame(frame));
	};
	const sendData = (streamId: number, data: Buffer) => {
		for (let at = 0; at < data.length; at += maxDataPayload) send({type: 'data', streamId, fin: false, data: data.subarray(at, at + maxDataPayload)});
	};
	const finishStream = (streamId: number | undefined) => {
		const stream = streamId === undefined ? undefined : streams.get(streamId);
		if (!stream || stream.finished) return;
		stream.finished = true;
		send({type: 'data', streamId: streamId!, fin: true, data: Buffer.alloc(0)});
		forgetIfClosed(streamId!);
	};
	/** A stream both sides have closed is forgotten, and a request whose streams are all gone. */
	const forgetIfClosed = (streamId: number) => {
		const stream = streams.get(streamId);
		if (stream?.finished && stream.remoteClosed) forget(streamId);
	};
	const forget = (streamId: number) => {
		const stream = streams.get(streamId);
		if (!stream) return;
		streams.delete(streamId);
		const pair = pairs.get(stream.requestId);
		if (!pair) return;
		pair.done = true;
		if (![pair.data, pair.error].some(id => id !== undefined && streams.has(id))) pairs.delete(stream.requestId);
	};
	/** The pod side is done with this request: half-close both streams, as the kubelet does. */
	const finishPair = (pair: RequestPair) => {
		pair.done = true;
		finishStream(pair.data);
		finishStream(pair.error);
	};
	const fail = () => {
		send({type: 'goAway', lastGoodStreamId: Math.max(0, ...streams.keys()), status: rstStatus.protocolError});
		close();
	};
	const close = () => {
		if (closed) return;
		closed = true;
		codec.close();
		streams.clear();
		pairs.clear();
		transport.end();
	};

	const start = (pair: RequestPair) => {
		if (!target.open.has(pair.port)) {
			sendData(pair.error!, Buffer.from(connectionRefused(pair.port, target.uid)));
			finishPair(pair);
			return;
		}
		pair.echo = echoConnection({namespace: target.namespace, pod: target.pod, port: pair.port});
	};

	const openStream = async (frame: Extract<SpdyFrame, {type: 'synStream'}>) => {
		// Decoded even when refused: the peer's zlib stream goes on from this block.
		const headers = await codec.decode(frame.headerBlock);
		if (frame.streamId <= lastStreamId || frame.streamId % 2 === 0) {
			send({type: 'rstStream', streamId: frame.streamId, status: rstStatus.protocolError});
			return;
		}
		lastStreamId = frame.streamId;
		const kind = headers.get('streamtype')?.[0];
		const portText = headers.get('port')?.[0] ?? '';
		const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
		if ((kind !== 'data' && kind !== 'error') || !(port >= 1 && port <= 65535)) {
			send({type: 'rstStream', streamId: frame.streamId, status: rstStatus.protocolError});
			return;
		}
		// Clients before request ids paired streams by id: the data stream is the error stream's id + 2.
		const requestId = headers.get('requestid')?.[0] ?? String(kind === 'error' ? frame.streamId : frame.streamId - 2);
		send({type: 'synReply', streamId: frame.streamId, fin: false, headerBlock: await codec.encode(new Map())});
		streams.set(frame.streamId, {requestId, finished: false, remoteClosed: frame.fin});
		const pair = pairs.get(requestId) ?? {port, done: false};
		pairs.set(requestId, pair);
		if (pair[kind] !== undefined || pair.port !== port) {
			send({type: 'rstStream', streamId: frame.streamId, status: rstStatus.protocolError});
			streams.delete(frame.streamId);
			return;
		}
		pair[kind] = frame.streamId;
		if (pair.data !== undefined && pair.error !== undefined) start(pair);
	};

	const receiveData = (frame: Extract<SpdyFrame, {type: 'data'}>) => {
		const stream = streams.get(frame.streamId);
		if (!stream) {
			send({type: 'rstStream', streamId: frame.streamId, status: rstStatus.invalidStream});
			return;
		}
		const pair = pairs.get(stream.requestId);
		if (frame.fin) stream.remoteClosed = true;
		// The client half-closes its error stream at once and never writes to it.
		if (pair && pair.data === frame.streamId && !pair.done) {
			if (pair.echo && frame.data.length > 0) {
				const answer = pair.echo.receive(frame.data);
				if (answer.length > 0) sendData(frame.streamId, answer);
			}
			// The pod answered and closed, or the client is done sending (the pod sees EOF and closes).
			if (pair.echo?.closed || frame.fin) finishPair(pair);
		}
		forgetIfClosed(frame.streamId);
	};

	const handle = async (frame: SpdyFrame): Promise<void> => {
		if (closed) return;
		switch (frame.type) {
			case 'synStream':
				return openStream(frame);
			case 'data':
				return receiveData(frame);
			case 'rstStream':
				return forget(frame.streamId);
			case 'ping':
				return send(frame);
			case 'goAway':
				return close();
			case 'synReply':
			case 'headers':
				// Nothing to do with them, but the block must pass through the shared zlib stream.
				await codec.decode(frame.headerBlock);
				return;
			case 'windowUpdate':
			case 'control':
				return;
		}
	};

	return {
		receive(bytes) {
			if (closed) return;
			let frames: SpdyFrame[];
			try {
				frames = reader.push(bytes);
			} catch {
				fail();
				return;
			}
			for (const frame of frames) queue = queue.then(() => handle(frame)).catch(fail);
		},
		close,
	};
}

/** True when the request asks for SPDY (tunnelled or plain) rather than the WebSocket channel protocol. */
export function wantsSpdy(req: IncomingMessage): boolean {
	const upgrade = (req.headers.upgrade ?? '').toLowerCase();
	if (upgrade === 'spdy/3.1') return true;
	const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map(p => p.trim());
	return upgrade === 'websocket' && offered.includes(spdyTunnelProtocol);
}

// `ws` refuses `SPDY/3.1+portforward.k8s.io` as a subprotocol ('/' is not a token character in
// RFC 7230), so the request's protocol header is taken out before the handshake (wantsSpdy has
// checked it) and the answer names the protocol itself, which client-go requires.
const tunnels = new WebSocketServer({noServer: true, perMessageDeflate: false});
tunnels.on('headers', (headers: string[]) => headers.push(`Sec-WebSocket-Protocol: ${spdyTunnelProtocol}`));

/** Upgrades the connection (the caller checked the pod and `wantsSpdy`) and runs the session on it. */
export function serveSpdyPortForward(req: IncomingMessage, socket: Duplex, head: Buffer, target: ForwardedPod): void {
	if ((req.headers.upgrade ?? '').toLowerCase() === 'websocket') {
		delete req.headers['sec-websocket-protocol'];
		tunnels.handleUpgrade(req, socket, head, ws => {
			const session = spdyPortForwardSession(
				{
					write: bytes => {
						if (ws.readyState === ws.OPEN) ws.send(bytes, {binary: true});
					},
					end: () => ws.close(1000),
				},
				target,
			);
			ws.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? session.receive(data) : ws.close(1003, 'the SPDY tunnel carries binary messages only')));
			ws.on('close', () => session.close());
			ws.on('error', () => ws.terminate());
		});
		return;
	}
	const versionHeader = req.headers['x-stream-protocol-version'] ?? '';
	const versions = (Array.isArray(versionHeader) ? versionHeader.join(',') : versionHeader).split(',').map(v => v.trim());
	if (!versions.includes(streamProtocol)) {
		throw badRequest(`unable to upgrade connection: X-Stream-Protocol-Version ${streamProtocol} required (offered: ${versions.filter(Boolean).join(', ') || 'none'})`);
	}
	socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${streamProtocol}\r\n\r\n`);
	const session = spdyPortForwardSession(
		{
			write: bytes => {
				if (!socket.destroyed && socket.writable) socket.write(bytes);
			},
			end: () => socket.end(),
		},
		target,
	);
	socket.on('data', (bytes: Buffer) => session.receive(bytes));
	socket.on('close', () => session.close());
	if (head.length > 0) session.receive(head);
}
