// The questions of issue 14's table, each walked from launch in kubedeck --demo in tmux at
// 80×24, with the keystrokes counted (a flag on the command line is not a keystroke; each key
// sent is). Each path asserts its count against the table's target, so a path that grows fails.
//   previous logs of the crash-looping pod             -n production: ctrl-z l p  3 (target ≤ 3)
//   why is this GPU pod pending, and is a node coming  --triage: G d     2 (target ≤ 3)
//   which node's GPU plugin is failing, what runs there --triage: j ⏎ ⏎  3 (target ≤ 3)
//   which pod was OOMKilled                            --triage          0 (target ≤ 3)
//   recent warning events                              W                 1 (target ≤ 2)
//   is the HPA pinned at its maximum                   --triage          0 (target ≤ 2)
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startKubedeck, tmuxMissing, type Terminal} from './tmux.js';

const needsTmux = tmuxMissing() ?? false;
const SIZE = {columns: 80, rows: 24};

/** A terminal that counts the keys sent to it, so each path states its cost. */
class Walk {
	keys = 0;
	constructor(readonly t: Terminal) {}
	press(...keys: string[]): void {
		for (const key of keys) {
			this.keys++;
			this.t.send(key);
		}
	}
}

async function walk(args: string[], fn: (w: Walk) => Promise<void>): Promise<number> {
	const terminal = startKubedeck(['--demo', ...args], SIZE);
	const w = new Walk(terminal);
	try {
		await fn(w);
	} finally {
		terminal.close();
	}
	return w.keys;
}

test('previous logs of the crash-looping pod: -n production, ctrl-z l p', {skip: needsTmux, timeout: 180_000}, async () => {
	// The demo's default namespace is healthy: the user names the namespace the incident is in.
	const keys = await walk(['-n', 'production'], async (w) => {
		await w.t.waitFor(/pods\(production\)\[[1-9]/);
		w.press('C-z');
		await w.t.waitFor(/CrashLoopBackOff/);
		w.press('l');
		await w.t.waitFor(/^logs \S+/m);
		w.press('p');
		const screen = await w.t.waitFor(/previous container instance[\s\S]*end of log/);
		assert.match(screen, /logs production\/recommendations-/);
	});
	assert.ok(keys <= 3, `${keys} keys`);
});

test('why is this GPU pod pending, and is a node coming: --triage, G d shows the verdict and the whole scheduler message on the first page', {skip: needsTmux, timeout: 180_000}, async () => {
	const keys = await walk(['--triage'], async (w) => {
		// The newest pending GPU pod sorts last, below the first screen at 80×24 (the demo's statefulset,
		// job and claim rows come before it): once the autoscaler's verdicts are in (the H100 pods', on
		// the first screen), G selects it, and its own verdict follows.
		await w.t.waitFor(/hparam-sweep-t\S*\s+Pending for gpu:2 · no node will come/, 90_000);
		w.press('G');
		await w.t.waitFor(/^> ml-training\s+embed-backfill\S*\s+Pending for gpu:1 · a node is coming/m, 90_000);
		w.press('d');
		const screen = await w.t.waitFor(/describe pod ml-training\/embed-backfill-0[\s\S]*Why Pending:[\s\S]*preemption:/);
		assert.match(screen, /Autoscaler:\s+a node is coming \(gpu-l40s: 0 → 1, \d+s ago\)/);
		assert.match(screen, /Scheduler:\s+0\/\d+ nodes are available:/);
		// Every reason whole: none is cut at the screen's edge.
		assert.match(screen, /^ {4}\d+ node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}$/m);
		assert.match(screen, /^ {4}\d+ node\(s\) didn't match Pod's node affinity\/selector$/m);
	});
	assert.ok(keys <= 3, `${keys} keys`);
});

test('which node\'s GPU device plugin is failing, and what runs there: --triage, j ⏎ ⏎', {skip: needsTmux, timeout: 180_000}, async () => {
	const keys = await walk(['--triage'], async (w) => {
		// Nodes come first among the errors: the node down, then the one whose plugin fails. Once
		// the DCGM scrape has answered, the GPU's XID (the cause) leads that row's reason and the
		// plugin's failure follows it past an 80-column edge; before that, the plugin leads.
		let screen = await w.t.waitFor(/node\/gpu-h100-2\s+(?:GPU device plugin failing|GPU \d+: XID 79 \(fallen off the bus\) · GPU device)/);
		assert.match(screen, /^> -\s+node\/worker-4\s+node unreachable \(Ready Unknown\)/m);
		w.press('j');
		await w.t.waitFor(/^> -\s+node\/gpu-h100-2/m);
		w.press('Enter');
		await w.t.waitFor(/^> gpu-h100-2\b/m);
		w.press('Enter');
		screen = await w.t.waitFor(/pods\(all\)\[\d+\] <node\/gpu-h100-2>/);
		// Every pod on the node, not only the GPU holders: its kube-proxy and the failing plugin.
		assert.match(screen, /kube-proxy-/);
		assert.match(screen, /nvidia-device-plug\S*\s+0\/1\s+CrashLoopBackOff/);
	});
	assert.ok(keys <= 3, `${keys} keys`);
});

test('which pod was OOMKilled: --triage lists it without a key', {skip: needsTmux, timeout: 180_000}, async () => {
	const keys = await walk(['--triage'], async (w) => {
		const screen = await w.t.waitFor(/production\s+cache-warmer\S*\s+OOMKilled \S+ ago/);
		assert.match(screen, /problems\(all\)\[\d+\]/);
	});
	assert.equal(keys, 0);
});

test('recent warning events: W', {skip: needsTmux, timeout: 180_000}, async () => {
	const keys = await walk([], async (w) => {
		await w.t.waitFor(/pods\(default\)\[[1-9]/);
		w.press('W');
		const screen = await w.t.waitFor(/events\(all\)\[[1-9]\d*\][\s\S]*Warning/);
		// Warnings first: the first row is one.
		assert.match(screen, /^>\s+\S+\s+\S+\s+Warning/m);
	});
	assert.ok(keys <= 2, `${keys} keys`);
});

test('is the HPA pinned at its maximum: --triage lists it without a key', {skip: needsTmux, timeout: 320_000}, async () => {
	const keys = await walk(['--triage'], async (w) => {
		// The demo's HPA controller drives ml-serving/llm-inference and production/api to their maximum
		// within a few minutes (at 80 columns the SINCE column gives way to REASON).
		const screen = await w.t.waitFor(/^\s+(ml-serving|production)\s+hpa\/\S+\s+at max 6 replicas \(current 6\)/m, 280_000);
		assert.match(screen, /problems\(all\)\[\d+\]/);
	});
	assert.equal(keys, 0);
});
