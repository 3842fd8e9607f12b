// Multi-select: rows marked in the table on top, by object uid, so marks follow their objects
// through sorting, filtering and watch updates. Marks belong to one table (its place in the
// stack, its pane and namespace): drilling in, going back, another pane or another namespace
// leaves them behind. An object deleted from the store is no longer marked (its uid is gone,
// and a recreated object has a new one). Pure: (state, env) → state.
import type {BaseRow} from '../model/types.js';
import type {Env, Step, Visible} from './messages.js';
import {moveSelection, replaceTop, top, topTable, type TableView, type UiState} from './state.js';
import {only, sayStep} from './viewSteps.js';

export interface Marks {
	/** The table the marks belong to (see marksOwner); marks of any other table are dropped. */
	owner: string;
	/** In the order they were marked. */
	uids: readonly string[];
	/** The row marked last: where a range (ctrl-space) starts. */
	anchor?: string;
}

/** Which table marks would belong to now: the top table's place in the stack, pane and scope. */
export function marksOwner(state: UiState): string | undefined {
	for (let i = state.stack.length - 1; i >= 0; i--) {
		const view = state.stack[i]!;
		if (view.type === 'table') return JSON.stringify([i, view.pane, state.namespace ?? null, view.allNamespaces ?? false, view.labelSelector ?? null, view.nodeName ?? null, view.ownerUid ?? null, view.pod?.uid ?? null]);
	}
	return undefined;
}

/** The marks that still apply: none once the table they were made in is no longer the one on top. */
export function currentMarks(state: UiState): Marks | undefined {
	const marks = state.marks;
	return marks && marks.uids.length > 0 && marks.owner === marksOwner(state) ? marks : undefined;
}

/** After every step: marks of a table that is gone are forgotten (not kept to reappear later). */
export function dropStaleMarks(state: UiState): UiState {
	if (!state.marks || currentMarks(state)) return state;
	const {marks: _marks, ...rest} = state;
	return rest;
}

type Split = {inView: BaseRow[]; hidden: BaseRow[]};

/**
 * The last split per rows array. The selector hands out the same array until the store, filter or
 * sort change it, so a frame that changed neither the rows nor the marks costs no pass at all.
 * A cache, not state: weak (it goes with the rows), and a result equal to recomputing.
 */
const splits = new WeakMap<readonly BaseRow[], {marks: Marks; split: Split}>();

/** The marked objects that still exist: those shown (in their order), and those a filter hides (by name). */
function markedSplit(state: UiState, shown: Visible): Split {
	const marks = currentMarks(state);
	if (!marks) return {inView: [], hidden: []};
	const cached = splits.get(shown.rows);
	if (cached?.marks === marks) return cached.split;
	const split = splitMarked(marks, shown);
	splits.set(shown.rows, {marks, split});
	return split;
}

function splitMarked(marks: Marks, shown: Visible): Split {
	// One pass over the rows shown (50k rows: about a millisecond), run only while something is marked.
	const wanted = new Set(marks.uids);
	const inView: BaseRow[] = [];
	for (const row of shown.rows) if (wanted.has(row.uid)) inView.push(row);
	if (inView.length === wanted.size) return {inView, hidden: []};
	const seen = new Set(inView.map((row) => row.uid));
	const hidden = marks.uids
		.filter((uid) => !seen.has(uid))
		.map((uid) => shown.lookup?.(uid))
		.filter((row): row is BaseRow => row !== undefined)
		.sort((a, b) => `${a.namespace ?? ''}/${a.name}`.localeCompare(`${b.namespace ?? ''}/${b.name}`));
	return {inView, hidden};
}

/** The marked objects that still exist, in the order shown (those a filter hides last, by name). */
export function markedRows(state: UiState, shown: Visible): BaseRow[] {
	const {inView, hidden} = markedSplit(state, shown);
	return hidden.length === 0 ? inView : [...inView, ...hidden];
}

