// Steps of the action flows: a key on a row → a dialog, a question holding its Intent, or a
// live view, each ending in a 'perform' effect the runner sends through the gate. Answers come
// back as messages (see answers.ts).
import {applyYes} from './applySteps.js';
import type {Intent} from '../actions/gate.js';
import type {BaseRow} from '../model/types.js';
import type {PodRow} from '../model/pods.js';
import {ALL_CONTAINERS, ALLOWED_KINDS, containerChoices, intentFor, MUTATIONS} from '../actions/targets.js';
import {genericVerbFits} from '../actions/genericTarget.js';
import {openDrainForm, submitDrainForm, submitScale, targetText, type ActionTarget, type ConfirmToggle} from './dialogs.js';
import {openLogView, SINCE_CHOICES, type LogViewState} from './logView.js';
import type {ConfirmOverlay, LogSource, Overlay} from './overlays.js';
import type {Env, LogParams, Step} from './messages.js';
import {only, request, say, sayStep, subjectOf} from './viewSteps.js';
import type {UiState} from './state.js';
import {askUndo, openHistory, openSetImage} from './writeSteps.js';
import {answerBulkYes, bulkRowAction} from './bulk.js';
import {startOpening} from './typeAhead.js';

/** The action ids that start a flow from a row (source/actions/targets.ts says which kinds each fits). */
export type RowActionId = 'deploy.scale' | 'deploy.restart' | 'object.delete' | 'pod.kill' | 'node.cordon' | 'node.uncordon' | 'node.drain' | 'pod.logs' | 'deploy.setImage' | 'deploy.history' | 'deploy.undo' | 'pod.shell' | 'pod.attach' | 'pod.debug';

/** Why a row action cannot start here, or undefined when it can (then the row is returned too). */
export function rowActionBlocked(state: UiState, env: Env, id: RowActionId): {reason: string} | {row: BaseRow; kind: string} {
	const {pane, selected} = env.visible(state);
	const row = subjectOf(pane, selected, id);
	const readonly = env.actions?.readonly ?? false;
	if (selected && !row) return {reason: `${id} is not available here${readonly ? ' (read-only mode)' : ''}`};
	if (!env.actions) return {reason: `${id} is not available: kubedeck was started without an action layer`};
	if (!row) return {reason: 'nothing selected'};
	if (pane.generic) {
		// A kind discovery found: only what the server offers on it (delete), nothing kind-specific.
		if (id !== 'object.delete' || !genericVerbFits('delete', pane.generic)) return {reason: `${id} does not apply to ${pane.generic.plural}${id === 'object.delete' ? ' (the server does not offer delete)' : ''}`};
		return {row, kind: pane.objectKind};
	}
	const kind = pane.objectOf?.(row)?.kind ?? pane.objectKind;
	const kinds = ALLOWED_KINDS[id];
	if (kinds && !kinds.includes(kind)) return {reason: `${id} does not apply to ${kind.toLowerCase()}s`};
	return {row, kind};
}

function perform(state: UiState, intent: Intent, progress?: string, follow?: boolean): Step {
	const [req, next] = request(state);
	const said = progress ? say(next, progress) : next;
	return {state: said, effects: [{type: 'perform', req, intent, ...(follow ? {follow} : {})}]};
}

function ask(state: UiState, question: string, intent: Intent, extra: Partial<ConfirmOverlay> = {}, toggles: ConfirmToggle[] = []): Step {
	return only({...state, overlay: {type: 'confirm', question, toggles, intent, ...extra}});
}

