// Rollout progress exactly as `kubectl rollout status deployment/NAME` words it, so an SRE
// can compare kubedeck's view with kubectl's line for line.
import type {KubeObject} from '../model/types.js';
import {KubeError} from '../kube/kubeError.js';
import {sleep} from '../kube/timing.js';
import type {Transport} from '../kube/transport.js';
import {objectPathFor} from './paths.js';

export interface RolloutStatus {
	/** The rollout finished: every replica updated and available, no old ones left. */
	done: boolean;
	/** The Progressing condition says ProgressDeadlineExceeded: it will not finish by itself. */
	stalled: boolean;
	/** kubectl's sentence, without the trailing newline. */
	message: string;
	desired: number;
	updated: number;
	ready: number;
	available: number;
	/** Old replicas still running (status.replicas - status.updatedReplicas). */
	oldReplicas: number;
}

interface DeploymentShape {
	metadata?: {name?: string; generation?: number};
	spec?: {replicas?: number};
	status?: {
		observedGeneration?: number;
		replicas?: number;
		updatedReplicas?: number;
		readyReplicas?: number;
		availableReplicas?: number;
		conditions?: Array<{type?: string; reason?: string; status?: string; message?: string}>;
	};
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Pure: the status of a Deployment object, following kubectl's DeploymentStatusViewer case for case. */
export function rolloutStatus(deployment: KubeObject | DeploymentShape): RolloutStatus {
	const d = deployment as DeploymentShape;
	const name = d.metadata?.name ?? '';
	const status = d.status ?? {};
	const desired = d.spec?.replicas ?? 1; // the API defaults spec.replicas to 1
	const base = {
		desired,
		updated: num(status.updatedReplicas),
		ready: num(status.readyReplicas),
		available: num(status.availableReplicas),
		oldReplicas: Math.max(0, num(status.replicas) - num(status.updatedReplicas)),
	};
	const generation = num(d.metadata?.generation);
	if (generation > num(status.observedGeneration)) {
		return {...base, done: false, stalled: false, message: 'Waiting for deployment spec update to be observed...'};
	}
	const progressing = status.conditions?.find((c) => c.type === 'Progressing');
	if (progressing?.reason === 'ProgressDeadlineExceeded') {
		return {...base, done: false, stalled: true, message: `deployment "${name}" exceeded its progress deadline`};
	}
	if (d.spec?.replicas !== undefined && base.updated < d.spec.replicas) {
		return {...base, done: false, stalled: false, message: `Waiting for deployment "${name}" rollout to finish: ${base.updated} out of ${d.spec.replicas} new replicas have been updated...`};
	}
	if (num(status.replicas) > base.updated) {
		return {...base, done: false, stalled: false, message: `Waiting for deployment "${name}" rollout to finish: ${base.oldReplicas} old replicas are pending termination...`};
	}
	if (base.available < base.updated) {
		return {...base, done: false, stalled: false, message: `Waiting for deployment "${name}" rollout to finish: ${base.available} of ${base.updated} updated replicas are available...`};
	}
	return {...base, done: true, stalled: false, message: `deployment "${name}" successfully rolled out`};
}

export interface FollowRolloutOptions {
	signal?: AbortSignal;
	/** Poll interval; the default suits a human watching (kubectl uses a watch; a GET per second is cheap). */
	intervalMs?: number;
	/** Give up after this long (default 10 minutes, like kubectl's --timeout default of none but bounded). */
	timeoutMs?: number;
	onStatus?: (status: RolloutStatus) => void;
}

/**
 * Follows a rollout until it is done, stalled, the deployment is gone, or the timeout/abort.
 * Calls onStatus whenever the message changes. Resolves with the last status (never rejects
 * for API errors: a NotFound becomes a final status saying the deployment was deleted).
 */
export async function followRollout(api: Transport, namespace: string, name: string, options: FollowRolloutOptions = {}): Promise<RolloutStatus> {
	const interval = options.intervalMs ?? 1000;
	const deadline = Date.now() + (options.timeoutMs ?? 600_000);
	const path = objectPathFor('Deployment', namespace, name);
	let lastMessage = '';
	let last: RolloutStatus | undefined;
	for (;;) {
		let status: RolloutStatus;
		try {
			const deployment = await api.request<KubeObject>({path, ...(options.signal ? {signal: options.signal} : {})});
			status = rolloutStatus(deployment);
		} catch (error) {
			if (error instanceof KubeError && error.status === 404) {
				status = {...(last ?? emptyStatus()), done: false, stalled: true, message: `deployment "${name}" was deleted during the rollout`};
				options.onStatus?.(status);
				return status;
			}
			if (options.signal?.aborted) return last ?? {...emptyStatus(), message: 'cancelled'};
			// Transient errors: keep the last status and try again on the next tick.
			status = {...(last ?? emptyStatus()), message: `${last?.message ?? 'Waiting for rollout'} (${(error as Error).message}; retrying)`};
		}
		if (status.message !== lastMessage) {
			lastMessage = status.message;
			options.onStatus?.(status);
		}
		last = status;
		if (status.done || status.stalled) return status;
		if (Date.now() >= deadline) return {...status, stalled: true, message: `timed out waiting for deployment "${name}" rollout: ${status.message}`};
		if (options.signal?.aborted) return status;
		await sleep(interval, options.signal);
	}
}

function emptyStatus(): RolloutStatus {
	return {done: false, stalled: false, message: '', desired: 0, updated: 0, ready: 0, available: 0, oldReplicas: 0};
}