/** The title's words for the marks: '3 marked', or '3 marked, 1 hidden' when a filter hides some. */
export function marksText(state: UiState, shown: Visible): string | undefined {
	const marks = currentMarks(state);
	if (!marks) return undefined;
	const table = topTable(state);
	if (shown.lookup && !table?.filter && !state.badOnly && !table?.toggles?.length) {
		// Nothing client-side hides rows: every marked object still in the store is shown. This is
		// the title's path on every frame, so it looks the marks up instead of passing over 50k rows.
		const count = marks.uids.filter((uid) => shown.lookup!(uid) !== undefined).length;
		return count > 0 ? `${count} marked` : undefined;
	}
	const {inView, hidden} = markedSplit(state, shown);
	const count = inView.length + hidden.length;
	if (count === 0) return undefined;
	return hidden.length > 0 ? `${count} marked, ${hidden.length} hidden` : `${count} marked`;
}

/** The uids marked in the table on screen, for drawing the marker column. */
export function markedUids(state: UiState): ReadonlySet<string> {
	return new Set(currentMarks(state)?.uids ?? []);
}

/** Why rows cannot be marked here (a pod's containers are parts of one object, not objects). */
export function marksRefusal(state: UiState, env: Env): string | undefined {
	if (top(state).type !== 'table') return 'marks apply to tables';
	const {pane} = env.visible(state);
	return pane.podParts ? `rows of ${pane.title} cannot be marked (they are parts of one pod)` : undefined;
}

function withMarks(state: UiState, uids: readonly string[], anchor: string | undefined): UiState {
	const owner = marksOwner(state);
	if (uids.length === 0 || owner === undefined) {
		const {marks: _marks, ...rest} = state;
		return rest;
	}
	return {...state, marks: {owner, uids, ...(anchor !== undefined ? {anchor} : {})}};
}

/** space: marks the selected row, or unmarks it, and moves down (as k9s does). */
export function toggleMark(state: UiState, env: Env): Step {
	const refused = marksRefusal(state, env);
	if (refused) return sayStep(state, refused, 'error');
	const shown = env.visible(state);
	const row = shown.selected;
	if (!row) return sayStep(state, 'nothing selected', 'error');
	const uids = currentMarks(state)?.uids ?? [];
	const marked = uids.includes(row.uid);
	const next = withMarks(state, marked ? uids.filter((uid) => uid !== row.uid) : [...uids, row.uid], marked ? currentMarks(state)?.anchor : row.uid);
	const view = top(next) as TableView;
	return only(replaceTop(next, moveSelection(view, shown.rows, 'down', env.pageSize, shown.selectedIndex)));
}

/** ctrl-space: marks every row shown between the last marked one and the selected one. */
export function markRange(state: UiState, env: Env): Step {
	const refused = marksRefusal(state, env);
	if (refused) return sayStep(state, refused, 'error');
	const shown = env.visible(state);
	if (!shown.selected) return sayStep(state, 'nothing selected', 'error');
	const marks = currentMarks(state);
	const from = marks?.anchor === undefined ? -1 : shown.rows.findIndex((row) => row.uid === marks.anchor);
	if (from < 0) return sayStep(state, 'mark a row with space first: the range runs from it to the selected row', 'error');
	const [lo, hi] = from <= shown.selectedIndex ? [from, shown.selectedIndex] : [shown.selectedIndex, from];
	const uids = [...(marks?.uids ?? [])];
	const known = new Set(uids);
	for (const row of shown.rows.slice(lo, hi + 1)) if (!known.has(row.uid)) uids.push(row.uid);
	return only(withMarks(state, uids, shown.selected.uid));
}

/** ctrl-\: forgets every mark of this table. */
export function clearMarks(state: UiState): Step {
	const count = currentMarks(state)?.uids.length ?? 0;
	const {marks: _marks, ...rest} = state;
	return sayStep(rest, count > 0 ? `${count} mark${count === 1 ? '' : 's'} cleared` : 'nothing marked');
}

/** Keeps only these uids marked (after a bulk action: the rows it could not change, to try again). */
export function keepMarked(state: UiState, uids: readonly string[]): UiState {
	const marks = currentMarks(state);
	if (!marks) return state;
	const kept = marks.uids.filter((uid) => uids.includes(uid));
	return withMarks(state, kept, kept.includes(marks.anchor ?? '') ? marks.anchor : undefined);
}
