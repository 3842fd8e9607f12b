// Benchmark: the simulated API server with 50,000 pods (scenario 'scale').
// Prints seed time, list times (full and paged), memory, and kubectl wall times.
// Run: node --expose-gc --import tsx bench/sim-50k.ts [pods] [nodes]
import {execFile, spawnSync} from 'node:child_process';
import {promisify} from 'node:util';
import {readFileSync} from 'node:fs';
import {startSim} from '../source/sim/index.js';

const pods = Number(process.argv[2] ?? 50_000);
const nodes = Number(process.argv[3] ?? 500);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (start: bigint): string => `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms`;

function tokenOf(kubeconfig: string): string {
	return /token: (\S+)/.exec(readFileSync(kubeconfig, 'utf8'))![1]!;
}

// Clients run as child processes: the server shares this event loop, so an in-process
// client (or a synchronous exec) would measure itself, or deadlock.
const run = promisify(execFile);
const hasCurl = !spawnSync('curl', ['--version']).error;

/** Wall time of one GET as an external client sees it. */
async function timedGet(url: string, token: string): Promise<{ms: number; bytes: number}> {
	const start = process.hrtime.bigint();
	if (hasCurl) {
		const {stdout} = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{size_download}', '-H', `Authorization: Bearer ${token}`, url]);
		return {ms: Number(process.hrtime.bigint() - start) / 1e6, bytes: Number(stdout)};
	}
	const {bytes} = await get(url, token);
	return {ms: Number(process.hrtime.bigint() - start) / 1e6, bytes};
}

async function get(url: string, token: string): Promise<{bytes: number; body: string}> {
	const response = await fetch(url, {headers: {Authorization: `Bearer ${token}`}});
	const body = await response.text();
	if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
	return {bytes: Buffer.byteLength(body), body};
}

let start = process.hrtime.bigint();
const sim = await startSim({scenario: 'scale', pods, nodes, seed: 1});
console.log(`seed ${pods} pods on ${nodes} nodes: ${ms(start)} (store resourceVersion ${sim.store.resourceVersion})`);
globalThis.gc?.();
const memory = process.memoryUsage();
console.log(`memory after seed: rss ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)}${globalThis.gc ? ' (after gc)' : ' (run with --expose-gc for post-GC figures)'}`);

const token = tokenOf(sim.kubeconfigPath);
try {
	for (let attempt = 1; attempt <= 3; attempt++) {
		const full = await timedGet(`${sim.url}/api/v1/pods`, token);
		console.log(`full list GET /api/v1/pods (run ${attempt}, ${hasCurl ? 'curl' : 'in-process fetch'}): ${full.ms.toFixed(0)} ms, ${mb(full.bytes)}`);
	}
	if (hasCurl) {
		// Server-side cost per page as an external client sees it (kubectl pages with limit=500).
		let next = '';
		const times: number[] = [];
		do {
			const {stdout} = await run('curl', ['-s', '-w', '\n%{time_total}', '-H', `Authorization: Bearer ${token}`, `${sim.url}/api/v1/pods?limit=500${next ? `&continue=${next}` : ''}`], {maxBuffer: 1024 * 1024 * 1024});
			const cut = stdout.lastIndexOf('\n');
			times.push(Number(stdout.slice(cut + 1)) * 1000);
			next = /"continue":"([^"]+)"/.exec(stdout.slice(0, 1000))?.[1] ?? '';
		} while (next);
		times.sort((a, b) => a - b);
		const total = times.reduce((a, b) => a + b, 0);
		console.log(`paged list limit=500 via curl: ${times.length} pages, total ${total.toFixed(0)} ms, median ${times[times.length >> 1]!.toFixed(1)} ms/page, max ${times[times.length - 1]!.toFixed(0)} ms`);
		// The same pages as kubectl's human output asks for them: server-side Table printing.
		const tableTimes: number[] = [];
		next = '';
		do {
			const {stdout} = await run('curl', ['-s', '-w', '\n%{time_total}', '-H', `Authorization: Bearer ${token}`, '-H', 'Accept: application/json;as=Table;v=v1;g=meta.k8s.io', `${sim.url}/api/v1/pods?limit=500${next ? `&continue=${next}` : ''}`], {maxBuffer: 1024 * 1024 * 1024});
			const cut = stdout.lastIndexOf('\n');
			tableTimes.push(Number(stdout.slice(cut + 1)) * 1000);
			next = /"continue":"([^"]+)"/.exec(stdout.slice(0, 1000))?.[1] ?? '';
		} while (next);
		tableTimes.sort((a, b) => a - b);
		console.log(`paged Table list limit=500 via curl: ${tableTimes.length} pages, total ${tableTimes.reduce((a, b) => a + b, 0).toFixed(0)} ms, median ${tableTimes[tableTimes.length >> 1]!.toFixed(1)} ms/page`);
	}
	// Paged with an in-process client: includes parsing each page, as a UI would.
	start = process.hrtime.bigint();
	let pages = 0;
	let items = 0;
	let token500: string | undefined;
	do {
		const url = `${sim.url}/api/v1/pods?limit=500${token500 ? `&continue=${encodeURIComponent(token500)}` : ''}`;
		const page = JSON.parse((await get(url, token)).body) as {items: unknown[]; metadata: {continue?: string}};
		pages++;
		items += page.items.length;
		token500 = page.metadata.continue;
	} while (token500);
	console.log(`paged list limit=500: ${ms(start)} for ${pages} pages, ${items} items`);
	start = process.hrtime.bigint();
	const selected = JSON.parse((await get(`${sim.url}/api/v1/pods?labelSelector=${encodeURIComponent('app=app-0007')}`, token)).body) as {items: unknown[]};
	console.log(`label-selected list (app=app-0007): ${ms(start)}, ${selected.items.length} items`);

	const kubectl = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
	if (kubectl.error) console.log(`kubectl: not installed (${kubectl.error.message}); skipped`);
	else {
		for (const [label, command] of [
			['kubectl get pods -A -o name | wc -l', `kubectl --kubeconfig ${sim.kubeconfigPath} get pods -A -o name | wc -l`],
			['kubectl get pods -A (table)', `kubectl --kubeconfig ${sim.kubeconfigPath} get pods -A | wc -l`],
		] as const) {
			start = process.hrtime.bigint();
			const timed = spawnSync('test', ['-x', '/usr/bin/time']).status === 0 ? `/usr/bin/time -f 'cpu=%U' bash -c '${command}'` : command;
			const {stdout, stderr} = await run('bash', ['-c', timed], {encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024});
			const cpu = /cpu=(\d+\.\d+)/.exec(stderr)?.[1];
			console.log(`${label}: ${ms(start)} wall${cpu ? `, ${cpu} s CPU in kubectl` : ''} (${stdout.trim()} lines)`);
		}
	}
	// After the table listing (which reads every object): what the store keeps, not garbage.
	globalThis.gc?.();
	const after = process.memoryUsage();
	console.log(`memory at end (after the table listing): rss ${mb(after.rss)}, heap used ${mb(after.heapUsed)}${globalThis.gc ? ' (after gc)' : ''}`);
} finally {
	await sim.close();
}
