// bench:tui — the built kubedeck, k9s and `kubectl get pods -A` side by side, each in a real
// pseudo-terminal whose output feeds a headless terminal emulator, against one simulator process
// per size (scenario scale). Figures come from what is on the emulated screen and when:
//   launch → first frame, → first pod rows, → every pod loaded (the "pods(all)[N]" title; kubectl: exit);
//   RSS after load, at the end of the idle window, and peak; idle CPU % and bytes per second over a quiet window
//   (20 s by default: longer than the 15 s metrics poll, whose cost at 50k pods a shorter window can miss);
//   cursor move (j, then k back) → selected row changed, p50/p95, and the bytes each move wrote;
//   filter keystroke → only matching rows, and Esc → every row again, p50/p95; sort change (modes.ts);
//   under churn (a simulator making N pod changes a second, at --churn-pods): bytes/s, CPU %, RSS and
//   cursor moves while the events flow.
// Prints one table per size and terminal with ratios, and writes the figures as JSON.
//
//   npm run bench:tui -- [--sizes 5000,50000,150000] [--terms 120x40,200x50] [--moves 200] [--idle 20] [--json FILE] [--only kubedeck,k9s,kubectl]
//                        [--filters 10] [--sorts 6] [--churn 200,1000] [--churn-pods 5000] [--churn-window 20]
//                        [--load-deadline S] (give up on a client's load after S seconds; default 60 + 0.01 per pod)
//                        [--root DIR]       (the built checkout measured; default this one)
//                        [--baseline DIR]   (another built checkout, measured as 'kubedeck@base' in the same run: before/after)
// Never part of the test run. Run one at a time: the machine's load is part of every figure.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {cpus, loadavg, tmpdir, totalmem} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {PtyScreen} from './ptyScreen.js';
import {startSimProcess} from './simProcess.js';
import {measureFilter, measureSort, measureWindow, pct} from './modes.js';
import {anythingShown, clients, findK9s, podRowShown, screenIsSane, selection, type Client} from './clients.js';

const {values} = parseArgs({
	options: {
		sizes: {type: 'string', default: '5000,50000,150000'},
		terms: {type: 'string', default: '120x40,200x50'},
		moves: {type: 'string', default: '200'},
		idle: {type: 'string', default: '20'},
		json: {type: 'string'},
		only: {type: 'string'},
		baseline: {type: 'string'},
		root: {type: 'string'},
		filters: {type: 'string', default: '10'},
		sorts: {type: 'string', default: '6'},
		churn: {type: 'string', default: '200,1000'},
		'churn-pods': {type: 'string', default: '5000'},
		'churn-window': {type: 'string', default: '20'},
		'load-deadline': {type: 'string'},
	},
});
// --sizes '' skips the runs by size (churn only).
const sizes = values.sizes!.split(',').filter(Boolean).map(Number);
const terms = values.terms!.split(',').map((t) => t.split('x').map(Number) as [number, number]);
const moves = Number(values.moves);
const idleMs = Number(values.idle) * 1000;
const root = path.resolve(values.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));
const filterRounds = Number(values.filters);
const sortRounds = Number(values.sorts);
const churnRates = values.churn ? values.churn.split(',').filter(Boolean).map(Number) : [];
const churnPods = Number(values['churn-pods']);
const churnWindowMs = Number(values['churn-window']) * 1000;
const node = process.execPath;
const k9s = findK9s();
const only = values.only ? new Set(values.only.split(',')) : undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Figures {
	client: string;
	pods: number;
	cols: number;
	rows: number;
	load: number;
	firstFrameMs?: number;
	firstRowsMs?: number;
	allLoadedMs?: number;
	rssAfterLoadMb?: number;
	/** RSS at the end of the idle window: after a program has given back what the load left. */
	rssIdleMb?: number;
	rssPeakMb?: number;
	idleCpuPct?: number;
	idleBytesPerS?: number;
	moveP50Ms?: number;
	moveP95Ms?: number;
	moveMaxMs?: number;
	bytesPerMoveMedian?: number;
	bytesPerMoveP95?: number;
	screenCheck?: string;
	filterP50Ms?: number;
	filterP95Ms?: number;
	clearP50Ms?: number;
	clearP95Ms?: number;
	sortP50Ms?: number;
	sortP95Ms?: number;
	/** Pod changes a second the simulator made during the run (0: none). */
	churn?: number;
	churnBytesPerS?: number;
	churnCpuPct?: number;
	churnRssMb?: number;
	error?: string;
}

