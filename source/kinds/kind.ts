// What kubedeck knows about one built-in kind, in one object: where it lives in the API, the
// words that name it, how its objects become rows, how it is described, which actions apply
// and what Enter does on a row. Every other table (watch paths, ':' commands, -c values,
// key-map contexts, describe aliases, action applicability, the README) is derived from the
// list in ./index.ts, so they cannot disagree.
import type {BaseRow, KindModel, KubeObject} from '../model/types.js';
import type {DescribeContext} from '../model/describe.js';
import type {EnterAction} from './drill.js';

/**
 * The action ids (keymaps/default.yaml) that may act on a row of a kind. Describe and YAML
 * apply to every object; the rest name the kinds they make sense for.
 */
export type Verb =
	| 'object.describe'
	| 'object.yaml'
	| 'object.delete'
	| 'object.label'
	| 'pod.logs'
	| 'pod.kill'
	| 'pod.shell'
	| 'pod.attach'
	| 'pod.debug'
	| 'deploy.scale'
	| 'deploy.restart'
	| 'node.cordon'
	| 'node.uncordon'
	| 'node.drain'
	| 'secret.reveal'
	| 'deploy.history'
	| 'deploy.undo'
	| 'deploy.setImage'
	| 'object.edit';

/** What every object can have done to it: read it two ways, delete it, label it, edit it. */
export const objectVerbs: readonly Verb[] = ['object.describe', 'object.yaml', 'object.delete', 'object.label', 'object.edit'];

/** kubectl-describe-like lines for one object; `context` holds related objects when the caller has them. */
export type Describer = (object: KubeObject, events: readonly KubeObject[], now: number, context: DescribeContext) => string[];

export type Scope = 'Namespaced' | 'Cluster';

export interface KindSpec<R extends BaseRow = BaseRow, P extends string = string> {
	/** The API's Kind: 'Pod', 'Deployment'. Actions and describe name objects by it. */
	kind: string;
	/** API group; '' is the core group (served under /api). */
	group: string;
	version: string;
	/** The resource name in paths; also the pane id, the key-map context and the first command word. */
	plural: P;
	scope: Scope;
	/** The other words for it: singular, kubectl's short names, k9s-style aliases ('dp'). */
	names: readonly string[];
	model: KindModel<R>;
	/** A kind-specific describer; without one, describe prints the object's fields generically. */
	describe?: Describer;
	verbs: readonly Verb[];
	/**
	 * Applied to every object of the kind fetched on demand, before any text is built from it:
	 * secrets have their values masked here, so describe, YAML and errors never hold one.
	 */
	redact?(object: KubeObject): KubeObject;
	/** What `y` shows when it is not the object as YAML (a Helm release: its rendered manifest). Gets the redacted object. */
	yaml?(object: KubeObject): string[];
	/**
	 * When the kind is a reading of another resource rather than one of its own: where its
	 * objects live and the label selector that picks them (Helm releases are Secrets labelled
	 * owner=helm). Paths use this plural; the selector is always sent with the watch.
	 */
	source?: {plural: string; labelSelector: string};
	/** Rows a pane shows out of the store's (a Helm release is shown once, at its latest revision). */
	collapse?(rows: readonly NoInfer<R>[]): NoInfer<R>[];
	/** What Enter does on a row; undefined = nothing to drill into. */
	enter?(row: NoInfer<R>): EnterAction | undefined;
	/** What Enter does, for the README's command table ('its pods'). Set exactly when `enter` is. */
	enterHelp?: string;
	/**
	 * A kind the data layer reads (path, model, store) that has no pane, command or key context
	 * of its own: events, which describe fetches for an object at their path.
	 */
	paneless?: true;
}

/** Any kind, widened for lists (Column and enter are methods, so the widening is sound). */
export type AnyKind = KindSpec<BaseRow>;

/**
 * Freezes a kind's spec. The literal plural and the model's row type stay in the type, so the
 * list derives kind names and row types (the row is inferred from the model alone, not from
 * an `enter` that accepts any row).
 */
export function defineKind<R extends BaseRow, const P extends string>(spec: KindSpec<R, P>): Readonly<KindSpec<R, P>> {
	return Object.freeze({...spec, names: Object.freeze([...spec.names]), verbs: Object.freeze([...spec.verbs])});
}

export function isNamespaced(kind: Pick<AnyKind, 'scope'>): boolean {
	return kind.scope === 'Namespaced';
}

/** '/api/v1' for the core group, '/apis/GROUP/VERSION' for the others. */
export function groupVersionPath(kind: Pick<AnyKind, 'group' | 'version'>): string {
	return kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
}

/**
 * The only place resource paths are built. Without a name: the collection (a namespaced kind
 * without a namespace means all namespaces). With a name: the object, and its subresource.
 * Cluster-scoped kinds ignore the namespace; a namespaced object needs one.
 */
export function apiPath(kind: Pick<AnyKind, 'group' | 'version' | 'plural' | 'scope' | 'source'>, namespace?: string, name?: string, subresource?: string): string {
	const namespaced = isNamespaced(kind);
	if (namespaced && name !== undefined && !namespace) throw new Error(`${kind.plural} are namespaced: a namespace is needed for ${name}`);
	const scope = namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
	const collection = `${groupVersionPath(kind)}${scope}/${kind.source?.plural ?? kind.plural}`;
	if (name === undefined) return collection;
	return `${collection}/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}`;
}
