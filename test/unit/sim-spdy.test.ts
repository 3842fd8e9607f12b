// The simulator's SPDY/3.1 server side for pods/portforward: frames (round trips, bytes as the
// draft lays them out, arbitrary cuts of the byte stream), header blocks, the shared zlib
// streams with SPDY/3's dictionary, a byte stream recorded from kubectl 1.33 (Go's compressor),
// and the port-forward session driven frame by frame.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
	SpdyFrameReader,
	SpdyProtocolError,
	decodeFrame,
	decodeHeaderBlock,
	encodeFrame,
	encodeHeaderBlock,
	type SpdyFrame,
} from '../../source/sim/server/spdyFrames.js';
import {createHeaderCodec, spdyDictionary} from '../../source/sim/server/spdyHeaders.js';
import {spdyPortForwardSession} from '../../source/sim/server/spdyPortForward.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

function adler32(bytes: Buffer): number {
	let a = 1;
	let b = 0;
	for (const byte of bytes) {
		a = (a + byte) % 65521;
		b = (b + a) % 65521;
	}
	return ((b << 16) | a) >>> 0;
}

const streamId = fc.integer({min: 1, max: 0x7fffffff});
const word = fc.integer({min: 0, max: 0xffffffff});
const bytes = fc.uint8Array({maxLength: 64}).map(a => Buffer.from(a));
const arbitraryFrame: fc.Arbitrary<SpdyFrame> = fc.oneof(
	fc.record({type: fc.constant('data' as const), streamId, fin: fc.boolean(), data: bytes}),
	fc.record({type: fc.constant('synStream' as const), streamId, associatedTo: fc.integer({min: 0, max: 0x7fffffff}), priority: fc.integer({min: 0, max: 7}), fin: fc.boolean(), unidirectional: fc.boolean(), headerBlock: bytes}),
	fc.record({type: fc.constant('synReply' as const), streamId, fin: fc.boolean(), headerBlock: bytes}),
	fc.record({type: fc.constant('headers' as const), streamId, fin: fc.boolean(), headerBlock: bytes}),
	fc.record({type: fc.constant('rstStream' as const), streamId, status: word}),
	fc.record({type: fc.constant('ping' as const), id: word}),
	fc.record({type: fc.constant('goAway' as const), lastGoodStreamId: fc.integer({min: 0, max: 0x7fffffff}), status: word}),
	fc.record({type: fc.constant('windowUpdate' as const), streamId: fc.integer({min: 0, max: 0x7fffffff}), delta: fc.integer({min: 1, max: 0x7fffffff})}),
	fc.record({type: fc.constant('control' as const), version: fc.constant(3), frameType: fc.constant(4), flags: fc.integer({min: 0, max: 255}), payload: bytes}),
).map(frame => ({...frame}) as SpdyFrame); // fc.record's objects have no prototype

describe('SPDY/3.1 frames', () => {
	it('every frame decodes to itself, using exactly its bytes', () => {
		fc.assert(
			fc.property(arbitraryFrame, frame => {
				const encoded = encodeFrame(frame);
				const decoded = decodeFrame(Buffer.concat([encoded, Buffer.from([0xaa])]));
				assert.deepEqual(decoded, {frame, size: encoded.length});
				assert.equal(decodeFrame(encoded.subarray(0, encoded.length - 1)), undefined, 'a frame cut short is not decoded yet');
			}),
		);
	});

	it('the reader finds the same frames however the byte stream is cut', () => {
		fc.assert(
			fc.property(fc.array(arbitraryFrame, {maxLength: 8}), fc.array(fc.integer({min: 1, max: 40}), {minLength: 1}), (frames, cuts) => {
				const stream = Buffer.concat(frames.map(encodeFrame));
				const reader = new SpdyFrameReader();
				const seen: SpdyFrame[] = [];
				for (let at = 0, i = 0; at < stream.length; i++) {
					const size = cuts[i % cuts.length]!;
					seen.push(...reader.push(stream.subarray(at, at + size)));
					at += size;
				}
				assert.deepEqual(seen, frames);
			}),
		);
	});

	const table: Array<[string, SpdyFrame, string]> = [
		['PING: control bit, version 3, type 6, length 4, id', {type: 'ping', id: 1}, '80030006 00000004 00000001'],
		['DATA with FIN: stream id, flags 1, length, payload', {type: 'data', streamId: 5, fin: true, data: Buffer.from('abc')}, '00000005 01000003 616263'],
		['empty DATA closing stream 1 (what kubectl sends on its error stream)', {type: 'data', streamId: 1, fin: true, data: Buffer.alloc(0)}, '00000001 01000000'],
		['RST_STREAM CANCEL', {type: 'rstStream', streamId: 7, status: 5}, '80030003 00000008 00000007 00000005'],
		['GOAWAY', {type: 'goAway', lastGoodStreamId: 9, status: 1}, '80030007 00000008 00000009 00000001'],
		['SYN_REPLY: stream id then the header block', {type: 'synReply', streamId: 3, fin: false, headerBlock: hex('beef')}, '80030002 00000006 00000003 beef'],
		['SYN_STREAM: stream id, associated id, priority, slot, header block', {type: 'synStream', streamId: 1, associatedTo: 0, priority: 0, fin: false, unidirectional: false, headerBlock: hex('78f9')}, '80030001 0000000c 00000001 00000000 0000 78f9'],
	];
	for (const [name, frame, wire] of table) {
		it(name, () => {
			assert.equal(encodeFrame(frame).toString('hex'), hex(wire).toString('hex'));
			assert.deepEqual(decodeFrame(hex(wire))?.frame, frame);
		});
	}

	it('a control frame shorter than its fixed part is a protocol error', () => {
		assert.throws(() => decodeFrame(hex('80030006 00000002 0000')), SpdyProtocolError);
	});
});

