// `e`: edit the selected object in $EDITOR. The key asks the runner for an edit (the editor's
// rounds and the server's dry run happen there, source/actions/editSession.ts); its answer is the
// dry run's diff in a pager with the question over it — y applies through the gate with the
// resourceVersion that was read — or a conflict: a pager with what changed on the server meanwhile,
// where `e` edits again on top of the current version. Nothing is ever written without the diff
// having been shown and confirmed. Read-only goes straight to the gate, whose refusal is the answer.
import type {ActionResult} from '../actions/gate.js';
import {genericVerbFits} from '../actions/genericTarget.js';
import {ALLOWED_KINDS} from '../actions/targets.js';
import type {EditIntent, EditPlan, EditRestart, EditTarget} from '../actions/editSession.js';
import type {ResourceKind} from '../kube/session.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {hpaWarning} from '../actions/scaleRule.js';
import {targetText} from './dialogs.js';
import type {Env, Step} from './messages.js';
import {back, push, replaceTop, top, type PagerView, type UiState} from './state.js';
import {only, request, say, sayStep, subjectOf} from './viewSteps.js';

/** What an edit pager remembers: which object, and after a conflict what to make again on the current version. */
export interface EditPager {
	phase: 'review' | 'conflict';
	target: EditTarget;
	read: {resource: ResourceKind};
	restart?: EditRestart;
}

type Found = {target: EditTarget; read: {resource: ResourceKind}; restart?: EditRestart} | {reason: string};

/** The object `e` would edit here, or why there is none. */
function editSubjectOf(state: UiState, env: Env): Found {
	const view = top(state);
	if (view.type === 'pager') {
		if (view.edit?.phase === 'conflict') return {target: view.edit.target, read: view.edit.read, ...(view.edit.restart ? {restart: view.edit.restart} : {})};
		if (view.context !== 'describe' || !view.ref) return {reason: 'edit acts on a row, or on the object a describe view shows'};
		const {pane} = env.visible(state);
		const generic = pane.generic && pane.resource === view.ref.resource ? pane.generic : undefined;
		const {kind, name, namespace, resource} = view.ref;
		return fits(kind, generic) ?? {target: {kind, name, ...(namespace ? {namespace} : {}), ...(generic ? {resource: generic} : {})}, read: {resource}};
	}
	if (view.type !== 'table') return {reason: 'edit acts on a row of a table'};
	const {pane, selected: shown} = env.visible(state);
	const selected = subjectOf(pane, shown, 'object.edit');
	if (!shown) return {reason: 'nothing selected'};
	if (!selected) return {reason: `edit is not available in ${pane.title}`};
	const object = pane.objectOf?.(selected);
	const kind = object?.kind ?? pane.objectKind;
	const resource = object?.resource ?? pane.resource;
	const generic = object ? undefined : pane.generic;
	return fits(kind, generic) ?? {target: {kind, name: selected.name, ...(selected.namespace ? {namespace: selected.namespace} : {}), ...(generic ? {resource: generic} : {})}, read: {resource}};
}

function fits(kind: string, generic: EditTarget['resource']): {reason: string} | undefined {
	if (generic) return genericVerbFits('edit', generic) ? undefined : {reason: `the server does not offer updates of ${generic.plural}`};
	return (ALLOWED_KINDS['object.edit'] ?? []).includes(kind) ? undefined : {reason: `edit does not apply to ${kind.toLowerCase()}s`};
}

/** Why `e` does nothing here (shown when pressed), or undefined when it edits. */
export function editRefusal(state: UiState, env: Env): string | undefined {
	if (!env.actions) return 'edit is not available: kubedeck was started without an action layer';
	const found = editSubjectOf(state, env);
	return 'reason' in found ? found.reason : undefined;
}

export function openEdit(state: UiState, env: Env): Step {
	const found = editSubjectOf(state, env);
	if ('reason' in found) return sayStep(state, found.reason, 'error');
	const {target, read, restart} = found;
	const [req, next] = request(state);
	if (env.actions?.readonly) {
		// The gate's refusal is the answer, in the same words as every other mutation; no editor opens.
		const intent: EditIntent = {verb: 'edit', ...target};
		return {state: next, effects: [{type: 'perform', req, intent}]};
	}
	const said = say(next, sanitizeLine(`editing ${targetText(target)} in the editor…`));
	return {state: said, effects: [{type: 'edit', req, target, read, ...(restart ? {restart} : {})}]};
}

