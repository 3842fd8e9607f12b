// SPDY/3.1 framing, as much of it as a port-forward server needs: kubectl (and every client-go
// caller) speaks SPDY/3.1 to pods/portforward, either tunnelled inside a WebSocket
// (`SPDY/3.1+portforward.k8s.io`) or on a plain `Upgrade: SPDY/3.1` connection. Pure byte work here;
// header compression is ./spdyHeaders.ts, the port-forward session ./spdyPortForward.ts.
//
// Every frame has an 8-byte head. A control frame: 1 bit set, 15 bits version (3), 16 bits type,
// 8 bits flags, 24 bits length. A data frame: 1 bit clear, 31 bits stream id, 8 bits flags,
// 24 bits length. Header blocks stay compressed in the frames (they share one zlib stream per
// direction, so only the connection can decompress them, in order).

export const spdyVersion = 3;
export const flagFin = 0x01;
export const flagUnidirectional = 0x02;

/** Control frame types of SPDY/3.1. */
export const controlType = {synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9} as const;

/** RST_STREAM status codes used here. */
export const rstStatus = {protocolError: 1, invalidStream: 2, refusedStream: 3, cancel: 5, internalError: 6} as const;

export const maxFrameLength = 0xffffff;

export type SpdyFrame =
	| {type: 'data'; streamId: number; fin: boolean; data: Buffer}
	| {type: 'synStream'; streamId: number; associatedTo: number; priority: number; fin: boolean; unidirectional: boolean; headerBlock: Buffer}
	| {type: 'synReply'; streamId: number; fin: boolean; headerBlock: Buffer}
	| {type: 'rstStream'; streamId: number; status: number}
	| {type: 'ping'; id: number}
	| {type: 'goAway'; lastGoodStreamId: number; status: number}
	| {type: 'headers'; streamId: number; fin: boolean; headerBlock: Buffer}
	| {type: 'windowUpdate'; streamId: number; delta: number}
	/** SETTINGS, or a control type this server has no use for: kept whole, ignored by the session. */
	| {type: 'control'; version: number; frameType: number; flags: number; payload: Buffer};

export class SpdyProtocolError extends Error {}

function head(first: number, flags: number, length: number): Buffer {
	if (length > maxFrameLength) throw new SpdyProtocolError(`frame of ${length} bytes exceeds SPDY's 24-bit length`);
	const bytes = Buffer.alloc(8);
	bytes.writeUInt32BE(first >>> 0, 0);
	bytes.writeUInt32BE((((flags & 0xff) << 24) | length) >>> 0, 4);
	return bytes;
}

function control(type: number, flags: number, payload: Buffer): Buffer {
	return Buffer.concat([head((0x8000 | spdyVersion) * 0x10000 + type, flags, payload.length), payload]);
}

function words(...values: number[]): Buffer {
	const bytes = Buffer.alloc(4 * values.length);
	values.forEach((v, i) => bytes.writeUInt32BE(v >>> 0, 4 * i));
	return bytes;
}

const streamIdMask = 0x7fffffff;

export function encodeFrame(frame: SpdyFrame): Buffer {
	switch (frame.type) {
		case 'data':
			return Buffer.concat([head(frame.streamId & streamIdMask, frame.fin ? flagFin : 0, frame.data.length), frame.data]);
		case 'synStream': {
			const fixed = Buffer.concat([words(frame.streamId & streamIdMask, frame.associatedTo & streamIdMask), Buffer.from([(frame.priority & 0x7) << 5, 0])]);
			return control(controlType.synStream, (frame.fin ? flagFin : 0) | (frame.unidirectional ? flagUnidirectional : 0), Buffer.concat([fixed, frame.headerBlock]));
		}
		case 'synReply':
			return control(controlType.synReply, frame.fin ? flagFin : 0, Buffer.concat([words(frame.streamId & streamIdMask), frame.headerBlock]));
		case 'headers':
			return control(controlType.headers, frame.fin ? flagFin : 0, Buffer.concat([words(frame.streamId & streamIdMask), frame.headerBlock]));
		case 'rstStream':
			return control(controlType.rstStream, 0, words(frame.streamId & streamIdMask, frame.status));
		case 'ping':
			return control(controlType.ping, 0, words(frame.id));
		case 'goAway':
			return control(controlType.goAway, 0, words(frame.lastGoodStreamId & streamIdMask, frame.status));
		case 'windowUpdate':
			return control(controlType.windowUpdate, 0, words(frame.streamId & streamIdMask, frame.delta & streamIdMask));
		case 'control':
			return Buffer.concat([head((0x8000 | frame.version) * 0x10000 + frame.frameType, frame.flags, frame.payload.length), frame.payload]);
	}
}

/** The fixed part a control frame of this type must have (before any header block). */
const minimumPayload: Partial<Record<number, number>> = {
	[controlType.synStream]: 10,
	[controlType.synReply]: 4,
	[controlType.rstStream]: 8,
	[controlType.ping]: 4,
	[controlType.goAway]: 8,
	[controlType.headers]: 4,
	[controlType.windowUpdate]: 8,
};

