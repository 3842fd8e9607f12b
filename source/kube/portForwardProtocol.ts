// The WebSocket channel protocol of pods/portforward (v4.channel.k8s.io), pure: no sockets here.
// One WebSocket carries the ports named in ?ports=; port i owns two channels, data (2i) and error
// (2i+1). Every binary message starts with its channel byte. The server's first message on each
// channel is the port number as 2 bytes little-endian, so a client knows the stream is open; after
// that, data is the TCP stream and the error channel carries text (the connection failed inside the
// pod). A WebSocket holds one TCP stream per port, so a forward opens one WebSocket per accepted
// local connection.

/** The subprotocols a client offers, best first; the kubelet serves both (base64 for clients without binary frames). */
export const portForwardSubprotocols = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io'] as const;

export const dataChannel = (portIndex: number): number => portIndex * 2;
export const errorChannel = (portIndex: number): number => portIndex * 2 + 1;

/** The API path of a pod's portforward subresource, with its ports query. */
export function portForwardPath(namespace: string, pod: string, ports: readonly number[]): string {
	const query = ports.map(p => `ports=${p}`).join('&');
	return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/portforward?${query}`;
}

/** One message: the channel byte, then the payload. */
export function encodeFrame(channel: number, payload: Uint8Array): Buffer {
	if (!Number.isInteger(channel) || channel < 0 || channel > 255) throw new RangeError(`channel ${channel} is not a byte`);
	const frame = Buffer.allocUnsafe(payload.length + 1);
	frame[0] = channel;
	frame.set(payload, 1);
	return frame;
}

export interface Frame {
	channel: number;
	payload: Buffer;
}

/** Undefined for an empty message (no channel byte: nothing to route). */
export function decodeFrame(message: Uint8Array): Frame | undefined {
	if (message.length === 0) return undefined;
	const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
	return {channel: bytes[0]!, payload: bytes.subarray(1)};
}

/** The 2-byte little-endian port prefix that opens a channel. */
export function encodePortPrefix(port: number): Buffer {
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`port ${port} is out of range`);
	const bytes = Buffer.alloc(2);
	bytes.writeUInt16LE(port, 0);
	return bytes;
}

/**
 * The client side of one channel: the first two bytes the server sends are the port prefix, and
 * they may arrive split across messages (a proxy may re-chunk); everything after is payload.
 */
export class ChannelReader {
	#prefix: number[] = [];
	port: number | undefined;

	/** The payload of this message, after any prefix bytes it carried. */
	read(payload: Buffer): Buffer {
		if (this.port !== undefined) return payload;
		let used = 0;
		while (this.#prefix.length < 2 && used < payload.length) this.#prefix.push(payload[used++]!);
		if (this.#prefix.length === 2) this.port = this.#prefix[0]! | (this.#prefix[1]! << 8);
		return payload.subarray(used);
	}
}
