// kubectl drain, as an action: cordon, decide pod by pod what may be evicted (with kubectl's
// rules and wording), evict through the Eviction API so PodDisruptionBudgets are honoured,
// retry 429s until the timeout, and report each pod's fate.
import type {KubeObject} from '../model/types.js';
import {KubeError} from '../kube/kubeError.js';
import {sleep} from '../kube/timing.js';
import type {Transport} from '../kube/transport.js';
import {setUnschedulable} from './mutations.js';
import {objectPathFor} from './paths.js';

export interface DrainOptions {
	/** Leave DaemonSet pods (the DaemonSet controller would recreate them anyway). */
	ignoreDaemonSets?: boolean;
	/** Allow evicting pods with emptyDir volumes (their data is lost). */
	deleteEmptyDirData?: boolean;
	/** Allow evicting pods no controller will recreate. */
	force?: boolean;
	gracePeriodSeconds?: number;
	/** Overall limit for evictions and waiting for pods to go (default 120 s). */
	timeoutMs?: number;
	/** Pause between retries of a 429 (kubectl: 5 s); a longer Retry-After from the server wins. */
	retryIntervalMs?: number;
	/** Wait until evicted pods are gone (default true), like kubectl. */
	waitForDeletion?: boolean;
	pollIntervalMs?: number;
	signal?: AbortSignal;
	/**
	 * Called each time an eviction is refused with 429 (a PodDisruptionBudget) and will be tried
	 * again, before the pause: a drain that waits on a budget must say so while it waits.
	 */
	onRetry?: (retry: DrainRetry) => void;
}

/** One refused eviction that drain will try again. */
export interface DrainRetry {
	namespace: string;
	name: string;
	/** 1 for the first refusal. */
	attempt: number;
	/** The server's words (which budget, why). */
	message: string;
	/** When the next try happens, epoch ms. */
	nextAt: number;
}

export type DrainOutcome = 'evicted' | 'skipped' | 'refused' | 'failed';

export interface DrainPodResult {
	namespace: string;
	name: string;
	outcome: DrainOutcome;
	reason?: string;
}

export interface DrainReport {
	ok: boolean;
	message: string;
	cordoned: boolean;
	pods: DrainPodResult[];
}

interface PodShape {
	metadata: KubeObject['metadata'];
	spec?: {volumes?: Array<{emptyDir?: unknown}>};
	status?: {phase?: string};
}

type Verdict = {evict: true; warning?: string} | {evict: false; outcome: 'skipped' | 'refused'; reason: string};

/** Pure: kubectl's drain filters in its order (mirror, DaemonSet, local storage, unreplicated). */
export function drainVerdict(pod: KubeObject, options: DrainOptions): Verdict {
	const p = pod as PodShape;
	if (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) {
		return {evict: false, outcome: 'skipped', reason: 'mirror pod (managed by the kubelet)'};
	}
	const phase = p.status?.phase;
	if (phase === 'Succeeded' || phase === 'Failed') return {evict: true};
	const controller = p.metadata.ownerReferences?.find((o) => o.controller);
	if (controller?.kind === 'DaemonSet') {
		return options.ignoreDaemonSets
			? {evict: false, outcome: 'skipped', reason: 'DaemonSet-managed'}
			: {evict: false, outcome: 'refused', reason: 'DaemonSet-managed (turn on "ignore DaemonSets")'};
	}
	if (p.spec?.volumes?.some((v) => v.emptyDir !== undefined) && !options.deleteEmptyDirData) {
		return {evict: false, outcome: 'refused', reason: 'uses emptyDir local storage, whose data would be lost (turn on "delete emptyDir data")'};
	}
	if (!controller) {
		return options.force
			? {evict: true, warning: 'not managed by a controller: it will not come back'}
			: {evict: false, outcome: 'refused', reason: 'not managed by a controller, so it would not come back (use force)'};
	}
	return {evict: true};
}

