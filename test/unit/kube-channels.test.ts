// The exec/attach channel protocol as specifications: framing round-trips, the resize JSON the
// kubelet reads, v5's close signal, and the error channel's Status read as an exit status.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {Channel, closeFrame, decodeFrame, describeExecEnd, encodeFrame, execEndOfStatus, isMissingExecutable, resizeFrame} from '../../source/kube/channels.js';

test('a frame is the channel byte then the bytes, and decodes back', () => {
	assert.deepEqual([...encodeFrame(Channel.stdin, 'ls\r')], [0, 0x6c, 0x73, 0x0d]);
	assert.deepEqual([...encodeFrame(Channel.stdout)], [1]);
	fc.assert(fc.property(fc.integer({min: 0, max: 255}), fc.uint8Array({maxLength: 64}), (channel, bytes) => {
		const frame = decodeFrame(encodeFrame(channel, bytes));
		assert.equal(frame?.channel, channel);
		assert.deepEqual([...frame!.data], [...bytes]);
	}));
});

test('an empty message has no channel; fragments and ArrayBuffers decode whole', () => {
	assert.equal(decodeFrame(Buffer.alloc(0)), undefined);
	assert.deepEqual(decodeFrame([Buffer.from([2, 0x61]), Buffer.from([0x62])]), {channel: 2, data: Buffer.from('ab')});
	const array = new Uint8Array([1, 0x7a]).buffer;
	assert.deepEqual(decodeFrame(array), {channel: 1, data: Buffer.from('z')});
});

test('resize is TerminalSize JSON on channel 4, whole positive cells', () => {
	const cases: Array<[number, number, string]> = [
		[80, 24, '{"Width":80,"Height":24}'],
		[200.7, 50.2, '{"Width":200,"Height":50}'],
		[0, -3, '{"Width":1,"Height":1}'],
	];
	for (const [columns, rows, json] of cases) {
		const frame = decodeFrame(resizeFrame(columns, rows))!;
		assert.equal(frame.channel, 4);
		assert.equal(frame.data.toString(), json);
	}
});

test('v5 closes a stream with [255, channel]; v4 has no close signal', () => {
	assert.deepEqual([...closeFrame('v5.channel.k8s.io')!], [255, 0]);
	assert.deepEqual([...closeFrame('v5.channel.k8s.io', 1)!], [255, 1]);
	assert.equal(closeFrame('v4.channel.k8s.io'), undefined);
});

test('the error channel Status → how the process ended', () => {
	const cases: Array<[string, string, ReturnType<typeof execEndOfStatus>]> = [
		['success', '{"metadata":{},"status":"Success"}', {kind: 'exited', code: 0}],
		['non-zero exit', JSON.stringify({status: 'Failure', reason: 'NonZeroExitCode', message: 'command terminated with non-zero exit code: exit status 3', details: {causes: [{reason: 'ExitCode', message: '3'}]}}), {kind: 'exited', code: 3}],
		['non-zero without its cause', JSON.stringify({status: 'Failure', reason: 'NonZeroExitCode', message: 'odd'}), {kind: 'failed', reason: 'NonZeroExitCode', message: 'odd'}],
		['runtime refusal', JSON.stringify({status: 'Failure', reason: 'InternalError', message: 'exec: "bash": executable file not found in $PATH'}), {kind: 'failed', reason: 'InternalError', message: 'exec: "bash": executable file not found in $PATH'}],
		['plain text (old servers)', 'container not found ("app")\n', {kind: 'failed', reason: 'Unknown', message: 'container not found ("app")'}],
		['empty', '', {kind: 'failed', reason: 'Unknown', message: 'the server closed the error stream without a status'}],
	];
	for (const [name, text, want] of cases) assert.deepEqual(execEndOfStatus(text), want, name);
});

test('a missing executable is recognised in the runtime words or as 126/127 with no output', () => {
	assert.equal(isMissingExecutable({kind: 'failed', reason: 'InternalError', message: 'OCI runtime exec failed: exec: "bash": executable file not found in $PATH: unknown'}, false), true);
	assert.equal(isMissingExecutable({kind: 'failed', reason: 'InternalError', message: 'container not running'}, false), false);
	assert.equal(isMissingExecutable({kind: 'exited', code: 127}, false), true);
	assert.equal(isMissingExecutable({kind: 'exited', code: 127}, true), false, 'a shell that ran and then exited 127 was found');
	assert.equal(isMissingExecutable({kind: 'exited', code: 0}, false), false);
	assert.equal(describeExecEnd({kind: 'exited', code: 2}), 'exit 2');
});
