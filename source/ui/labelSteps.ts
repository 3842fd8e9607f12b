// `:label k=v k2-` and `:annotate k=v` on the selected row: the edits are checked by Kubernetes'
// rules before anything is asked, the question says what changes (against the row's labels where
// the row has them), and the confirmed intent goes through the gate, which plans again against
// the object the server holds and refuses a change made meanwhile (409).
import type {Intent} from '../actions/gate.js';
import {genericVerbFits} from '../actions/genericTarget.js';
import {ALLOWED_KINDS} from '../actions/targets.js';
import {describeChanges, parseMetadataEdits, planMetadataEdits, type MetadataField} from '../model/metadataEdits.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {targetText} from './dialogs.js';
import type {Env, Step} from './messages.js';
import type {UiState} from './state.js';
import {only, request, sayStep} from './viewSteps.js';
import {markedRows} from './marks.js';
import {askBulkLabel} from './bulk.js';

/** Why the selected row cannot be labelled here, or undefined when it can. */
export function labelRefusal(state: UiState, env: Env): string | undefined {
	const {pane, selected} = env.visible(state);
	const kind = (selected && pane.objectOf?.(selected)?.kind) ?? pane.objectKind;
	const generic = pane.generic;
	if (generic ? !genericVerbFits('label', generic) : !(ALLOWED_KINDS['object.label'] ?? []).includes(kind)) {
		return `labels do not apply to ${generic ? generic.plural : `${kind.toLowerCase()}s`}`;
	}
	return undefined;
}

export function labelStep(state: UiState, env: Env, field: MetadataField, text: string): Step {
	const word = field === 'labels' ? ':label' : ':annotate';
	const closed: UiState = {...state, overlay: undefined};
	const parsed = parseMetadataEdits(field, text);
	if (!parsed.ok) return sayStep(closed, `${word}: ${parsed.message}`, 'error');
	const edits = parsed.value;
	if (!env.actions) return sayStep(closed, `${word} is not available: kubedeck was started without an action layer`, 'error');
	const {pane, selected} = env.visible(closed);
	if (!selected) return sayStep(closed, `${word} acts on the selected row: select one first`, 'error');
	const refused = labelRefusal(closed, env);
	if (refused) return sayStep(closed, `${word}: ${refused}`, 'error');
	// Rows marked with space: the same edits on each of them, asked once.
	const marked = markedRows(closed, env.visible(closed));
	if (marked.length > 0) return askBulkLabel(closed, (row) => pane.objectOf?.(row)?.kind ?? pane.objectKind, marked, edits, env.actions.readonly, pane.generic);
	const kind = pane.objectOf?.(selected)?.kind ?? pane.objectKind;
	const generic = pane.generic;
	const intent: Intent = {verb: 'label', kind, ...(selected.namespace ? {namespace: selected.namespace} : {}), name: selected.name, edits, ...(generic ? {resource: generic} : {})};
	const shown = targetText({kind, ...(selected.namespace ? {namespace: selected.namespace} : {}), name: selected.name});
	if (env.actions.readonly) {
		// The gate's refusal is the answer, in the same words as every other mutation.
		const [req, next] = request(closed);
		return {state: next, effects: [{type: 'perform', req, intent}]};
	}
	let changes = describeChanges([...edits.remove.map((key) => ({key})), ...edits.set.map(([key, to]) => ({key, to}))]);
	if (field === 'labels' && selected.labels) {
		const plan = planMetadataEdits(selected.labels, edits);
		if (!plan.ok) return sayStep(closed, `${word}: ${plan.message}`, 'error');
		if (plan.value.length === 0) return sayStep(closed, `${shown} already has these labels: nothing to change`);
		changes = describeChanges(plan.value);
	}
	const verb = field === 'labels' ? 'Label' : 'Annotate';
	// Labels feed selectors: a pod relabelled may leave its Service or ReplicaSet, so this asks.
	const question = sanitizeLine(`${verb} ${shown}: ${changes}?`);
	return only({...closed, overlay: {type: 'confirm', question, toggles: [], intent, progress: `${field === 'labels' ? 'labelling' : 'annotating'} ${shown}…`}});
}
