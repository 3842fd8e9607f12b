// shift-f and :pf as controller steps, pure: the prompt opened on a pod, deployment, statefulset or
// service row (prefilled by the runner with the object's ports), what its text means, and the
// forwards list with ctrl-d stopping the selected forward. The forwards themselves live in the
// action layer (source/actions/portForward.ts); the state holds only the runner's last snapshot.
import type {InkKey} from '../config/keys.js';
import type {ForwardKind} from '../actions/portForwardResolve.js';
import {editText} from './dialogs.js';
import type {Env, Step} from './messages.js';
import type {Overlay} from './overlays.js';
import type {UiState} from './state.js';
import {only, request, say, sayStep} from './viewSteps.js';

export const FORWARD_KINDS: readonly ForwardKind[] = ['Pod', 'Deployment', 'StatefulSet', 'Service'];

export interface ForwardPrompt {
	target: {kind: ForwardKind; namespace: string; name: string};
	value: string;
	/** True until the user types: the runner's read of the ports may still fill it. */
	pristine: boolean;
	error?: string;
}

export interface ForwardPair {
	/** A container port (or service port) number, or its name. */
	remote: number | string;
	/** 0 picks a free port. */
	local: number;
}

const portNumber = (text: string): number | undefined => (/^\d+$/.test(text) && Number(text) >= 0 && Number(text) <= 65535 ? Number(text) : undefined);

/** "8080", "http", "8080:9000", "http:0", several separated by spaces: REMOTE[:LOCAL], LOCAL defaulting to REMOTE (0 for a name). */
export function parseForwardSpec(text: string): {ok: true; pairs: ForwardPair[]} | {ok: false; message: string} {
	const tokens = text.trim().split(/[\s,]+/).filter(Boolean);
	if (tokens.length === 0) return {ok: false, message: 'name a port: REMOTE[:LOCAL], e.g. 8080 or 8080:9000 (local 0 picks a free one)'};
	const pairs: ForwardPair[] = [];
	for (const token of tokens) {
		const [remoteText = '', localText, extra] = token.split(':');
		if (extra !== undefined) return {ok: false, message: `"${token}": write REMOTE[:LOCAL]`};
		const remoteNumber = portNumber(remoteText);
		const remote = remoteNumber ?? remoteText;
		if (remoteNumber === 0 || (remoteNumber === undefined && !/^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(remoteText))) return {ok: false, message: `"${remoteText}" is not a port number (1–65535) or port name`};
		const local = localText === undefined ? (remoteNumber ?? 0) : portNumber(localText);
		if (local === undefined) return {ok: false, message: `local port "${localText}" must be 0–65535 (0 picks a free one)`};
		pairs.push({remote, local});
	}
	return {ok: true, pairs};
}

/** The prompt's prefill: every declared port, local the same. */
export function prefillForwardSpec(ports: readonly number[]): string {
	return ports.map(p => `${p}:${p}`).join(' ');
}

export function startPortForward(state: UiState, env: Env): Step {
	const {pane, selected} = env.visible(state);
	const kind = pane.objectKind as ForwardKind;
	if (!FORWARD_KINDS.includes(kind)) return sayStep(state, `port-forward does not apply to ${pane.objectKind.toLowerCase()}s`, 'error');
	if (!selected) return sayStep(state, 'nothing selected', 'error');
	if (!env.actions) return sayStep(state, 'port-forward is not available: kubedeck was started without an action layer', 'error');
	const target = {kind, namespace: selected.namespace ?? '', name: selected.name};
	const [req, next] = request(state);
	return {state: {...next, overlay: {type: 'portForward', req, prompt: {target, value: '', pristine: true}}}, effects: [{type: 'readForwardPorts', req, target}]};
}

type PortForwardOverlay = Extract<Overlay, {type: 'portForward'}>;
type ForwardsOverlay = Extract<Overlay, {type: 'forwards'}>;

export function editPortForward(state: UiState, overlay: PortForwardOverlay, input: string, key: Partial<InkKey>): Step {
	const value = editText(overlay.prompt.value, input, key);
	return only({...state, overlay: {...overlay, prompt: {...overlay.prompt, value, pristine: false, error: undefined}}});
}

export function submitPortForward(state: UiState, overlay: PortForwardOverlay): Step {
	const parsed = parseForwardSpec(overlay.prompt.value);
	if (!parsed.ok) return only({...state, overlay: {...overlay, prompt: {...overlay.prompt, error: parsed.message}}});
	const [req, next] = request({...state, overlay: undefined});
	const {target} = overlay.prompt;
	return {state: say(next, `port-forward ${target.kind.toLowerCase()} ${target.namespace}/${target.name}: opening…`), effects: [{type: 'startForwards', req, target, pairs: parsed.pairs}]};
}

export function openForwards(state: UiState): Step {
	return only({...state, overlay: {type: 'forwards', index: 0}, message: undefined});
}

export function moveForwards(state: UiState, overlay: ForwardsOverlay, by: number): Step {
	const count = state.forwards?.length ?? 0;
	return only({...state, overlay: {...overlay, index: Math.max(0, Math.min(count - 1, overlay.index + by))}});
}

export function stopSelectedForward(state: UiState, overlay: ForwardsOverlay): Step {
	const forward = state.forwards?.[overlay.index];
	if (!forward) return sayStep(state, 'no forward selected', 'error');
	return {state: say(state, `stopped forward ${forward.bindAddress}:${forward.localPort}`), effects: [{type: 'stopForward', id: forward.id}]};
}