/** One frame from the front of `bytes`, or undefined when it has not all arrived yet. */
export function decodeFrame(bytes: Buffer): {frame: SpdyFrame; size: number} | undefined {
	if (bytes.length < 8) return undefined;
	const first = bytes.readUInt32BE(0);
	const flags = bytes[4]!;
	const length = bytes.readUInt32BE(4) & 0xffffff;
	if (bytes.length < 8 + length) return undefined;
	const payload = bytes.subarray(8, 8 + length);
	const size = 8 + length;
	if ((first & 0x80000000) === 0) {
		return {frame: {type: 'data', streamId: first & streamIdMask, fin: (flags & flagFin) !== 0, data: Buffer.from(payload)}, size};
	}
	const version = (first >>> 16) & 0x7fff;
	const frameType = first & 0xffff;
	const fin = (flags & flagFin) !== 0;
	if (version !== spdyVersion) return {frame: {type: 'control', version, frameType, flags, payload: Buffer.from(payload)}, size};
	const minimum = minimumPayload[frameType];
	if (minimum !== undefined && length < minimum) throw new SpdyProtocolError(`control frame type ${frameType} of ${length} bytes is shorter than its ${minimum}-byte fixed part`);
	const word = (at: number) => payload.readUInt32BE(at);
	switch (frameType) {
		case controlType.synStream:
			return {
				frame: {
					type: 'synStream',
					streamId: word(0) & streamIdMask,
					associatedTo: word(4) & streamIdMask,
					priority: payload[8]! >>> 5,
					fin,
					unidirectional: (flags & flagUnidirectional) !== 0,
					headerBlock: Buffer.from(payload.subarray(10)),
				},
				size,
			};
		case controlType.synReply:
			return {frame: {type: 'synReply', streamId: word(0) & streamIdMask, fin, headerBlock: Buffer.from(payload.subarray(4))}, size};
		case controlType.headers:
			return {frame: {type: 'headers', streamId: word(0) & streamIdMask, fin, headerBlock: Buffer.from(payload.subarray(4))}, size};
		case controlType.rstStream:
			return {frame: {type: 'rstStream', streamId: word(0) & streamIdMask, status: word(4)}, size};
		case controlType.ping:
			return {frame: {type: 'ping', id: word(0)}, size};
		case controlType.goAway:
			return {frame: {type: 'goAway', lastGoodStreamId: word(0) & streamIdMask, status: word(4)}, size};
		case controlType.windowUpdate:
			return {frame: {type: 'windowUpdate', streamId: word(0) & streamIdMask, delta: word(4) & streamIdMask}, size};
		default:
			return {frame: {type: 'control', version, frameType, flags, payload: Buffer.from(payload)}, size};
	}
}

/** Cuts a byte stream (TCP, or the WebSocket tunnel's binary messages) into frames. */
export class SpdyFrameReader {
	private pending: Buffer = Buffer.alloc(0);

	push(bytes: Buffer): SpdyFrame[] {
		this.pending = this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
		const frames: SpdyFrame[] = [];
		for (;;) {
			const next = decodeFrame(this.pending);
			if (!next) break;
			frames.push(next.frame);
			this.pending = this.pending.subarray(next.size);
		}
		return frames;
	}
}

/** Header name/value pairs; a name may carry several values (NUL-separated on the wire). */
export type SpdyHeaders = ReadonlyMap<string, readonly string[]>;

/** The uncompressed name/value block: a 32-bit count, then length-prefixed names and values. */
export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
	const parts: Buffer[] = [words(headers.size)];
	for (const [name, values] of headers) {
		const nameBytes = Buffer.from(name.toLowerCase(), 'utf8');
		const valueBytes = Buffer.from(values.join('\0'), 'utf8');
		parts.push(words(nameBytes.length), nameBytes, words(valueBytes.length), valueBytes);
	}
	return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): Map<string, string[]> {
	const headers = new Map<string, string[]>();
	let at = 0;
	const take = (what: string): Buffer => {
		if (at + 4 > block.length) throw new SpdyProtocolError(`header block ends inside the length of ${what}`);
		const length = block.readUInt32BE(at);
		at += 4;
		if (at + length > block.length) throw new SpdyProtocolError(`header block ends inside ${what} (${length} bytes announced)`);
		const bytes = block.subarray(at, at + length);
		at += length;
		return bytes;
	};
	if (block.length < 4) throw new SpdyProtocolError('header block shorter than its count');
	const count = block.readUInt32BE(0);
	at = 4;
	for (let i = 0; i < count; i++) {
		const name = take('a name').toString('utf8');
		const value = take(`the value of ${name}`).toString('utf8');
		if (name === '' || name !== name.toLowerCase()) throw new SpdyProtocolError(`invalid header name ${JSON.stringify(name)} (SPDY names are lower-case and not empty)`);
		if (headers.has(name)) throw new SpdyProtocolError(`header ${name} appears twice`);
		headers.set(name, value.split('\0'));
	}
	if (at !== block.length) throw new SpdyProtocolError(`${block.length - at} bytes after the last header`);
	return headers;
}
