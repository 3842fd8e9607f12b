// Panes that are views over a kind, not kinds. They have no API resource of their own (no
// path, no watch, no model): each reads a kind's store and narrows or re-projects its rows —
// :gpu the nodes (with GPU accounting), :gpupending and the holders the pods, the containers
// pane the parts of one pod. So they are not KindSpecs; they are listed here, with the kind
// they read, because commands, -c and key-map contexts are derived from kinds and views
// together. Their panes are built in source/ui/panes/ (gpuPanes.ts, corePanes.ts).
import type {KindName} from './index.js';

export interface ViewPane {
	id: string;
	/** The kind whose store the pane reads. */
	reads: KindName;
	/** ':' words (and -c values) that open it; empty = reached only by Enter on another pane. */
	names: readonly string[];
	/** Whether it has a key-map context of its own (else it uses the context of the kind it reads). */
	context: boolean;
	/** Heading of its key table in the README; for views with a context. */
	heading?: string;
	/** What the pane shows, for the README's command table; for views with command words. */
	opens?: string;
}

export const viewPanes = Object.freeze([
	{id: 'containers', reads: 'pods', names: [], context: true, heading: 'Containers of a pod (containers)'},
	{id: 'gpu', reads: 'nodes', names: ['gpu', 'gpus'], context: true, heading: 'GPU nodes, `:gpu` (gpu)', opens: 'GPU nodes (Enter: the pods on that node)'},
	{id: 'gpupending', reads: 'pods', names: ['gpupending'], context: true, heading: 'Pods waiting for GPUs, `:gpupending` (gpupending)', opens: 'pods waiting for accelerators'},
	{id: 'gpuholders', reads: 'pods', names: [], context: false},
	{id: 'helmhistory', reads: 'helm', names: [], context: false},
	{id: 'problems', reads: 'pods', names: ['problems', 'problem'], context: false, opens: 'everything unhealthy now, worst first (Enter: the object in its pane)'},
	{id: 'history', reads: 'replicasets', names: [], context: true, heading: 'Rollout history of a deployment (history)'},
	{id: 'gpudevices', reads: 'nodes', names: ['gpudevices', 'gpudev'], context: false, opens: 'one row per GPU and MIG instance: DCGM utilisation, memory, temperature, power, XID, health (Enter: the pods on its node)'},
	{id: 'gpuidle', reads: 'pods', names: ['gpuidle'], context: false, opens: 'pods holding GPUs idle below the threshold, with GPU-hours and cost (Enter: its containers)'},
] as const satisfies readonly ViewPane[]);

export type ViewPaneId = (typeof viewPanes)[number]['id'];