describe('SPDY/3 header blocks', () => {
	it('name/value pairs round trip, several values NUL-joined', () => {
		const headers = new Map([
			['streamtype', ['data']],
			['port', ['8080']],
			['accept', ['a', 'b']],
		]);
		const block = encodeHeaderBlock(headers);
		assert.equal(block.subarray(0, 4).toString('hex'), '00000003');
		assert.deepEqual(decodeHeaderBlock(block), headers);
	});

	const bad: Array<[string, Buffer]> = [
		['truncated value', Buffer.concat([hex('00000001 00000001'), Buffer.from('a'), hex('00000009'), Buffer.from('abc')])],
		['upper-case name', Buffer.concat([hex('00000001 00000001'), Buffer.from('A'), hex('00000000')])],
		['duplicate name', Buffer.concat([hex('00000002'), ...[0, 1].flatMap(() => [hex('00000001'), Buffer.from('a'), hex('00000000')])])],
		['bytes after the last pair', hex('00000000 ff')],
	];
	for (const [name, block] of bad) it(`refuses a block with a ${name}`, () => assert.throws(() => decodeHeaderBlock(block), SpdyProtocolError));

	it('the dictionary is SPDY/3\'s: 1423 bytes whose Adler-32 (0xe3c6a7c2) zlib streams name', async () => {
		assert.equal(spdyDictionary.length, 1423);
		assert.equal(adler32(spdyDictionary), 0xe3c6a7c2);
		const first = await createHeaderCodec().encode(new Map());
		// CMF/FLG with FDICT set, then the dictionary's id.
		assert.equal(first[1]! & 0x20, 0x20);
		assert.equal(first.readUInt32BE(2), 0xe3c6a7c2);
	});

	it('one zlib stream per direction: blocks decode in order, a later block alone does not', async () => {
		const sender = createHeaderCodec();
		const blocks = await Promise.all([1, 2, 3].map(i => sender.encode(new Map([['requestid', [String(i)]], ['streamtype', ['data']]]))));
		const receiver = createHeaderCodec();
		for (const [i, block] of blocks.entries()) assert.deepEqual(await receiver.decode(block), new Map([['requestid', [String(i + 1)]], ['streamtype', ['data']]]));
		assert.ok(blocks[2]!.length < blocks[0]!.length, 'later blocks refer back to earlier ones');
		await assert.rejects(createHeaderCodec().decode(blocks[2]!));
	});

	// The SPDY byte stream kubectl 1.33 sent for `port-forward pod/web 0:8080` and two
	// curl requests: the error/data SYN_STREAMs of requests 0 and 1 (Go's compressor, sync-flushed),
	// kubectl closing each error stream, the requests, a RST_STREAM CANCEL and a PING.
	const recorded = hex(`
		800300010000003e0000000100000000000078f9e3c6a7c202253a48f95b044eea160616060c0c0c9c4590f8ca04a5634603704a2c294a4dcc851636
		aca9a0a800000000ffff0000000101000000800300010000001a00000003000000000000826a469502954389848d04000000ffff0000000300000050
		474554202f6120485454502f312e310d0a486f73743a203132372e302e302e313a33393534390d0a557365722d4167656e743a206375726c2f372e38
		382e310d0a4163636570743a202a2f2a0d0a0d0a0000000301000000800300010000001800000005000000000000c2aa176e2c7ecd8600000000ffff
		0000000501000000800300010000001400000007000000000000a2c0624300000000ffff0000000700000050474554202f6220485454502f312e310d
		0a486f73743a203132372e302e302e313a33393534390d0a557365722d4167656e743a206375726c2f372e38382e310d0a4163636570743a202a2f2a
		0d0a0d0a80030003000000080000000700000005800300060000000400000001`);

	it('reads a byte stream recorded from kubectl', async () => {
		const frames = new SpdyFrameReader().push(recorded);
		assert.deepEqual(
			frames.map(f => (f.type === 'data' ? `data ${f.streamId}${f.fin ? ' fin' : ''} ${f.data.length}` : f.type)),
			['synStream', 'data 1 fin 0', 'synStream', 'data 3 80', 'data 3 fin 0', 'synStream', 'data 5 fin 0', 'synStream', 'data 7 80', 'rstStream', 'ping'],
		);
		const codec = createHeaderCodec();
		const opened: string[] = [];
		for (const f of frames) {
			if (f.type !== 'synStream') continue;
			const headers = await codec.decode(f.headerBlock);
			opened.push(`${f.streamId}: ${[...headers].map(([k, v]) => `${k}=${v.join()}`).sort().join(' ')}`);
		}
		assert.deepEqual(opened, [
			'1: port=8080 requestid=0 streamtype=error',
			'3: port=8080 requestid=0 streamtype=data',
			'5: port=8080 requestid=1 streamtype=error',
			'7: port=8080 requestid=1 streamtype=data',
		]);
	});

	it('the session answers the recorded kubectl stream as the kubelet would', async () => {
		const out = new SpdyFrameReader();
		const sent: SpdyFrame[] = [];
		const session = spdyPortForwardSession({write: b => sent.push(...out.push(b)), end: () => {}}, {namespace: 'ns', pod: 'web', uid: 'u1', open: new Set([8080])});
		session.receive(recorded);
		await waitUntil(() => sent.some(f => f.type === 'ping'));
		const codec = createHeaderCodec();
		const summary: string[] = [];
		for (const f of sent) {
			if (f.type === 'synReply') summary.push(`reply ${f.streamId} ${(await codec.decode(f.headerBlock)).size} headers`);
			else if (f.type === 'data') summary.push(`data ${f.streamId}${f.fin ? ' fin' : ''}${f.data.length ? ` ${f.data.toString().split('\r\n')[0]}` : ''}`);
			else summary.push(f.type === 'ping' ? `ping ${f.id}` : f.type);
		}
		assert.deepEqual(summary, [
			'reply 1 0 headers',
			'reply 3 0 headers',
			'data 3 HTTP/1.1 200 OK',
			'data 3 fin',
			'data 1 fin',
			'reply 5 0 headers',
			'reply 7 0 headers',
			'data 7 HTTP/1.1 200 OK',
			'data 7 fin',
			'data 5 fin',
			'ping 1',
		]);
		session.close();
	});
});

