// The forward manager: local listeners whose every accepted connection resolves the target again
// (so deployment, statefulset and service forwards follow replacement pods and outlive an API
// server interruption) and opens its own WebSocket to pods/portforward (the channel protocol holds
// one TCP stream per port, so connections are not multiplexed). Counts connections and bytes, and
// writes one audit line per opened connection: a forward changes nothing in the cluster, so
// read-only mode allows it, but who reached which pod is still on record.
import net from 'node:net';
import type {AuditLog} from './audit.js';
import type {Transport} from '../kube/transport.js';
import {ChannelReader, dataChannel, decodeFrame, encodeFrame, errorChannel, portForwardPath, portForwardSubprotocols} from '../kube/portForwardProtocol.js';
import {KubeError} from '../kube/kubeError.js';
import {sleep} from '../kube/timing.js';
import {NOT_READY_YET, resolveForwardTarget, type ForwardTarget, type ResolvedTarget} from './portForwardResolve.js';
import type {OpenTunnel, TunnelSocket} from './portForwardSocket.js';

export interface ForwardRequest {
	target: ForwardTarget;
	/** 0 picks a free port. */
	localPort: number;
	/** Default 127.0.0.1 (settings may name another). */
	bindAddress?: string;
}

export type ForwardState = 'listening' | 'stopped' | 'failed';

export interface ForwardInfo {
	id: number;
	bindAddress: string;
	localPort: number;
	target: ForwardTarget;
	/** The pod and port the latest connection reached. */
	pod?: string;
	podPort?: number;
	/** Connections accepted so far, and how many are open now. */
	connections: number;
	active: number;
	bytesIn: number;
	bytesOut: number;
	state: ForwardState;
	/** The latest connection's failure, in words. */
	lastError?: string;
	since: number;
}

export interface ForwardEnv {
	client: Transport;
	openTunnel: OpenTunnel;
	audit: AuditLog;
	identity: {context: string; user: string};
	/** Where forwards listen unless a request names another (settings.portForwardAddress); default 127.0.0.1. */
	bindAddress?: string;
	now?: () => number;
	/** How long a connection waits for a ready pod while the target's pod is being replaced; default READY_WAIT_MS. */
	readyWaitMs?: number;
}

/**
 * A connection made while a deployment's only pod is being replaced waits this long for the
 * replacement to be ready (asking again every READY_POLL_MS), so a client sees a slow answer
 * instead of a closed connection. About how long a small image takes to start.
 */
export const READY_WAIT_MS = 30_000;
const READY_POLL_MS = 500;

interface Forward {
	info: ForwardInfo;
	server: net.Server;
	sockets: Set<net.Socket>;
}

export class PortForwards {
	#forwards = new Map<number, Forward>();
	#nextId = 1;
	#listeners = new Set<() => void>();
	#snapshot: readonly ForwardInfo[] = [];

	constructor(private readonly env: ForwardEnv) {}

