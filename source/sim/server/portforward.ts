// pods/portforward over the WebSocket channel protocol (v4.channel.k8s.io), as the kubelet serves
// it behind the API server: ?ports= names the ports; port i gets a data channel (2i) and an error
// channel (2i+1); each channel opens with the port as 2 bytes little-endian. The pod's declared
// container ports answer with the echo responder; any other port gets the kubelet's "connection
// refused" on its error channel, and the connection ends. Framing is written here again on
// purpose: the simulator never imports the client's protocol code.
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {WebSocketServer, type WebSocket} from 'ws';
import {ApiError} from '../contracts.js';
import type {KubeObject} from '../../model/types.js';
import type {ApiServerOptions, Target} from './http.js';
import {connectionRefused, echoConnection, type EchoConnection} from './portforwardEcho.js';
import {badRequest} from './status.js';
import {serveSpdyPortForward, wantsSpdy} from './spdyPortForward.js';

/** Binary channel framing; the base64 variant is not served, SPDY is ./spdyPortForward.ts (see the README's Port-forward section). */
const channelProtocol = 'v4.channel.k8s.io';

const sockets = new WebSocketServer({
	noServer: true,
	perMessageDeflate: false,
	handleProtocols: protocols => (protocols.has(channelProtocol) ? channelProtocol : false),
});

export function parsePortsQuery(values: readonly string[]): number[] {
	const texts = values.flatMap(v => v.split(',')).map(v => v.trim()).filter(v => v !== '');
	if (texts.length === 0) throw badRequest('query parameter "port" is required');
	return texts.map(text => {
		const port = /^\d+$/.test(text) ? Number(text) : NaN;
		if (!(port >= 1 && port <= 65535)) throw badRequest(`invalid port: "${text}"`);
		return port;
	});
}

/** The ports the pod's containers declare (what the echo responder listens on). */
export function declaredPorts(pod: KubeObject): Set<number> {
	const spec = pod.spec as {containers?: Array<{ports?: Array<{containerPort?: number}>}>} | undefined;
	return new Set((spec?.containers ?? []).flatMap(c => (c.ports ?? []).map(p => p.containerPort ?? 0)).filter(p => p > 0));
}

export function servePortForward(options: ApiServerOptions, target: Target, url: URL, req: IncomingMessage, socket: Duplex, head: Buffer): void {
	const name = target.name!;
	const namespace = target.namespace ?? '';
	const pod = options.store.get('pods', namespace, name);
	if (!pod) throw new ApiError(404, 'NotFound', `pods "${name}" not found`, {name, kind: 'pods'});
	const nodeName = (pod.spec as {nodeName?: string} | undefined)?.nodeName;
	if (!nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
	const phase = (pod.status as {phase?: string} | undefined)?.phase;
	if (phase !== 'Running') throw badRequest(`unable to upgrade connection: pod ${name} is not running (phase ${phase ?? 'unknown'})`);
	// kubectl and client-go speak SPDY (tunnelled or plain); the ports travel in its stream headers.
	if (wantsSpdy(req)) return serveSpdyPortForward(req, socket, head, {namespace, pod: name, uid: pod.metadata.uid ?? '', open: declaredPorts(pod)});
	const ports = parsePortsQuery(url.searchParams.getAll('ports'));
	if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
		throw badRequest(`unable to upgrade connection: only WebSocket with the ${channelProtocol} subprotocol is served by this simulator`);
	}
	const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map(p => p.trim());
	if (!offered.includes(channelProtocol)) throw badRequest(`unable to upgrade connection: subprotocol ${channelProtocol} required (offered: ${offered.join(', ') || 'none'})`);
	const uid = pod.metadata.uid ?? '';
	const open = declaredPorts(pod);
	sockets.handleUpgrade(req, socket, head, ws => forward(ws, {namespace, pod: name, uid, ports, open}));
}

interface ForwardSetup {
	namespace: string;
	pod: string;
	uid: string;
	ports: number[];
	open: Set<number>;
}

function frame(channel: number, payload: Buffer | string): Buffer {
	const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
	return Buffer.concat([Buffer.from([channel]), data]);
}

function portBytes(port: number): Buffer {
	const bytes = Buffer.alloc(2);
	bytes.writeUInt16LE(port, 0);
	return bytes;
}

function forward(ws: WebSocket, setup: ForwardSetup): void {
	const streams = new Map<number, EchoConnection>();
	let refused = false;
	setup.ports.forEach((port, i) => {
		ws.send(frame(2 * i, portBytes(port)));
		ws.send(frame(2 * i + 1, portBytes(port)));
		if (setup.open.has(port)) {
			streams.set(2 * i, echoConnection({namespace: setup.namespace, pod: setup.pod, port}));
		} else {
			refused = true;
			ws.send(frame(2 * i + 1, connectionRefused(port, setup.uid)));
		}
	});
	if (refused) {
		ws.close(1000);
		return;
	}
	ws.on('message', (data: Buffer, isBinary: boolean) => {
		if (!isBinary || data.length === 0) return;
		const stream = streams.get(data[0]!);
		if (!stream) return;
		const answer = stream.receive(data.subarray(1));
		if (answer.length > 0) ws.send(frame(data[0]!, answer));
		if (stream.closed) {
			streams.delete(data[0]!);
			if (streams.size === 0) ws.close(1000);
		}
	});
	ws.on('error', () => ws.terminate());
}
