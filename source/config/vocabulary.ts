// The closed sets a keymap may name: where a binding applies (contexts) and what it does
// (action ids). Views dispatch on these ids; keymap files are checked against them.
import {paneContexts} from '../kinds/index.js';

/** Contexts that are not panes: the key stacks every screen ends with, and the non-table screens. */
const FRAME_CONTEXTS = ['global', 'table', 'generic'] as const;
const SCREEN_CONTEXTS = ['contexts', 'logs', 'describe', 'yaml', 'help', 'prompt', 'confirm', 'output'] as const;

/** Pane contexts come from the kinds registry: one per kind with a pane and per view over kinds that has its own. */
export const CONTEXTS: readonly string[] = Object.freeze([...FRAME_CONTEXTS, ...paneContexts, ...SCREEN_CONTEXTS]);

export type KeyContext = (typeof FRAME_CONTEXTS)[number] | (typeof SCREEN_CONTEXTS)[number] | (typeof paneContexts)[number];

export interface ActionArgSpec {
	/** When set, the action needs an argument written as "action:arg", and it must match. */
	arg?: {pattern: RegExp; explain: string};
}

const none: ActionArgSpec = {};

export const ACTIONS = {
	'app.quit': none,
	'app.redraw': none,
	'view.command': none,
	'view.filter': none,
	'view.back': none,
	'view.drill': none,
	'view.help': none,
	'view.wide': none,
	'view.badOnly': none,
	'nav.up': none,
	'nav.down': none,
	'nav.top': none,
	'nav.bottom': none,
	'nav.pageUp': none,
	'nav.pageDown': none,
	'nav.left': none,
	'nav.right': none,
	'view.wrap': none,
	'object.expand': none,
	'sort.name': none,
	'sort.age': none,
	'sort.status': none,
	'sort.column': {arg: {pattern: /^[A-Z]$/, explain: 'a column letter A–Z'}},
	'ns.all': none,
	'ns.favourite': {arg: {pattern: /^[1-9]$/, explain: 'a favourite slot 1–9'}},
	'ns.previous': none,
	'object.describe': none,
	'object.yaml': none,
	'object.delete': none,
	'pod.kill': none,
	'pod.logs': none,
	'pod.shell': none,
	'pod.attach': none,
	'pod.debug': none,
	'deploy.scale': none,
	'deploy.restart': none,
	'node.cordon': none,
	'node.uncordon': none,
	'node.drain': none,
	'secret.reveal': none,
	'deploy.setImage': none,
	'deploy.history': none,
	'deploy.undo': none,
	'gpu.pending': none,
	'gpu.holdersOnly': none,
	'logs.previous': none,
	'logs.timestamps': none,
	'logs.wrap': none,
	'logs.autoscroll': none,
	'logs.since': {arg: {pattern: /^[0-5]$/, explain: 'a time window 0–5 (tail, 1m, 5m, 15m, 30m, 1h)'}},
	'logs.search': none,
	'logs.next': none,
	'logs.prev': none,
	'logs.json': none,
	'logs.save': none,
	// Prompts (command, filter, scale) are text inputs; these are the keys that end or complete them.
	'prompt.submit': none,
	'prompt.complete': none,
	// A question's answers (delete, kill, restart, risky scales): anything unbound is ignored.
	'confirm.yes': none,
	'confirm.no': none,
	// Sorting by a column id where a letter is ambiguous (pods: READY and RESTARTS both start with R).
	'sort.by': {arg: {pattern: /^[a-z]+$/, explain: 'a column id in lower case (restarts, last)'}},
	'jump.events': none,
	'jump.recentEvents': none,
	'jump.owner': none,
	'jump.node': none,
	'jump.devicePlugin': none,
	'object.copy': none,
	'cronjob.trigger': none,
	'object.label': none,
	'pod.portForward': none,
	'history.mark': none,
	'history.diff': none,
	'gpu.devices': none,
	// Multi-select (source/ui/marks.ts): delete, label, annotate, cordon and uncordon act on all marked rows.
	'object.mark': none,
	'object.markRange': none,
	'object.clearMarks': none,
	'object.edit': none,
	'cronjob.suspend': none,
} as const satisfies Record<string, ActionArgSpec>;

/** Every action id a key map may name; source/ui/actions.ts must give each one a step. */
export type ActionId = keyof typeof ACTIONS;

export function isActionId(name: string): name is ActionId {
	return Object.hasOwn(ACTIONS, name);
}

export function isContext(name: string): name is KeyContext {
	return CONTEXTS.includes(name);
}
