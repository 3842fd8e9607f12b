// Bulk actions on marked rows: delete, kill, label, annotate, cordon and uncordon. One question lists
// the objects (the view shows the first names and "and K more"); yes sends one intent per object,
// each through the gate (its own confirmation flag, server answer and audit line), all at once.
// A failure of one does not stop the others; when every answer is in, one line sums them up
// ("deleted 4 of 5: web-2 not found") and the objects that were not changed stay marked.
import type {ActionResult, Intent} from '../actions/gate.js';
import type {GenericTarget} from '../actions/genericTarget.js';
import type {MetadataEdits} from '../model/metadataEdits.js';
import {describeChanges} from '../model/metadataEdits.js';
import type {BaseRow} from '../model/types.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import type {ConfirmToggle} from './dialogs.js';
import {keepMarked, markedRows} from './marks.js';
import type {Env, Msg, Step} from './messages.js';
import type {ConfirmOverlay} from './overlays.js';
import type {UiState} from './state.js';
import {only, say} from './viewSteps.js';

export interface BulkItem {
	uid: string;
	/** As the question lists it: the name, with its namespace when the objects span several. */
	name: string;
	intent: Intent;
}

/** What a bulk question holds: every intent it will send, and the words for the answer. */
export interface BulkPlan {
	items: readonly BulkItem[];
	/** Past tense for the summary: 'deleted', 'labelled', 'cordoned'. */
	done: string;
	/** While the answers come in: 'deleting 5 pods…'. */
	progress: string;
}

/** A bulk action under way: the requests first … first+items.length-1 and the answers so far. */
export interface BulkRun {
	first: number;
	items: ReadonlyArray<{uid: string; name: string}>;
	done: string;
	/** By index into items; undefined until that object's answer arrives. */
	results: ReadonlyArray<ActionResult | undefined>;
}

export type BulkVerb = 'delete' | 'kill' | 'cordon' | 'uncordon';

/** How many names the question's list shows before "and K more" (the view fits fewer on a narrow screen). */
export const LISTED_NAMES = 12;

