// The actions of issue 4 as the App sees them: an action id from the key map plus the
// selected row → a dialog, a confirmation, a progress view or a log view, all ending in a call
// to the ActionLayer (never the API) and its answer in the status line. State lives in this
// object, fed by the App's single key handler, so no key is lost while a dialog appears.
import type {InkKey} from '../../source/config/keys.js';
import type {Keymap} from '../../source/config/keymap.js';
import type {ActionLayer} from '../../source/actions/actionLayer.js';
import type {ActionResult} from '../../source/actions/gate.js';
import type {DrainOptions, DrainPodResult, DrainRetry} from '../../source/actions/drain.js';
import type {RolloutStatus} from '../../source/actions/rollout.js';
import type {BaseRow} from '../../source/model/types.js';
import type {PodRow} from '../../source/model/pods.js';
import type {Session} from '../../source/kube/session.js';
import {confirmKey, drainFormKey, openDrainForm, scaleKey, targetText, type ActionTarget, type ConfirmDialog, type DrainForm, type ScalePrompt} from './flows.js';
import {openLogSession, type LogSession} from './logSession.js';
import {multiFeed, podFeed} from './logFeed.js';
import {ALL_CONTAINERS, ALLOWED_KINDS, containerChoices, deploymentTargets, HANDLED, intentFor, MUTATIONS} from './targets.js';

export interface ActionSettings {
	scaleCeiling?: number;
	logTailLines?: number;
	logLineCap?: number;
}

/** What the App knows when a key fires: the pane's object kind and the selected row. */
export interface Selection {
	kind: string;
	row: BaseRow | undefined;
}

export type Overlay =
	| {type: 'scale'; prompt: ScalePrompt}
	| {type: 'confirm'; dialog: ConfirmDialog; run(toggles: Record<string, boolean>): void}
	| {type: 'rollout'; target: ActionTarget; status?: RolloutStatus; history: string[]; finished: boolean}
	| {type: 'drainForm'; form: DrainForm}
	| {
			type: 'drain';
			node: string;
			options: DrainOptions;
			results: DrainPodResult[];
			waiting: string[];
			/** Pods whose eviction a PodDisruptionBudget refused and that are being retried, by 'ns/name'. */
			blocked?: Record<string, DrainRetry>;
			started: number;
			final?: {ok: boolean; message: string};
	  }
	| {type: 'picker'; namespace: string; pod: string; choices: Array<{label: string; value: string}>}
	| {type: 'logs'; session: LogSession};

export interface ActionControllerOptions {
	layer(): ActionLayer | undefined;
	session(): Session;
	keymap(): Keymap;
	settings(): ActionSettings;
	say(text: string, level: 'info' | 'error'): void;
	/** Asks the App to repaint (the overlay changed). */
	changed(): void;
	/** Rows the log view has for lines, for paging and centring search hits. */
	pageSize(): number;
	now?: () => number;
}

