// Where the compile cache lives: the user's cache directory, as the XDG spec says.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {compileCacheDir} from '../../source/compileCache.js';

test('compileCacheDir: $XDG_CACHE_HOME when absolute, else ~/.cache', () => {
	const cases: Array<[NodeJS.ProcessEnv, string]> = [
		[{}, '/home/u/.cache/kubedeck/compile-cache'],
		[{XDG_CACHE_HOME: '/var/cache/u'}, '/var/cache/u/kubedeck/compile-cache'],
		[{XDG_CACHE_HOME: 'relative/cache'}, '/home/u/.cache/kubedeck/compile-cache'],
		[{XDG_CACHE_HOME: ''}, '/home/u/.cache/kubedeck/compile-cache'],
	];
	for (const [env, want] of cases) assert.equal(compileCacheDir(env, '/home/u'), want);
});
