// Keys sent in one tmux send-keys call reach kubedeck in one read: j Enter opens the row the
// screen shows selected after j; Enter Enter after the scale prompt scales once and does not
// drill into the pods below.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startKubedeck, tmuxMissing} from './tmux.js';

const needsTmux = tmuxMissing() ?? false;

/** The deployment rows on screen, in order: name and whether it is the selected one. */
function deploymentRows(screen: string): Array<{namespace: string; name: string; selected: boolean}> {
	const lines = screen.split('\n');
	const header = lines.findIndex((line) => /\bNAMESPACE\b.*\bNAME\b.*\bREADY\b/.test(line));
	const rows: Array<{namespace: string; name: string; selected: boolean}> = [];
	for (const line of lines.slice(header + 1)) {
		const match = /^(>?)\s*(\S+)\s+(\S+)\s+\d+\/\d+/.exec(line);
		if (!match) break;
		rows.push({namespace: match[2]!, name: match[3]!, selected: match[1] === '>'});
	}
	return rows;
}

test('tmux: j Enter in one send-keys drills into the row j selected; Enter Enter after scale stays put', {skip: needsTmux, timeout: 300_000}, async () => {
	const t = startKubedeck(['--demo', '-A', '-c', 'deploy'], {columns: 120, rows: 30});
	try {
		let screen = await t.waitFor(/deployments\(all\)\[(?:[2-9]|\d\d)/);
		let rows = deploymentRows(screen);
		assert.ok(rows.length >= 2, `two deployments to choose from:\n${screen}`);
		assert.equal(rows.findIndex((r) => r.selected), 0, 'the first row is selected');
		t.send('j', 'Enter');
		screen = await t.waitFor(/pods\(.*\)\[\d+\] <deploy\//);
		assert.match(screen, new RegExp(`<deploy/${rows[1]!.name}>`), `drilled into ${rows[1]!.name}, the row below:\n${screen}`);

		t.send('Escape');
		screen = await t.waitFor(/deployments\(all\)\[(?:[2-9]|\d\d)/);
		rows = deploymentRows(screen);
		const selected = rows.find((r) => r.selected)!;
		const target = selected.name;
		t.send('s');
		await t.waitFor(new RegExp(`Scale deployment ${selected.namespace}/${target} to:`));
		// One read: clear the field, a count, and Enter twice.
		t.send('C-u', '3', 'Enter', 'Enter');
		screen = await t.waitFor(new RegExp(`deployment\\.apps/${target} scaled from \\d+ to 3|${target} (is )?already`));
		assert.doesNotMatch(screen, /<deploy\//, `the second Enter did not drill into the pods:\n${screen}`);
		assert.match(screen, /deployments\(all\)/);
		t.type('q');
		await t.waitFor(/KUBEDECK-EXITED 0/);
	} finally {
		t.close();
	}
});
