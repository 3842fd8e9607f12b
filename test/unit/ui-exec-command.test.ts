// :exec as specifications: word splitting, the parsed command, the pager and effect it opens on
// the selected pod, and what the pager shows of a finished command (sanitised, stderr apart).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseExecCommand, splitWords} from '../../source/ui/execCommand.js';
import {parseCommand} from '../../source/ui/commands.js';
import {commandLines} from '../../source/actions/execOutput.js';
import {ENTER, env, keys, row, run, state} from './ui-harness.js';

test('splitWords: whitespace and quotes as a shell does for simple cases', () => {
	const cases: Array<[string, string[] | undefined]> = [
		['ls /', ['ls', '/']],
		[`sh -c 'ls /; env'`, ['sh', '-c', 'ls /; env']],
		['echo "a  b" \'\'', ['echo', 'a  b', '']],
		['  ', []],
		['echo "open', undefined],
	];
	for (const [text, want] of cases) assert.deepEqual(splitWords(text), want, text);
});

test(':exec parses to its words; without a command or with an open quote it says why', () => {
	assert.deepEqual(parseCommand(`exec sh -c 'cat /etc/hostname'`), {ok: true, command: {type: 'exec', argv: ['sh', '-c', 'cat /etc/hostname']}});
	assert.deepEqual(parseExecCommand(':exec'), {ok: false, message: ':exec needs a command, e.g. :exec ls /'});
	assert.deepEqual(parseExecCommand(`exec echo 'x`), {ok: false, message: ':exec: a quote is left open'});
	assert.equal(parseExecCommand('execs'), undefined);
});

test(':exec CMD on a pod opens a pager and asks the runner to run it in the default container', () => {
	const e = env({rows: {pods: [row('web-1', {containers: ['app', 'proxy'], defaultContainer: 'proxy'})]}});
	const step = run(state('pods'), keys(':', 'exec ls /', ENTER), e);
	assert.deepEqual(step.effects, [{type: 'execCommand', req: 1, target: {namespace: 'default', pod: 'web-1', container: 'proxy'}, command: ['ls', '/']}]);
	const top = step.state.stack.at(-1);
	assert.equal(top?.type === 'pager' && top.title, 'exec default/web-1 (proxy): ls /');
	const none = run(state('pods'), keys(':', 'exec ls', ENTER), env({rows: {pods: []}}));
	assert.deepEqual(none.effects, []);
	assert.equal(none.state.message?.level, 'error');
});

test('the pager shows stdout, stderr apart, and the end; escapes are made visible', () => {
	assert.deepEqual(commandLines({stdout: 'a\nb\n', stderr: '', end: {kind: 'exited', code: 0}}), ['a', 'b', '', '── exit 0 ──']);
	const lines = commandLines({stdout: 'x\x1b]52;c;Zm9v\x07y\n', stderr: 'oops\n', end: {kind: 'exited', code: 2}});
	assert.equal(lines.length, 5);
	assert.ok(!lines[0]!.includes('\x1b'), 'no raw escape reaches the screen');
	assert.deepEqual(lines.slice(1), ['── stderr ──', 'oops', '', '── exit 2 ──']);
});

test('D: a debug effect for the default container; under read-only the intent goes to the gate to be refused', () => {
	const rows = {pods: [row('web-1', {containers: ['app'], defaultContainer: 'app'})]};
	assert.deepEqual(run(state('pods'), keys('D'), env({rows})).effects, [{type: 'debug', req: 1, target: {namespace: 'default', pod: 'web-1', container: 'app'}}]);
	const refused = run(state('pods'), keys('D'), env({rows, readonly: true}));
	assert.deepEqual(refused.effects, [{type: 'perform', req: 1, intent: {verb: 'debug', kind: 'Pod', namespace: 'default', name: 'web-1', container: 'debugger', image: 'busybox:1.36', target: 'app'}}]);
});
