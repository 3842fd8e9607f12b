// :apply FILE, step by step: read the file (runner) → parse and resolve each object's kind
// (discovery) → a server-side dry run of each through the gate → the diffs in a pager and one
// question listing the objects → if another manager owns fields the file changes, a second
// question naming each field taken over → the writes, one audit line per object.
import type {ActionResult, Intent} from '../actions/gate.js';
import type {ApplyConflict} from '../actions/applyObject.js';
import {applyName} from '../actions/applyObject.js';
import {parseManifest, resolveManifest} from '../actions/applyManifest.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import type {Env, Msg, Step} from './messages.js';
import type {ManifestListing} from '../actions/manifestDir.js';
import type {ConfirmOverlay, Overlay} from './overlays.js';
import {push, replaceTop, top, type UiState} from './state.js';
import {only, request, say, sayStep} from './viewSteps.js';

type ApplyIntent = Extract<Intent, {verb: 'apply'}>;

/** What the questions carry between the dry run and the writes. */
export interface ApplyBatch {
	file: string;
	intents: ApplyIntent[];
	/** Objects whose fields another manager owns with another value, by key(). */
	conflicts: Array<{key: string; shown: string; conflicts: ApplyConflict[]}>;
	/** Set on the second question: yes writes those objects with force. */
	forcing?: true;
}

const key = (i: ApplyIntent): string => `${i.resource.group}/${i.kind}/${i.namespace ?? ''}/${i.name}`;
const shownOf = (i: ApplyIntent): string => applyName(i.kind, i.resource.group, i.name) + (i.namespace ? ` -n ${i.namespace}` : '');
const titleOf = (file: string): string => `:apply ${file}`;

/** :apply FILE reads it; :apply DIR, or :apply alone (the directory kubedeck started in), lists manifests to pick. */
export function startApply(state: UiState, env: Env, text: string): Step {
	const file = text.trim() || '.';
	if (!env.actions) return sayStep(state, 'applying is not available: kubedeck was started without an action layer', 'error');
	const [req, next] = request({...state, overlay: undefined});
	return {state: say(next, `reading ${file}…`), effects: [{type: 'readManifest', req, file}]};
}

/** A directory's manifests in a picker; an empty one says what it does hold. */
function openListing(state: UiState, file: string, listing: ManifestListing): Step {
	const walkable = listing.choices.some((c) => c.isDir && c.label !== '../');
	if (listing.files === 0 && !walkable) return sayStep(state, sanitizeLine(`${file}: no .yaml, .yml or .json files here, and no directories to look in`), 'error');
	return only({...state, overlay: {type: 'files', listing, index: listing.choices[0]?.label === '../' && listing.choices.length > 1 ? 1 : 0}, message: undefined});
}

/** Enter in the file picker: a directory is listed in its place, a file is read and dry-run. */
export function pickManifest(state: UiState, env: Env, overlay: Extract<Overlay, {type: 'files'}>): Step {
	const choice = overlay.listing.choices[overlay.index];
	if (!choice) return only(state);
	return startApply(state, env, choice.value);
}

/** The file's text: parsed, each kind resolved, then every object dry-run by the server. */
export function manifestRead(state: UiState, env: Env, msg: Extract<Msg, {type: 'manifestRead'}>): Step {
	if (!msg.result.ok) return sayStep(state, sanitizeLine(msg.result.message), 'error');
	if ('listing' in msg.result) return openListing(state, msg.file, msg.result.listing);
	const parsed = parseManifest(msg.file, msg.result.value);
	if (!parsed.ok) return sayStep(state, sanitizeLine(parsed.message), 'error');
	const catalog = env.kinds?.() ?? [];
	if (catalog.length === 0) return sayStep(state, "the server's discovery has not answered yet, so the file's kinds cannot be placed; try again in a moment", 'error');
	const resolved = resolveManifest(msg.file, parsed.value, catalog, state.namespace ?? 'default');
	if (!resolved.ok) return sayStep(state, sanitizeLine(resolved.message), 'error');
	const intents: ApplyIntent[] = resolved.value.map((item) => ({verb: 'apply', ...item, dryRun: true}));
	const [req, next] = request(state);
	const count = `${intents.length} object${intents.length === 1 ? '' : 's'}`;
	return {state: say(next, `server-side dry run of ${count} from ${msg.file}…`), effects: [{type: 'performAll', req, phase: 'plan', file: msg.file, intents}]};
}

function detailsOf(result: ActionResult): {verdict?: string; diff?: string[]; conflicts?: ApplyConflict[]} {
	return (result.details ?? {}) as {verdict?: string; diff?: string[]; conflicts?: ApplyConflict[]};
}

/** The pager's lines: each object with what the dry run said, its conflicts, its diff. */
export function planLines(file: string, results: ReadonlyArray<{intent: Intent; result: ActionResult}>): string[] {
	const lines = [`${titleOf(file)}: server-side apply as field manager kubedeck; the server's dry run says:`];
	for (const {intent, result} of results) {
		const shown = shownOf(intent as ApplyIntent);
		const {verdict, diff, conflicts} = detailsOf(result);
		lines.push('');
		if (verdict === 'conflict') {
			lines.push(`CONFLICT ${shown}: fields another manager owns with another value (y, then y again, takes them over)`);
			for (const c of conflicts ?? []) lines.push(`  ${c.field}  owned by ${c.manager}`);
		} else if (!result.ok) lines.push(`REFUSED ${shown}: ${result.message}`);
		else lines.push(`${verdict ?? 'applied'} ${shown}`);
		if (verdict !== 'unchanged') lines.push(...(diff ?? []));
	}
	return lines.map((line) => sanitizeLine(line));
}

