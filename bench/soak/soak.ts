// Soak benchmark: the built kubedeck, all namespaces, against the simulator with 5,000 pods and
// 1,000 pod modifications a second, in tmux (a real terminal), for 10 minutes. Every 10 s it
// prints kubedeck's resident memory and JS heap (sampled inside the process by probe.mjs), then
// the growth from the end of the warm-up to the end of the run (target: under 10 %). With k9s
// on PATH its resident memory is sampled in the same run, against the same simulator.
//
//   npm run bench:soak -- [--minutes 10] [--warmup 2] [--pods 5000] [--churn 1000] [--every 10] [--heap-cap MB]
// Kept out of `npm run bench` (it globs bench/*.ts): it takes as long as it is told to.
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir, cpus, loadavg} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {setTimeout as sleep} from 'node:timers/promises';

const {values} = parseArgs({
	options: {
		minutes: {type: 'string', default: '10'},
		warmup: {type: 'string', default: '2'},
		pods: {type: 'string', default: '5000'},
		churn: {type: 'string', default: '1000'},
		every: {type: 'string', default: '10'},
		// e.g. 256: kubedeck runs with --max-old-space-size, as the issue's out-of-memory report did.
		'heap-cap': {type: 'string'},
	},
});
const minutes = Number(values.minutes);
const warmupMinutes = Number(values.warmup);
const everyMs = Number(values.every) * 1000;
if (!(minutes > 0) || !(warmupMinutes >= 0) || warmupMinutes >= minutes || !(everyMs >= 1000)) {
	throw new Error('--minutes must exceed --warmup (both in minutes), and --every is at least 1 (seconds)');
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist/source/cli.js');
const simMain = path.join(root, 'dist/source/sim/main.js');
if (!existsSync(cli) || !existsSync(simMain)) throw new Error('dist/ is missing: run `npm run build` first');
const node = process.execPath;
const home = mkdtempSync(path.join(tmpdir(), 'kubedeck-soak-'));
const socket = path.join(home, 'tmux.sock');
const samplesFile = path.join(home, 'samples.jsonl');
const kubeconfig = path.join(home, 'kubeconfig.yaml');
const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], {encoding: 'utf8'});
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

interface Sample {
	at: number;
	rss: number;
	heapUsed: number;
	heapTotal: number;
	external: number;
	oldUsed: number;
}

