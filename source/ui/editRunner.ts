// The runner's side of `e`: the editor chosen as kubectl chooses it, the object read through the
// session (the store the pane shows), the rounds in the editor and the dry run through the action
// layer (source/actions/editSession.ts); the plan goes back to the controller as 'editPlanned'.
import type {ActionLayer} from '../actions/actionLayer.js';
import {planEdit} from '../actions/editSession.js';
import {editorArgv, editorCommand} from '../actions/editorCommand.js';
import type {Session} from '../kube/session.js';
import type {ChildEnd} from '../terminal/childTerminal.js';
import type {Effect, Msg} from './messages.js';

export interface EditRunnerDeps {
	session: Session;
	layer: ActionLayer;
	/** Runs a program with the terminal handed over (source/terminal/childTerminal.ts); absent where there is no terminal. */
	runProgram: ((argv: readonly string[]) => Promise<ChildEnd>) | undefined;
	/** Where KUBE_EDITOR / EDITOR / SHELL are read (default: this process's environment). */
	env?: Readonly<Record<string, string | undefined>>;
	dispatch(msg: Msg): void;
}

export function runEdit(deps: EditRunnerDeps, effect: Extract<Effect, {type: 'edit'}>): void {
	const {req, target, read, restart} = effect;
	const {dispatch, session, layer, runProgram} = deps;
	if (!runProgram) {
		dispatch({type: 'editPlanned', req, read, plan: {type: 'failed', message: 'edit: no terminal to hand over to an editor here'}});
		return;
	}
	const command = editorCommand(deps.env ?? process.env);
	void planEdit(
		{
			read: () => session.fetchObject(read.resource, target.namespace, target.name),
			perform: (intent) => layer.perform(intent),
			edit: (file) => runProgram(editorArgv(command, file)),
		},
		target,
		restart,
	).then(
		(plan) => dispatch({type: 'editPlanned', req, read, plan}),
		(error: unknown) => dispatch({type: 'editPlanned', req, read, plan: {type: 'failed', message: `edit: ${error instanceof Error ? error.message : String(error)}`}}),
	);
}
