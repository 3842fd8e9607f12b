// Keys as data: every action id the key map may name, with what it does to the state and when
// it is unavailable. Typed by the vocabulary's ids, so an id without a step does not compile.
// The footer and help list only the actions that are not disabled.
import {bindingsFor} from '../config/keymap.js';
import {isActionId, type ActionId} from '../config/vocabulary.js';
import type {HelpBinding} from './help.js';
import {closeOverlay} from './answers.js';
import {completePrompt, openPrompt, submitPrompt} from './prompt.js';
import {answerYes, pickContainer, rowActionBlocked, startRowAction, submitDrainStep, submitScaleStep, type RowActionId} from './flowSteps.js';
import {askTrigger, pickImageContainer, submitImageStep} from './writeSteps.js';
import {askSuspend} from './cronJobSteps.js';
import {pickManifest} from './applySteps.js';
import {labelRefusal} from './labelSteps.js';
import {editRefusal, openEdit} from './editSteps.js';
import {diffRevisions, markRevision} from './historySteps.js';
import type {Env, Step} from './messages.js';
import {pickRevealKey, revealDisabled, startReveal} from './reveal.js';
import type {Overlay} from './overlays.js';
import {back, moveIndex, top, type Move, type UiState} from './state.js';
import {scrollColumns, toggleExpand, toggleWrap} from './pagerSteps.js';
import {copyStep} from './copy.js';
import {clearMarks, markRange, marksRefusal, toggleMark} from './marks.js';
import {devicePluginOf, eventsOf, nodeOf, ownerOf, recentEvents} from './jumps.js';
import {gpuDevicesOf} from './gpuSteps.js';
import {FORWARD_KINDS, moveForwards, startPortForward, stopSelectedForward, submitPortForward} from './portForwardSteps.js';
import type {ForwardKind} from '../actions/portForwardResolve.js';
import {
	applyFilter,
	changeNamespace,
	drill,
	favourite,
	help,
	move,
	only,
	openDetail,
	previous,
	runCommand,
	say,
	sayStep,
	sortBy,
	sortByLetter,
	toggleOrJump,
	viewContexts,
} from './viewSteps.js';

export interface ActionSpec {
	/** What the action does, for help when a key map gives no description. */
	description: string;
	/** Overlays in which the action acts; in any other overlay its key does nothing. */
	overlays?: ReadonlyArray<Overlay['type']>;
	/** Why the action cannot run now (shown when its key is pressed); undefined = available. */
	disabled?(state: UiState, env: Env): string | undefined;
	reduce(state: UiState, arg: string | undefined, env: Env): Step;
}

const notHere = (state: UiState): Step => sayStep(state, 'not available here', 'error');

const isCronJobs = (generic: {kind: string; group: string} | undefined): boolean => generic?.kind === 'CronJob' && generic.group === 'batch';

const onTable = (fn: (state: UiState, arg: string | undefined, env: Env) => Step) => (state: UiState, arg: string | undefined, env: Env): Step =>
	top(state).type === 'table' ? fn(state, arg, env) : notHere(state);

function navigate(how: Move): ActionSpec {
	return {
		description: `Move ${how}`,
		overlays: how === 'up' || how === 'down' ? ['picker', 'files', 'forwards', 'confirm'] : ['confirm'],
		reduce(state, _arg, env) {
			const overlay = state.overlay;
			// A question over a pager (:apply's diff) leaves the pager scrollable; over a table nothing moves.
			if (overlay?.type === 'confirm') return top(state).type === 'pager' ? only({...move({...state, overlay: undefined}, env, how).state, overlay}) : only(state);
			if (overlay?.type === 'forwards') return moveForwards(state, overlay, how === 'up' ? -1 : 1);
			if (overlay?.type === 'picker') return only({...state, overlay: {...overlay, index: moveIndex(overlay.index, overlay.choices.length, how, 1)}});
			if (overlay?.type === 'files') return only({...state, overlay: {...overlay, index: moveIndex(overlay.index, overlay.listing.choices.length, how, 1)}});
			return move(state, env, how);
		},
	};
}

/** A flow started from the selected row; unavailable where it cannot apply (the reason is the words a key press shows). */
function rowAction(id: RowActionId, description: string): ActionSpec {
	return {
		description,
		disabled(state, env) {
			const found = rowActionBlocked(state, env, id);
			// "nothing selected" comes and goes with the rows; the hint stays.
			return 'reason' in found && found.reason !== 'nothing selected' ? found.reason : undefined;
		},
		reduce: onTable((state, _arg, env) => startRowAction(state, env, id)),
	};
}

