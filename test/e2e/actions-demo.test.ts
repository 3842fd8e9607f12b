// The actions of issue 4 in a real terminal against `kubedeck --demo`: scale and watch READY
// converge, restart and follow the rollout to completion, read a pod's logs, and --readonly
// refusing a scale without opening the prompt.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import * as tmux from './tmux.js';

const missing = spawnSync('tmux', ['-V'], {stdio: 'ignore'}).status === 0 ? undefined : 'tmux is not installed';

/** The helpers' key-sending name has changed once already; accept either. */
interface Driver {
	screen(): string;
	type(text: string): void;
	waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
	close(): void;
	press?(...keys: string[]): void;
	send?(...keys: string[]): void;
}

function start(args: string[], size = {columns: 120, rows: 30}) {
	const term = tmux.startKubedeck(args, size) as unknown as Driver;
	// No pacing: keys are reduced one at a time in order, even when they arrive in one read
	// together with the mode change they follow (test/views/actions-app.test.tsx covers that).
	const keys = async (...names: string[]) => {
		if (term.press) term.press(...names);
		else term.send!(...names);
	};
	const type = async (text: string) => {
		term.type(text);
	};
	return {term, keys, type};
}

test('demo: scale converges, restart rolls out to completion, logs show lines', {timeout: 300_000}, async (t) => {
	if (missing) {
		t.skip(missing);
		return;
	}
	const {term, keys, type} = start(['--demo']);
	try {
		await term.waitFor(/pods\(default\)\[\d+\]/);
		await type(':deploy');
		await keys('Enter');
		let screen = await term.waitFor(/deployments\(default\)\[[1-9]\d*\][\s\S]*^> \S+\s+\d+\/\d+/m);
		const name = /^> (\S+)\s+\d+\/\d+/m.exec(screen)?.[1];
		assert.ok(name, `a deployment is selected:\n${screen}`);

		// Scale: the prompt is prefilled, a bad value keeps it open, then 3 converges.
		await keys('s');
		await term.waitFor(new RegExp(`Scale deployment default/${name} to: \\d+`));
		await keys('BSpace', 'BSpace', 'BSpace');
		await type('-1');
		await keys('Enter');
		await term.waitFor(/replicas cannot be negative/);
		await keys('BSpace', 'BSpace');
		await type('3');
		await keys('Enter');
		await term.waitFor(new RegExp(`deployment\\.apps/${name} scaled (from \\d+ )?to 3|already 3`));
		screen = await term.waitFor(new RegExp(`> ${name}\\s+3/3\\s+3\\s+3`));

		// Rolling restart: confirm, then the rollout view until kubectl's "successfully rolled out".
		await keys('r');
		await term.waitFor(new RegExp(`Restart deployment default/${name}\\?.*\\[y/N\\]`));
		await keys('y');
		await term.waitFor(new RegExp(`rollout status deployment default/${name}`));
		// The last status and the end of the follow are two answers: wait for the view to say both.
		screen = await term.waitFor(new RegExp(`deployment "${name}" successfully rolled out[\\s\\S]*complete · Esc back`), 90_000);
		assert.match(screen, /available\s+#{20} 3\/3/);
		await keys('Escape');
		await term.waitFor(/deployments\(default\)\[\d+\]/);

		// Logs of a pod: lines arrive, and Esc returns to the table.
		await type(':pods');
		await keys('Enter');
		await term.waitFor(/pods\(default\)\[\d+\]/);
		// Right after the rollout an old pod may still be Terminating at the top; pick a running one.
		await keys('/');
		await type('Running');
		await keys('Enter');
		await term.waitFor(/pods\(default\)\[\d+\] <\/Running>\n(?:.*\n)?> \S+\s+1\/1\s+Running/);
		await keys('l');
		screen = await term.waitFor(/logs default\/\S+|which container\?/);
		if (/which container\?/.test(screen)) await keys('Enter');
		screen = await term.waitFor(/logs default\/\S+.*following/);
		// A pod the restart just made has few lines yet: wait for three.
		screen = await term.waitFor(/\[tail 200 · following\][^\n]*\n(?!waiting for log lines)(?:\S[^\n]*\n){3}/);
		const lines = screen.split('\n').slice(3, 10).filter((l) => l.trim() !== '');
		assert.ok(lines.length >= 3, `log lines are shown:\n${screen}`);
		for (const line of screen.split('\n')) assert.ok(line.length <= 120, 'no line wider than the terminal');
		await keys('Escape');
		await term.waitFor(/pods\(default\)\[\d+\]/);
	} finally {
		term.close();
	}
});

test('demo --readonly: s on a deployment shows the refusal and opens no prompt', {timeout: 300_000}, async (t) => {
	if (missing) {
		t.skip(missing);
		return;
	}
	const {term, keys, type} = start(['--demo', '--readonly'], {columns: 80, rows: 24});
	try {
		await term.waitFor(/pods\(default\)\[\d+\]/);
		await type(':deploy');
		await keys('Enter');
		const before = await term.waitFor(/deployments\(default\)\[[1-9]\d*\][\s\S]*^> \S+\s+\d+\/\d+/m);
		const ready = /> (\S+)\s+(\d+\/\d+)/.exec(before)!;
		await keys('s');
		const screen = await term.waitFor(/read-only mode: scale is disabled \(started with --readonly\)/);
		assert.doesNotMatch(screen, /Scale deployment/);
		await keys('r');
		const refused = await term.waitFor(/read-only mode: restart is disabled/);
		// The gate refused before any call; the row is as it was.
		assert.match(refused, new RegExp(`> ${ready[1]}\\s+${ready[2]}`), 'nothing changed');
	} finally {
		term.close();
	}
});

test('demo at 200x50: cordon and uncordon a node, kill a pod and see it replaced', {timeout: 300_000}, async (t) => {
	if (missing) {
		t.skip(missing);
		return;
	}
	const {term, keys, type} = start(['--demo'], {columns: 200, rows: 50});
	try {
		await term.waitFor(/pods\(default\)\[[1-9]\d*\][\s\S]*^> \S+/m);
		await type(':nodes');
		await keys('Enter');
		await term.waitFor(/nodes\[\d+\][\s\S]*worker-1/);
		// The selection starts on the first node (by name); walk down to worker-1.
		for (let i = 0; i < 15 && !/^> worker-1\s/m.test(term.screen()); i++) {
			const from = /^> (\S+)/m.exec(term.screen())?.[1] ?? '';
			await keys('j');
			await term.waitFor(new RegExp(`^> (?!${from}\\s)\\S+`, 'm'));
		}
		await term.waitFor(/^> worker-1\s+Ready\s/m);
		await keys('c');
		await term.waitFor(/Cordon node worker-1\? .*\[y\/N\]/);
		await keys('y');
		await term.waitFor(/node\/worker-1 cordoned/);
		await term.waitFor(/^> worker-1\s+Ready,SchedulingDisabled\s/m);
		await keys('u');
		await term.waitFor(/Uncordon node worker-1\?/);
		await keys('y');
		await term.waitFor(/node\/worker-1 uncordoned/);
		await term.waitFor(/^> worker-1\s+Ready\s/m);

		await type(':pods');
		await keys('Enter');
		const screen = await term.waitFor(/pods\(default\)\[[1-9]\d*\][\s\S]*^> (\S+)/m);
		const victim = /^> (\S+)/m.exec(screen)![1]!;
		await keys('C-k');
		await term.waitFor(new RegExp(`Kill pod default/${victim} now \\(grace period 0\\)\\? \\[y/N\\]`));
		await keys('y');
		await term.waitFor(new RegExp(`pod "${victim}" killed \\(grace period 0\\)`));
		// Gone from the table; its ReplicaSet makes a new one.
		const podRows = (screen: string) => screen.split('\n').filter((line) => /^[> ] \S+\s+\d+\/\d+/.test(line));
		const replaced = (screen: string) => podRows(screen).length > 0 && podRows(screen).every((line) => !line.includes(victim));
		const deadline = Date.now() + 30_000;
		while (!replaced(term.screen()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200)); // poll until the deadline
		assert.ok(replaced(term.screen()), `the killed pod left the table and a replacement is listed:\n${term.screen()}`);
	} finally {
		term.close();
	}
});