describe('SPDY port-forward session', () => {
	async function open(port: number, requestId: string, client: ReturnType<typeof createHeaderCodec>, session: ReturnType<typeof spdyPortForwardSession>, ids: [number, number]) {
		for (const [id, kind] of [[ids[0], 'error'], [ids[1], 'data']] as const) {
			const headerBlock = await client.encode(new Map([['streamtype', [kind]], ['port', [String(port)]], ['requestid', [requestId]]]));
			session.receive(encodeFrame({type: 'synStream', streamId: id, associatedTo: 0, priority: 0, fin: false, unidirectional: false, headerBlock}));
		}
	}

	it('an undeclared port: the kubelet\'s words on the error stream, then both streams end', async () => {
		const out = new SpdyFrameReader();
		const sent: SpdyFrame[] = [];
		const session = spdyPortForwardSession({write: b => sent.push(...out.push(b)), end: () => {}}, {namespace: 'ns', pod: 'web', uid: 'u1', open: new Set([8080])});
		await open(9999, '0', createHeaderCodec(), session, [1, 3]);
		await waitUntil(() => sent.filter(f => f.type === 'data' && f.fin).length === 2);
		const error = sent.find(f => f.type === 'data' && f.streamId === 1 && f.data.length > 0);
		assert.match(error?.type === 'data' ? error.data.toString() : '', /^error forwarding port 9999 to pod u1, uid : failed to connect to localhost:9999/);
		session.close();
	});

	it('a TCP echo: lines back until the client half-closes; old clients pair by stream id', async () => {
		const out = new SpdyFrameReader();
		const sent: SpdyFrame[] = [];
		const session = spdyPortForwardSession({write: b => sent.push(...out.push(b)), end: () => {}}, {namespace: 'ns', pod: 'web', uid: 'u1', open: new Set([7000])});
		const client = createHeaderCodec();
		for (const [id, kind] of [[1, 'error'], [3, 'data']] as const) {
			const headerBlock = await client.encode(new Map([['streamtype', [kind]], ['port', ['7000']]]));
			session.receive(encodeFrame({type: 'synStream', streamId: id, associatedTo: 0, priority: 0, fin: false, unidirectional: false, headerBlock}));
		}
		session.receive(encodeFrame({type: 'data', streamId: 3, fin: false, data: Buffer.from('one\ntw')}));
		session.receive(encodeFrame({type: 'data', streamId: 3, fin: false, data: Buffer.from('o\n')}));
		await waitUntil(() => sent.filter(f => f.type === 'data').length === 2);
		assert.deepEqual(sent.filter(f => f.type === 'data').map(f => f.type === 'data' && f.data.toString()), ['one\n', 'two\n']);
		session.receive(encodeFrame({type: 'data', streamId: 3, fin: true, data: Buffer.alloc(0)}));
		await waitUntil(() => sent.filter(f => f.type === 'data' && f.fin).length === 2);
		// Closed on both sides, the streams are forgotten: more data is for a stream that no longer
		// exists, and an old stream id cannot be opened again.
		session.receive(encodeFrame({type: 'data', streamId: 3, fin: false, data: Buffer.from('late\n')}));
		const headerBlock = await client.encode(new Map([['streamtype', ['error']], ['port', ['7000']]]));
		session.receive(encodeFrame({type: 'synStream', streamId: 1, associatedTo: 0, priority: 0, fin: false, unidirectional: false, headerBlock}));
		await waitUntil(() => sent.filter(f => f.type === 'rstStream').length === 2);
		assert.deepEqual(sent.filter(f => f.type === 'rstStream'), [
			{type: 'rstStream', streamId: 3, status: 2},
			{type: 'rstStream', streamId: 1, status: 1},
		]);
		session.close();
	});

	it('whatever frames arrive (header blocks of random bytes included), it answers them in order or ends', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(arbitraryFrame, {maxLength: 6}), async frames => {
				const out = new SpdyFrameReader();
				const sent: SpdyFrame[] = [];
				let ended = false;
				const session = spdyPortForwardSession({write: b => sent.push(...out.push(b)), end: () => (ended = true)}, {namespace: 'ns', pod: 'web', uid: 'u1', open: new Set([8080])});
				// A PING last: frames are handled in order, so its answer means all before it were.
				for (const frame of [...frames, {type: 'ping', id: 0xfeed} as const]) session.receive(encodeFrame(frame));
				await waitUntil(() => ended || sent.some(f => f.type === 'ping' && f.id === 0xfeed));
				// Ended by the client's GOAWAY, or by ours on a frame it cannot read.
				if (sent.some(f => f.type === 'goAway')) assert.ok(ended);
				else assert.equal(ended, frames.some(f => f.type === 'goAway'));
				session.close();
			}),
			{numRuns: 60},
		);
	});

	it('a malformed frame ends the connection with GOAWAY', async () => {
		const out = new SpdyFrameReader();
		const sent: SpdyFrame[] = [];
		let ended = false;
		const session = spdyPortForwardSession({write: b => sent.push(...out.push(b)), end: () => (ended = true)}, {namespace: 'ns', pod: 'web', uid: 'u1', open: new Set()});
		session.receive(hex('80030006 00000002 0000'));
		assert.deepEqual([sent.map(f => f.type), ended], [['goAway'], true]);
	});
});

async function waitUntil(condition: () => boolean, ms = 10_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met before the deadline');
		await new Promise(resolve => setImmediate(resolve));
	}
}