async function measure(client: Client, pods: number, cols: number, rows: number, kubeconfig: string, home: string, churn = 0): Promise<Figures> {
	const figures: Figures = {client: client.name, pods, cols, rows, load: Number(loadavg()[0]!.toFixed(2)), ...(churn ? {churn} : {})};
	const env = {...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_STATE_HOME: path.join(home, 'state'), TERM: 'xterm-256color', KUBECONFIG: kubeconfig, NODE_OPTIONS: ''};
	const screen = new PtyScreen(client.file, client.args(kubeconfig), {cols, rows, env});
	let peak = 0;
	const sampler = setInterval(() => {
		peak = Math.max(peak, screen.rss() ?? 0);
	}, 250);
	const loadDeadline = values['load-deadline'] ? Number(values['load-deadline']) * 1000 : 60_000 + pods * 10;
	try {
		const ms = (at: number) => Math.round(at - screen.started);
		const frame = screen.waitFor('first frame', anythingShown, loadDeadline);
		const firstRows = screen.waitFor('first pod rows', podRowShown, loadDeadline);
		figures.firstFrameMs = ms(await frame);
		if (!client.interactive) {
			// kubectl prints everything and exits: "every pod loaded" is its exit.
			figures.firstRowsMs = ms(await firstRows);
			const deadline = performance.now() + loadDeadline;
			while (!screen.hasExited && performance.now() < deadline) await sleep(20);
			figures.allLoadedMs = Math.round(screen.lastOutputAt - screen.started);
			figures.rssPeakMb = Math.round(peak / 1048576);
			return figures;
		}
		figures.firstRowsMs = ms(await firstRows);
		figures.allLoadedMs = ms(await screen.waitFor('every pod loaded', (s) => client.allLoaded!(s, pods), loadDeadline));
		await screen.quiet(500, 10_000);
		figures.rssAfterLoadMb = Math.round((screen.rss() ?? 0) / 1048576);

		if (churn) {
			// No keys while the simulator changes pods: what the program writes, burns and holds.
			const window = await measureWindow(screen, churnWindowMs);
			figures.churnBytesPerS = window.bytesPerS;
			figures.churnCpuPct = window.cpuPct;
			figures.churnRssMb = window.rssMb;
		} else {
			// Idle: no keys, no cluster changes; what it writes and burns anyway.
			const window = await measureWindow(screen, idleMs);
			figures.idleBytesPerS = window.bytesPerS;
			figures.idleCpuPct = window.cpuPct;
			figures.rssIdleMb = Math.round((screen.rss() ?? 0) / 1048576);
		}

		// Cursor moves: down half of them, back up the other half (past the screen's end, so both scroll).
		const latencies: number[] = [];
		const perMove: number[] = [];
		for (let i = 0; i < moves; i++) {
			const before = selection(screen);
			const bytesBefore = screen.bytes;
			const sent = performance.now();
			screen.write(i < moves / 2 ? 'j' : 'k');
			const changed = await screen.waitFor('the selection to move', (s) => selection(s) !== before, 10_000);
			latencies.push(changed - sent);
			await screen.quiet(40, 2000);
			perMove.push(screen.bytes - bytesBefore);
		}
		figures.moveP50Ms = Number(pct(latencies, 50).toFixed(1));
		figures.moveP95Ms = Number(pct(latencies, 95).toFixed(1));
		figures.moveMaxMs = Number(Math.max(...latencies).toFixed(1));
		figures.bytesPerMoveMedian = pct(perMove, 50);
		figures.bytesPerMoveP95 = pct(perMove, 95);
		await screen.flushed();
		figures.screenCheck = screenIsSane(screen) ?? 'ok';
		if (!churn && filterRounds > 0) Object.assign(figures, await measureFilter(screen, filterRounds, (s) => client.allLoaded!(s, pods)));
		if (!churn && sortRounds > 0) Object.assign(figures, await measureSort(screen, sortRounds));
		figures.rssPeakMb = Math.round(peak / 1048576);
	} catch (error) {
		// The reason and the screen's top lines, which say where the program was.
		figures.error = (error as Error).message.split('\n').slice(0, 5).join(' / ');
	} finally {
		clearInterval(sampler);
		await screen.stop();
	}
	return figures;
}

const columns: Array<[string, (f: Figures) => number | string | undefined]> = [
	['first frame ms', (f) => f.firstFrameMs],
	['first rows ms', (f) => f.firstRowsMs],
	['all loaded ms', (f) => f.allLoadedMs],
	['RSS loaded MB', (f) => f.rssAfterLoadMb],
	['RSS idle MB', (f) => f.rssIdleMb],
	['RSS peak MB', (f) => f.rssPeakMb],
	['idle CPU %', (f) => f.idleCpuPct],
	['idle B/s', (f) => f.idleBytesPerS],
	['move p50 ms', (f) => f.moveP50Ms],
	['move p95 ms', (f) => f.moveP95Ms],
	['B/move median', (f) => f.bytesPerMoveMedian],
	['B/move p95', (f) => f.bytesPerMoveP95],
	['screen', (f) => f.screenCheck],
	['filter p50 ms', (f) => f.filterP50Ms],
	['filter p95 ms', (f) => f.filterP95Ms],
	['clear p50 ms', (f) => f.clearP50Ms],
	['clear p95 ms', (f) => f.clearP95Ms],
	['sort p50 ms', (f) => f.sortP50Ms],
	['sort p95 ms', (f) => f.sortP95Ms],
];

