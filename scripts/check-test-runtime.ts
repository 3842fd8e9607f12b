// First step of `npm test`: say which Node the suite runs on, and stop loudly when it is not the
// pinned one. npm puts node_modules/.bin first on the PATH, so `node` is the devDependency's
// binary — unless its install script was skipped (an npm that blocks install scripts, or
// --ignore-scripts), in which case the suite would otherwise run quietly on the machine's Node.
// KUBEDECK_EXPECT_NODE names another version on purpose (CI's run on the oldest supported line).
import {readFileSync} from 'node:fs';
import {unsupportedNodeMessage} from '../source/runtime-check.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
	devDependencies?: Record<string, string>;
};
const pinned = manifest.devDependencies?.node;
const expected = process.env.KUBEDECK_EXPECT_NODE || pinned;
const running = process.versions.node;

function fail(lines: string[]): never {
	const bar = '*'.repeat(72);
	process.stderr.write(`\n${bar}\n${lines.map((line) => `*** ${line}`).join('\n')}\n${bar}\n\n`);
	process.exit(1);
}

const fix = [
	`The pinned Node comes from the npm package "node" (devDependencies: ${pinned}); its preinstall`,
	'script fetches the binary. If npm skipped it (install scripts blocked, --ignore-scripts),',
	'check that package.json\'s allowScripts approves "node", then run `npm ci` again.',
];
const tooOld = unsupportedNodeMessage(process.version, process.execPath);
if (tooOld) fail([`npm test: ${tooOld.replace(/^kubedeck: /, '')}`, ...fix]);
if (expected && running !== expected) {
	fail([`npm test: expected Node.js ${expected}, but \`node\` is v${running} at ${process.execPath}.`, ...fix]);
}
process.stdout.write(`npm test: running on Node.js v${running} (${process.execPath})\n`);
