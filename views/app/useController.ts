// The controller, its runner and the selector, made once per App: the runner is handed what only
// the terminal has (writes, suspending Ink for a shell or an editor), and the first state says
// which pane opens and why another could not.
import {useEffect, useRef, useState} from 'react';
import {useApp, useStdin, useStdout} from 'ink';
import {handOver} from '../../source/terminal/handover.js';
import {runWithTerminal} from '../../source/terminal/childTerminal.js';
import {createController} from '../../source/ui/controller.js';
import type {Env} from '../../source/ui/messages.js';
import {createRunner, type Runner} from '../../source/ui/runner.js';
import {applyScope, scopeOf} from '../../source/ui/scope.js';
import {tableView, type UiState} from '../../source/ui/state.js';
import {createVisible} from '../../source/ui/visible.js';
import type {PaneRegistry} from '../../source/ui/panes/panes.js';
import type {AppProps} from '../App.js';

/** The controller, its runner and the selector, made once per App (a context switch remounts it). */
export function useController(props: AppProps, panes: PaneRegistry, env: () => Env) {
	const {write, stdout} = useStdout();
	const {stdin} = useStdin();
	const {suspendTerminal} = useApp();
	const propsRef = useRef(props);
	propsRef.current = props;
	const [made] = useState(() => {
		let runner: Runner | undefined;
		const controller = createController(initialState(props, panes), env, () => ({sync: (state) => applyScope(props.session, scopeOf(state, panes)), run: (effect) => runner?.run(effect)}));
		runner = createRunner({
			session: props.session,
			layer: props.actions,
			lineCap: props.settings.logLineCap ?? 10_000,
			dispatch: controller.dispatch,
			repaint: controller.repaint,
			exit: () => propsRef.current.onExit(),
			switchContext: (name) => propsRef.current.onSwitchContext(name),
			// Ink repaints its whole frame after a write, so clearing first gives a true redraw.
			redraw: () => write('\x1b[2J\x1b[3J\x1b[H'),
			writeTerminal: (sequence) => write(sequence),
			// Ink stops reading and drawing while a shell has the terminal, then redraws in full.
			...(props.settings.shellCandidates ? {shells: props.settings.shellCandidates} : {}),
			...(props.settings.debugImage ? {debugImage: props.settings.debugImage} : {}),
			handover: (use) => handOver({suspend: (callback) => suspendTerminal(callback), input: stdin, output: stdout}, use),
			runProgram: (argv) => runWithTerminal({suspend: (callback) => suspendTerminal(callback), input: stdin, output: stdout}, argv),
		});
		const visible = createVisible(props.session, panes, runner.podPart);
		return {controller, runner, visible};
	});
	useEffect(() => () => made.runner.dispose(), [made]);
	return made;
}

function initialState(props: AppProps, panes: PaneRegistry): UiState {
	const first = props.initialView ?? 'pods';
	const available = panes.has(first);
	return {
		stack: [tableView(available ? first : 'pods')],
		wide: false,
		badOnly: false,
		namespace: props.session.namespace,
		nextReq: 1,
		...(available ? {} : {message: {text: `the ${first} pane is not available in this build`, level: 'error' as const}}),
		...(available && props.startMessage ? {message: {text: props.startMessage, level: 'error' as const}} : {}),
	};
}
