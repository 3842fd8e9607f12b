// The controller's inputs (Msg) and outputs (Effect), and what it may read (Env). Effects are
// tagged data run by the edge runner (source/ui/runner.ts); whatever answers later comes back
// as a Msg carrying the request number, so a late answer cannot land on the wrong view.
import type {ManifestListing} from '../actions/manifestDir.js';
import type {HpaOwner} from '../actions/scaleRule.js';
import type {Intent, ActionResult} from '../actions/gate.js';
import type {DrainOptions, DrainPodResult, DrainRetry} from '../actions/drain.js';
import type {RolloutStatus} from '../actions/rollout.js';
import type {SaveLogsTarget} from '../actions/saveLogs.js';
import type {ReplicaInput} from '../actions/mutations.js';
import type {DetailRef} from '../kube/detail.js';
import type {Keymap} from '../config/keymap.js';
import type {BaseRow} from '../model/types.js';
import type {PaneRegistry, PaneSpec} from './panes/panes.js';
import type {EntrySource} from '../model/logEntry.js';
import type {KeyPress} from './keys.js';
import type {LogSource} from './overlays.js';
import type {UiState} from './state.js';
import type {CatalogEntry} from '../kinds/generic-resolve.js';
import type {ForwardInfo} from '../actions/portForward.js';
import type {ForwardPair, ForwardPrompt} from './portForwardSteps.js';
import type {EditPlan, EditRestart, EditTarget} from '../actions/editSession.js';
import type {ResourceKind} from '../kube/session.js';

export interface LogParams {
	previous: boolean;
	/** undefined = the last tailLines lines. */
	sinceSeconds?: number;
	tailLines: number;
}

export type Msg =
	/** burst: the key came in the same read as the key before it (a paste, keys typed faster than read). */
	| {type: 'key'; key: KeyPress; burst?: boolean}
	| {type: 'detail'; req: number; lines: string[]}
	| {type: 'performed'; req: number; intent: Intent; result: ActionResult; follow?: boolean}
	| {type: 'replicas'; req: number; answer: {ok: true; replicas: number; hpa?: HpaOwner} | {ok: false; message: string}}
	| {type: 'rollout'; req: number; status: RolloutStatus; finished: boolean}
	| {type: 'drainProgress'; req: number; result: DrainPodResult}
	| {type: 'drainRetry'; req: number; retry: DrainRetry}
	| {type: 'drained'; req: number; result: ActionResult}
	| {type: 'logStatus'; req: number; text: string}
	| {type: 'logSaved'; req: number; result: {ok: true; path: string; lines: number} | {ok: false; message: string}}
	/** Discovery was asked again for a ':' word nobody knew; `text` is parsed once more, for good. */
	| {type: 'rediscovered'; req: number; text: string}
	| {type: 'forwardPorts'; req: number; ports: number[]; error?: string}
	| {type: 'forwardsStarted'; req: number; ok: boolean; message: string}
	| {type: 'forwards'; list: readonly ForwardInfo[]}
	| {type: 'execEnded'; req: number; text: string; ok: boolean}
	| {type: 'debugProgress'; req: number; text: string}
	/** An edit's rounds in the editor are over: the dry run's diff to confirm, a conflict, or why not. */
	| {type: 'editPlanned'; req: number; plan: EditPlan; read: {resource: ResourceKind}}
	/** The text of a manifest for :apply, a directory's listing to pick from, or why neither could be read. */
	| {type: 'manifestRead'; req: number; file: string; result: {ok: true; value: string} | {ok: true; listing: ManifestListing} | {ok: false; message: string}}
	/** The answers to a batch of intents, in order (:apply's dry runs, then its writes). */
	| {type: 'performedAll'; req: number; phase: 'plan' | 'apply'; file: string; results: Array<{intent: Intent; result: ActionResult}>};

