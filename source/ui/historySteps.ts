// The rollout history: opened by ':history' (or h on a deployment's row); in it, m marks one
// revision (again: unmarks), = on another opens the unified diff of their pod templates in a
// pager. Pure: the templates are on the rows.
import type {ReplicaSetRow} from '../model/replicasets.js';
import {templateDiff} from '../model/templateDiff.js';
import type {Env, Step} from './messages.js';
import {push, replaceTop, top, type UiState} from './state.js';
import {only, sayStep} from './viewSteps.js';
import {rowActionBlocked} from './flowSteps.js';
import {openHistory} from './writeSteps.js';
import {sanitizeLine} from '../terminal/sanitize.js';

/** ':history' opens the selected deployment's history; ':history NAME' that of NAME in the deployments shown. */
export function historyCommand(state: UiState, env: Env, name: string): Step {
	if (name === '') {
		const found = rowActionBlocked(state, env, 'deploy.history');
		if ('reason' in found) return sayStep(state, ':history: select a deployment first (:deploy), or press h on its row', 'error');
		return openHistory(state, found.row);
	}
	const {pane, rows} = env.visible(state);
	const row = pane.objectKind === 'Deployment' && !pane.generic ? rows.find((r) => r.name === name) : undefined;
	if (!row) return sayStep(state, `:history: no deployment ${sanitizeLine(name)} in the list shown (:deploy lists them)`, 'error');
	return openHistory(state, row);
}

function selectedRevision(state: UiState, env: Env): ReplicaSetRow | string {
	const view = top(state);
	if (view.type !== 'table' || view.pane !== 'history') return 'only in a rollout history (h on a deployment)';
	const row = env.visible(state).selected as ReplicaSetRow | undefined;
	if (!row) return 'nothing selected';
	if (row.revision === undefined) return `replicaset ${row.name} has no revision`;
	return row;
}

/** m: this revision is the one the next = compares with (m on it again clears the mark). */
export function markRevision(state: UiState, env: Env): Step {
	const row = selectedRevision(state, env);
	if (typeof row === 'string') return sayStep(state, row, 'error');
	const view = top(state);
	if (view.type !== 'table') return only(state);
	// The title says which revision is marked; the detail it had before comes back on unmark.
	const {compareWith: mark, detail: shown, ...rest} = view;
	const detail = mark ? mark.detail : shown;
	const plain = detail === undefined ? rest : {...rest, detail};
	if (mark?.uid === row.uid) return sayStep(replaceTop(state, plain), `revision ${row.revision} unmarked`);
	const compareWith = {uid: row.uid, revision: row.revision!, ...(detail === undefined ? {} : {detail})};
	const marked = {...plain, detail: `${detail ?? 'history'}, revision ${row.revision} marked`, compareWith};
	return sayStep(replaceTop(state, marked), `revision ${row.revision} marked: = on another revision shows what changed between them`);
}

/** =: the diff between the marked revision (or, unmarked, the one before) and the selected one. */
export function diffRevisions(state: UiState, env: Env): Step {
	const row = selectedRevision(state, env);
	if (typeof row === 'string') return sayStep(state, row, 'error');
	const view = top(state);
	if (view.type !== 'table') return only(state);
	const rows = env.visible(state).rows as readonly ReplicaSetRow[];
	const other = view.compareWith
		? rows.find((r) => r.uid === view.compareWith!.uid)
		: rows.filter((r) => r.revision !== undefined && r.revision < row.revision!).sort((a, b) => b.revision! - a.revision!)[0];
	if (!other) {
		const why = view.compareWith ? `the marked revision ${view.compareWith.revision} is gone` : `revision ${row.revision} is the oldest; mark another with m`;
		return sayStep(state, why, 'error');
	}
	if (other.uid === row.uid) return sayStep(state, `revision ${row.revision} is the marked one; select another to compare`, 'error');
	const lines = templateDiff({revision: other.revision!, template: other.template}, {revision: row.revision!, template: row.template});
	const [low, high] = other.revision! < row.revision! ? [other.revision, row.revision] : [row.revision, other.revision];
	const title = `${view.compareWith ? view.compareWith.detail : view.detail ?? 'history'}: pod template, revision ${low} → ${high}`;
	return only(push(state, {type: 'pager', context: 'describe', title, lines, offset: 0, diff: true}));
}
