// kubedeck's version for `--version`, read without loading the flag parser or anything else:
// the nearest package.json named "kubedeck" above this module (one folder up from source/ when
// run from the sources, two from dist/source/ when built). Imports only node:fs and node:path.
import {readFileSync} from 'node:fs';
import path from 'node:path';

/** Walks up from `dir` (at most `levels` folders) to the first package.json named kubedeck; its version, or undefined. */
export function packageVersion(dir: string, read: (file: string) => string = (file) => readFileSync(file, 'utf8'), levels = 4): string | undefined {
	let at = dir;
	for (let i = 0; i <= levels; i++) {
		try {
			const pkg = JSON.parse(read(path.join(at, 'package.json'))) as {name?: unknown; version?: unknown};
			if (pkg.name === 'kubedeck' && typeof pkg.version === 'string') return pkg.version;
		} catch {
			// No package.json here, or not JSON: keep walking up.
		}
		const parent = path.dirname(at);
		if (parent === at) break;
		at = parent;
	}
	return undefined;
}