export function startRowAction(state: UiState, env: Env, id: RowActionId): Step {
	const found = rowActionBlocked(state, env, id);
	if ('reason' in found) return sayStep(state, found.reason, 'error');
	const {row, kind} = found;
	const bulk = bulkRowAction(state, env, id);
	if (bulk) return bulk;
	const verb = MUTATIONS[id];
	// The gate itself answers, so the words (and the proof that nothing ran) come from one place.
	if (verb && env.actions?.readonly) return perform(state, intentFor(verb, kind, row));
	const target: ActionTarget & {namespace: string} = {kind, namespace: row.namespace ?? '', name: row.name};
	switch (id) {
		case 'deploy.scale': {
			const desired = (row as BaseRow & {desired?: number}).desired;
			const [req, next] = request(state);
			const scaleKind = kind === 'ReplicaSet' ? 'ReplicaSet' : 'Deployment';
			const prompt = {target, value: desired === undefined ? '' : String(desired), pristine: true, ...(desired !== undefined ? {from: desired} : {})};
			// The row may lag the API by a frame; the scale subresource is the truth the prompt starts from.
			return {state: {...next, overlay: {type: 'scale', prompt, req}}, effects: [{type: 'readReplicas', req, kind: scaleKind, namespace: target.namespace, name: target.name}]};
		}
		case 'deploy.restart':
			return ask(state, `Restart ${targetText(target)}? Its pods are replaced one by one (rolling).`, {verb: 'restart', kind: 'Deployment', namespace: target.namespace, name: row.name}, {
				progress: `restarting ${targetText(target)}…`,
				follow: true,
			});
		case 'object.delete': {
			const shown = row.namespace ? target : {kind, name: row.name};
			const generic = env.visible(state).pane.generic;
			const intent: Intent = {verb: 'delete', kind, ...(row.namespace ? {namespace: row.namespace} : {}), name: row.name, ...(generic ? {resource: generic} : {})};
			return ask(state, `Delete ${targetText(shown)}?`, intent, {progress: `deleting ${targetText(shown)}…`}, [{key: 'f', label: 'force: grace period 0, do not wait for the kubelet', on: false}]);
		}
		case 'pod.kill':
			return ask(state, `Kill ${targetText(target)} now (grace period 0)?`, {verb: 'kill', kind: 'Pod', namespace: target.namespace, name: row.name});
		case 'node.cordon':
			return ask(state, `Cordon node ${row.name}? No new pods will be scheduled on it.`, {verb: 'cordon', kind: 'Node', name: row.name});
		case 'node.uncordon':
			return ask(state, `Uncordon node ${row.name}? Pods may be scheduled on it again.`, {verb: 'uncordon', kind: 'Node', name: row.name});
		case 'node.drain':
			return only({...state, overlay: {type: 'drainForm', form: openDrainForm(row.name)}});
		case 'pod.logs':
			return logsOf(state, env, kind, row);
		case 'deploy.setImage':
			return openSetImage(state, target, row);
		case 'deploy.history':
			return openHistory(state, row);
		case 'deploy.undo':
			return askUndo(state, kind, row);
		case 'pod.debug':
			return chooseTerminal(state, 'debug', row);
		case 'pod.attach':
			return chooseTerminal(state, 'attach', row);
		case 'pod.shell':
			return chooseTerminal(state, 'shell', row);
	}
}

// ---- questions -----------------------------------------------------------------------------

export function answerYes(state: UiState, overlay: ConfirmOverlay): Step {
	if (overlay.bulk) return answerBulkYes(state, {...overlay, bulk: overlay.bulk});
	if (overlay.apply) return applyYes(state, overlay.apply);
	const force = overlay.toggles.some((t) => t.key === 'f' && t.on);
	const intent = {...overlay.intent, confirmed: true, ...(force && overlay.intent.verb === 'delete' ? {force: true} : {})} as Intent;
	return perform({...state, overlay: undefined}, intent, overlay.progress, overlay.follow);
}

// ---- scale and drain dialogs ---------------------------------------------------------------

export function submitScaleStep(state: UiState, env: Env, overlay: Extract<Overlay, {type: 'scale'}>): Step {
	if (!env.actions) return only(state);
	const outcome = submitScale(overlay.prompt, env.actions.validateReplicas);
	if (outcome.type === 'edit') return only({...state, overlay: {...overlay, prompt: outcome.prompt}});
	const {target} = overlay.prompt;
	const intent: Intent = {verb: 'scale', kind: target.kind === 'ReplicaSet' ? 'ReplicaSet' : 'Deployment', namespace: target.namespace ?? '', name: target.name, replicas: outcome.replicas};
	const progress = `scaling ${targetText(target)} to ${outcome.replicas}…`;
	if (outcome.needsConfirmation) return ask(state, outcome.needsConfirmation, intent, {progress});
	return perform({...state, overlay: undefined}, intent, progress);
}

export function submitDrainStep(state: UiState, env: Env, overlay: Extract<Overlay, {type: 'drainForm'}>): Step {
	const outcome = submitDrainForm(overlay.form);
	if (outcome.type === 'edit') return only({...state, overlay: {...overlay, form: outcome.form}});
	const [req, next] = request(state);
	const node = overlay.form.node;
	const waiting = env.podsOnNode(node);
	return {
		state: {...next, overlay: {type: 'drain', req, node, options: outcome.options, results: [], waiting, started: env.now}},
		effects: [{type: 'drain', req, node, options: outcome.options}],
	};
}

