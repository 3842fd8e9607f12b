// CronJob steps beyond `t` itself (writeSteps.ts asks that one): after a run is created, the
// Job it made is shown selected in the jobs pane; and suspend / resume, asked first.
import type {ActionResult, Intent} from '../actions/gate.js';
import type {BaseRow} from '../model/types.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import type {Env, Step} from './messages.js';
import {outsideScope, push, tableView, topTable, type UiState} from './state.js';
import {only, request, say, sayStep} from './viewSteps.js';
import type {PaneId} from './commands.js';

/** The pane of batch Jobs, a kind discovery serves (source/kinds/generic-names.ts names it). */
export const JOBS_PANE = 'jobs.batch' as PaneId;
export const CRONJOBS_PANE = 'cronjobs.batch' as PaneId;

/**
 * A manual run was created: push the jobs pane with the new Job selected by its uid. The row
 * arrives by the jobs watch a moment later; the selection follows the uid, so it lands on the
 * Job as soon as the store has it (no timer). Only when the user is still on the CronJobs.
 */
export function jobCreated(state: UiState, intent: Extract<Intent, {verb: 'trigger'}>, result: ActionResult): Step {
	const said = say(state, result.message, result.ok ? 'info' : 'error');
	const uid = result.ok ? result.details?.['uid'] : undefined;
	const table = topTable(state);
	if (typeof uid !== 'string' || intent.dryRun || state.overlay || state.stack.at(-1) !== table || table?.pane !== CRONJOBS_PANE) return only(said);
	const allNamespaces = outsideScope(state, intent.namespace);
	const view = tableView(JOBS_PANE, {selectedUid: uid, detail: `run of cronjob/${intent.name}`, ...(allNamespaces ? {allNamespaces} : {})});
	return only({...push(said, view), message: said.message});
}

/** The SUSPEND cell of the server's CronJob table (True / False), when the row has one. */
function suspendedCell(row: BaseRow, env: Env, state: UiState): boolean | undefined {
	const column = env.visible(state).pane.columns.find((c) => c.title.toUpperCase() === 'SUSPEND');
	const cell = column ? String(column.cell(row as never, env.now)).toLowerCase() : '';
	return cell === 'true' ? true : cell === 'false' ? false : undefined;
}

/**
 * Suspend a running CronJob, resume a suspended one: the question says which, from the row's
 * SUSPEND column (the patch sets the value asked, so a row that changed meanwhile is not flipped
 * back). Read-only goes straight to the gate, whose refusal is the answer.
 */
export function askSuspend(state: UiState, env: Env, row: BaseRow): Step {
	if (!env.actions) return sayStep(state, 'suspending is not available: kubedeck was started without an action layer', 'error');
	const current = suspendedCell(row, env, state);
	const suspend = current !== true;
	const namespace = row.namespace ?? '';
	const intent: Intent = {verb: 'suspend', kind: 'CronJob', namespace, name: row.name, suspend};
	if (env.actions.readonly) {
		const [req, next] = request(state);
		return {state: next, effects: [{type: 'perform', req, intent}]};
	}
	const question = suspend
		? `Suspend cronjob ${namespace}/${row.name}? No new runs start until it is resumed (running Jobs go on).`
		: `Resume cronjob ${namespace}/${row.name}? Runs start again on its schedule.`;
	return only({...state, overlay: {type: 'confirm', question: sanitizeLine(question), toggles: [], intent, progress: `${suspend ? 'suspending' : 'resuming'} cronjob ${namespace}/${row.name}…`}});
}