	/** Listens now; rejects with a clear message when the local port cannot be bound. Resolving the target waits for the first connection. */
	async start(request: ForwardRequest): Promise<ForwardInfo> {
		const bindAddress = request.bindAddress ?? this.env.bindAddress ?? '127.0.0.1';
		const server = net.createServer();
		await new Promise<void>((resolve, reject) => {
			server.once('error', (error: NodeJS.ErrnoException) => {
				const where = `${bindAddress}:${request.localPort}`;
				if (error.code === 'EADDRINUSE') reject(new Error(`port-forward: local port ${where} is already in use — pick another (0 picks a free one)`));
				else if (error.code === 'EACCES') reject(new Error(`port-forward: not allowed to listen on ${where} (ports below 1024 need privileges) — pick another`));
				else reject(new Error(`port-forward: cannot listen on ${where}: ${error.message}`));
			});
			server.listen(request.localPort, bindAddress, () => resolve());
		});
		const address = server.address() as net.AddressInfo;
		const id = this.#nextId++;
		const forward: Forward = {
			server,
			sockets: new Set(),
			info: {id, bindAddress, localPort: address.port, target: request.target, connections: 0, active: 0, bytesIn: 0, bytesOut: 0, state: 'listening', since: this.#now()},
		};
		server.on('connection', socket => this.#accept(forward, socket));
		server.on('error', error => this.#update(forward, {state: 'failed', lastError: error.message}));
		this.#forwards.set(id, forward);
		this.#changed();
		return {...forward.info};
	}

	stop(id: number): boolean {
		const forward = this.#forwards.get(id);
		if (!forward) return false;
		forward.server.close();
		for (const socket of forward.sockets) socket.destroy();
		this.#forwards.delete(id);
		this.#changed();
		return true;
	}

	stopAll(): void {
		for (const id of [...this.#forwards.keys()]) this.stop(id);
	}

	list(): readonly ForwardInfo[] {
		return this.#snapshot;
	}

	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#now(): number {
		return (this.env.now ?? Date.now)();
	}

	#changed(): void {
		this.#snapshot = [...this.#forwards.values()].map(f => ({...f.info}));
		for (const listener of this.#listeners) listener();
	}

	#update(forward: Forward, patch: Partial<ForwardInfo>): void {
		Object.assign(forward.info, patch);
		if (this.#forwards.get(forward.info.id) === forward) this.#changed();
	}

	#accept(forward: Forward, socket: net.Socket): void {
		forward.sockets.add(socket);
		const info = forward.info;
		this.#update(forward, {connections: info.connections + 1, active: info.active + 1});
		socket.pause();
		let tunnel: TunnelSocket | undefined;
		let ended = false;
		const end = (error?: string, graceful = false): void => {
			if (ended) return;
			ended = true;
			forward.sockets.delete(socket);
			tunnel?.close();
			// Graceful: the pod closed its side; the local client still reads what was written.
			if (graceful) socket.end();
			else socket.destroy();
			this.#update(forward, {active: forward.info.active - 1, ...(error ? {lastError: error} : {})});
		};
		socket.on('error', () => end());
		socket.on('close', () => end());
		void this.#connect(forward, socket).then(
			opened => {
				if (ended) {
					opened.close();
					return;
				}
				tunnel = opened;
				this.#pipe(forward, socket, opened, end);
			},
			(error: unknown) => end(error instanceof Error ? error.message : String(error)),
		);
	}

	async #connect(forward: Forward, socket: net.Socket): Promise<TunnelSocket> {
		const {target} = forward.info;
		let result: {ok: boolean; message: string};
		try {
			const resolved = await this.#resolveWaiting(forward, socket);
			this.#update(forward, {pod: resolved.pod, podPort: resolved.port});
			const tunnel = await this.env.openTunnel(portForwardPath(target.namespace, resolved.pod, [resolved.port]), portForwardSubprotocols);
			// This connection reached a pod: an earlier one's failure (no ready pod while the pod was
			// replaced, an outage) no longer says how the forward is, and :pf would show it as failing.
			if (forward.info.lastError !== undefined) {
				delete forward.info.lastError;
				this.#update(forward, {});
			}
			result = {ok: true, message: `connection from ${socket.remoteAddress}:${socket.remotePort} to pod ${target.namespace}/${resolved.pod}:${resolved.port}`};
			this.#audit(forward, resolved.pod, resolved.port, result);
			return tunnel;
		} catch (error) {
			result = {ok: false, message: error instanceof Error ? error.message : String(error)};
			this.#audit(forward, forward.info.pod ?? target.name, forward.info.podPort ?? 0, result);
			throw error;
		}
	}

	/** Resolves the target; while its pods exist but none is ready (and the client is still there), asks again until READY_WAIT_MS. */
	async #resolveWaiting(forward: Forward, socket: net.Socket): Promise<ResolvedTarget> {
		const deadline = Date.now() + (this.env.readyWaitMs ?? READY_WAIT_MS);
		for (;;) {
			try {
				return await resolveForwardTarget(this.env.client, forward.info.target);
			} catch (error) {
				const mends = error instanceof KubeError && error.reason === NOT_READY_YET;
				if (!mends || socket.destroyed || Date.now() + READY_POLL_MS > deadline) throw error;
				this.#update(forward, {lastError: error.message});
			}
			await sleep(READY_POLL_MS);
		}
	}

	#audit(forward: Forward, pod: string, port: number, result: {ok: boolean; message: string}): void {
		const {target, localPort, bindAddress} = forward.info;
		this.env.audit.append({
			time: new Date(this.#now()).toISOString(),
			context: this.env.identity.context,
			user: this.env.identity.user,
			verb: 'portforward',
			kind: 'Pod',
			namespace: target.namespace,
			name: pod,
			category: 'connection',
			args: {local: `${bindAddress}:${localPort}`, port, target: `${target.kind.toLowerCase()}/${target.name}:${target.port}`},
			result: result.ok ? {ok: true, message: result.message} : {ok: false, message: result.message, reason: 'ConnectionFailed'},
		});
	}

	#pipe(forward: Forward, socket: net.Socket, tunnel: TunnelSocket, end: (error?: string, graceful?: boolean) => void): void {
		const data = new ChannelReader();
		const errors = new ChannelReader();
		let errorText = '';
		tunnel.onMessage(message => {
			const frame = decodeFrame(message);
			if (!frame) return;
			if (frame.channel === dataChannel(0)) {
				const payload = data.read(frame.payload);
				if (payload.length === 0) return;
				forward.info.bytesIn += payload.length;
				this.#changed();
				socket.write(payload);
			} else if (frame.channel === errorChannel(0)) {
				errorText += errors.read(frame.payload).toString('utf8');
			}
		});
		tunnel.onClose(error => {
			const why = errorText.trim() || (error ? error.message : undefined);
			end(why ? `pod ${forward.info.pod}: ${why}` : undefined, true);
		});
		socket.on('data', (chunk: Buffer) => {
			forward.info.bytesOut += chunk.length;
			this.#changed();
			tunnel.send(encodeFrame(dataChannel(0), chunk));
		});
		socket.on('end', () => end());
		socket.resume();
	}
}
