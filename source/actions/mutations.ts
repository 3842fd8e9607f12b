// The API calls behind each verb. They throw KubeError on failure; the gate turns that
// into a message. Each returns kubectl's wording of the success so operators see familiar text.
import type {KubeObject} from '../model/types.js';
import type {Transport} from '../kube/transport.js';
import {displayName, objectPathFor} from './paths.js';
import {apiPath} from '../kinds/kind.js';
import type {GenericTarget} from './genericTarget.js';

export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** The action cannot proceed for a reason kubedeck (or kubectl) checks before the API would. */
export class ActionRefused extends Error {
	constructor(
		readonly reason: string,
		message: string,
	) {
		super(message);
		this.name = 'ActionRefused';
	}
}

export interface MutationOutcome {
	message: string;
	details?: Record<string, unknown>;
}

export type ReplicaInput = {ok: true; value: number} | {ok: false; message: string};

/** The scale prompt's rule: a whole number from 0 to the ceiling; anything else is explained. */
export function parseReplicas(input: string | number, ceiling: number): ReplicaInput {
	const text = String(input).trim();
	if (text === '') return {ok: false, message: 'enter a replica count (a whole number)'};
	if (!/^[+-]?\d+$/.test(text)) return {ok: false, message: `"${text}" is not a whole number`};
	const value = Number(text);
	if (value < 0) return {ok: false, message: 'replicas cannot be negative'};
	if (value > ceiling) return {ok: false, message: `${value} is above the scale ceiling of ${ceiling} (setting scaleCeiling)`};
	return {ok: true, value};
}

/** Reads the scale subresource (the current desired count the prompt is prefilled with). */
export async function readScale(api: Transport, kind: string, namespace: string, name: string): Promise<number> {
	const scale = await api.request<{spec?: {replicas?: number}}>({path: objectPathFor(kind, namespace, name, 'scale')});
	return scale?.spec?.replicas ?? 0;
}

export async function scale(api: Transport, kind: string, namespace: string, name: string, replicas: number, from?: number): Promise<MutationOutcome> {
	await api.request({method: 'PATCH', path: objectPathFor(kind, namespace, name, 'scale'), body: {spec: {replicas}}, contentType: MERGE_PATCH});
	const change = from === undefined ? `to ${replicas}` : from === replicas ? `(already ${replicas})` : `from ${from} to ${replicas}`;
	return {message: `${displayName(kind, name)} scaled ${change}`, details: {from, replicas}};
}

/** RFC 3339 to the second, as kubectl writes it (time.Now().Format(time.RFC3339)). */
export function restartStamp(now: Date): string {
	return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function restart(api: Transport, namespace: string, name: string, now: Date): Promise<MutationOutcome> {
	const path = objectPathFor('Deployment', namespace, name);
	const current = await api.request<KubeObject>({path});
	if ((current.spec as {paused?: boolean} | undefined)?.paused) {
		// kubectl refuses too: a paused deployment would record the annotation but never roll.
		throw new ActionRefused('Paused', `can't restart paused deployment "${name}" (run kubectl rollout resume first)`);
	}
	const stamp = restartStamp(now);
	// Strategic merge keeps every other annotation; this is byte-for-byte what kubectl sends.
	await api.request({method: 'PATCH', path, body: {spec: {template: {metadata: {annotations: {[RESTARTED_AT]: stamp}}}}}, contentType: STRATEGIC_PATCH});
	return {message: `${displayName('Deployment', name)} restarted`, details: {restartedAt: stamp}};
}

export interface DeleteOptions {
	gracePeriodSeconds?: number;
	/** kubectl --force: grace period 0, do not wait for the kubelet. */
	force?: boolean;
}

export async function deleteObject(api: Transport, target: string | GenericTarget, namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<MutationOutcome> {
	const grace = options.force ? 0 : options.gracePeriodSeconds;
	const body: Record<string, unknown> = {apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background'};
	if (grace !== undefined) body['gracePeriodSeconds'] = grace;
	const path = typeof target === 'string' ? objectPathFor(target, namespace, name) : apiPath(target, namespace, name);
	await api.request({method: 'DELETE', path, body});
	const lower = (typeof target === 'string' ? target : target.kind).toLowerCase();
	const warning = options.force ? ' (forced: did not wait for the kubelet to confirm the containers stopped)' : '';
	return {message: `${lower} "${name}" deleted${warning}`, details: grace === undefined ? {} : {gracePeriodSeconds: grace}};
}

export async function killPod(api: Transport, namespace: string, name: string): Promise<MutationOutcome> {
	await deleteObject(api, 'Pod', namespace, name, {gracePeriodSeconds: 0});
	return {message: `pod "${name}" killed (grace period 0)`, details: {gracePeriodSeconds: 0}};
}

/** Cordon (true) or uncordon (false); says "already" when nothing had to change, like kubectl. */
export async function setUnschedulable(api: Transport, node: string, unschedulable: boolean): Promise<MutationOutcome & {changed: boolean}> {
	const path = objectPathFor('Node', undefined, node);
	const current = await api.request<KubeObject>({path});
	const was = (current.spec as {unschedulable?: boolean} | undefined)?.unschedulable === true;
	const verb = unschedulable ? 'cordoned' : 'uncordoned';
	if (was === unschedulable) return {message: `node/${node} already ${verb}`, changed: false};
	// null removes the field, which is how an uncordoned node looks after kubectl uncordon.
	await api.request({method: 'PATCH', path, body: {spec: {unschedulable: unschedulable ? true : null}}, contentType: MERGE_PATCH});
	return {message: `node/${node} ${verb}`, changed: true};
}
