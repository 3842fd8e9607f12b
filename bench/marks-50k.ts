// What multi-select costs a frame at the design target: 50,000 rows shown, with 0, 10 and 1,000
// marked. Without a filter the title's count looks the marks up in the store; with one (some may
// be hidden) it passes over the rows shown once, and a frame whose rows array and marks are the
// ones of the frame before reuses that pass. "churn" hands a new rows array every frame (a watch
// event each frame), "still" the same one (the selector's memo).
// Run: node --import tsx bench/marks-50k.ts [rows]
import type {BaseRow} from '../source/model/types.js';
import type {Visible} from '../source/ui/messages.js';
import {marksOwner, marksText, markedUids} from '../source/ui/marks.js';
import {tableView, type UiState} from '../source/ui/state.js';
import type {PaneSpec} from '../source/ui/panes/panes.js';

const count = Number(process.argv[2] ?? 50_000);
const rows: BaseRow[] = Array.from({length: count}, (_, i) => ({uid: `uid-${i}`, name: `pod-${i}`, namespace: 'default', severity: 'ok'}));
const byUid = new Map(rows.map((row) => [row.uid, row]));
const frames = 60;

function perFrame(state: UiState, churn: boolean): number {
	// Fresh arrays made before the clock starts: "churn" measures the pass, not the copying.
	const arrays = churn ? Array.from({length: frames}, () => rows.slice()) : [];
	const start = performance.now();
	for (let i = 0; i < frames; i++) {
		const shown: Visible = {pane: {} as PaneSpec, rows: churn ? arrays[i]! : rows, selected: rows[0], selectedIndex: 0, lookup: (uid) => byUid.get(uid)};
		marksText(state, shown);
		markedUids(state);
	}
	return (performance.now() - start) / frames;
}

console.log(`${count} rows shown, ${frames} frames each; ms per frame (title count + marker set):`);
for (const marked of [0, 10, 1_000]) {
	const base: UiState = {stack: [tableView('pods')], wide: false, badOnly: false, namespace: 'default', nextReq: 1};
	for (const filter of [undefined, 'pod']) {
		const view = tableView('pods', filter ? {filter} : {});
		const plain: UiState = {...base, stack: [view]};
		const state: UiState = marked === 0 ? plain : {...plain, marks: {owner: marksOwner(plain)!, uids: rows.slice(0, marked).map((r) => r.uid)}};
		console.log(`  ${String(marked).padStart(5)} marked, ${filter ? 'filtered  ' : 'no filter '}: churn ${perFrame(state, true).toFixed(3)} ms, still ${perFrame(state, false).toFixed(3)} ms`);
	}
}
