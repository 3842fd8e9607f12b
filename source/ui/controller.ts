// The controller as a small store outside React: messages (keys, answers) are applied one at
// a time, in order, through update(); after each step the session's scope follows the state
// and the effects go to the runner. Views subscribe and render; they never route keys.
import type {Effect, Env, Msg} from './messages.js';
import type {UiState} from './state.js';
import {update} from './update.js';

export interface ControllerEdges {
	/** Applies the state's scope to the session (scope.ts). */
	sync(state: UiState): void;
	run(effect: Effect): void;
}

export interface Frame {
	state: UiState;
	/** Changes on every notification, also when only what the state refers to changed (log lines). */
	version: number;
}

export function createController(initial: UiState, env: () => Env, edges: () => ControllerEdges) {
	let frame: Frame = {state: initial, version: 0};
	const listeners = new Set<() => void>();
	const queue: Msg[] = [];
	let busy = false;

	const notify = () => {
		frame = {state: frame.state, version: frame.version + 1};
		for (const listener of [...listeners]) listener();
	};

	/** Answers that arrive while a step runs (a feed reporting at once) wait for it: no step sees half of another. */
	const dispatch = (msg: Msg): void => {
		queue.push(msg);
		if (busy) return;
		busy = true;
		try {
			while (queue.length > 0) {
				const step = update(frame.state, queue.shift()!, env());
				frame = {...frame, state: step.state};
				edges().sync(step.state);
				for (const effect of step.effects) edges().run(effect);
			}
		} finally {
			busy = false;
		}
		notify();
	};

	return {
		dispatch,
		repaint: notify,
		state: () => frame.state,
		frame: () => frame,
		subscribe(listener: () => void): () => void {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

export type Controller = ReturnType<typeof createController>;
