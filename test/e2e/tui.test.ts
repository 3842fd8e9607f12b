// kubedeck --demo in a real terminal at 80×24 and 200×50: the screen a user sees, driven by keys.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startKubedeck, tmuxMissing} from './tmux.js';

const sizes = [
	{columns: 80, rows: 24},
	{columns: 200, rows: 50},
];

for (const size of sizes) {
	test(`demo at ${size.columns}x${size.rows}: panes, filter, drill-down, help and quit`, {timeout: 300_000}, async (t) => {
		const missing = tmuxMissing();
		if (missing) {
			t.skip(missing);
			return;
		}
		const term = startKubedeck(['--demo'], size);
		try {
			// Starts on pods in the context's namespace, live.
			let screen = await term.waitFor(/pods\(default\)\[\d+\]/);
			assert.match(screen, /kubedeck-demo/);
			const lines = screen.replace(/\n$/, '').split('\n');
			assert.ok(lines.length <= size.rows, 'nothing drawn past the terminal');
			for (const line of lines) assert.ok(line.length <= size.columns, `line wider than the terminal: ${line}`);

			// All namespaces, then the crashlooping pod is there with its STATUS text.
			term.send('0');
			screen = await term.waitFor(/pods\(all\)\[\d+\]/);
			term.type('/');
			term.type('CrashLoop');
			term.send('Enter');
			// Wait for the filter to be applied (title shows it), not just for a matching row.
			screen = await term.waitFor(/<\/CrashLoop>[\s\S]*CrashLoopBackOff/);
			const podRows = screen.split('\n').filter((line) => /\d+\/\d+\s/.test(line));
			assert.ok(podRows.length > 0, 'some pod rows are shown');
			for (const line of podRows) assert.match(line, /CrashLoopBackOff/, `filter lets through only matching rows: ${line}`);
			term.send('Escape');

			// Deployments, drill into one, come back.
			term.type(':deploy');
			term.send('Enter');
			// Rows, not just the title: a pane that is still listing has nothing to drill into.
			screen = await term.waitFor(/deployments\(all\)\[[1-9]/);
			term.send('Enter');
			screen = await term.waitFor(/pods\(.*\)\[\d+\]/);
			term.send('Escape');
			await term.waitFor(/deployments\(all\)\[\d+\]/);

			// Nodes show the GPU nodes; the GPU pane has the H100 node.
			term.type(':nodes');
			term.send('Enter');
			// The nodes watch lists first; wait for the GPU node's row rather than the title.
			screen = await term.waitFor(/nodes.*\[\d+\][\s\S]*gpu-h100-1/);
			term.type(':gpu');
			term.send('Enter');
			screen = await term.waitFor(/H100/);

			// An unknown command is a clear message.
			term.type(':frob');
			term.send('Enter');
			await term.waitFor(/unknown command: frob/);

			// Help is generated from the key map.
			term.type('?');
			screen = await term.waitFor(/[Hh]elp/);
			assert.match(screen, /Filter/);
			term.send('Escape');

			term.type('q');
			await term.waitFor(/KUBEDECK-EXITED 0/);
		} finally {
			term.close();
		}
	});
}
