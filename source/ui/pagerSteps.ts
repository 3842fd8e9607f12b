// What the text pagers (describe, YAML, help) do with wrap, horizontal scroll and expand: pure
// steps over the pager on top. The pager view (views/TextPager.tsx) lays out only the lines
// that fit, from these fields.
import type {Env, Step} from './messages.js';
import {clampOffset, replaceTop, top, type PagerView, type UiState} from './state.js';
import {request, sayStep} from './viewSteps.js';
import {detailTitle} from '../kube/detail.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {displayWidth} from '../terminal/width.js';

/** Columns one left/right press moves: a quarter of a narrow terminal, so nothing is skipped unread. */
export const SCROLL_COLUMNS = 20;
/** Lines measured past the page when clamping the column: cheap, and enough to cover any page. */
const MEASURED_LINES = 200;

const onPager = (state: UiState, fn: (pager: PagerView) => Step): Step => {
	const view = top(state);
	return view.type === 'pager' ? fn(view) : sayStep(state, 'not available here', 'error');
};

/** The widest of the lines on and just past the page, as drawn: how far right scrolling can go. */
function widestNear(pager: PagerView, env: Env): number {
	const start = clampOffset(pager.offset, pager.lines.length, env.pageSize + 1);
	let widest = 0;
	for (const line of pager.lines.slice(start, start + MEASURED_LINES)) widest = Math.max(widest, displayWidth(sanitizeLine(line, {maxLength: 4096})));
	return widest;
}

export function toggleWrap(state: UiState): Step {
	return onPager(state, (pager) => ({state: replaceTop(state, {...pager, wrap: !pager.wrap, column: 0}), effects: []}));
}

/** Left/right without wrap: the column moves, never past the start nor beyond the widest line near the page. */
export function scrollColumns(state: UiState, env: Env, direction: 1 | -1): Step {
	return onPager(state, (pager) => {
		if (pager.wrap) return sayStep(state, 'lines wrap: w turns wrap off to scroll sideways');
		const widest = widestNear(pager, env);
		const column = Math.max(0, Math.min((pager.column ?? 0) + direction * SCROLL_COLUMNS, Math.max(0, widest - SCROLL_COLUMNS)));
		return {state: replaceTop(state, {...pager, column}), effects: []};
	});
}

/** e on the YAML view: fetch the object again with every long string whole (or cut again); the place is kept. */
export function toggleExpand(state: UiState): Step {
	return onPager(state, (pager) => {
		if (pager.context !== 'yaml' || !pager.ref) return sayStep(state, 'expand works in the YAML view (y)', 'error');
		const [req, next] = request(state);
		const ref = {...pager.ref, expand: !pager.ref.expand};
		const title = `${detailTitle('yaml', ref)}${ref.expand ? ' (long strings whole)' : ''}`;
		return {state: replaceTop(next, {...pager, title, ref, requestId: req}), effects: [{type: 'fetch', req, ref, as: 'yaml'}]};
	});
}
