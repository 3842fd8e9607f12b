// Debug containers: `D` adds an ephemeral container (pods/ephemeralcontainers, a strategic merge
// patch as kubectl debug sends) that shares the process namespace of the selected container, then
// waits for it to run and attaches. The PATCH is a mutation, so it goes through the gate (read-only
// refuses it, the audit log records it); waiting and attaching are reads.
import type {KubeObject} from '../model/types.js';
import type {Transport} from '../kube/transport.js';
import {objectPathFor} from './paths.js';
import {STRATEGIC_PATCH} from './mutations.js';

/** A busybox-class image: a shell and the usual tools in a few MB (setting debug.image overrides). */
export const DEFAULT_DEBUG_IMAGE = 'busybox:1.36';

/** kubectl debug's naming: debugger-xxxxx, short and unlikely to collide. */
export function debugContainerName(random: () => number = Math.random): string {
	const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
	let suffix = '';
	for (let i = 0; i < 5; i++) suffix += alphabet[Math.floor(random() * alphabet.length)];
	return `debugger-${suffix}`;
}

export function ephemeralPatch(name: string, image: string, target: string): Record<string, unknown> {
	return {spec: {ephemeralContainers: [{name, image, targetContainerName: target, stdin: true, tty: true, terminationMessagePolicy: 'File'}]}};
}

export async function addDebugContainer(api: Transport, namespace: string, pod: string, debug: {name: string; image: string; target: string}): Promise<{message: string; details: Record<string, unknown>}> {
	await api.request({method: 'PATCH', path: objectPathFor('Pod', namespace, pod, 'ephemeralcontainers'), body: ephemeralPatch(debug.name, debug.image, debug.target), contentType: STRATEGIC_PATCH});
	return {message: `debug container ${debug.name} (${debug.image}) added to pod ${namespace}/${pod}, targeting ${debug.target}`, details: {container: debug.name, image: debug.image, targetContainerName: debug.target}};
}

/** Where the ephemeral container stands: running, still starting (why), or stopped for good. */
export type DebugState = {state: 'running'} | {state: 'waiting'; reason: string} | {state: 'failed'; reason: string};

export function debugStateOf(pod: KubeObject, name: string): DebugState {
	const statuses = ((pod.status as {ephemeralContainerStatuses?: Array<{name: string; state?: {running?: unknown; waiting?: {reason?: string; message?: string}; terminated?: {reason?: string; exitCode?: number}}}>} | undefined)?.ephemeralContainerStatuses) ?? [];
	const status = statuses.find((s) => s.name === name);
	if (!status?.state) return {state: 'waiting', reason: 'waiting for the kubelet'};
	if (status.state.running) return {state: 'running'};
	if (status.state.terminated) return {state: 'failed', reason: `terminated (${status.state.terminated.reason ?? `exit ${status.state.terminated.exitCode ?? '?'}`})`};
	const reason = status.state.waiting?.reason ?? 'Waiting';
	// A pull that failed will not fix itself while we wait.
	if (/ErrImagePull|ImagePullBackOff|InvalidImageName|CreateContainerConfigError/.test(reason)) return {state: 'failed', reason: `${reason}${status.state.waiting?.message ? `: ${status.state.waiting.message}` : ''}`};
	return {state: 'waiting', reason};
}
