// kubedeck --demo in a real terminal at 80×24 and 200×50: the panes, drill-down, help,
// namespace switch and quit, as an SRE would drive them.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startKubedeck, tmuxMissing, type Terminal} from './tmux.js';

const needsTmux = tmuxMissing() ?? false;

async function withKubedeck(size: {columns: number; rows: number}, fn: (t: Terminal) => Promise<void>): Promise<void> {
	const terminal = startKubedeck(['--demo'], size);
	try {
		await fn(terminal);
	} finally {
		terminal.close();
	}
}

function frameLines(screen: string): number {
	return screen.replace(/\n+$/, '').split('\n').length;
}

test('80×24: pods, :dp, drill into a deployment, Esc back, help, quit restores the screen', {skip: needsTmux, timeout: 300_000}, async () => {
	await withKubedeck({columns: 80, rows: 24}, async (t) => {
		let screen = await t.waitFor(/watch pods live[\s\S]*pods\(default\)\[[1-9]/);
		assert.match(screen, /ctx kubedeck-demo/);
		assert.ok(frameLines(screen) < 24, 'the frame leaves the last line free (no full-screen redraws)');

		t.type(':dp');
		t.send('Enter');
		screen = await t.waitFor(/deployments\(default\)\[[1-9]/);
		assert.match(screen, /UP-TO-DATE/);

		t.send('Enter');
		screen = await t.waitFor(/pods\(default\)\[\d+\] <deploy\//);

		t.send('Escape');
		await t.waitFor(/deployments\(default\)/);

		t.type('?');
		screen = await t.waitFor(/\[deployments\]/);
		assert.match(screen, /Scale/);
		t.send('Escape');
		await t.waitFor(/deployments\(default\)/);

		t.type(':nope');
		t.send('Enter');
		await t.waitFor(/unknown command: nope \(try :pods/);
		t.send('Escape');
		// Escape followed at once by q would reach the terminal as Alt+q.
		await t.waitForGone(/:nope/);

		t.type('q');
		screen = await t.waitFor(/KUBEDECK-EXITED 0/);
		assert.doesNotMatch(screen, /deployments\(default\)/, 'the alternate screen is gone after quit');
	});
});

test('200×50: all namespaces, nodes with wide columns, drill into a node, filter', {skip: needsTmux, timeout: 300_000}, async () => {
	await withKubedeck({columns: 200, rows: 50}, async (t) => {
		await t.waitFor(/watch pods live[\s\S]*pods\(default\)\[[1-9]/);

		t.type('0');
		// The watch re-lists for the new scope; rows arrive a moment later.
		let screen = await t.waitFor(/pods\(all\)\[\d+\][\s\S]*kube-system/);
		assert.match(screen, /NAMESPACE/);

		t.type(':no');
		t.send('Enter');
		screen = await t.waitFor(/nodes\[[1-9]/);
		assert.doesNotMatch(screen, /TAINTS/);
		t.send('C-w');
		screen = await t.waitFor(/TAINTS/);
		assert.match(screen, /KERNEL-VERSION/);
		assert.ok(frameLines(screen) < 50);

		t.send('Enter');
		screen = await t.waitFor(/pods\(all\)\[\d+\] <node\//);

		t.type('/');
		t.type('kube-proxy');
		t.send('Enter');
		screen = await t.waitFor(/pods\(all\)\[1\] <node\/\S+ \/kube-proxy>/);

		t.type('q');
		await t.waitFor(/KUBEDECK-EXITED 0/);
	});
});

test('a resize re-lays the table out: columns dropped at 80 wide come back at 160', {skip: needsTmux, timeout: 300_000}, async () => {
	await withKubedeck({columns: 80, rows: 24}, async (t) => {
		await t.waitFor(/watch pods live[\s\S]*pods\(default\)\[[1-9]/);
		t.type('0'); // all namespaces: long names and a NAMESPACE column, more than 80 columns hold
		let screen = await t.waitFor(/pods\(all\)\[[1-9][\s\S]*kube-system/);
		const header = (s: string) => s.split('\n').find((line) => /NAME\s+READY/.test(line)) ?? '';
		assert.doesNotMatch(header(screen), /\bNODE\b/, 'NODE gives way at 80 columns');
		t.resize(160, 40);
		screen = await t.waitFor(/NAME\s+READY.*\bNODE\b/);
		assert.ok(frameLines(screen) < 40);
		for (const line of screen.split('\n')) assert.ok(line.length <= 160, line);
	});
});