export type Effect =
	| {type: 'exit'}
	| {type: 'redraw'}
	| {type: 'switchContext'; name: string}
	| {type: 'fetch'; req: number; ref: DetailRef; as: 'describe' | 'yaml'}
	| {type: 'perform'; req: number; intent: Intent; follow?: boolean}
	| {type: 'readReplicas'; req: number; kind: 'Deployment' | 'ReplicaSet'; namespace: string; name: string}
	| {type: 'followRollout'; req: number; namespace: string; name: string}
	| {type: 'drain'; req: number; node: string; options: DrainOptions}
	| {type: 'openLogs'; req: number; source: LogSource; params: LogParams}
	| {type: 'restartLogs'; req: number; params: LogParams; notice: string}
	| {type: 'saveLogs'; req: number; target: SaveLogsTarget}
	/** Asks the server's discovery again, then answers 'rediscovered' with the ':' text. */
	| {type: 'rediscover'; req: number; text: string}
	| {type: 'readForwardPorts'; req: number; target: ForwardPrompt['target']}
	| {type: 'startForwards'; req: number; target: ForwardPrompt['target']; pairs: ForwardPair[]}
	| {type: 'stopForward'; id: number}
	| {type: 'shell'; req: number; target: {namespace: string; pod: string; container: string}}
	| {type: 'debug'; req: number; target: {namespace: string; pod: string; container: string}}
	| {type: 'attach'; req: number; target: {namespace: string; pod: string; container: string}}
	| {type: 'execCommand'; req: number; target: {namespace: string; pod: string; container: string}; command: string[]}
	/** Stops whatever request `req` started (a rollout follow, a drain, a log stream, a session opening). */
	| {type: 'cancel'; req: number}
	/** Bytes typed while session `req` opens, for its stdin once the terminal is handed over (source/ui/typeAhead.ts). */
	| {type: 'typeAhead'; req: number; data: string}
	/** Text for the clipboard, written to the terminal as OSC 52 by the runner. */
	| {type: 'copy'; text: string}
	/** Opens the object in $EDITOR (source/actions/editSession.ts); restart: edit again on top of the current version after a conflict. */
	| {type: 'edit'; req: number; target: EditTarget; read: {resource: ResourceKind}; restart?: EditRestart}
	/** Reads a manifest file (:apply); answers 'manifestRead'. */
	| {type: 'readManifest'; req: number; file: string}
	/** Intents through the gate one after the other; answers 'performedAll' with every result. */
	| {type: 'performAll'; req: number; phase: 'plan' | 'apply'; file: string; intents: Intent[]};

export interface Step {
	state: UiState;
	effects: Effect[];
}

/** The table on top as the selector computed it for this frame: the only rows keys act on. */
export interface Visible {
	pane: PaneSpec;
	rows: readonly BaseRow[];
	selected: BaseRow | undefined;
	/** Where the cursor is (the object's row, or its old position if it is gone). */
	selectedIndex: number;
	/** The pane's object with this uid, also when a filter hides it (marked rows); absent: only `rows` are known. */
	lookup?(uid: string): BaseRow | undefined;
}

export interface UiSettings {
	/** Namespaces bound to keys 1–9, in order. */
	favouriteNamespaces?: readonly string[];
	logTailLines?: number;
	logLineCap?: number;
	/** false: secret values are never revealed (settings.revealSecrets). */
	revealSecrets?: boolean;
}

/** What the reducer reads besides its state; all of it is data or a pure read. */
export interface Env {
	keymap: Keymap;
	panes: PaneRegistry;
	settings: UiSettings;
	/** Rows and selection of the table nearest the top of the stack (source/ui/visible.ts). */
	visible(state: UiState): Visible;
	/** Lines a page holds in the view's body (from the terminal size). */
	pageSize: number;
	/** The action layer's pure parts; undefined when kubedeck was started without one. */
	actions?: {readonly: boolean; validateReplicas(input: string): ReplicaInput};
	/** Context names for ':ctx' (from the kubeconfig) and the one in use. */
	contexts: readonly string[];
	currentContext: string;
	/** The lines a log view holds (kept by the runner; the reducer only reads them). */
	logSource(req: number): EntrySource | undefined;
	/** 'ns/name' of the pods on a node, for the drain view's waiting list. */
	podsOnNode(node: string): string[];
	now: number;
	/** Every kind ':' may open (built-in and discovered), as discovery last said; absent = built-in words only. */
	kinds?(): readonly CatalogEntry[];
}
