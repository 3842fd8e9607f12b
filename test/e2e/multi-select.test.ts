// Multi-select in a real terminal at 80×24 with NO_COLOR against `kubedeck --demo -A`: the
// terminal's own ctrl-space and ctrl-\ reach kubedeck, marked rows carry a * without colour, the
// title counts them, one question lists them, and the answers come back summed up in one line.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startKubedeck, tmuxMissing} from './tmux.js';

test('demo at 80×24, NO_COLOR: mark kube-proxy pods (space, ctrl-space, ctrl-\\), delete 3 at once; cordon and uncordon 2 nodes', {timeout: 300_000}, async (t) => {
	const missing = tmuxMissing();
	if (missing) {
		t.skip(missing);
		return;
	}
	const term = startKubedeck(['--demo', '-A'], {columns: 80, rows: 24}, {env: ['NO_COLOR=1']});
	try {
		await term.waitFor(/pods\(all\)\[\d+\]/);
		term.type('/kube-proxy');
		term.send('Enter');
		await term.waitFor(/<\/kube-proxy>/);
		// Mark, clear, then mark a range: the row under the cursor, two down, ctrl-space.
		term.send('Space');
		await term.waitFor(/<\/kube-proxy 1 marked>/);
		term.send('C-\\');
		await term.waitFor(/1 mark cleared/);
		term.send('Space', 'j');
		term.send('C-Space');
		let screen = await term.waitFor(/<\/kube-proxy 3 marked>/);
		const marked = screen.split('\n').filter((line) => /^[> ]\*kube-system\s+kube-proxy/.test(line));
		assert.equal(marked.length, 3, `three rows carry the marker:\n${screen}`);
		term.send('C-d');
		screen = await term.waitFor(/Delete 3 pods in kube-system\? \[y\/N\]/);
		assert.match(screen, /^ {2}kube-proxy-\S+, kube-proxy-\S+, kube-proxy-\S+$/m, `the names are listed:\n${screen}`);
		term.send('y');
		await term.waitFor(/deleted 3 of 3/);

		term.type(':no');
		term.send('Enter');
		// The rows, not just the title: marks need a selected row (nodes[0] matched before they arrived).
		await term.waitFor(/nodes\[\d+\][\s\S]*^> cp-1\s/m);
		term.send('Space', 'Space', 'c');
		await term.waitFor(/Cordon 2 nodes\? No new pods will be scheduled on them\./);
		term.send('y');
		screen = await term.waitFor(/cordoned 2 of 2/);
		await term.waitFor(/(SchedulingDisabled[\s\S]*){2}/);
		term.send('g', 'Space', 'Space', 'u');
		await term.waitFor(/Uncordon 2 nodes\?/);
		term.send('y');
		await term.waitFor(/uncordoned 2 of 2/);
		await term.waitForGone(/SchedulingDisabled/);
	} finally {
		term.close();
	}
});
