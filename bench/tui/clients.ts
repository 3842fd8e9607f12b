// The programs bench:tui drives, and how each one's screen says where it is: all of them list
// every pod in every namespace of the simulator's scale scenario, whose pod names start "app-NNNN-".
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import type {PtyScreen} from './ptyScreen.js';

export interface Client {
	name: string;
	file: string;
	args: (kubeconfig: string) => string[];
	/** An interactive table (kubedeck, k9s) or a command that prints and exits (kubectl). */
	interactive: boolean;
	/** Every pod is in its table: the header counts them. */
	allLoaded?: (screen: PtyScreen, pods: number) => boolean;
}

/** k9s from the PATH, else from Go's bin folder; undefined (the bench says it is skipped) when neither has it. */
export function findK9s(): string | undefined {
	const fromPath = spawnSync('k9s', ['version', '--short'], {encoding: 'utf8'});
	if (!fromPath.error && fromPath.status === 0) return 'k9s';
	const goBin = path.join(process.env['GOPATH'] ?? path.join(homedir(), 'go'), 'bin', 'k9s');
	return existsSync(goBin) ? goBin : undefined;
}

/** Both tables title themselves "pods(all)[N]" once they hold N pods (k9s writes 5,000). */
const countedTitle = (screen: PtyScreen, pods: number) => {
	const text = screen.text();
	return text.includes(`pods(all)[${pods}]`) || text.includes(`pods(all)[${pods.toLocaleString('en-US')}]`);
};

export function clients(root: string, node: string, k9s: string | undefined, baseline?: string): Client[] {
	// The bundle the package's bin runs; a baseline from before bundling has only tsc's output.
	const program = (dir: string) => (existsSync(path.join(dir, 'dist/bundle/cli.js')) ? path.join(dir, 'dist/bundle/cli.js') : path.join(dir, 'dist/source/cli.js'));
	const kubedeck = (name: string, dir: string): Client => ({name, file: node, args: (kc) => [program(dir), '--kubeconfig', kc, '-A', '--readonly'], interactive: true, allLoaded: countedTitle});
	const list: Client[] = [kubedeck('kubedeck', root)];
	if (baseline) list.push(kubedeck('kubedeck@base', path.resolve(baseline)));
	if (k9s) list.push({name: 'k9s', file: k9s, args: () => ['-A', '--readonly', '-c', 'pods'], interactive: true, allLoaded: countedTitle});
	list.push({name: 'kubectl', file: 'kubectl', args: (kc) => ['--kubeconfig', kc, 'get', 'pods', '-A'], interactive: false});
	return list;
}

/** A pod row of the scale scenario is on the screen. */
export const podRowShown = (screen: PtyScreen) => /app-\d{4}-/.test(screen.text());

/** Any text at all. */
export const anythingShown = (screen: PtyScreen) => screen.text().trim().length > 0;

/**
 * The selected row, as "row index + its text + the text of three rows either side": both tables
 * mark it with a background (k9s) or inverse video (kubedeck) from the third cell on. Undefined when
 * no row is marked. The rows around are part of it because a scroll leaves the mark on the same
 * screen row, and at 120 columns two neighbouring pods can read the same (names cut to
 * `app-0000-6644d4989c-…`, CPU and memory alike): one row's text alone missed ~1 scroll in 70.
 */
export function selection(screen: PtyScreen): string | undefined {
	const buffer = screen.term.buffer.active;
	const text = (y: number) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '';
	for (let y = 1; y < screen.term.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		const cell = line?.getCell(4);
		if (!line || !cell) continue;
		const marked = cell.isInverse() !== 0 || (cell.getBgColorMode() !== 0 && cell.getBgColor() !== 0);
		if (marked && /app-\d{4}-/.test(text(y))) return [y, text(y - 3), text(y - 2), text(y - 1), text(y), text(y + 1), text(y + 2), text(y + 3)].join('\n');
	}
	return undefined;
}

/**
 * The screen shows a table a user can trust: exactly one selected row, and no pod name twice
 * (a row left behind by a diffed write would show one twice, or a second mark).
 */
export function screenIsSane(screen: PtyScreen): string | undefined {
	const buffer = screen.term.buffer.active;
	let marked = 0;
	const names = new Set<string>();
	for (let y = 0; y < screen.term.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		if (!line) continue;
		const text = line.translateToString(true);
		const cell = line.getCell(4);
		if (cell && /app-\d{4}-/.test(text) && (cell.isInverse() !== 0 || (cell.getBgColorMode() !== 0 && cell.getBgColor() !== 0))) marked++;
		const name = /app-\d{4}-[a-z0-9]+-[a-z0-9]+/.exec(text)?.[0];
		if (name) {
			if (names.has(name)) return `pod ${name} shown twice`;
			names.add(name);
		}
	}
	return marked === 1 ? undefined : `${marked} rows marked as selected`;
}