function countOf(n: number, what: string): string {
	return `${n} ${what}`;
}

/** The dry run's answers: the pager with every diff, and the one question (or why there is none). */
export function planned(state: UiState, msg: Extract<Msg, {type: 'performedAll'}>): Step {
	const {file, results} = msg;
	const lines = planLines(file, results);
	const shown = push(state, {type: 'pager', context: 'yaml', title: titleOf(file), lines, offset: 0, diff: true});
	const refused = results.filter(({result}) => !result.ok && detailsOf(result).verdict !== 'conflict');
	if (refused.length > 0) return only(say(shown, sanitizeLine(`nothing applied: ${refused[0]!.result.message}${refused.length > 1 ? ` (and ${refused.length - 1} more refused; see the list)` : ''}`), 'error'));
	const verdicts = results.map(({result}) => detailsOf(result).verdict);
	const intents = results.map(({intent}) => {
		const {dryRun: _dry, ...rest} = intent as ApplyIntent;
		return rest as ApplyIntent;
	});
	const conflicts = results.flatMap(({intent, result}) => {
		const c = detailsOf(result).conflicts;
		return c ? [{key: key(intent as ApplyIntent), shown: shownOf(intent as ApplyIntent), conflicts: c}] : [];
	});
	if (conflicts.length === 0 && verdicts.every((v) => v === 'unchanged')) return only(say(shown, sanitizeLine(`${file}: nothing to change (the server already holds what it says)`)));
	const listed = results
		.map(({intent}, i) => ({name: shownOf(intent as ApplyIntent), verdict: verdicts[i]}))
		.filter(({verdict}) => verdict === 'created' || verdict === 'configured' || verdict === 'conflict')
		.map(({name, verdict}) => `${verdict === 'created' ? 'create' : verdict === 'conflict' ? 'conflict on' : 'configure'} ${name}`);
	const unchanged = verdicts.filter((v) => v === 'unchanged').length;
	const parts = [...listed, ...(unchanged > 0 ? [countOf(unchanged, 'unchanged')] : [])];
	const question = `Apply ${file}: ${parts.join(', ')}?${conflicts.length > 0 ? ' (conflicts: asked next)' : ''}`;
	const apply: ApplyBatch = {file, intents, conflicts};
	const overlay: ConfirmOverlay = {type: 'confirm', question: sanitizeLine(question), toggles: [], intent: intents[0]!, progress: `applying ${file}…`, apply};
	return only({...shown, overlay, message: undefined});
}

/** y on a question of :apply: the force question first when there are conflicts, else the writes. */
export function applyYes(state: UiState, batch: ApplyBatch): Step {
	if (batch.conflicts.length > 0 && !batch.forcing) {
		const taken = batch.conflicts.flatMap((o) => o.conflicts.map((c) => `${c.field} of ${o.shown} from ${c.manager}`));
		const question = `Force: take over ${taken.join('; ')}? (y forces; n applies nothing)`;
		const overlay: ConfirmOverlay = {type: 'confirm', question: sanitizeLine(question), toggles: [], intent: batch.intents[0]!, apply: {...batch, forcing: true}};
		return only({...state, overlay});
	}
	const forced = new Set(batch.forcing ? batch.conflicts.map((c) => c.key) : []);
	const intents: Intent[] = batch.intents.map((i) => ({...i, confirmed: true, ...(forced.has(key(i)) ? {force: true} : {})}));
	const [req, next] = request({...state, overlay: undefined});
	return {state: say(next, `applying ${batch.file}…`), effects: [{type: 'performAll', req, phase: 'apply', file: batch.file, intents}]};
}

/** The writes' answers: one line for the status, and each object's result above the diff. */
export function applied(state: UiState, msg: Extract<Msg, {type: 'performedAll'}>): Step {
	const failed = msg.results.filter(({result}) => !result.ok);
	const summary = failed.length === 0
		? `applied ${msg.file}: ${msg.results.map(({result}) => result.message).join('; ')}`
		: `${failed.length} of ${msg.results.length} not applied: ${failed.map(({result}) => result.message).join('; ')}`;
	const said = say(state, sanitizeLine(summary), failed.length === 0 ? 'info' : 'error');
	const view = top(said);
	if (view.type !== 'pager' || view.title !== titleOf(msg.file)) return only(said);
	const outcome = ['Result:', ...msg.results.map(({result}) => `  ${result.ok ? 'ok' : 'FAILED'}  ${result.message}`), ''].map((line) => sanitizeLine(line));
	return only(replaceTop(said, {...view, lines: [...outcome, ...view.lines], offset: 0}));
}

export function performedAll(state: UiState, msg: Extract<Msg, {type: 'performedAll'}>): Step {
	return msg.phase === 'plan' ? planned(state, msg) : applied(state, msg);
}
