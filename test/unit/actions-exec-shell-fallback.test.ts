// openShell's fallback from a missing shell, against sessions scripted frame by frame: the real
// API server opens a TTY session with an empty stdout frame before the process has said anything
// (seen on kube-apiserver 1.36 with KWOK's kubelet, test/real/exec-kwok.test.ts); that frame must
// not count as the shell running, or a missing shell looks found and its failure takes the screen.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import type WebSocket from 'ws';
import {openShell} from '../../source/actions/execSession.js';
import type {WebSocketOpener, WebSocketRequest} from '../../source/kube/websocket.js';

const missing = JSON.stringify({
	kind: 'Status',
	apiVersion: 'v1',
	status: 'Failure',
	reason: 'InternalError',
	message: 'error executing command in container: exec: "bash": executable file not found in $PATH',
});

/** A socket that plays the given frames (channel byte + data) once resumed, then closes if told. */
function scripted(frames: Buffer[], closeAfter: boolean): WebSocket {
	const socket = Object.assign(new EventEmitter(), {
		OPEN: 1,
		readyState: 1,
		send: () => {},
		close: () => socket.emit('close', 1000),
		// One frame per turn of the event loop, as frames come off a network.
		resume: () => {
			const next = (i: number): void => {
				if (i < frames.length) {
					socket.emit('message', frames[i]);
					setImmediate(() => next(i + 1));
				} else if (closeAfter) socket.emit('close', 1000);
			};
			setImmediate(() => next(0));
		},
	});
	return socket as unknown as WebSocket;
}

const frame = (channel: number, text: string) => Buffer.concat([Buffer.from([channel]), Buffer.from(text)]);

test('an empty stdout frame before a missing shell fails does not stop the fallback', async () => {
	const asked: string[] = [];
	const opener: WebSocketOpener = {
		server: 'https://example.invalid',
		open: async (r: WebSocketRequest) => {
			const command = String((r.query as {command?: string[]}).command?.[0]);
			asked.push(command);
			const socket = command === 'bash' ? scripted([frame(1, ''), frame(3, missing)], true) : scripted([frame(1, ''), frame(1, '$ ')], false);
			return {socket, protocol: 'v5.channel.k8s.io'};
		},
	};
	let screen = '';
	const {shell} = await openShell(opener, {namespace: 'ns', pod: 'web', container: 'app'}, ['bash', 'sh'], {stdout: b => (screen += b.toString()), stderr: () => {}}, {columns: 80, rows: 24});
	assert.deepEqual([shell, asked, screen], ['sh', ['bash', 'sh'], '$ ']);
});
