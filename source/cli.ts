#!/usr/bin/env node
// The installed command. It checks the Node.js version first and only then loads the program,
// because a static import of Ink or client-node would fail on an old Node before any check ran.
// Then it makes sure V8 runs with an old-generation limit kubedeck knows, so the heap guard
// (heapGuard.ts) can stop cleanly, terminal restored, before V8 would abort on out-of-memory,
// and with a young generation sized for a terminal program rather than a server (startFlags).
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {unsupportedNodeMessage} from './runtime-check.js';
import {startFlags} from './heapGuard.js';
import {packageVersion} from './packageVersion.js';
import {enableCompileCache} from './compileCache.js';

const refused = unsupportedNodeMessage(process.version, process.execPath);
if (refused) {
	process.stderr.write(`${refused}\n`);
	process.exitCode = 1;
} else {
	// A limit can only be set when V8 starts: run this program again in place (same pid, so
	// supervisors and signals see one process) with one, unless the user chose their own.
	// Costs one more bare Node start-up before anything else loads; where execve does not exist
	// (Windows) the guard is off.
	// --version and --help print and leave: they need no guard, so they do not pay for the second start.
	const args = process.argv.slice(2);
	const printsOnly = args.some((arg) => arg === '--version' || arg === '--help' || arg === '-h');
	// `--version` alone (the only form the flag parser answers) is printed here, before the flag
	// parser and the app load: a bare Node start and one small file read.
	const version = args.length === 1 && args[0] === '--version' ? packageVersion(path.dirname(fileURLToPath(import.meta.url))) : undefined;
	if (version !== undefined) process.stdout.write(`${version}\n`);
	else if (!printsOnly && process.execve) {
		const flags = startFlags(process.execArgv, process.env['NODE_OPTIONS'], os.totalmem());
		if (flags.length > 0) process.execve(process.execPath, [process.execPath, ...process.execArgv, ...flags, ...process.argv.slice(1)], process.env);
	}
	if (version === undefined) {
		// From here on ~1,500 modules load (Ink, React, the client): compiled once, then read from
		// the cache. Written at exit, and a few seconds in, once the start-up modules have loaded,
		// so a killed first run still leaves a cache.
		const flush = enableCompileCache();
		setTimeout(flush, 5_000).unref();
		await import('./start.js');
	}
}