export async function drainNode(api: Transport, node: string, options: DrainOptions = {}, onProgress?: (result: DrainPodResult) => void): Promise<DrainReport> {
	const deadline = Date.now() + (options.timeoutMs ?? 120_000);
	const retryMs = options.retryIntervalMs ?? 5000;
	const pollMs = options.pollIntervalMs ?? 500;
	await setUnschedulable(api, node, true);
	const list = await api.request<{items?: KubeObject[]}>({path: '/api/v1/pods', query: {fieldSelector: `spec.nodeName=${node}`}});
	const pods = list.items ?? [];
	const results: DrainPodResult[] = [];
	const toEvict: Array<{pod: KubeObject; warning?: string}> = [];
	for (const pod of pods) {
		const verdict = drainVerdict(pod, options);
		if (verdict.evict) toEvict.push(verdict.warning ? {pod, warning: verdict.warning} : {pod});
		else results.push({namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, outcome: verdict.outcome, reason: verdict.reason});
	}
	const refused = results.filter((r) => r.outcome === 'refused');
	if (refused.length > 0) {
		// kubectl evicts nothing when any pod is refused, so a drain never half-happens by surprise.
		for (const r of results) onProgress?.(r);
		const list = refused.map((r) => `${r.namespace}/${r.name}: ${r.reason}`).join('; ');
		return {ok: false, cordoned: true, pods: results, message: `node/${node} cordoned but not drained: ${refused.length} pod(s) cannot be evicted: ${list}`};
	}
	for (const r of results) onProgress?.(r);
	const evicted = await Promise.all(toEvict.map(({pod, warning}) => evictOne(api, pod, options, deadline, retryMs, pollMs).then((r) => {
		const result = warning && r.outcome === 'evicted' ? {...r, reason: warning} : r;
		onProgress?.(result);
		return result;
	})));
	results.push(...evicted);
	const failed = evicted.filter((r) => r.outcome === 'failed');
	const skipped = results.filter((r) => r.outcome === 'skipped').length;
	const counts = `${evicted.length - failed.length} evicted, ${skipped} skipped`;
	if (failed.length > 0) {
		const detail = failed.map((r) => `${r.namespace}/${r.name}: ${r.reason}`).join('; ');
		return {ok: false, cordoned: true, pods: results, message: `node/${node} not fully drained (${counts}, ${failed.length} failed): ${detail}`};
	}
	return {ok: true, cordoned: true, pods: results, message: `node/${node} drained (${counts})`};
}

async function evictOne(api: Transport, pod: KubeObject, options: DrainOptions, deadline: number, retryMs: number, pollMs: number): Promise<DrainPodResult> {
	const namespace = pod.metadata.namespace ?? '';
	const name = pod.metadata.name;
	const eviction: Record<string, unknown> = {apiVersion: 'policy/v1', kind: 'Eviction', metadata: {name, namespace}};
	if (options.gracePeriodSeconds !== undefined) eviction['deleteOptions'] = {gracePeriodSeconds: options.gracePeriodSeconds};
	let refusals = 0;
	for (;;) {
		// Cancelled during the pause after a refusal: no further eviction is sent.
		if (refusals > 0 && options.signal?.aborted) {
			return {namespace, name, outcome: 'failed', reason: 'drain cancelled while a PodDisruptionBudget refused the eviction'};
		}
		try {
			await api.request({method: 'POST', path: objectPathFor('Pod', namespace, name, 'eviction'), body: eviction});
			break;
		} catch (error) {
			if (!(error instanceof KubeError)) throw error;
			if (error.status === 404) return {namespace, name, outcome: 'evicted', reason: 'already gone'};
			// The budget's own words say which budget and why; the 429 explanation around them would only repeat "try later".
			const budget = error.serverMessage || error.message;
			// kubectl's fixed pause, or longer when the server asks for it (Retry-After).
			const pause = Math.max(retryMs, error.retryAfterMs ?? 0);
			if (error.status === 429 && Date.now() + pause < deadline && !options.signal?.aborted) {
				refusals++;
				options.onRetry?.({namespace, name, attempt: refusals, message: budget, nextAt: Date.now() + pause});
				await sleep(pause, options.signal);
				continue;
			}
			const why =
				error.status !== 429
					? error.message
					: options.signal?.aborted
						? `drain cancelled while a PodDisruptionBudget refused the eviction: ${budget}`
						: `blocked by a PodDisruptionBudget until the timeout: ${budget}`;
			return {namespace, name, outcome: 'failed', reason: why};
		}
	}
	if (options.waitForDeletion === false) return {namespace, name, outcome: 'evicted'};
	const path = objectPathFor('Pod', namespace, name);
	// Look at least once, as kubectl's immediate poll does: a slow API can use up the timeout on the
	// eviction itself, and a pod already gone was evicted, not "still terminating".
	for (;;) {
		try {
			const current = await api.request<KubeObject>({path, ...(options.signal ? {signal: options.signal} : {})});
			if (current.metadata.uid !== pod.metadata.uid) return {namespace, name, outcome: 'evicted'};
		} catch (error) {
			if (error instanceof KubeError && error.status === 404) return {namespace, name, outcome: 'evicted'};
		}
		if (Date.now() >= deadline || options.signal?.aborted) break;
		await sleep(pollMs, options.signal);
	}
	return {namespace, name, outcome: 'failed', reason: 'evicted, but still terminating when the timeout ran out'};
}