/** 'a, b, c and 4 more': the first `limit` names, then how many are left. */
export function listNames(names: readonly string[], limit = LISTED_NAMES): string {
	if (names.length <= limit) return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
	return `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;
}

/** 'pods', 'nodes', or a discovered kind's plural. */
export function pluralOf(kind: string, count: number, generic?: GenericTarget): string {
	const plural = generic ? generic.plural : `${kind.toLowerCase()}s`;
	return count === 1 ? kind.toLowerCase() : plural;
}

/** Rows of one kind are 'pods'; rows of several (the :problems pane) are 'objects'. */
function pluralOfRows(rows: readonly BaseRow[], kindOf: (row: BaseRow) => string, generic?: GenericTarget): string {
	const kinds = new Set(rows.map(kindOf));
	return kinds.size === 1 ? pluralOf([...kinds][0]!, rows.length, generic) : rows.length === 1 ? 'object' : 'objects';
}

function shownNames(rows: readonly BaseRow[]): {names: string[]; where: string} {
	const namespaces = new Set(rows.map((row) => row.namespace ?? ''));
	const one = namespaces.size === 1 ? [...namespaces][0]! : undefined;
	const names = rows.map((row) => sanitizeLine(one === undefined && row.namespace ? `${row.namespace}/${row.name}` : row.name));
	return {names, where: one ? ` in ${sanitizeLine(one)}` : ''};
}

function intentOf(verb: BulkVerb, kind: string, row: BaseRow, generic?: GenericTarget): Intent {
	if (verb === 'delete') return {verb, kind, ...(row.namespace ? {namespace: row.namespace} : {}), name: row.name, ...(generic ? {resource: generic} : {})};
	if (verb === 'kill') return {verb, kind: 'Pod', namespace: row.namespace ?? '', name: row.name};
	return {verb, kind: 'Node', name: row.name};
}

/** Each verb's words: the question (as the single-row one, in the plural), progress and summary. */
const WORDS: Record<BulkVerb, {ask(what: string): string; doing: string; done: string}> = {
	delete: {ask: (what) => `Delete ${what}?`, doing: 'deleting', done: 'deleted'},
	kill: {ask: (what) => `Kill ${what} now (grace period 0)?`, doing: 'killing', done: 'killed'},
	cordon: {ask: (what) => `Cordon ${what}? No new pods will be scheduled on them.`, doing: 'cordoning', done: 'cordoned'},
	uncordon: {ask: (what) => `Uncordon ${what}? Pods may be scheduled on them again.`, doing: 'uncordoning', done: 'uncordoned'},
};

/** One bulk action at a time: its answers are counted against its own list. */
function stillRunning(state: UiState): Step | undefined {
	const run = state.bulk;
	if (!run) return undefined;
	const answered = run.results.filter((r) => r !== undefined).length;
	return only(say(state, `the last bulk action is still running (${answered} of ${run.items.length} answered); try again when it ends`, 'error'));
}

/** The one question for a delete, kill, cordon or uncordon of every marked row (or, read-only, straight to the gate). */
export function askBulk(state: UiState, verb: BulkVerb, kindOf: (row: BaseRow) => string, rows: readonly BaseRow[], readonly: boolean, generic?: GenericTarget): Step {
	const busy = stillRunning(state);
	if (busy) return busy;
	const {names, where} = shownNames(rows);
	const items = rows.map((row, i) => ({uid: row.uid, name: names[i]!, intent: intentOf(verb, kindOf(row), row, generic)}));
	const what = `${rows.length} ${pluralOfRows(rows, kindOf, generic)}${where}`;
	const words = WORDS[verb];
	const plan: BulkPlan = {items, done: words.done, progress: `${words.doing} ${what}…`};
	// The gate itself refuses each one, in the same words as a single row's refusal.
	if (readonly) return sendBulk(state, plan, false);
	const question = words.ask(what);
	const toggles: ConfirmToggle[] = verb === 'delete' ? [{key: 'f', label: 'force: grace period 0, do not wait for the kubelet', on: false}] : [];
	return only({...state, overlay: {type: 'confirm', question, toggles, intent: items[0]!.intent, bulk: plan}});
}

/** The question for :label / :annotate on every marked row; the gate plans each against the server's object. */
export function askBulkLabel(state: UiState, kindOf: (row: BaseRow) => string, rows: readonly BaseRow[], edits: MetadataEdits, readonly: boolean, generic?: GenericTarget): Step {
	const busy = stillRunning(state);
	if (busy) return busy;
	const {names, where} = shownNames(rows);
	const intent = (row: BaseRow): Intent => ({verb: 'label', kind: kindOf(row), ...(row.namespace ? {namespace: row.namespace} : {}), name: row.name, edits, ...(generic ? {resource: generic} : {})});
	const items = rows.map((row, i) => ({uid: row.uid, name: names[i]!, intent: intent(row)}));
	const labels = edits.field === 'labels';
	const what = `${rows.length} ${pluralOfRows(rows, kindOf, generic)}${where}`;
	const plan: BulkPlan = {items, done: labels ? 'labelled' : 'annotated', progress: `${labels ? 'labelling' : 'annotating'} ${what}…`};
	if (readonly) return sendBulk(state, plan, false);
	const changes = describeChanges([...edits.remove.map((key) => ({key})), ...edits.set.map(([key, to]) => ({key, to}))]);
	const question = sanitizeLine(`${labels ? 'Label' : 'Annotate'} ${what}: ${changes}?`);
	return only({...state, overlay: {type: 'confirm', question, toggles: [], intent: items[0]!.intent, bulk: plan}});
}

/** Yes on a bulk question: one confirmed intent per object, each with its own request number. */
export function answerBulkYes(state: UiState, overlay: ConfirmOverlay & {bulk: BulkPlan}): Step {
	const force = overlay.toggles.some((t) => t.key === 'f' && t.on);
	const plan: BulkPlan = {
		...overlay.bulk,
		items: overlay.bulk.items.map((item) => ({...item, intent: {...item.intent, ...(force && item.intent.verb === 'delete' ? {force: true} : {})} as Intent})),
	};
	return sendBulk({...state, overlay: undefined}, plan, true);
}

function sendBulk(state: UiState, plan: BulkPlan, confirmed: boolean): Step {
	const first = state.nextReq;
	const effects = plan.items.map((item, i) => ({type: 'perform' as const, req: first + i, intent: (confirmed ? {...item.intent, confirmed: true} : item.intent) as Intent}));
	const run: BulkRun = {first, items: plan.items.map(({uid, name}) => ({uid, name})), done: plan.done, results: plan.items.map(() => undefined)};
	return {state: say({...state, nextReq: first + plan.items.length, bulk: run}, plan.progress), effects};
}

/** An answer for one object of the bulk action under way, or undefined when it belongs to something else. */
export function bulkAnswered(state: UiState, msg: Extract<Msg, {type: 'performed'}>): Step | undefined {
	const run = state.bulk;
	const index = run ? msg.req - run.first : -1;
	if (!run || index < 0 || index >= run.items.length) return undefined;
	// Each object counts once, whatever arrives twice.
	if (run.results[index] !== undefined) return only(state);
	const results = run.results.map((r, i) => (i === index ? msg.result : r));
	const answered = results.filter((r) => r !== undefined).length;
	if (answered < run.items.length) return only(say({...state, bulk: {...run, results}}, `${run.done} ${results.filter((r) => r?.ok).length} of ${run.items.length} so far…`));
	const {bulk: _bulk, ...rest} = state;
	const failed = run.items.filter((_, i) => !results[i]!.ok);
	const next = keepMarked(rest, failed.map((item) => item.uid));
	return only(say(next, bulkSummary(run.done, run.items, results as ActionResult[]), failed.length > 0 ? 'error' : 'info'));
}

/** Why one object failed, in a few words: 'not found', or the server's message. */
function shortFailure(result: Extract<ActionResult, {ok: false}>): string {
	switch (result.reason) {
		case 'NotFound':
			return 'not found';
		case 'Conflict':
			return 'changed meanwhile (conflict)';
		case 'Forbidden':
			return 'forbidden';
		default:
			return result.message;
	}
}

/** 'deleted 4 of 5: web-2 not found'; every object refused alike (read-only) → that one reason. */
export function bulkSummary(done: string, items: ReadonlyArray<{name: string}>, results: readonly ActionResult[]): string {
	const ok = results.filter((r) => r.ok).length;
	const head = `${done} ${ok} of ${items.length}`;
	const failures = items.flatMap((item, i) => {
		const result = results[i]!;
		return result.ok ? [] : [{name: item.name, result}];
	});
	if (failures.length === 0) return head;
	const reasons = new Set(failures.map((f) => f.result.reason));
	if (failures.length > 1 && reasons.size === 1 && failures[0]!.result.reason !== 'NotFound' && failures[0]!.result.reason !== 'Conflict') {
		// The same refusal for several (read-only, RBAC): said once, reason first (a narrow screen cuts the end);
		// when it hit them all, the names are the marked rows and need no repeating.
		const who = failures.length === items.length ? '' : ` (${listNames(failures.map((f) => f.name), 3)})`;
		return `${head}: ${failures[0]!.result.message}${who}`;
	}
	const shown = failures.slice(0, 3).map((f) => (f.result.reason === 'NotFound' || f.result.reason === 'Conflict' || f.result.reason === 'Forbidden' ? `${f.name} ${shortFailure(f.result)}` : shortFailure(f.result)));
	return `${head}: ${shown.join('; ')}${failures.length > 3 ? `; and ${failures.length - 3} more failed` : ''}`;
}

const BULK_IDS: Readonly<Record<string, BulkVerb>> = {'object.delete': 'delete', 'pod.kill': 'kill', 'node.cordon': 'cordon', 'node.uncordon': 'uncordon'};

/** A row action that acts on every marked row when rows are marked; undefined: the single-row flow. */
export function bulkRowAction(state: UiState, env: Env, id: string): Step | undefined {
	const verb = BULK_IDS[id];
	if (!verb) return undefined;
	const shown = env.visible(state);
	const rows = markedRows(state, shown);
	if (rows.length === 0) return undefined;
	const {pane} = shown;
	const kindOf = (row: BaseRow): string => pane.objectOf?.(row)?.kind ?? pane.objectKind;
	return askBulk(state, verb, kindOf, rows, env.actions?.readonly ?? false, pane.generic);
}
