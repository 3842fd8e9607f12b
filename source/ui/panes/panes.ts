// The pane registry: what each ':' view shows and what Enter does on a row. The App knows
// nothing kind-specific beyond this table. It is built, not written: corePanes.ts makes
// one pane per kind in the kinds registry (source/kinds) plus the containers pane, and
// gpuPanes.ts adds the GPU views over nodes and pods (see defaultPanes.ts). A new kind
// gets its pane by being added to source/kinds; a new view over kinds is a pane built here
// and listed in source/kinds/views.ts, which derives its command words and key-map context.
import type {BaseRow, Column, KubeObject, Severity} from '../../model/types.js';
import type {ResourceKind, Session} from '../../kube/session.js';
import type {RowStore} from '../../store/rowStore.js';
import type {PaneId} from '../commands.js';
import type {GenericTarget} from '../../actions/genericTarget.js';

export type {DrillTarget, EnterAction, PodRef} from '../../kinds/index.js';
import type {EnterAction} from '../../kinds/index.js';

/**
 * A pane whose rows are parts of one pod, projected from the full pod object rather than read
 * from a store. The App re-fetches the pod whenever the pods store's row for it changes, so the
 * rows stay live without a watch of their own.
 */
export interface PodPartsSource<R extends BaseRow> {
	rows(pod: KubeObject): R[];
	/** What an action id applies to for this row (the pod, narrowed to the container); undefined = not here. */
	subject(row: R, action: string): BaseRow | undefined;
}

/** A restriction a key turns on and off in this pane (gpu.holdersOnly: only rows holding accelerators). */
export interface PaneToggle<R extends BaseRow = BaseRow> {
	/** Shown in the title while on, e.g. 'holders only'. */
	label: string;
	include(row: R): boolean;
}

export interface PaneSpec<R extends BaseRow = BaseRow> {
	id: PaneId;
	/** Title stem: 'pods' → 'pods(production)[42]'. */
	title: string;
	/** Which session store feeds the pane. */
	resource: ResourceKind;
	/** Kind name for describe ('Pod', 'Deployment', ...). */
	objectKind: string;
	namespaced: boolean;
	/** Always read the cluster-wide store, whatever the session namespace (GPU panes). */
	clusterWide?: boolean;
	/** Key map contexts, most specific first, e.g. ['pods', 'table', 'global']. */
	contexts: string[];
	columns: Column<R>[];
	/** The rows shown out of the store's, before filtering (a Helm release once, at its latest revision). */
	collapse?(rows: readonly R[]): R[];
	/** Client-side restriction of the store's rows (e.g. only GPU nodes). */
	include?(row: R): boolean;
	/** What Enter does on the selected row; undefined = nothing to drill into. */
	enter?(row: R): EnterAction | undefined;
	/**
	 * One summary line above the table (GPU capacity, for instance). `related` is the
	 * cluster-wide snapshot of `summaryFrom` when the pane names one (:gpu counts pending pods).
	 */
	summary?(rows: readonly R[], now: number, related?: readonly BaseRow[]): string | undefined;
	summaryFrom?: ResourceKind;
	/** Restrictions keyed by the action id that toggles them. */
	toggles?: Readonly<Record<string, PaneToggle<R>>>;
	/** Set for panes that list the parts of one pod (see PodPartsSource); `resource` must then be 'pods'. */
	podParts?: PodPartsSource<R>;
	/** Set on panes of kinds discovery found: the kind's path and the verbs the server offers (the gate reads them). */
	generic?: GenericTarget;
	/** Action ids that open another pane on top of this one (gpu.pending → :gpupending); Esc comes back. */
	jumps?: Readonly<Record<string, PaneId>>;
	/**
	 * The severity of the row as this pane shows it, for panes that re-project their rows
	 * (:gpu judges a node by its accelerators); ctrl-z keeps the rows bad by this measure.
	 */
	severity?(row: R): Severity;
	/**
	 * A store of the pane's own, built over several of the session's stores (:problems reads
	 * pods, nodes, deployments and events); instead of `resource`'s store. Same object per session.
	 */
	store?(session: Session, clusterWide: boolean): RowStore<R>;
	/** The rows arrive in the order to show (worst first); without a sort key that order stays. */
	ordered?: boolean;
	/** For panes whose rows are other kinds' objects: which kind and store a row is (describe, YAML, actions). */
	objectOf?(row: R): {kind: string; resource: ResourceKind} | undefined;
	/** One line under the table about the selected row (a GPU's utilisation sparkline); `rows` are the rows shown. */
	footnote?(row: R | undefined, now: number, rows: readonly R[]): string | undefined;
}

export type PaneRegistry = ReadonlyMap<PaneId, PaneSpec>;

/** Builds a registry from specs; later entries replace earlier ones with the same id. */
export function paneRegistry(...groups: ReadonlyArray<readonly PaneSpec[]>): PaneRegistry {
	const map = new Map<PaneId, PaneSpec>();
	for (const group of groups) for (const spec of group) map.set(spec.id, spec);
	return map;
}

/** Widens a kind-specific spec for the registry (Column methods are bivariant, so this is sound). */
export function pane<R extends BaseRow>(spec: PaneSpec<R>): PaneSpec {
	return spec as unknown as PaneSpec;
}
