// SPDY/3 header compression: each direction of a connection is ONE zlib stream, primed with the
// dictionary the SPDY/3 draft defines, and every header block ends with a sync flush. So a block
// can only be decompressed after every earlier block of that direction, and a block we send must
// continue our earlier ones. node:zlib's streams keep that state; blocks are queued in order.
import zlib from 'node:zlib';
import {encodeHeaderBlock, decodeHeaderBlock, type SpdyHeaders} from './spdyFrames.js';

/** Names the SPDY/3 dictionary lists, each written as a 32-bit length and the name. */
const dictionaryWords = [
	'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
	'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
	'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag',
	'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since',
	'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
	'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
	'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie',
	'keep-alive', 'origin',
];

/** What follows the names in the dictionary: status codes, reason phrases, dates and common values, run together. */
const dictionaryTail = [
	'100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505',
	'203 Non-Authoritative Information', '204 No Content', '301 Moved Permanently', '400 Bad Request', '401 Unauthorized',
	'403 Forbidden', '404 Not Found', '500 Internal Server Error', '501 Not Implemented', '503 Service Unavailable',
	'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT',
	'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,',
	'publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.',
].join('');

/** The SPDY/3 header dictionary (1423 bytes; zlib names it by its Adler-32, 0xe3c6a7c2). */
export const spdyDictionary: Buffer = Buffer.concat([
	...dictionaryWords.flatMap(word => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(word.length, 0);
		return [length, Buffer.from(word, 'latin1')];
	}),
	Buffer.from(dictionaryTail, 'latin1'),
]);

type ZlibStream = zlib.Deflate | zlib.Inflate;

/** Writes `input`, sync-flushes, and takes everything the stream produced for it. */
function throughSyncFlush(stream: ZlibStream, input: Buffer): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const fail = (error: Error) => reject(error);
		stream.once('error', fail);
		stream.write(input);
		stream.flush(zlib.constants.Z_SYNC_FLUSH, () => {
			stream.off('error', fail);
			const chunks: Buffer[] = [];
			for (let chunk = stream.read() as Buffer | null; chunk !== null; chunk = stream.read() as Buffer | null) chunks.push(chunk);
			resolve(Buffer.concat(chunks));
		});
	});
}

/** One connection's two compression contexts. */
export interface SpdyHeaderCodec {
	/** A compressed block from the peer → its headers (blocks must be passed in arrival order). */
	decode(compressed: Buffer): Promise<Map<string, string[]>>;
	/** Headers → the compressed block to put in our next frame (frames must be sent in call order). */
	encode(headers: SpdyHeaders): Promise<Buffer>;
	close(): void;
}

export function createHeaderCodec(): SpdyHeaderCodec {
	const inflate = zlib.createInflate({dictionary: spdyDictionary});
	const deflate = zlib.createDeflate({dictionary: spdyDictionary});
	// A failed block leaves the stream unusable; the error reaches the caller through the promise.
	inflate.on('error', () => {});
	deflate.on('error', () => {});
	let inflating: Promise<unknown> = Promise.resolve();
	let deflating: Promise<unknown> = Promise.resolve();
	return {
		decode(compressed) {
			const next = inflating.then(() => throughSyncFlush(inflate, compressed)).then(decodeHeaderBlock);
			inflating = next.catch(() => {});
			return next;
		},
		encode(headers) {
			const next = deflating.then(() => throughSyncFlush(deflate, encodeHeaderBlock(headers)));
			deflating = next.catch(() => {});
			return next;
		},
		close() {
			inflate.destroy();
			deflate.destroy();
		},
	};
}