export function createActionController(opts: ActionControllerOptions) {
	let overlay: Overlay | undefined;
	/** Stops whatever the current overlay runs (a rollout follow, a drain, a log feed). */
	let cleanup: (() => void) | undefined;
	const now = opts.now ?? Date.now;

	const set = (next: Overlay | undefined) => {
		overlay = next;
		opts.changed();
	};
	const close = () => {
		const stop = cleanup;
		cleanup = undefined;
		stop?.();
		set(undefined);
	};
	const report = (result: ActionResult) => opts.say(result.message, result.ok ? 'info' : 'error');

	const confirm = (question: string, run: (toggles: Record<string, boolean>) => void, toggles: ConfirmDialog['toggles'] = []) => {
		set({type: 'confirm', dialog: {question, toggles}, run});
	};

	// ---- scale ----
	const performScale = async (layer: ActionLayer, target: ActionTarget & {namespace: string}, replicas: number, confirmed: boolean) => {
		opts.say(`scaling ${targetText(target)} to ${replicas}…`, 'info');
		const result = await layer.perform({verb: 'scale', kind: target.kind as 'Deployment' | 'ReplicaSet', namespace: target.namespace, name: target.name, replicas, confirmed});
		// The gate re-reads the count; if it changed meanwhile and this is now a big jump, ask again.
		if (!result.ok && result.reason === 'NotConfirmed' && !confirmed) {
			confirm(`${result.message}. Scale anyway?`, () => void performScale(layer, target, replicas, true));
			return;
		}
		report(result);
	};

	const openScale = (layer: ActionLayer, target: ActionTarget & {namespace: string}, row: BaseRow) => {
		const desired = (row as BaseRow & {desired?: number}).desired;
		const prompt: ScalePrompt = {target, value: desired === undefined ? '' : String(desired), pristine: true, ...(desired !== undefined ? {from: desired} : {})};
		set({type: 'scale', prompt});
		// The row may lag the API by a frame; the scale subresource is the truth the prompt starts from.
		void layer.currentReplicas(target.kind as 'Deployment' | 'ReplicaSet', target.namespace, target.name).then((answer) => {
			if (overlay?.type !== 'scale' || overlay.prompt.target !== target) return;
			if (!answer.ok) set({type: 'scale', prompt: {...overlay.prompt, error: answer.message}});
			else if (overlay.prompt.pristine) set({type: 'scale', prompt: {...overlay.prompt, value: String(answer.replicas), from: answer.replicas}});
			else set({type: 'scale', prompt: {...overlay.prompt, from: answer.replicas}});
		});
	};

	// ---- restart + rollout ----
	const followRollout = (layer: ActionLayer, target: ActionTarget & {namespace: string}) => {
		const abort = new AbortController();
		cleanup = () => abort.abort();
		set({type: 'rollout', target, history: [], finished: false});
		const onStatus = (status: RolloutStatus) => {
			if (abort.signal.aborted || overlay?.type !== 'rollout') return;
			const history = [...overlay.history, status.message].slice(-50);
			set({...overlay, status, history});
		};
		void layer.followRollout(target.namespace, target.name, {signal: abort.signal, onStatus}).then((status) => {
			if (abort.signal.aborted || overlay?.type !== 'rollout') return;
			set({...overlay, status, finished: true});
			opts.say(status.stalled ? status.message : status.done ? status.message : `rollout view stopped: ${status.message}`, status.done ? 'info' : 'error');
		});
	};

	const restart = (layer: ActionLayer, target: ActionTarget & {namespace: string}) => {
		confirm(`Restart ${targetText(target)}? Its pods are replaced one by one (rolling).`, () => {
			opts.say(`restarting ${targetText(target)}…`, 'info');
			void layer.perform({verb: 'restart', kind: 'Deployment', namespace: target.namespace, name: target.name, confirmed: true}).then((result) => {
				report(result);
				if (result.ok && !overlay) followRollout(layer, target);
			});
		});
	};

	// ---- drain ----
	const startDrain = (layer: ActionLayer, node: string, options: DrainOptions) => {
		const abort = new AbortController();
		cleanup = () => abort.abort();
		const onNode = opts
			.session()
			.allPods()
			.snapshot()
			.rows.filter((p) => p.node === node)
			.map((p) => `${p.namespace ?? ''}/${p.name}`);
		set({type: 'drain', node, options, results: [], waiting: onNode, started: now()});
		const onProgress = (result: DrainPodResult) => {
			if (overlay?.type !== 'drain' || overlay.node !== node) return;
			const id = `${result.namespace}/${result.name}`;
			set({...overlay, results: [...overlay.results, result], waiting: overlay.waiting.filter((w) => w !== id)});
		};
		const onRetry = (retry: DrainRetry) => {
			if (overlay?.type !== 'drain' || overlay.node !== node || overlay.final) return;
			set({...overlay, blocked: {...overlay.blocked, [`${retry.namespace}/${retry.name}`]: retry}});
		};
		void layer.perform({verb: 'drain', kind: 'Node', name: node, confirmed: true, options: {...options, signal: abort.signal, onRetry}, onProgress}).then((result) => {
			report(result);
			if (overlay?.type !== 'drain' || overlay.node !== node) return;
			set({...overlay, final: {ok: result.ok, message: result.message}});
			cleanup = undefined;
		});
	};

	// ---- logs ----
	const openLogs = (layer: ActionLayer, title: string, feed: Parameters<typeof openLogSession>[0]['feed'], saveAs: {namespace: string; name: string; container?: string}) => {
		const settings = opts.settings();
		const session = openLogSession({
			layer,
			feed,
			title,
			saveAs,
			tailLines: settings.logTailLines ?? 200,
			lineCap: settings.logLineCap ?? 10_000,
			changed: () => opts.changed(),
			say: opts.say,
		});
		cleanup = () => session.stop();
		set({type: 'logs', session});
	};

	const openPodLogs = (layer: ActionLayer, namespace: string, pod: string, container: string | undefined, all: string[] = []) => {
		if (container === ALL_CONTAINERS) {
			const targets = all.map((c) => ({namespace, pod, container: c}));
			openLogs(layer, `logs ${namespace}/${pod} (all containers)`, multiFeed(layer, {current: () => targets, subscribe: () => () => {}}), {namespace, name: pod});
			return;
		}
		openLogs(layer, `logs ${namespace}/${pod}${container ? ` [${container}]` : ''}`, podFeed(layer, namespace, pod, container), {namespace, name: pod, ...(container ? {container} : {})});
	};

	const deploymentLogs = (layer: ActionLayer, namespace: string, row: BaseRow & {selector?: string; containers?: string[]}) => {
		if (!row.selector) {
			opts.say(`deployment ${row.name} has no selector; no pods to follow`, 'error');
			return;
		}
		// The cluster-wide pods store: it is correct whatever namespace or label filter the pods pane has.
		const targets = deploymentTargets(opts.session().allPods(), namespace, row);
		openLogs(layer, `logs deploy/${row.name} (${namespace}, all pods)`, multiFeed(layer, targets), {namespace, name: row.name});
	};

	const logs = (layer: ActionLayer, selection: Selection, row: BaseRow) => {
		const namespace = row.namespace ?? '';
		if (selection.kind === 'Deployment') {
			deploymentLogs(layer, namespace, row);
			return;
		}
		const containers = (row as Partial<PodRow>).containers ?? [];
		const choices = containerChoices(row);
		if (!choices) openPodLogs(layer, namespace, row.name, containers[0]);
		else set({type: 'picker', namespace, pod: row.name, choices});
	};

	// ---- entry points ----
	const start = (id: string, selection: Selection): boolean => {
		if (!HANDLED.has(id)) return false;
		const layer = opts.layer();
		if (!layer) {
			opts.say(`${id} is not available: kubedeck was started without an action layer`, 'error');
			return true;
		}
		const row = selection.row;
		if (!row) {
			opts.say('nothing selected', 'error');
			return true;
		}
		const kinds = ALLOWED_KINDS[id];
		if (kinds && !kinds.includes(selection.kind)) {
			opts.say(`${id} does not apply to ${selection.kind.toLowerCase()}s`, 'error');
			return true;
		}
		const target: ActionTarget & {namespace: string} = {kind: selection.kind, namespace: row.namespace ?? '', name: row.name};
		const verb = MUTATIONS[id];
		if (verb && layer.readonly) {
			// The gate itself answers, so the words (and the proof that nothing ran) come from one place.
			void layer.perform(intentFor(verb, selection.kind, row)).then(report);
			return true;
		}
		switch (id) {
			case 'deploy.scale':
				openScale(layer, target, row);
				return true;
			case 'deploy.restart':
				restart(layer, target);
				return true;
			case 'object.delete': {
				const shown = row.namespace ? target : {kind: selection.kind, name: row.name};
				confirm(
					`Delete ${targetText(shown)}?`,
					(t) => {
						opts.say(`deleting ${targetText(shown)}…`, 'info');
						void layer.perform({verb: 'delete', kind: selection.kind, ...(row.namespace ? {namespace: row.namespace} : {}), name: row.name, confirmed: true, ...(t['f'] ? {force: true} : {})}).then(report);
					},
					[{key: 'f', label: 'force: grace period 0, do not wait for the kubelet', on: false}],
				);
				return true;
			}
			case 'pod.kill':
				confirm(`Kill ${targetText(target)} now (grace period 0)?`, () => {
					void layer.perform({verb: 'kill', kind: 'Pod', namespace: target.namespace, name: row.name, confirmed: true}).then(report);
				});
				return true;
			case 'node.cordon':
			case 'node.uncordon': {
				const cordon = id === 'node.cordon';
				const question = cordon ? `Cordon node ${row.name}? No new pods will be scheduled on it.` : `Uncordon node ${row.name}? Pods may be scheduled on it again.`;
				confirm(question, () => {
					void layer.perform({verb: cordon ? 'cordon' : 'uncordon', kind: 'Node', name: row.name, confirmed: true}).then(report);
				});
				return true;
			}
			case 'node.drain':
				set({type: 'drainForm', form: openDrainForm(row.name)});
				return true;
			case 'pod.logs':
				logs(layer, selection, row);
				return true;
			case 'pod.shellHint':
				opts.say(layer.shellHint(target.namespace, row.name, (row as Partial<PodRow>).defaultContainer), 'info');
				return true;
		}
		return false;
	};

	const key = (input: string, inkKey: Partial<InkKey>): boolean => {
		const current = overlay;
		if (!current) return false;
		const layer = opts.layer();
		switch (current.type) {
			case 'scale': {
				if (!layer) return true;
				const outcome = scaleKey(current.prompt, input, inkKey, (text) => layer.validateReplicas(text));
				if (outcome.type === 'cancel') {
					close();
					opts.say('scale cancelled', 'info');
				} else if (outcome.type === 'edit') set({type: 'scale', prompt: outcome.prompt});
				else {
					const target = {...current.prompt.target, namespace: current.prompt.target.namespace ?? ''};
					if (outcome.needsConfirmation) confirm(outcome.needsConfirmation, () => void performScale(layer, target, outcome.replicas, true));
					else {
						close();
						void performScale(layer, target, outcome.replicas, false);
					}
				}
				return true;
			}
			case 'confirm': {
				const outcome = confirmKey(current.dialog, input, inkKey);
				if (outcome.type === 'edit') set({...current, dialog: outcome.dialog});
				else if (outcome.type === 'no') {
					close();
					opts.say('cancelled', 'info');
				} else if (outcome.type === 'yes') {
					close();
					current.run(outcome.toggles);
				}
				return true;
			}
			case 'drainForm': {
				if (!layer) return true;
				const outcome = drainFormKey(current.form, input, inkKey);
				if (outcome.type === 'cancel') {
					close();
					opts.say('drain cancelled', 'info');
				} else if (outcome.type === 'edit') set({type: 'drainForm', form: outcome.form});
				else startDrain(layer, current.form.node, outcome.options);
				return true;
			}
			case 'drain':
				if (inkKey.escape || input === 'q') {
					if (!current.final) opts.say(`drain of node/${current.node} cancelled; the node stays cordoned (u uncordons it)`, 'error');
					close();
				}
				return true;
			case 'rollout':
				if (inkKey.escape || input === 'q') close();
				return true;
			case 'picker':
				// ink-select-input reads arrows and Enter itself; only Esc is ours.
				if (inkKey.escape) close();
				return true;
			case 'logs':
				if (current.session.key(opts.keymap(), input, inkKey, opts.pageSize()) === 'close') close();
				return true;
		}
	};

	/** The container picker's answer. */
	const pick = (value: string) => {
		const layer = opts.layer();
		if (overlay?.type !== 'picker' || !layer) return;
		const {namespace, pod, choices} = overlay;
		const all = choices.map((c) => c.value).filter((v) => v !== ALL_CONTAINERS);
		overlay = undefined;
		openPodLogs(layer, namespace, pod, value, all);
	};

	return {
		start,
		key,
		pick,
		close,
		overlay: () => overlay,
		/**
		 * Key map contexts for the footer while an overlay is open: the log view's own; none for
		 * dialogs (each shows its keys itself, and the table's hints would be wrong there).
		 */
		contexts: (): string[] | undefined => (overlay === undefined ? undefined : overlay.type === 'logs' ? ['logs', 'global'] : []),
		dispose: () => {
			const stop = cleanup;
			cleanup = undefined;
			overlay = undefined;
			stop?.();
		},
	};
}

export type ActionController = ReturnType<typeof createActionController>;