function paneKey(id: string, description: string): ActionSpec {
	return {description, reduce: (state, _arg, env) => toggleOrJump(state, env, id) ?? sayStep(state, `${id} is not available here`, 'error')};
}

/** Log keys act inside the log view (update.ts routes every key there while it is open). */
const logKey = (description: string): ActionSpec => ({description, reduce: notHere});

export const ACTION_TABLE: Readonly<Record<ActionId, ActionSpec>> = {
	'app.quit': {
		description: 'Quit',
		// In a rollout or drain view q means back, as in the pagers.
		overlays: ['rollout', 'drain', 'forwards'],
		reduce: (state) => (state.overlay ? closeLive(state) : {state, effects: [{type: 'exit'}]}),
	},
	'app.redraw': {description: 'Redraw the screen', reduce: (state) => ({state, effects: [{type: 'redraw'}]})},
	'view.command': {description: 'Command prompt', reduce: (state) => only({...state, overlay: {type: 'prompt', prompt: openPrompt('command')}, message: undefined})},
	'view.filter': {
		description: 'Filter',
		reduce: onTable((state) => only({...state, overlay: {type: 'prompt', prompt: openPrompt('filter')}, message: undefined})),
	},
	'view.back': {
		description: 'Back',
		overlays: ['prompt', 'scale', 'drainForm', 'picker', 'files', 'rollout', 'drain', 'portForward', 'forwards', 'image'],
		reduce(state) {
			switch (state.overlay?.type) {
				case undefined:
					return only(back(state));
				case 'prompt':
					return only({...state, overlay: undefined});
				case 'scale':
					return closeOverlay(state, 'scale cancelled');
				case 'image':
					return closeOverlay(state, 'set image cancelled');
				case 'drainForm':
					return closeOverlay(state, 'drain cancelled');
				case 'portForward':
					return closeOverlay(state, 'port-forward cancelled');
				default:
					return closeLive(state);
			}
		},
	},
	'view.drill': {
		description: 'Drill down',
		overlays: ['picker', 'files'],
		reduce: (state, _arg, env) =>
			state.overlay?.type === 'files'
				? pickManifest(state, env, state.overlay)
				: state.overlay?.type === 'picker'
				? state.overlay.reveal
					? pickRevealKey(state, state.overlay)
					: state.overlay.setImage
						? pickImageContainer(state, state.overlay)
						: pickContainer(state, env, state.overlay)
				: top(state).type === 'pager'
					? notHere(state)
					: drill(state, env),
	},
	'view.help': {description: 'Help', reduce: (state, _arg, env) => help(state, enabledBindings(state, env, viewContexts(state, env)), env.kinds?.())},
	'view.wide': {description: 'Toggle wide columns', reduce: (state) => only({...state, wide: !state.wide})},
	'view.badOnly': {description: 'Only rows in a bad state', reduce: (state) => only({...state, badOnly: !state.badOnly})},
	'nav.up': navigate('up'),
	'nav.down': navigate('down'),
	'nav.top': navigate('top'),
	'nav.bottom': navigate('bottom'),
	'nav.pageUp': navigate('pageUp'),
	'nav.pageDown': navigate('pageDown'),
	// In the log view these keys go to logAction (update.ts); here they act on the pagers.
	'nav.left': {description: 'Scroll left', reduce: (state, _arg, env) => scrollColumns(state, env, -1)},
	'nav.right': {description: 'Scroll right', reduce: (state, _arg, env) => scrollColumns(state, env, 1)},
	'view.wrap': {description: 'Toggle wrap', reduce: (state) => toggleWrap(state)},
	'object.expand': {description: 'Show long strings whole (or cut again)', reduce: (state) => toggleExpand(state)},
	'sort.name': {description: 'Sort by name', reduce: onTable((state, _arg, env) => sortBy(state, env, 'name'))},
	'sort.age': {description: 'Sort by age', reduce: onTable((state, _arg, env) => sortBy(state, env, 'age'))},
	'sort.status': {description: 'Sort by status', reduce: onTable((state, _arg, env) => sortBy(state, env, 'status'))},
	'sort.column': {description: 'Sort by a column', reduce: onTable((state, arg, env) => sortByLetter(state, env, arg))},
	'ns.all': {description: 'All namespaces', reduce: (state) => only(changeNamespace(state, undefined))},
	'ns.favourite': {description: 'Favourite namespace', reduce: (state, arg, env) => favourite(state, env, arg)},
	'ns.previous': {description: 'Previous namespace', reduce: (state) => previous(state)},
	'object.describe': {description: 'Describe', reduce: (state, _arg, env) => openDetail(state, env, 'describe')},
	'object.yaml': {description: 'YAML', reduce: (state, _arg, env) => openDetail(state, env, 'yaml')},
	'object.delete': {
		...rowAction('object.delete', 'Delete'),
		// In :pf, ctrl-d stops the selected forward (nothing in the cluster is deleted).
		overlays: ['forwards'],
		reduce: (state, arg, env) => (state.overlay?.type === 'forwards' ? stopSelectedForward(state, state.overlay) : rowAction('object.delete', 'Delete').reduce(state, arg, env)),
	},
	'pod.kill': rowAction('pod.kill', 'Kill (grace period 0)'),
	'pod.logs': rowAction('pod.logs', 'Logs'),
	'pod.shell': rowAction('pod.shell', 'Shell'),
	'pod.attach': rowAction('pod.attach', 'Attach'),
	'pod.debug': rowAction('pod.debug', 'Debug container'),
	'deploy.scale': rowAction('deploy.scale', 'Scale'),
	'deploy.restart': rowAction('deploy.restart', 'Rolling restart'),
	'node.cordon': rowAction('node.cordon', 'Cordon'),
	'node.uncordon': rowAction('node.uncordon', 'Uncordon'),
	'node.drain': rowAction('node.drain', 'Drain'),
	'deploy.setImage': rowAction('deploy.setImage', 'Set image (server dry run, then confirm)'),
	'deploy.history': rowAction('deploy.history', 'Rollout history'),
	'deploy.undo': rowAction('deploy.undo', 'Roll back (undo) to this revision'),
	'secret.reveal': {description: 'Reveal one value of this Secret (asks first; audited)', disabled: revealDisabled, reduce: (state, _arg, env) => startReveal(state, env)},
	'gpu.pending': paneKey('gpu.pending', 'Pods waiting for GPUs'),
	'gpu.holdersOnly': paneKey('gpu.holdersOnly', 'Only holders of accelerators (toggle)'),
	'logs.previous': logKey('Previous container instance'),
	'logs.timestamps': logKey('Toggle timestamps'),
	'logs.wrap': logKey('Toggle wrap'),
	'logs.autoscroll': logKey('Pause / resume autoscroll'),
	'logs.since': logKey('Since'),
	'logs.search': logKey('Search'),
	'logs.next': logKey('Next match'),
	'logs.prev': logKey('Previous match'),
	'logs.json': logKey('Pretty-print JSON lines'),
	'logs.save': logKey('Save the buffer to a file'),
	'prompt.submit': {
		description: 'Run / accept',
		overlays: ['prompt', 'scale', 'drainForm', 'portForward', 'image'],
		reduce(state, _arg, env) {
			const overlay = state.overlay;
			if (overlay?.type === 'portForward') return submitPortForward(state, overlay);
			if (overlay?.type === 'scale') return submitScaleStep(state, env, overlay);
			if (overlay?.type === 'image') return submitImageStep(state, env, overlay);
			if (overlay?.type === 'drainForm') return submitDrainStep(state, env, overlay);
			if (overlay?.type !== 'prompt') return notHere(state);
			const outcome = submitPrompt(overlay.prompt, env.kinds?.());
			switch (outcome.type) {
				case 'edit':
					return only({...state, overlay: {type: 'prompt', prompt: outcome.prompt}});
				// As in k9s, an unknown command closes the prompt and says why in the message line,
				// so the next key (often '?') does what it says rather than extending the typo.
				case 'invalid':
					return only(say({...state, overlay: undefined}, outcome.message, 'error'));
				case 'command':
					return runCommand(state, env, outcome.command);
				case 'filter':
					return applyFilter(state, outcome.filter);
			}
		},
	},
	'prompt.complete': {
		description: 'Complete',
		overlays: ['prompt'],
		reduce: (state, _arg, env) => (state.overlay?.type === 'prompt' ? only({...state, overlay: {type: 'prompt', prompt: completePrompt(state.overlay.prompt, env.kinds?.())}}) : notHere(state)),
	},
	'confirm.yes': {
		description: 'Yes, go ahead',
		overlays: ['confirm'],
		reduce: (state) => (state.overlay?.type === 'confirm' ? answerYes(state, state.overlay) : notHere(state)),
	},
	'confirm.no': {
		description: 'No',
		overlays: ['confirm'],
		reduce: (state) => (state.overlay?.type === 'confirm' ? only(say({...state, overlay: undefined}, 'cancelled')) : notHere(state)),
	},
	'sort.by': {description: 'Sort by a column', reduce: onTable((state, arg, env) => sortBy(state, env, arg ?? ''))},
	'jump.events': {description: 'Events of this object', reduce: onTable((state, _arg, env) => eventsOf(state, env))},
	'jump.recentEvents': {description: 'Recent events, Warnings first', reduce: (state, _arg, env) => recentEvents(state, env)},
	'jump.owner': {description: 'Jump to the owner', reduce: onTable((state, _arg, env) => ownerOf(state, env))},
	'jump.node': {description: 'Jump to its node', reduce: onTable((state, _arg, env) => nodeOf(state, env))},
	'jump.devicePlugin': {description: 'Its device-plugin pod', reduce: onTable((state, _arg, env) => devicePluginOf(state, env))},
	'object.copy': {description: 'Copy the name (or the text on screen) with OSC 52', reduce: (state, _arg, env) => copyStep(state, env)},
	'object.label': {
		description: 'Labels or annotations (opens :label; :annotate for annotations)',
		disabled: (state, env) => labelRefusal(state, env),
		reduce: onTable((state) => only({...state, overlay: {type: 'prompt', prompt: openPrompt('command', 'label ')}, message: undefined})),
	},
	'cronjob.trigger': {
		description: 'Run this CronJob now (a Job from its template)',
		// Discovered kinds share one key context; this key means something on batch CronJobs only.
		disabled: (state, env) => (isCronJobs(env.visible(state).pane.generic) ? undefined : 'only a CronJob can be run now'),
		reduce: onTable((state, _arg, env) => {
			const {pane, selected} = env.visible(state);
			if (!isCronJobs(pane.generic)) return notHere(state);
			if (!selected) return sayStep(state, 'nothing selected', 'error');
			return askTrigger(state, env, selected);
		}),
	},
	'pod.portForward': {
		description: 'Port-forward',
		disabled: (state, env) => (FORWARD_KINDS.includes(env.visible(state).pane.objectKind as ForwardKind) ? undefined : 'port-forward applies to pods, deployments, statefulsets and services'),
		reduce: onTable((state, _arg, env) => startPortForward(state, env)),
	},
	'history.mark': {description: 'Mark this revision to compare (again: unmark)', reduce: (state, _arg, env) => markRevision(state, env)},
	'history.diff': {description: 'Diff of the pod template: marked (or previous) revision → this one', reduce: (state, _arg, env) => diffRevisions(state, env)},
	'gpu.devices': {description: 'Its GPUs and MIG instances with DCGM telemetry', reduce: onTable((state, _arg, env) => gpuDevicesOf(state, env))},
	'object.mark': {description: 'Mark / unmark this row and move down', disabled: marksRefusal, reduce: (state, _arg, env) => toggleMark(state, env)},
	'object.markRange': {description: 'Mark every row from the last marked one to this one', disabled: marksRefusal, reduce: (state, _arg, env) => markRange(state, env)},
	'object.clearMarks': {description: 'Clear all marks', reduce: (state) => clearMarks(state)},
	'object.edit': {
		description: 'Edit in $EDITOR (server dry run and diff, then confirm)',
		disabled: (state, env) => editRefusal(state, env),
		reduce: (state, _arg, env) => openEdit(state, env),
	},
	'cronjob.suspend': {
		description: 'Suspend this CronJob, or resume it',
		// The generic key context again: s means suspend / resume on batch CronJobs only.
		disabled: (state, env) => (isCronJobs(env.visible(state).pane.generic) ? undefined : 'only a CronJob can be suspended or resumed'),
		reduce: onTable((state, _arg, env) => {
			const {pane, selected} = env.visible(state);
			if (!isCronJobs(pane.generic)) return notHere(state);
			if (!selected) return sayStep(state, 'nothing selected', 'error');
			return askSuspend(state, env, selected);
		}),
	},
};

/** The bindings of these contexts whose actions are not disabled now: what help and the footer list. */
export function enabledBindings(state: UiState, env: Env, contexts: readonly string[]): HelpBinding[] {
	return bindingsFor(env.keymap, contexts).filter((b) => !isActionId(b.action) || ACTION_TABLE[b.action].disabled?.(state, env) === undefined);
}

/** Esc or q on a rollout or drain view; leaving a drain midway leaves the node cordoned, and says so. */
function closeLive(state: UiState): Step {
	const overlay = state.overlay;
	if (overlay?.type === 'drain' && !overlay.final) return closeOverlay(state, `drain of node/${overlay.node} cancelled; the node stays cordoned (u uncordons it)`, 'error');
	return closeOverlay(state);
}
