// The watch stream reader (source/kube/lines.ts): events split across chunks in any way.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Readable} from 'node:stream';
import type {IncomingMessage} from 'node:http';
import {readLines} from '../../source/kube/lines.js';

async function linesOf(chunks: string[]): Promise<string[]> {
	const seen: string[] = [];
	const stream = Readable.from(chunks.map((c) => Buffer.from(c)));
	await readLines(stream as unknown as IncomingMessage, new AbortController().signal, (line) => seen.push(line));
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
	await readLines(stream as unknown as IncomingMessage, new AbortController().signal, (line) => seen.push(line));
	assert.deepEqual(seen, ['{"n":"café"}']);
});

test('readLines: an error thrown by the handler rejects and stops reading', async () => {
	const seen: string[] = [];
	const stream = Readable.from([Buffer.from('1\n2\n3\n')]);
	await assert.rejects(
		readLines(stream as unknown as IncomingMessage, new AbortController().signal, (line) => {
			seen.push(line);
			if (line === '2') throw new Error('stop here');
		}),
		/stop here/,
	);
	assert.deepEqual(seen, ['1', '2']);
});
