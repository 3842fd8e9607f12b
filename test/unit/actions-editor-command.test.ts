// Which editor `e` opens and how the file is passed, by kubectl's rules: KUBE_EDITOR, EDITOR, vi;
// words split on spaces; anything with quotes or backslashes handed to the shell with the path quoted.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {editorArgv, editorCommand} from '../../source/actions/editorCommand.js';

test('editor choice and command line', () => {
	const file = '/tmp/kubedeck-edit-x/deployment-web.yaml';
	const cases: Array<[Record<string, string>, string[], string]> = [
		[{}, ['vi', file], 'default'],
		[{EDITOR: 'nano'}, ['nano', file], 'EDITOR'],
		[{EDITOR: 'nano', KUBE_EDITOR: 'vim'}, ['vim', file], 'KUBE_EDITOR'],
		[{EDITOR: 'nano', KUBE_EDITOR: ''}, ['nano', file], 'EDITOR'],
		[{EDITOR: 'code --wait'}, ['code', '--wait', file], 'EDITOR'],
		[{EDITOR: 'emacs  -nw'}, ['emacs', '-nw', file], 'EDITOR'],
		[{EDITOR: `vim -c 'set ft=yaml'`, SHELL: '/bin/zsh'}, ['/bin/zsh', '-c', `vim -c 'set ft=yaml' '${file}'`], 'EDITOR'],
		[{EDITOR: 'my\\ editor'}, ['/bin/bash', '-c', `my\\ editor '${file}'`], 'EDITOR'],
	];
	for (const [env, argv, from] of cases) {
		const command = editorCommand(env);
		assert.deepEqual(editorArgv(command, file), argv, JSON.stringify(env));
		assert.equal(command.from, from, JSON.stringify(env));
	}
});

test('a path with a quote stays one word for the shell', () => {
	const argv = editorArgv(editorCommand({EDITOR: `vim -c 'x'`, SHELL: '/bin/sh'}), "/tmp/it's.yaml");
	assert.deepEqual(argv, ['/bin/sh', '-c', `vim -c 'x' '/tmp/it'\\''s.yaml'`]);
});
