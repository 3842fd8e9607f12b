// Type-ahead while a shell, attach or debug session opens: keys typed between `s` and the handover
// are the session's (as with ssh), held in order and written to its stdin once it has the
// terminal; only ctrl-c acts meanwhile (it cancels). Pure controller steps first, then the runner
// with a scripted WebSocket and a handover that records what the session was sent.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import type WebSocket from 'ws';
import type {ActionLayer} from '../../source/actions/actionLayer.js';
import {createHeldInput, TYPE_AHEAD_CAP} from '../../source/actions/heldInput.js';
import {Channel, decodeFrame} from '../../source/kube/channels.js';
import type {WebSocketOpener, WebSocketRequest} from '../../source/kube/websocket.js';
import type {HandedTerminal} from '../../source/terminal/handover.js';
import type {KeyPress} from '../../source/ui/keys.js';
import type {Msg} from '../../source/ui/messages.js';
import {createRunner} from '../../source/ui/runner.js';
import {keyBytes} from '../../source/ui/typeAhead.js';
import {activeBindings} from '../../source/ui/update.js';
import {FakeSession, until} from '../views/fakes.js';
import {ENTER, BACKSPACE, ctrl, env, keys, row, run, state} from './ui-harness.js';

const rows = {pods: [row('web-1', {containers: ['app']})]};
const target = {namespace: 'default', pod: 'web-1', container: 'app'};

test('keys typed after s are held for the shell, in order, and kubedeck does not act on them', () => {
	const e = env({rows});
	const step = run(state('pods'), [...keys('s'), ...keys('echo hi', ENTER, 'd', BACKSPACE, ctrl('d'))], e);
	assert.deepEqual(step.effects, [
		{type: 'shell', req: 1, target},
		...[...'echo hi'].map((data) => ({type: 'typeAhead', req: 1, data})),
		{type: 'typeAhead', req: 1, data: '\r'},
		{type: 'typeAhead', req: 1, data: 'd'},
		{type: 'typeAhead', req: 1, data: '\x7f'},
		{type: 'typeAhead', req: 1, data: '\x04'},
	]);
	assert.equal(step.state.stack.length, 1, 'd did not open a describe');
	assert.deepEqual(step.state.message, {text: 'opening a shell in default/web-1 (app)… — ctrl-c cancels', level: 'info'});
	assert.deepEqual(activeBindings(step.state, e), [], 'no key hints while nothing but ctrl-c acts');
	// The session ends: keys are kubedeck's again.
	const ended = run(step.state, [{type: 'execEnded', req: 1, ok: true, text: 'bash ended: exit 0 — default/web-1 (app)'}, ...keys('d')], e);
	assert.equal(ended.state.opening, undefined);
	assert.equal(ended.state.stack.at(-1)?.type, 'pager', 'd describes again');
});

test('ctrl-c while a session opens cancels it (it does not quit); the late answer of the cancelled opening says nothing', () => {
	const e = env({rows});
	for (const [key, purpose, words] of [['s', 'shell', 'shell'], ['a', 'attach', 'attach'], ['D', 'debug', 'debug container']] as const) {
		const opening = run(state('pods'), keys(key), e);
		assert.deepEqual(opening.effects, [{type: purpose, req: 1, target}]);
		const cancelled = run(opening.state, keys('x', ctrl('c')), e);
		assert.deepEqual(cancelled.effects, [{type: 'typeAhead', req: 1, data: 'x'}, {type: 'cancel', req: 1}], purpose);
		assert.equal(cancelled.state.opening, undefined);
		assert.deepEqual(cancelled.state.message, {text: `${words} cancelled: default/web-1 (app)`, level: 'info'});
		const late = run(cancelled.state, [{type: 'execEnded', req: 1, ok: false, text: 'cancelled'}, {type: 'debugProgress', req: 1, text: 'waiting'}], e);
		assert.deepEqual(late.state.message, cancelled.state.message);
		assert.deepEqual(run(cancelled.state, keys(ctrl('c')), e).effects, [{type: 'exit'}], 'afterwards ctrl-c quits as always');
	}
});