function pager(title: string, lines: string[], edit: EditPager): PagerView {
	return {type: 'pager', context: 'describe', title: sanitizeLine(title), lines: lines.map((line) => sanitizeLine(line)), offset: 0, diff: true, edit};
}

/** A conflict: what changed on the server since the read, in a pager where `e` edits again on top of it. */
function conflictPager(state: UiState, message: string, diff: string[], edit: EditPager): Step {
	const what = targetText(edit.target);
	const view = pager(`${what} changed meanwhile — e: edit again on top of it · esc: drop your edit`, diff, {...edit, phase: 'conflict'});
	const shown = top(state).type === 'pager' && (top(state) as PagerView).edit ? replaceTop({...state, overlay: undefined}, view) : push(state, view);
	return only(say(shown, sanitizeLine(`${message} — e edits again on top of the current version`), 'error'));
}

/** The runner's answer after the editor: the question over the dry run's diff, a conflict, or why nothing happens. */
export function editPlanned(state: UiState, plan: EditPlan, read: {resource: ResourceKind}): Step {
	switch (plan.type) {
		case 'cancelled':
			return sayStep(state, sanitizeLine(plan.message));
		case 'failed':
			return sayStep(state, sanitizeLine(plan.message), 'error');
		case 'conflict':
			return conflictPager(state, plan.message, plan.diff, {phase: 'conflict', target: plan.target, read, restart: plan.restart});
		case 'ready': {
			const {intent} = plan;
			const target = targetOf(intent.namespace, intent.name, intent.kind, intent.resource);
			const what = targetText(target);
			const owner = plan.hpa ? ` · replicas owned by HPA ${plan.hpa.name}` : '';
			const review = push(state, pager(`edit ${what}: what the server would store (dry run)${owner}`, plan.diff, {phase: 'review', target, read}));
			// The HPA warning leads: it is why this yes differs from any other edit's.
			const warning = plan.hpa ? `${hpaWarning(plan.hpa)}. ` : '';
			const question = sanitizeLine(`${warning}Apply this edit to ${what}? The server's dry run accepted it; the diff is what it would store.`);
			// The question says it all; the "editing…" line of the key is over.
			return only({...review, message: undefined, overlay: {type: 'confirm', question, toggles: [], intent, progress: `editing ${what}…`}});
		}
	}
}

function targetOf(namespace: string | undefined, name: string, kind: string, resource?: EditTarget['resource']): EditTarget {
	return {kind, name, ...(namespace ? {namespace} : {}), ...(resource ? {resource} : {})};
}

/** The gate's answer to the confirmed edit: done (the diff closes), a conflict (its pager instead), or the reason. */
export function editPerformed(state: UiState, intent: EditIntent, result: ActionResult): Step {
	const view = top(state);
	const review = view.type === 'pager' && view.edit?.phase === 'review' ? view.edit : undefined;
	if (result.ok) {
		// The review closes, and so does the conflict it was edited from: both were about this edit.
		let closed = state;
		while (top(closed).type === 'pager' && (top(closed) as PagerView).edit && closed.stack.length > 1) closed = back(closed);
		return sayStep(closed, sanitizeLine(result.message));
	}
	// The conflict pager needs the review it replaces (which store the object is read from); without it, the message says it all.
	if (result.code === 409 && intent.readAt && intent.object && review) {
		const diff = Array.isArray(result.details?.['conflict']) ? (result.details['conflict'] as unknown[]).map(String) : [];
		const target = targetOf(intent.namespace, intent.name, intent.kind, intent.resource);
		return conflictPager(state, result.message, diff, {phase: 'conflict', target, read: review.read, restart: {readAt: intent.readAt, saved: intent.object}});
	}
	return sayStep(state, sanitizeLine(result.message), 'error');
}
