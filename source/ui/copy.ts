// c: copy the selected object's name, or in describe / YAML the text on screen, to the
// clipboard through the terminal (OSC 52; the runner writes it, see source/terminal/osc52.ts).
// The step only decides what to copy and says so; the bytes never touch the state.
import type {Env, Step} from './messages.js';
import {top, type UiState} from './state.js';
import {paneOf, sayStep} from './viewSteps.js';

export function copyStep(state: UiState, env: Env): Step {
	const view = top(state);
	if (view.type === 'pager') {
		const lines = view.lines.slice(view.offset, view.offset + Math.max(1, env.pageSize));
		if (lines.length === 0) return sayStep(state, 'nothing to copy', 'error');
		return {state: sayText(state, `copied ${lines.length} line${lines.length === 1 ? '' : 's'} on screen (OSC 52)`), effects: [{type: 'copy', text: lines.join('\n')}]};
	}
	if (view.type !== 'table') return sayStep(state, 'nothing to copy here', 'error');
	const selected = env.visible(state).selected;
	if (!selected) return sayStep(state, 'nothing selected', 'error');
	const kind = paneOf(env, state).objectKind.toLowerCase();
	return {state: sayText(state, `copied ${kind}/${selected.name} name (OSC 52)`), effects: [{type: 'copy', text: selected.name}]};
}

function sayText(state: UiState, text: string): UiState {
	return {...state, message: {text, level: 'info'}};
}
