// The bytes of a request body, bounded: kube-apiserver refuses bodies over its limit with 413
// before decoding them, and so does the simulator for every content type it reads.
import type {IncomingMessage} from 'node:http';
import {ApiError} from '../contracts.js';

const maxBodyBytes = 16 * 1024 * 1024;

export async function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > maxBodyBytes) throw new ApiError(413, 'RequestEntityTooLarge', 'the request body is too large');
		chunks.push(chunk);
	}
	return Buffer.concat(chunks, size);
}
