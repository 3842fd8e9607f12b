// Start-up of the built kubedeck, median of N runs each: `--version`, `--help`, and launch → first
// frame in a pseudo-terminal (120×40) against an empty simulated cluster; beside them a bare Node
// start, and the first frame with the heap-limit re-exec skipped (the limit given in NODE_OPTIONS),
// which shows what the re-exec costs.
//
//   node --import tsx bench/tui/startup.ts [--runs 10] [--root DIR] [--cli dist/bundle/cli.js]
//
// --cli picks the program under the root: the bundle the package's bin runs (default), or tsc's
// unbundled dist/source/cli.js, to measure what bundling saves.
import {execFile} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {PtyScreen} from './ptyScreen.js';
import {startSimProcess} from './simProcess.js';

const {values} = parseArgs({options: {runs: {type: 'string', default: '10'}, root: {type: 'string'}, cli: {type: 'string', default: 'dist/bundle/cli.js'}}});
const runs = Number(values.runs);
const root = path.resolve(values.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));
const cli = path.join(root, values.cli);
if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build && npm run bundle\` first`);
const node = process.execPath;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

async function timed(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
	const t0 = performance.now();
	await new Promise<void>((resolve, reject) => execFile(node, args, {env}, (error) => (error ? reject(error) : resolve())));
	return performance.now() - t0;
}

async function series(label: string, once: () => Promise<number>): Promise<void> {
	const xs: number[] = [];
	for (let i = 0; i < runs; i++) xs.push(await once());
	console.log(`${label.padEnd(46)} ${fmt(xs)}`);
}

const home = mkdtempSync(path.join(tmpdir(), 'kubedeck-startup-'));
const sim = await startSimProcess(root, path.join(home, 'kubeconfig.yaml'), ['--scenario', 'empty']);
try {
	console.log(`start-up, ${runs} runs each; load ${loadavg()[0]!.toFixed(2)}; Node ${process.version}; ${cli}`);
	await series('bare node -e 0', () => timed(['-e', '0']));
	await series('kubedeck --version', () => timed([cli, '--version']));
	await series('kubedeck --help', () => timed([cli, '--help']));
	const env = {...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_STATE_HOME: path.join(home, 'state'), TERM: 'xterm-256color'};
	const firstFrame = (extra: NodeJS.ProcessEnv) => async () => {
		const screen = new PtyScreen(node, [cli, '--kubeconfig', sim.kubeconfig, '-A'], {cols: 120, rows: 40, env: {...env, ...extra}});
		try {
			// The first frame: kubedeck's table header (NAMESPACE … NAME) is drawn.
			const at = await screen.waitFor('the first frame', (s) => /NAME/.test(s.text()), 30_000);
			return at - screen.started;
		} finally {
			await screen.stop();
		}
	};
	await series('launch → first frame (empty cluster)', firstFrame({}));
	await series('same, heap-limit re-exec skipped', firstFrame({NODE_OPTIONS: '--max-old-space-size=4096'}));
	console.log(`load after: ${loadavg()[0]!.toFixed(2)}`);
} finally {
	await sim.stop();
	rmSync(home, {recursive: true, force: true});
}
