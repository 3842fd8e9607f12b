// Bytes kubedeck writes to a real terminal per cursor move, measured in tmux: the built program
// runs on the demo cluster at 120×40, tmux copies everything it writes into a file (pipe-pane),
// and each `j` is charged the bytes that arrive between the key and the moment output goes quiet.
// The median is reported, since the AGE column ticking can land in the same frame now and then.
//
//   node --import tsx bench/terminal-bytes.ts [--root DIR] [--node PATH] [--moves N]
// --root and --node measure another checkout (e.g. an older commit) with its own Node.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, statSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {setTimeout as sleep} from 'node:timers/promises';

const {values} = parseArgs({
	options: {root: {type: 'string'}, node: {type: 'string'}, moves: {type: 'string', default: '40'}, columns: {type: 'string', default: '120'}, rows: {type: 'string', default: '40'}},
});
const root = path.resolve(values.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const node = values.node ?? process.execPath;
const moves = Number(values.moves);
const cli = path.join(root, 'dist/source/cli.js');
if (!existsSync(cli)) throw new Error(`${cli} is missing: build that checkout first (npm run build)`);

const home = mkdtempSync(path.join(tmpdir(), 'kubedeck-bytes-'));
const socket = path.join(home, 'tmux.sock');
const log = path.join(home, 'out.bin');
const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], {encoding: 'utf8'});
const size = () => (existsSync(log) ? statSync(log).size : 0);

async function quiet(from: number, deadlineMs = 3000): Promise<number> {
	// Output has arrived and then nothing more for 60 ms: that frame is complete.
	const deadline = Date.now() + deadlineMs;
	let last = size();
	while (last === from && Date.now() < deadline) {
		await sleep(5);
		last = size();
	}
	let stableSince = Date.now();
	while (Date.now() - stableSince < 60 && Date.now() < deadline) {
		await sleep(5);
		const now = size();
		if (now !== last) {
			last = now;
			stableSince = Date.now();
		}
	}
	return last;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
	const env = `HOME=${home} XDG_CONFIG_HOME=${home}/config XDG_STATE_HOME=${home}/state TERM=xterm-256color`;
	tmux('new-session', '-d', '-s', 'b', '-x', values.columns!, '-y', values.rows!, `env ${env} ${node} ${cli} --demo -A`);
	const deadline = Date.now() + 60_000;
	while (!/Running/.test(tmux('capture-pane', '-p', '-t', 'b'))) {
		if (Date.now() > deadline) throw new Error(`no pods on screen:\n${tmux('capture-pane', '-p', '-t', 'b')}`);
		await sleep(100);
	}
	await sleep(2000); // let the first list and its burst of frames finish (a benchmark, not a test)
	tmux('pipe-pane', '-t', 'b', '-o', `cat >> ${log}`);
	// Idle output over the same time as the moves take: what the clock alone writes (AGE cells).
	const idleStart = size();
	const idleMs = 3000;
	await sleep(idleMs);
	const idleBytes = size() - idleStart;
	const perMove: number[] = [];
	for (let i = 0; i < moves; i++) {
		const before = await quiet(size(), 200);
		tmux('send-keys', '-t', 'b', 'j');
		perMove.push((await quiet(before)) - before);
	}
	const version = execFileSync(node, ['--version'], {encoding: 'utf8'}).trim();
	const ink = JSON.parse(execFileSync(node, ['-p', `JSON.stringify(require('${path.join(root, 'node_modules/ink/package.json')}').version)`], {encoding: 'utf8'}));
	console.log(`terminal bytes per cursor move (${values.columns}×${values.rows}, demo, all namespaces; Node ${version}, Ink ${ink})`);
	console.log(`  moves: ${moves}; median ${median(perMove)} B, min ${Math.min(...perMove)} B, max ${Math.max(...perMove)} B`);
	console.log(`  idle output: ${idleBytes} B in ${idleMs / 1000} s (clock ticks, live changes)`);
} finally {
	try {
		tmux('kill-server');
	} catch {
		// already gone
	}
	rmSync(home, {recursive: true, force: true});
}