test('a debug container\'s progress keeps the ctrl-c hint', () => {
	const opening = run(state('pods'), keys('D'), env({rows})).state;
	const progressed = run(opening, [{type: 'debugProgress', req: 1, text: 'debug container d1 (busybox): ContainerCreating…'}]).state;
	assert.deepEqual(progressed.message, {text: 'debug container d1 (busybox): ContainerCreating… — ctrl-c cancels', level: 'info'});
});

test('the held keys are bounded: past the cap nothing more is held and the status line says so', () => {
	const e = env({rows});
	const opening = run(state('pods'), keys('s'), e).state;
	const near = {...opening, opening: {...opening.opening!, held: TYPE_AHEAD_CAP - 1}};
	const step = run(near, keys('a', 'b', 'c'), e);
	assert.deepEqual(step.effects, [{type: 'typeAhead', req: 1, data: 'a'}]);
	assert.equal(step.state.opening?.held, TYPE_AHEAD_CAP);
	assert.match(step.state.message?.text ?? '', /type-ahead full \(4096 bytes\): later keys dropped — ctrl-c cancels$/);
});

test('keyBytes: what a terminal sends for each key Ink reports', () => {
	const cases: Array<[KeyPress, string]> = [
		[['a', {}], 'a'],
		[['A', {shift: true}], 'A'],
		[['é', {}], 'é'],
		[['', {return: true}], '\r'],
		[['', {tab: true}], '\t'],
		[['', {tab: true, shift: true}], '\x1b[Z'],
		[['', {backspace: true}], '\x7f'],
		[['', {delete: true}], '\x1b[3~'],
		[['', {escape: true}], '\x1b'],
		[['', {upArrow: true}], '\x1b[A'],
		[['', {downArrow: true}], '\x1b[B'],
		[['', {rightArrow: true}], '\x1b[C'],
		[['', {leftArrow: true}], '\x1b[D'],
		[['', {home: true}], '\x1b[H'],
		[['', {end: true}], '\x1b[F'],
		[['', {pageUp: true}], '\x1b[5~'],
		[['', {pageDown: true}], '\x1b[6~'],
		[['d', {ctrl: true}], '\x04'],
		[['u', {ctrl: true}], '\x15'],
		[[' ', {ctrl: true}], '\x00'],
		[['\\', {ctrl: true}], '\x1c'],
		[['b', {meta: true}], '\x1bb'],
		[['', {leftArrow: true, meta: true}], '\x1b\x1b[D'],
		[['a', {eventType: 'release'}], ''],
		[['', {}], ''],
	];
	for (const [press, bytes] of cases) assert.equal(keyBytes(press), bytes, JSON.stringify(press));
});

test('HeldInput: held in order until released, then straight on; bounded; discard drops all', () => {
	const held = createHeldInput(5);
	held.hold('ab');
	held.hold('cd');
	held.hold('efg');
	const sent: string[] = [];
	held.release((data) => sent.push(data));
	held.hold('h');
	assert.deepEqual(sent, ['abcd', 'h'], 'efg did not fit under the cap; later keys go straight on');
	const dropped = createHeldInput();
	dropped.hold('ls\r');
	assert.equal(dropped.discard(), 3);
	dropped.hold('more');
	dropped.release((data) => sent.push(data));
	assert.deepEqual(sent, ['abcd', 'h'], 'nothing after a discard');
});

/** A socket that answers like a shell: its prompt once resumed; records every frame sent to it. */
function shellSocket(sent: Buffer[]): WebSocket {
	const socket = Object.assign(new EventEmitter(), {
		OPEN: 1,
		readyState: 1,
		send: (frame: Buffer) => void sent.push(frame),
		close: () => {
			socket.readyState = 3;
			socket.emit('close', 1000);
		},
		resume: () => void setImmediate(() => socket.emit('message', Buffer.concat([Buffer.from([Channel.stdout]), Buffer.from('$ ')]))),
	});
	return socket as unknown as WebSocket;
}

