// The one stream reader (source/kube/lines.ts) for watch events and followed logs: lines split
// across chunks in any way, capped lines, broken and cancelled streams.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PassThrough, Readable} from 'node:stream';
import {KubeError} from '../../source/kube/kubeError.js';
import {readLines} from '../../source/kube/lines.js';

async function linesOf(chunks: string[]): Promise<string[]> {
	const seen: string[] = [];
	const stream = Readable.from(chunks.map((c) => Buffer.from(c)));
	await readLines(stream, new AbortController().signal, (line) => seen.push(line));
	return seen;
}

const cases: Array<{name: string; chunks: string[]; want: string[]}> = [
	{name: 'one event per chunk', chunks: ['{"a":1}\n', '{"b":2}\n'], want: ['{"a":1}', '{"b":2}']},
	{name: 'many events in one chunk', chunks: ['{"a":1}\n{"b":2}\n{"c":3}\n'], want: ['{"a":1}', '{"b":2}', '{"c":3}']},
	{name: 'an event split across chunks', chunks: ['{"a":', '1}\n{"b"', ':2}\n'], want: ['{"a":1}', '{"b":2}']},
	{name: 'a last line without newline', chunks: ['{"a":1}\n{"b":2}'], want: ['{"a":1}', '{"b":2}']},
	{name: 'a long event in many small chunks', chunks: ['{"a":"', ...Array.from({length: 500}, () => 'xxxx'), '"}\n{"b":2}\n'], want: [`{"a":"${'x'.repeat(2000)}"}`, '{"b":2}']},
	{name: 'blank lines and CRLF are ignored', chunks: ['\n{"a":1}\r\n\n'], want: ['{"a":1}']},
];

for (const c of cases) {
	test(`readLines: ${c.name}`, async () => {
		assert.deepEqual(await linesOf(c.chunks), c.want);
	});
}

test('readLines: a UTF-8 character split between chunks is reassembled', async () => {
	const bytes = Buffer.from('{"n":"café"}\n', 'utf8');
	const cut = bytes.indexOf(0xc3) + 1; // inside the two-byte é
	const seen: string[] = [];
	const stream = Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]);
	await readLines(stream, new AbortController().signal, (line) => seen.push(line));
	assert.deepEqual(seen, ['{"n":"café"}']);
});

test('readLines: an error thrown by the handler rejects and stops reading', async () => {
	const seen: string[] = [];
	const stream = Readable.from([Buffer.from('1\n2\n3\n')]);
	await assert.rejects(
		readLines(stream, new AbortController().signal, (line) => {
			seen.push(line);
			if (line === '2') throw new Error('stop here');
		}),
		/stop here/,
	);
	assert.deepEqual(seen, ['1', '2']);
});

async function cutLines(chunks: string[], maxLineLength: number): Promise<string[]> {
	const seen: string[] = [];
	const stream = Readable.from(chunks.map((c) => Buffer.from(c)));
	await readLines(stream, new AbortController().signal, (line, truncated) => seen.push(truncated ? `${line}…` : line), {maxLineLength});
	return seen;
}

const capped: Array<{name: string; chunks: string[]; want: string[]}> = [
	{name: 'a line at the cap is whole', chunks: ['abcd\n'], want: ['abcd']},
	{name: 'a line over the cap in one chunk is cut and flagged', chunks: ['abcdef\nok\n'], want: ['abcd…', 'ok']},
	{name: 'a line over the cap across chunks is cut once, the rest dropped', chunks: ['ab', 'cd', 'ef', 'gh\nok\n'], want: ['abcd…', 'ok']},
	{name: 'a line that never ends is still delivered, cut', chunks: ['abcdefgh', 'ijkl'], want: ['abcd…']},
	{name: 'the CR of a CRLF is not counted', chunks: ['abcd\r\n'], want: ['abcd']},
];

for (const c of capped) {
	test(`readLines with maxLineLength 4: ${c.name}`, async () => {
		assert.deepEqual(await cutLines(c.chunks, 4), c.want);
	});
}

test('readLines: a body that closes without its end is a ConnectionLost KubeError naming the source', async () => {
	const body = new PassThrough();
	const reading = readLines(body, new AbortController().signal, () => {}, {source: 'http://api:6443'});
	body.write('{"a":1}\n');
	body.destroy();
	await assert.rejects(reading, (error: unknown) => error instanceof KubeError && error.reason === 'ConnectionLost' && error.message === 'the connection to http://api:6443 broke mid-stream');
});

test('readLines: an abort stops reading and rejects as cancelled, not as a broken connection', async () => {
	const body = new PassThrough();
	const controller = new AbortController();
	const seen: string[] = [];
	const reading = readLines(body, controller.signal, (line) => seen.push(line));
	body.write('1\n');
	await new Promise((resolve) => setImmediate(resolve));
	controller.abort();
	body.write('2\n');
	await assert.rejects(reading, (error: unknown) => error instanceof KubeError && error.aborted);
	assert.deepEqual(seen, ['1']);
	assert.equal(body.destroyed, true, 'the body is released');
});
