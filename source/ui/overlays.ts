// What can sit over the view and take the keys first. Every overlay is plain data: a
// question holds the Intent it will send, never a callback, so tests compare it with deepEqual.
import type {ManifestListing} from '../actions/manifestDir.js';
import type {ApplyBatch} from './applySteps.js';
import type {Intent} from '../actions/gate.js';
import type {BaseRow} from '../model/types.js';
import type {DrainOptions, DrainPodResult, DrainRetry} from '../actions/drain.js';
import type {RolloutStatus} from '../actions/rollout.js';
import type {SaveLogsTarget} from '../actions/saveLogs.js';
import type {ActionTarget, ConfirmToggle, DrainForm, ScalePrompt} from './dialogs.js';
import type {LogViewState} from './logView.js';
import type {PromptState} from './prompt.js';
import type {ForwardPrompt} from './portForwardSteps.js';
import type {ImagePrompt} from './imagePrompt.js';
import type {BulkPlan} from './bulk.js';

/** A set-image picker (a template with several containers): which container, then its prompt. */
export interface SetImagePick {
	target: ActionTarget & {namespace: string};
	containers: ReadonlyArray<{name: string; image: string}>;
}

/** Where a log view's lines come from; the runner turns it into a stream or a mux. */
export type LogSource =
	| {type: 'pod'; namespace: string; pod: string; container?: string}
	/** Several containers of one pod at once ("all containers" in the picker). */
	| {type: 'containers'; namespace: string; pod: string; containers: readonly string[]}
	/** Every pod of a deployment, joining and leaving as the pods store changes. */
	| {type: 'deployment'; namespace: string; workload: BaseRow & {selector?: string; containers?: string[]}};

export interface ConfirmOverlay {
	type: 'confirm';
	question: string;
	toggles: ConfirmToggle[];
	/** Sent with confirmed: true on yes; a toggle named 'f' adds force. */
	intent: Intent;
	/** What the status line says while the intent runs. */
	progress?: string;
	/** After a successful restart, follow the rollout. */
	follow?: boolean;
	/** A question about every marked row: yes sends each of these intents (intent is the first). */
	bulk?: BulkPlan;
	/** :apply's objects (applySteps.ts): yes asks about conflicts, then writes them all. */
	apply?: ApplyBatch;
}

export type Overlay =
	| {type: 'prompt'; prompt: PromptState}
	| ConfirmOverlay
	/** `req` matches the read of the current count that prefills the prompt. */
	| {type: 'scale'; prompt: ScalePrompt; req: number}
	| {type: 'drainForm'; form: DrainForm}
	/** Set image of one container, checked by a server dry run before the question. */
	| {type: 'image'; prompt: ImagePrompt}
	/** A pod's containers for logs, or with reveal: a Secret's keys (pod is then the secret's name). */
	| {type: 'picker'; reveal?: true; /** The container is for a shell, an attach or a debug target (else logs). */ terminal?: 'shell' | 'attach' | 'debug'; namespace: string; pod: string; choices: ReadonlyArray<{label: string; value: string}>; index: number; setImage?: SetImagePick}
	| {type: 'rollout'; req: number; target: ActionTarget; status?: RolloutStatus; history: string[]; finished: boolean}
	| {
			type: 'drain';
			req: number;
			node: string;
			options: DrainOptions;
			results: DrainPodResult[];
			waiting: string[];
			/** Pods whose eviction a PodDisruptionBudget refused and that are being retried, by 'ns/name'. */
			blocked?: Record<string, DrainRetry>;
			started: number;
			final?: {ok: boolean; message: string};
	  }
	| {type: 'logs'; req: number; source: LogSource; saveAs: SaveLogsTarget; view: LogViewState}
	/** shift-f: `req` matches the read of the object's ports that prefills it. */
	| {type: 'portForward'; req: number; prompt: ForwardPrompt}
	/** :pf, the active forwards (rows from state.forwards). */
	| {type: 'forwards'; index: number}
	/** :apply DIR (or :apply alone): pick a manifest, or a directory to walk into. */
	| {type: 'files'; listing: ManifestListing; index: number};

/** Overlays drawn in place of the view's body; the others are a line or two under it. */
export function isBodyOverlay(overlay: Overlay): boolean {
	return overlay.type === 'rollout' || overlay.type === 'drainForm' || overlay.type === 'drain' || overlay.type === 'picker' || overlay.type === 'logs' || overlay.type === 'forwards' || overlay.type === 'files';
}
