// Steps of the everyday writes: set image (prompt → server dry run → question → apply →
// rollout view), rollout history (a pane over the deployment's ReplicaSets) and undo (a
// question, then kubectl's rollback through the gate, then the rollout view).
import type {ActionResult, Intent} from '../actions/gate.js';
import type {DeploymentRow} from '../model/deployments.js';
import type {ReplicaSetRow} from '../model/replicasets.js';
import type {BaseRow} from '../model/types.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {manualJobName} from '../actions/triggerCronJob.js';
import {targetText, type ActionTarget} from './dialogs.js';
import {openImagePrompt, parseImageInput} from './imagePrompt.js';
import type {Env, Step} from './messages.js';
import type {Overlay} from './overlays.js';
import {outsideScope, push, tableView, type UiState} from './state.js';
import {only, request, sayStep} from './viewSteps.js';

/** Set image: the container first when the template has several, then its image in a prompt. */
export function openSetImage(state: UiState, target: ActionTarget & {namespace: string}, row: BaseRow): Step {
	const d = row as Partial<DeploymentRow>;
	const containers = (d.containers ?? []).map((name, i) => ({name, image: d.images?.[i] ?? ''}));
	if (containers.length === 0) return sayStep(state, `${targetText(target)} has no containers in its template`, 'error');
	if (containers.length === 1) return only({...state, overlay: {type: 'image', prompt: openImagePrompt(target, containers[0]!)}});
	const choices = containers.map((c) => ({label: `${c.name}  ${c.image}`, value: c.name}));
	return only({...state, overlay: {type: 'picker', namespace: target.namespace, pod: target.name, choices, index: 0, setImage: {target, containers}}});
}

/** Enter in the container picker: that container's image in the prompt. */
export function pickImageContainer(state: UiState, overlay: Extract<Overlay, {type: 'picker'}>): Step {
	const pick = overlay.setImage;
	const chosen = pick?.containers.find((c) => c.name === overlay.choices[overlay.index]?.value);
	if (!pick || !chosen) return only(state);
	return only({...state, overlay: {type: 'image', prompt: openImagePrompt(pick.target, chosen)}});
}

/** Enter on the prompt: a local check, then the server's dry run (its answer opens the question). */
export function submitImageStep(state: UiState, env: Env, overlay: Extract<Overlay, {type: 'image'}>): Step {
	const {prompt} = overlay;
	if (prompt.checking !== undefined || !env.actions) return only(state);
	const choice = parseImageInput(prompt);
	if (!choice.ok) return only({...state, overlay: {...overlay, prompt: {...prompt, error: choice.message}}});
	const [req, next] = request(state);
	const intent: Intent = {verb: 'setImage', kind: 'Deployment', namespace: prompt.target.namespace, name: prompt.target.name, container: prompt.container, image: choice.image, dryRun: true};
	const {error: _error, ...clean} = prompt;
	return {state: {...next, overlay: {...overlay, prompt: {...clean, checking: req}}}, effects: [{type: 'perform', req, intent}]};
}

/** The dry run's answer: the question (only what the server accepted is asked), or the reason back in the prompt. */
export function dryRunAnswered(state: UiState, req: number, intent: Extract<Intent, {verb: 'setImage'}>, result: ActionResult): Step {
	const overlay = state.overlay;
	if (overlay?.type !== 'image' || overlay.prompt.checking !== req) return only(state);
	const {checking: _checking, ...prompt} = overlay.prompt;
	if (!result.ok) return only({...state, overlay: {...overlay, prompt: {...prompt, error: result.message}}});
	const what = targetText({kind: intent.kind, namespace: intent.namespace, name: intent.name});
	// The essentials first: a narrow terminal truncates the end of the line.
	const question = `Set ${sanitizeLine(intent.container)} of ${sanitizeLine(what)} to ${sanitizeLine(intent.image)}? (was ${sanitizeLine(prompt.from)}; the server's dry run accepted it; pods are replaced, rolling)`;
	const {dryRun: _dry, ...rest} = intent;
	// The image the question shows travels with the intent: the gate refuses if it changed meanwhile.
	const real = {...rest, from: prompt.from};
	return only({...state, overlay: {type: 'confirm', question, toggles: [], intent: real, progress: `setting image of ${what}…`, follow: true}});
}

/** The deployment's rollout history: its ReplicaSets by its selector (sent to the watch), kept to the ones it controls. */
export function openHistory(state: UiState, row: BaseRow): Step {
	const d = row as Partial<DeploymentRow>;
	if (!d.selector) return sayStep(state, `deployment ${row.name} has no selector; its history cannot be read`, 'error');
	return only(
		push(
			state,
			// A deployment listed from outside the session's namespace has its ReplicaSets there too.
			tableView('history', {labelSelector: d.selector, ownerUid: row.uid, detail: `deploy/${row.name}`, sort: {column: 'revision', ascending: false}, allNamespaces: outsideScope(state, row.namespace)}),
		),
	);
}

/** The controlling Deployment of a ReplicaSet row, by its owner reference. */
function ownerDeployment(row: BaseRow): string | undefined {
	return (row as Partial<ReplicaSetRow>).owners?.find((o) => o.kind === 'Deployment' && o.controller)?.name;
}

/** Undo: on a deployment, back to its previous revision; on a ReplicaSet (history), to that revision. */
export function askUndo(state: UiState, kind: string, row: BaseRow): Step {
	const namespace = row.namespace ?? '';
	let name = row.name;
	let toRevision = 0;
	let question: string;
	if (kind === 'ReplicaSet') {
		const rs = row as Partial<ReplicaSetRow>;
		const owner = ownerDeployment(row);
		if (!owner) return sayStep(state, `replicaset ${row.name} is not controlled by a deployment; nothing to roll back`, 'error');
		if (rs.revision === undefined) return sayStep(state, `replicaset ${row.name} has no revision`, 'error');
		name = owner;
		toRevision = rs.revision;
		question = `Roll deployment ${namespace}/${owner} back to revision ${rs.revision} (${(rs.images ?? []).join(', ') || 'no images'})? Its pods are replaced (rolling).`;
	} else {
		question = `Roll deployment ${namespace}/${row.name} back to its previous revision? Its pods are replaced (rolling).`;
	}
	const intent: Intent = {verb: 'undo', kind: 'Deployment', namespace, name, toRevision};
	return only({...state, overlay: {type: 'confirm', question: sanitizeLine(question), toggles: [], intent, progress: `rolling back deployment ${namespace}/${name}…`, follow: true}});
}


/**
 * Trigger a CronJob now (k9s' t): a question naming the Job to be created, then the gate's
 * 'trigger' verb (kubectl create job NAME --from=cronjob/CJ). Not bound to a key here: CronJobs
 * get their pane from the every-kind work, which binds it. Read-only goes straight to the gate,
 * whose refusal is the answer.
 */
export function askTrigger(state: UiState, env: Env, row: BaseRow): Step {
	if (!env.actions) return sayStep(state, 'triggering is not available: kubedeck was started without an action layer', 'error');
	const namespace = row.namespace ?? '';
	const jobName = manualJobName(row.name, new Date(env.now));
	const intent: Intent = {verb: 'trigger', kind: 'CronJob', namespace, name: row.name, jobName};
	if (env.actions.readonly) {
		const [req, next] = request(state);
		return {state: next, effects: [{type: 'perform', req, intent}]};
	}
	const question = sanitizeLine(`Run cronjob ${namespace}/${row.name} now, as job ${jobName}?`);
	return only({...state, overlay: {type: 'confirm', question, toggles: [], intent, progress: `creating job ${namespace}/${jobName}…`}});
}
