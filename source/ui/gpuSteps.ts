// `t` on a :gpu node: its GPUs and MIG instances as rows with their DCGM telemetry (the
// :gpudevices pane narrowed to the node). Enter on a node stays "every pod on the node" — the
// triage question — so the devices get a key of their own; Esc comes back to the node.
import type {BaseRow} from '../model/types.js';
import type {PaneId} from './commands.js';
import type {Env, Step} from './messages.js';
import {push, tableView, top, type UiState} from './state.js';
import {only, sayStep} from './viewSteps.js';

export const GPU_DEVICES_PANE = 'gpudevices' as PaneId;

export function gpuDevicesOf(state: UiState, env: Env): Step {
	const row: BaseRow | undefined = top(state).type === 'table' ? env.visible(state).selected : undefined;
	if (!row) return sayStep(state, 'nothing selected', 'error');
	if (!env.panes.has(GPU_DEVICES_PANE)) return sayStep(state, 'the gpudevices pane is not available in this build', 'error');
	return only(push(state, tableView(GPU_DEVICES_PANE, {nodeName: row.name, allNamespaces: true, detail: `node/${row.name}`})));
}
