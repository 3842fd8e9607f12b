// A pure harness for the controller: a state, an Env over fixed rows, and keys as the
// terminal sends them. No React, no timers: state + keys → state + effects.
import {readFileSync} from 'node:fs';
import {loadKeymap, buildKeymap, type Keymap} from '../../source/config/keymap.js';
import {parseReplicas} from '../../source/actions/mutations.js';
import {followSelection} from '../../source/store/selectors.js';
import type {BaseRow} from '../../source/model/types.js';
import type {Effect, Env, Msg, Step} from '../../source/ui/messages.js';
import {splitKeys} from '../../source/ui/keys.js';
import {tableView, topTable, type UiState} from '../../source/ui/state.js';
import {updateAll} from '../../source/ui/update.js';
import type {PaneId} from '../../source/ui/commands.js';
import type {PaneRegistry} from '../../source/ui/panes/panes.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';

export const keymap = loadKeymap({});

export function keymapWith(overrides: string): Keymap {
	return buildKeymap([{file: 'default.yaml', text: readFileSync(new URL('../../keymaps/default.yaml', import.meta.url), 'utf8')}, {file: 'user.yaml', text: overrides}]);
}

export function row(name: string, extra: Record<string, unknown> = {}): BaseRow {
	return {uid: `uid-${name}`, name, namespace: 'default', severity: 'ok', ...extra} as BaseRow;
}

export interface EnvOptions {
	rows?: Partial<Record<PaneId, readonly BaseRow[]>>;
	keymap?: Keymap;
	panes?: PaneRegistry;
	readonly?: boolean;
	/** false: started without an action layer. */
	actions?: boolean;
	favourites?: readonly string[];
}

/** An Env whose tables hold fixed rows in the order given (no filter or sort needed here). */
export function env(options: EnvOptions = {}): Env {
	const panes = options.panes ?? defaultPanes();
	return {
		keymap: options.keymap ?? keymap,
		panes,
		settings: {logTailLines: 200, ...(options.favourites ? {favouriteNamespaces: options.favourites} : {})},
		visible(state) {
			const table = topTable(state);
			const pane = panes.get(table?.pane ?? 'pods')!;
			const rows = options.rows?.[pane.id] ?? [];
			const selectedIndex = followSelection(rows, table?.selectedUid, table?.selectedIndex ?? 0);
			return {pane, rows, selected: rows[selectedIndex], selectedIndex};
		},
		pageSize: 10,
		...(options.actions === false
			? {}
			: {actions: {readonly: options.readonly ?? false, validateReplicas: (input: string) => parseReplicas(input, 100)}}),
		logSource: () => undefined,
		podsOnNode: (node) => [`default/on-${node}`],
		contexts: ['prod', 'staging'],
		currentContext: 'prod',
		now: 0,
	};
}

export function state(pane: PaneId = 'pods', extra: Partial<UiState> = {}): UiState {
	return {stack: [tableView(pane)], wide: false, badOnly: false, namespace: 'default', nextReq: 1, ...extra};
}

/** Terminal input → key messages, split as the App splits a read (bursts, Esc+key). */
export function keys(...reads: string[]): Msg[] {
	return reads.flatMap((read) => splitKeys(...inkKey(read)).map((key, i) => ({type: 'key' as const, key, ...(i > 0 ? {burst: true} : {})})));
}

export const ESC = '\u001B';
export const ENTER = '\r';
export const TAB = '\t';
export const BACKSPACE = '\u007F';
export const ctrl = (c: string) => String.fromCharCode(c.charCodeAt(0) - 96);

/** What Ink's parser makes of one read, for the few sequences these tests send. */
function inkKey(read: string): [string, Record<string, boolean>] {
	if (read === ESC) return ['', {escape: true}];
	if (read === ENTER) return ['', {return: true}];
	if (read === TAB) return ['', {tab: true}];
	if (read === BACKSPACE) return ['', {backspace: true}];
	if (read.length === 1 && read.charCodeAt(0) < 27) return [String.fromCharCode(read.charCodeAt(0) + 96), {ctrl: true}];
	return [read, /^[A-Z]$/.test(read) ? {shift: true} : {}];
}

export function run(from: UiState, msgs: readonly Msg[], withEnv: Env = env()): Step {
	return updateAll(from, msgs, withEnv);
}

export const effectsOf = (step: Step): Effect[] => step.effects;
