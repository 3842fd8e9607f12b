// shift-f and :pf as pure controller steps: the prompt on a row reads the object's ports, its text
// becomes REMOTE:LOCAL pairs, Enter sends one startForwards effect, and in :pf the cursor moves
// and ctrl-d stops the selected forward. Read-only mode still allows forwards (they change nothing).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ForwardInfo} from '../../source/actions/portForward.js';
import {parseForwardSpec, prefillForwardSpec} from '../../source/ui/portForwardSteps.js';
import {forwardCells, humanBytes} from '../../source/ui/portForwardTable.js';
import {BACKSPACE, ENTER, ESC, ctrl, env, keys, row, run, state} from './ui-harness.js';

const rows = {deployments: [row('web')], pods: [row('web-1')], nodes: [row('node-a', {namespace: undefined})]};

test('the REMOTE[:LOCAL] text', () => {
	const cases: Array<[string, ReturnType<typeof parseForwardSpec>]> = [
		['8080', {ok: true, pairs: [{remote: 8080, local: 8080}]}],
		['8080:9000', {ok: true, pairs: [{remote: 8080, local: 9000}]}],
		['8080:0 http', {ok: true, pairs: [{remote: 8080, local: 0}, {remote: 'http', local: 0}]}],
		['http:8080, 9090', {ok: true, pairs: [{remote: 'http', local: 8080}, {remote: 9090, local: 9090}]}],
		['', {ok: false, message: 'name a port: REMOTE[:LOCAL], e.g. 8080 or 8080:9000 (local 0 picks a free one)'}],
		['0', {ok: false, message: '"0" is not a port number (1–65535) or port name'}],
		['8080:70000', {ok: false, message: 'local port "70000" must be 0–65535 (0 picks a free one)'}],
		['1:2:3', {ok: false, message: '"1:2:3": write REMOTE[:LOCAL]'}],
		['Bad_Name', {ok: false, message: '"Bad_Name" is not a port number (1–65535) or port name'}],
	];
	for (const [text, want] of cases) assert.deepEqual(parseForwardSpec(text), want, text);
	assert.equal(prefillForwardSpec([8080, 9090]), '8080:8080 9090:9090');
});

test('shift-f on a deployment opens the prompt, reads its ports, and Enter starts the forwards', () => {
	const e = env({rows});
	const opened = run(state('deployments'), keys('F'), e);
	assert.deepEqual(opened.effects, [{type: 'readForwardPorts', req: 1, target: {kind: 'Deployment', namespace: 'default', name: 'web'}}]);
	const filled = run(opened.state, [{type: 'forwardPorts', req: 1, ports: [8080]}], e);
	assert.equal(filled.state.overlay?.type === 'portForward' && filled.state.overlay.prompt.value, '8080:8080');
	const edited = run(filled.state, keys(BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE, '0', ENTER), e);
	assert.equal(edited.state.overlay, undefined);
	assert.deepEqual(edited.effects, [{type: 'startForwards', req: 2, target: {kind: 'Deployment', namespace: 'default', name: 'web'}, pairs: [{remote: 8080, local: 0}]}]);
	// A late read does not overwrite what the user typed.
	const typed = run(opened.state, [...keys('9'), {type: 'forwardPorts', req: 1, ports: [8080]}], e);
	assert.equal(typed.state.overlay?.type === 'portForward' && typed.state.overlay.prompt.value, '9');
	// Esc cancels.
	assert.equal(run(filled.state, keys(ESC), e).state.overlay, undefined);
});

test('a bad port keeps the prompt open with the reason', () => {
	const e = env({rows});
	const step = run(state('pods'), [...keys('F'), {type: 'forwardPorts', req: 1, ports: []}, ...keys('x', 'y', '!', ENTER)], e);
	assert.equal(step.state.overlay?.type, 'portForward');
	assert.match(step.state.overlay?.type === 'portForward' ? step.state.overlay.prompt.error ?? '' : '', /not a port number/);
	assert.deepEqual(step.effects.filter(ef => ef.type === 'startForwards'), []);
});

test('read-only mode allows forwards; nodes do not have them', () => {
	const opened = run(state('pods'), keys('F'), env({rows, readonly: true}));
	assert.equal(opened.state.overlay?.type, 'portForward');
	const onNode = run(state('nodes'), keys('F'), env({rows}));
	assert.equal(onNode.state.overlay, undefined);
});

const forward = (id: number, extra: Partial<ForwardInfo> = {}): ForwardInfo => ({
	id,
	bindAddress: '127.0.0.1',
	localPort: 8000 + id,
	target: {kind: 'Deployment', namespace: 'shop', name: 'web', port: 8080},
	connections: 0,
	active: 0,
	bytesIn: 0,
	bytesOut: 0,
	state: 'listening',
	since: 0,
	...extra,
});

test(':pf lists the forwards; j moves, ctrl-d stops the selected one, Esc leaves', () => {
	const e = env({rows});
	const opened = run(state('pods'), keys(':', 'p', 'f', ENTER), e);
	assert.deepEqual(opened.state.overlay, {type: 'forwards', index: 0});
	const listed = run(opened.state, [{type: 'forwards', list: [forward(1), forward(2)]}], e);
	const stopped = run(listed.state, keys('j', ctrl('d')), e);
	assert.deepEqual(stopped.effects, [{type: 'stopForward', id: 2}]);
	assert.equal(stopped.state.message?.text, 'stopped forward 127.0.0.1:8002');
	assert.equal(run(listed.state, keys(ESC), e).state.overlay, undefined);
	// The list shrinking keeps the cursor on a row.
	const shrunk = run(stopped.state, [{type: 'forwards', list: [forward(1)]}], e);
	assert.deepEqual(shrunk.state.overlay, {type: 'forwards', index: 0});
});

test('a forward row: counters, state and the pod reached', () => {
	assert.deepEqual(forwardCells(forward(1, {pod: 'web-1', podPort: 8080, connections: 3, active: 1, bytesIn: 2048, bytesOut: 100}), 65_000), ['127.0.0.1:8001', '3', '2.0K', '100B', '1 open', '65s', 'deploy/web:8080', 'shop/web-1:8080']);
	assert.equal(forwardCells(forward(1, {lastError: 'no ready pod'}), 0)[4], 'failing');
	assert.deepEqual([0, 1023, 1024, 10 * 1024 * 1024].map(humanBytes), ['0B', '1023B', '1.0K', '10M']);
});
