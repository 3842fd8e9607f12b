// Node's on-disk compile cache for kubedeck's modules and its dependencies (module.enableCompileCache,
// Node ≥ 22.1): the second start skips parsing and compiling the ~1,500 files of Ink, React and
// @kubernetes/client-node. The cache lives under the user's cache directory ($XDG_CACHE_HOME,
// default ~/.cache), one per Node version (V8 refuses another version's cache anyway), and
// NODE_DISABLE_COMPILE_CACHE=1 turns it off as for any Node program. Never fatal: a read-only
// home or an old Node only costs the speed-up.
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** $XDG_CACHE_HOME/kubedeck/compile-cache (default ~/.cache/kubedeck/compile-cache); relative XDG values are ignored, as the spec says. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
	const base = env['XDG_CACHE_HOME'] && path.isAbsolute(env['XDG_CACHE_HOME']) ? env['XDG_CACHE_HOME'] : path.join(home, '.cache');
	return path.join(base, 'kubedeck', 'compile-cache');
}

type CacheApi = {enableCompileCache?: (dir?: string) => unknown; flushCompileCache?: () => void};

/** Turns the cache on for every module loaded from here on; returns a flush (written at exit anyway). */
export function enableCompileCache(dir = compileCacheDir()): () => void {
	const api = module as unknown as CacheApi;
	try {
		api.enableCompileCache?.(dir);
	} catch {
		// No cache is only slower.
	}
	return () => {
		try {
			api.flushCompileCache?.();
		} catch {
			// As above.
		}
	};
}