/** Resident memory of another process (k9s), from /proc; undefined when it is gone. */
function rssOf(pid: number): number | undefined {
	try {
		const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Number(kb) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

async function until<T>(what: string, deadlineMs: number, probe: () => T | undefined): Promise<T> {
	const deadline = Date.now() + deadlineMs;
	for (;;) {
		const found = probe();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(200);
	}
}

const sim = spawn(node, [simMain, '--scenario', 'scale', '--pods', values.pods!, '--nodes', '50', '--churn', values.churn!, '--port', '0', '--kubeconfig', kubeconfig, '--seed', '1'], {stdio: ['ignore', 'pipe', 'inherit']});
let simOut = '';
sim.stdout!.on('data', (chunk: Buffer) => {
	simOut += chunk.toString();
});
const k9s = spawnSync('k9s', ['version', '--short']).error ? undefined : 'k9s';

try {
	await until('the simulator', 120_000, () => (/^ready$/m.test(simOut) ? true : undefined));
	const env = [`HOME=${home}`, `XDG_CONFIG_HOME=${home}/config`, `XDG_STATE_HOME=${home}/state`, 'TERM=xterm-256color', `KUBEDECK_SOAK_SAMPLES=${samplesFile}`, `KUBEDECK_SOAK_EVERY_MS=${everyMs}`];
	const probe = path.join(root, 'bench/soak/probe.mjs');
	const cap = values['heap-cap'] ? `--max-old-space-size=${Number(values['heap-cap'])} ` : '';
	tmux('new-session', '-d', '-s', 'soak', '-x', '160', '-y', '50', `env ${env.join(' ')} ${node} ${cap}--import ${probe} ${cli} --kubeconfig ${kubeconfig} -A`);
	await until(`${values.pods} pods on screen`, 180_000, () => (tmux('capture-pane', '-p', '-t', 'soak').includes(`[${values.pods}]`) ? true : undefined));
	let k9sPid: number | undefined;
	if (k9s) {
		tmux('new-window', '-d', '-t', 'soak', `env HOME=${home} KUBECONFIG=${kubeconfig} TERM=xterm-256color k9s -A --headless --readonly -c pods`);
		k9sPid = Number(tmux('list-panes', '-s', '-t', 'soak', '-F', '#{pane_pid}').trim().split('\n')[1]);
	}
	console.log(`soak: ${values.pods} pods, ${values.churn} modifications/s, ${minutes} min (warm-up ${warmupMinutes} min)${cap ? `, ${cap.trim()}` : ''}; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}, Node ${process.version}`);
	console.log(`   t   kubedeck rss   heap used  heap total  old space  external${k9s ? '   k9s rss' : ''}`);
	const started = Date.now();
	const k9sRss: Array<{at: number; rss: number}> = [];
	let printed = 0;
	while (Date.now() - started < minutes * 60_000) {
		await sleep(1000);
		if (k9sPid !== undefined && Date.now() - (k9sRss.at(-1)?.at ?? 0) >= everyMs) {
			const rss = rssOf(k9sPid);
			if (rss !== undefined) k9sRss.push({at: Date.now(), rss});
		}
		const samples = readSamples();
		for (; printed < samples.length; printed++) {
			const s = samples[printed]!;
			const k = k9sRss.at(-1);
			console.log(`${String(Math.round((s.at - started) / 1000)).padStart(4)}s ${mb(s.rss).padStart(12)} ${mb(s.heapUsed).padStart(11)} ${mb(s.heapTotal).padStart(11)} ${mb(s.oldUsed).padStart(10)} ${mb(s.external).padStart(9)}${k ? mb(k.rss).padStart(10) : ''}`);
		}
		if (!tmux('list-panes', '-t', 'soak', '-F', '#{pane_dead}').startsWith('0')) throw new Error('kubedeck exited during the soak');
	}
	const all = readSamples().filter((s) => s.at >= started);
	const after = all.filter((s) => s.at - started >= warmupMinutes * 60_000);
	// Memory saws up and down with each major collection, so each end is the median of its minute.
	const perMinute = Math.max(1, Math.round(60_000 / everyMs));
	const first = after.slice(0, perMinute);
	const last = after.slice(-perMinute);
	const growth = (pick: (s: Sample) => number) => {
		const a = median(first.map(pick));
		const b = median(last.map(pick));
		return `${mb(a)} → ${mb(b)} (${(((b - a) / a) * 100).toFixed(1)} %)`;
	};
	console.log(`after warm-up (medians of the first and the last minute): rss ${growth((s) => s.rss)}; heap used ${growth((s) => s.heapUsed)}`);
	// The old space just after a major collection is what is really kept; its lowest point per end shows a leak best.
	const floor = (xs: Sample[]) => mb(Math.min(...xs.map((s) => s.oldUsed)));
	console.log(`old space, lowest in the first and the last minute after warm-up: ${floor(first)} → ${floor(last)}`);
	console.log(`peaks after warm-up: rss ${mb(Math.max(...after.map((s) => s.rss)))}, heap used ${mb(Math.max(...after.map((s) => s.heapUsed)))}; load now ${loadavg()[0]!.toFixed(1)}`);
	if (k9s) {
		const k = k9sRss.filter((s) => s.at - started >= warmupMinutes * 60_000);
		console.log(`k9s after warm-up: rss ${mb(median(k.slice(0, perMinute).map((s) => s.rss)))} → ${mb(median(k.slice(-perMinute).map((s) => s.rss)))}`);
	} else {
		console.log('k9s: not on PATH, skipped');
	}
} finally {
	try {
		tmux('kill-server');
	} catch {
		// already gone
	}
	sim.kill('SIGTERM');
	rmSync(home, {recursive: true, force: true});
}

function readSamples(): Sample[] {
	if (!existsSync(samplesFile)) return [];
	return readFileSync(samplesFile, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as Sample);
}
