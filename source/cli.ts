#!/usr/bin/env node
// The installed command. It checks the Node.js version first and only then loads the program,
// because a static import of Ink or client-node would fail on an old Node before any check ran.
import {unsupportedNodeMessage} from './runtime-check.js';

const refused = unsupportedNodeMessage(process.version, process.execPath);
if (refused) {
	process.stderr.write(`${refused}\n`);
	process.exitCode = 1;
} else {
	await import('./start.js');
}