// ---- logs ----------------------------------------------------------------------------------

export function logParams(env: Env, view: LogViewState): LogParams {
	const since = SINCE_CHOICES[view.since]!;
	return {previous: view.previous, tailLines: env.settings.logTailLines ?? 200, ...(since.seconds !== undefined ? {sinceSeconds: since.seconds} : {})};
}

export function openLogs(state: UiState, env: Env, source: LogSource, title: string, saveAs: {namespace: string; name: string; container?: string}): Step {
	const [req, next] = request(state);
	const view = openLogView(title);
	return {state: {...next, overlay: {type: 'logs', req, source, saveAs, view}}, effects: [{type: 'openLogs', req, source, params: logParams(env, view)}]};
}

export function podLogs(state: UiState, env: Env, namespace: string, pod: string, container: string | undefined, all: readonly string[] = []): Step {
	if (container === ALL_CONTAINERS) {
		return openLogs(state, env, {type: 'containers', namespace, pod, containers: all}, `logs ${namespace}/${pod} (all containers)`, {namespace, name: pod});
	}
	const source: LogSource = {type: 'pod', namespace, pod, ...(container ? {container} : {})};
	return openLogs(state, env, source, `logs ${namespace}/${pod}${container ? ` [${container}]` : ''}`, {namespace, name: pod, ...(container ? {container} : {})});
}

function logsOf(state: UiState, env: Env, kind: string, row: BaseRow): Step {
	const namespace = row.namespace ?? '';
	if (kind === 'Deployment') {
		const workload = row as BaseRow & {selector?: string; containers?: string[]};
		if (!workload.selector) return sayStep(state, `deployment ${row.name} has no selector; no pods to follow`, 'error');
		const source: LogSource = {type: 'deployment', namespace, workload};
		return openLogs(state, env, source, `logs deploy/${row.name} (${namespace}, all pods)`, {namespace, name: row.name});
	}
	const containers = (row as Partial<PodRow>).containers ?? [];
	const choices = containerChoices(row);
	if (!choices) return podLogs(state, env, namespace, row.name, containers[0]);
	return only({...state, overlay: {type: 'picker', namespace, pod: row.name, choices, index: 0}});
}

export function pickContainer(state: UiState, env: Env, overlay: Extract<Overlay, {type: 'picker'}>): Step {
	const choice = overlay.choices[overlay.index];
	if (!choice) return only(state);
	if (overlay.terminal) return terminalStep({...state, overlay: undefined}, overlay.terminal, {namespace: overlay.namespace, pod: overlay.pod, container: choice.value});
	const all = overlay.choices.map((c) => c.value).filter((v) => v !== ALL_CONTAINERS);
	return podLogs({...state, overlay: undefined}, env, overlay.namespace, overlay.pod, choice.value, all);
}

// ---- shell, attach, debug -------------------------------------------------------------------

/**
 * Several containers: ask which, the default (the kubectl.kubernetes.io/default-container
 * annotation, else the first) highlighted; one (or the containers pane): go straight on.
 */
function chooseTerminal(state: UiState, purpose: 'shell' | 'attach' | 'debug', row: BaseRow): Step {
	const namespace = row.namespace ?? '';
	const choices = containerChoices(row)?.filter((c) => c.value !== ALL_CONTAINERS);
	if (choices && choices.length > 1) return only({...state, overlay: {type: 'picker', terminal: purpose, namespace, pod: row.name, choices, index: 0}});
	const container = (row as Partial<PodRow>).defaultContainer ?? (row as Partial<PodRow>).containers?.[0];
	if (!container) return sayStep(state, `pod ${row.name} has no container for a ${purpose}`, 'error');
	return terminalStep(state, purpose, {namespace, pod: row.name, container});
}

function terminalStep(state: UiState, purpose: 'shell' | 'attach' | 'debug', target: {namespace: string; pod: string; container: string}): Step {
	const [req, next] = request(state);
	const where = `${target.namespace}/${target.pod} (${target.container})`;
	const text = purpose === 'shell' ? `opening a shell in ${where}…` : purpose === 'attach' ? `attaching to ${where}…` : `adding a debug container to ${target.namespace}/${target.pod} (targeting ${target.container})…`;
	return {state: startOpening(next, req, purpose, where, text), effects: [{type: purpose, req, target}]};
}