const churnColumns: Array<[string, (f: Figures) => number | string | undefined]> = [
	['all loaded ms', (f) => f.allLoadedMs],
	['churn B/s', (f) => f.churnBytesPerS],
	['churn CPU %', (f) => f.churnCpuPct],
	['churn RSS MB', (f) => f.churnRssMb],
	['RSS peak MB', (f) => f.rssPeakMb],
	['move p50 ms', (f) => f.moveP50Ms],
	['move p95 ms', (f) => f.moveP95Ms],
	['B/move median', (f) => f.bytesPerMoveMedian],
	['screen', (f) => f.screenCheck],
];

function printTable(rows: Figures[], shown = columns): void {
	const names = rows.map((r) => r.client);
	const ratio = (a: Figures | undefined, b: Figures | undefined, get: (f: Figures) => number | string | undefined) => {
		const x = a && get(a);
		const y = b && get(b);
		return typeof x === 'number' && typeof y === 'number' && y > 0 ? (x / y).toFixed(2) : '';
	};
	const kd = rows.find((r) => r.client === 'kubedeck');
	const k9 = rows.find((r) => r.client === 'k9s');
	const kc = rows.find((r) => r.client === 'kubectl');
	const header = ['figure', ...names, 'kubedeck÷k9s', 'kubedeck÷kubectl'];
	const lines = shown.map(([label, get]) => [label, ...rows.map((r) => String(get(r) ?? '—')), ratio(kd, k9, get), ratio(kd, kc, get)]);
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
	const fmt = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
	console.log(fmt(header));
	console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
	for (const l of lines) console.log(fmt(l));
	for (const r of rows) if (r.error) console.log(`${r.client}: ${r.error}`);
}

const all: Figures[] = [];
console.log(`bench:tui — ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${new Date().toISOString()}`);
if (!k9s) console.log('k9s: not on the PATH nor in $GOPATH/bin — skipped (go install github.com/derailed/k9s@v0.50.16)');
for (const pods of sizes) {
	const home = mkdtempSync(path.join(tmpdir(), 'kubedeck-tui-'));
	const sim = await startSimProcess(root, path.join(home, 'kubeconfig.yaml'), ['--scenario', 'scale', '--pods', String(pods), '--nodes', String(Math.max(10, Math.round(pods / 100))), '--seed', '1'], 600_000);
	try {
		for (const [cols, rows] of terms) {
			const runs: Figures[] = [];
			for (const client of clients(root, node, k9s, values.baseline)) {
				if (only && !only.has(client.name.split('@')[0]!)) continue;
				// kubectl's output does not depend on the terminal's height: once per size is enough.
				if (!client.interactive && runs.length && cols !== terms[0]![0]) continue;
				runs.push(await measure(client, pods, cols, rows, sim.kubeconfig, home));
			}
			console.log(`\n${pods} pods, ${cols}×${rows}, load ${loadavg()[0]!.toFixed(2)}:`);
			printTable(runs);
			all.push(...runs);
		}
	} finally {
		await sim.stop();
		rmSync(home, {recursive: true, force: true});
	}
}
// Churn: the same clients against a simulator changing pods N times a second, first terminal size only.
for (const rate of churnRates) {
	const home = mkdtempSync(path.join(tmpdir(), 'kubedeck-tui-'));
	const sim = await startSimProcess(root, path.join(home, 'kubeconfig.yaml'), ['--scenario', 'scale', '--pods', String(churnPods), '--nodes', String(Math.max(10, Math.round(churnPods / 100))), '--seed', '1', '--churn', String(rate)], 600_000);
	try {
		const [cols, rows] = terms[0]!;
		const runs: Figures[] = [];
		for (const client of clients(root, node, k9s, values.baseline)) {
			if (!client.interactive || (only && !only.has(client.name.split('@')[0]!))) continue;
			runs.push(await measure(client, churnPods, cols, rows, sim.kubeconfig, home, rate));
		}
		console.log(`\n${churnPods} pods, ${rate} pod changes/s, ${cols}×${rows}, load ${loadavg()[0]!.toFixed(2)}:`);
		printTable(runs, churnColumns);
		all.push(...runs);
	} finally {
		await sim.stop();
		rmSync(home, {recursive: true, force: true});
	}
}
const jsonFile = values.json ?? path.join(tmpdir(), `kubedeck-bench-tui-${Date.now()}.json`);
writeFileSync(jsonFile, `${JSON.stringify({date: new Date().toISOString(), cores: cpus().length, node: process.version, results: all}, null, 2)}\n`);
console.log(`\nfigures as JSON: ${jsonFile}`);