/** The runner with a scripted WebSocket server and a handover that waits to be let in. */
function setup(podSpec: Record<string, unknown> = {containers: [{name: 'app'}]}) {
	const msgs: Msg[] = [];
	const sent: Buffer[] = [];
	const asked: WebSocketRequest[] = [];
	let socket: WebSocket | undefined;
	let opened!: () => void;
	const openGate = new Promise<void>((resolve) => (opened = resolve));
	const webSockets: WebSocketOpener = {
		server: 'https://example.invalid',
		open: async (r) => {
			asked.push(r);
			// The connection is slow: keys are typed meanwhile.
			await openGate;
			if (r.signal?.aborted) throw new Error('aborted');
			socket = shellSocket(sent);
			return {socket, protocol: 'v5.channel.k8s.io'};
		},
	};
	const live: Array<(data: Buffer | string) => void> = [];
	let handedOver = 0;
	const terminal: HandedTerminal = {write: () => {}, onInput: (listener) => void live.push(listener), size: () => ({columns: 80, rows: 24}), onResize: () => {}};
	const layer = {readonly: false, webSockets, perform: async () => ({ok: true, message: 'added'})} as Partial<ActionLayer> as ActionLayer;
	const session = new FakeSession('default');
	session.objects.set('pods/default/web-1', {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web-1', namespace: 'default', uid: 'u1'}, spec: podSpec});
	const runner = createRunner({
		session,
		layer,
		lineCap: 10,
		dispatch: (msg) => msgs.push(msg),
		repaint: () => {},
		exit: () => {},
		switchContext: () => {},
		redraw: () => {},
		handover: async (use) => {
			handedOver++;
			return use(terminal);
		},
	});
	const stdin = () => sent.map((frame) => decodeFrame(frame)).filter((f) => f?.channel === Channel.stdin).map((f) => f!.data.toString('utf8')).join('');
	return {runner, msgs, opened, stdin, live, asked, handed: () => handedOver, end: () => socket?.close()};
}

test('runner: bytes typed while the shell opens reach its stdin first, before live keys', async () => {
	const t = setup();
	t.runner.run({type: 'shell', req: 1, target});
	for (const data of [...'echo typed', '\r']) t.runner.run({type: 'typeAhead', req: 1, data});
	t.opened();
	await until(() => t.live.length > 0, () => 'the handover');
	assert.equal(t.stdin(), 'echo typed\r', 'the held line is sent as the session gets the terminal');
	t.live[0]!('exit\r');
	assert.equal(t.stdin(), 'echo typed\rexit\r');
	t.end();
	await until(() => t.msgs.length > 0, () => 'the end of the session');
	assert.deepEqual(t.msgs, [{type: 'execEnded', req: 1, ok: true, text: 'bash ended: exit 0 — default/web-1 (app)'}]);
});

test('runner: attach to a container with stdin gets the held keys; without stdin they are dropped and the line says so', async () => {
	const withStdin = setup({containers: [{name: 'app', stdin: true, tty: true}]});
	withStdin.runner.run({type: 'attach', req: 2, target});
	withStdin.runner.run({type: 'typeAhead', req: 2, data: 'ls\r'});
	withStdin.opened();
	await until(() => withStdin.live.length > 0, () => 'the handover');
	assert.equal(withStdin.stdin(), 'ls\r');
	withStdin.end();
	await until(() => withStdin.msgs.length > 0, () => 'the end of the attach');

	const noStdin = setup({containers: [{name: 'app'}]});
	noStdin.runner.run({type: 'attach', req: 3, target});
	noStdin.runner.run({type: 'typeAhead', req: 3, data: 'ls\r'});
	noStdin.opened();
	await until(() => noStdin.live.length > 0, () => 'the handover');
	assert.equal(noStdin.stdin(), '', 'nothing written to a container without stdin');
	noStdin.end();
	await until(() => noStdin.msgs.length > 0, () => 'the end of the attach');
	assert.deepEqual(noStdin.msgs, [{type: 'execEnded', req: 3, ok: true, text: 'attach ended: exit 0 (keys typed ahead dropped: no stdin) — default/web-1 (app)'}]);
});

test('runner: cancel while the shell opens hands nothing over and sends nothing', async () => {
	const t = setup();
	t.runner.run({type: 'shell', req: 4, target});
	t.runner.run({type: 'typeAhead', req: 4, data: 'rm -rf build\r'});
	await until(() => t.asked.length > 0, () => 'the connection attempt');
	t.runner.run({type: 'cancel', req: 4});
	t.opened();
	await until(() => t.msgs.length > 0, () => 'the cancelled outcome');
	assert.equal(t.handed(), 0, 'the screen never left');
	assert.equal(t.stdin(), '');
	assert.equal(t.asked[0]?.signal?.aborted, true, 'the connection attempt was aborted');
});
