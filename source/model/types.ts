// Shared shapes between the data layer (kube/, model/, store/) and the views.
// Objects arrive as raw JSON from the API server (timestamps are RFC 3339 strings),
// and are projected once into slim rows; rows are what stores keep and views render.

export type Labels = Record<string, string>;

export interface OwnerRef {
	kind: string;
	name: string;
	uid: string;
	controller?: boolean;
}

export interface ObjectMeta {
	name: string;
	namespace?: string;
	uid: string;
	resourceVersion?: string;
	generation?: number;
	creationTimestamp?: string;
	deletionTimestamp?: string;
	deletionGracePeriodSeconds?: number;
	labels?: Labels;
	annotations?: Labels;
	ownerReferences?: OwnerRef[];
	finalizers?: string[];
}

/** Any Kubernetes object as JSON; kind-specific code narrows spec/status itself. */
export interface KubeObject {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	spec?: Record<string, unknown>;
	status?: Record<string, unknown>;
	[key: string]: unknown;
}

/** How a row reads at a glance. Colour follows it, but the STATUS text always carries it too. */
export type Severity = 'ok' | 'warn' | 'error' | 'done';

/** What every row has; each kind's row extends it with its own slim fields. */
export interface BaseRow {
	/** metadata.uid: the store key, and what the selection follows across updates. */
	uid: string;
	name: string;
	namespace?: string;
	/** creationTimestamp in epoch ms (ages are formatted at render time from this). */
	createdAt?: number;
	labels?: Labels;
	severity: Severity;
}

export interface Column<R extends BaseRow = BaseRow> {
	/** Stable id; also the key users name in sort bindings. */
	id: string;
	title: string;
	/** Only shown in wide mode (ctrl-w). */
	wide?: boolean;
	/** Only shown when the view spans all namespaces (NAMESPACE column). */
	allNamespaces?: boolean;
	align?: 'left' | 'right';
	/** Formatted cell text; `now` is epoch ms so ages stay pure. Must be single-line. */
	cell(row: R, now: number): string;
	/** Sort key when it differs from the text (numbers, times). */
	sortValue?(row: R, now: number): string | number;
	/** The sort-by-letter key (shift-LETTER) that picks this column before any title starting with it. */
	sortLetter?: string;
	/** A narrow terminal keeps it as it keeps READY and AGE: the column that answers the kind's question. */
	essential?: boolean;
	/** Takes the room the other columns leave, past the usual width cap: a reason or message meant to be read whole. */
	grows?: boolean;
}

/** Per-kind projection and columns: object JSON → row, row → cells. */
export interface KindModel<R extends BaseRow = BaseRow> {
	kind: string;
	project(object: KubeObject): R;
	columns: Array<Column<R>>;
}
