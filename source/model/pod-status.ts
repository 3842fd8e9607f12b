// READY, STATUS and RESTARTS of a pod exactly as `kubectl get pods` prints them
// (printPod in k8s.io/kubernetes pkg/printers/internalversion/printers.go, recent releases:
// sidecar-aware, SchedulingGated, Terminating only for non-terminal phases).
// The rules are subtle and order-dependent; each branch below mirrors one of kubectl's.
import type {KubeObject} from './types.js';
import {arr, rec, str, num, condition, type Json} from './json.js';
import {parseTime} from './age.js';

export interface PodStatusSummary {
	/** 'readyContainers/totalContainers', sidecars (restartable init containers) included. */
	ready: string;
	/** The STATUS cell. */
	status: string;
	restarts: number;
	/** epoch ms of the newest lastState.terminated.finishedAt among the counted containers. */
	lastRestartAt?: number;
}

// The node lifecycle controller's reason for pods on an unreachable node.
const NODE_UNREACHABLE = 'NodeLost';

function isRestartable(container: Json | undefined): boolean {
	return container?.restartPolicy === 'Always';
}

function terminatedText(terminated: Json, prefix: string): string {
	const reason = str(terminated.reason);
	if (reason) return prefix + reason;
	const signal = num(terminated.signal) ?? 0;
	if (signal !== 0) return `${prefix}Signal:${signal}`;
	return `${prefix}ExitCode:${num(terminated.exitCode) ?? 0}`;
}

function finishedAt(containerStatus: Json): number | undefined {
	const terminated = rec(rec(containerStatus.lastState)?.terminated);
	return terminated ? parseTime(terminated.finishedAt) : undefined;
}

function later(a: number | undefined, b: number | undefined): number | undefined {
	if (b === undefined) return a;
	if (a === undefined) return b;
	return b > a ? b : a;
}

/**
 * kubectl's pod summary. `now` is accepted for symmetry with the other projections and
 * future rules; the status text itself does not depend on the clock.
 */
export function podStatus(pod: KubeObject, _now?: number): PodStatusSummary {
	const spec = rec(pod.spec);
	const status = rec(pod.status);
	const phase = str(status?.phase) ?? '';
	const initSpecs = arr(spec?.initContainers);
	const initByName = new Map<string, Json>();
	let total = arr(spec?.containers).length;
	for (const c of initSpecs) {
		const name = str(c.name);
		if (name !== undefined) initByName.set(name, c);
		if (isRestartable(c)) total++;
	}

	let reason = phase;
	const statusReason = str(status?.reason);
	if (statusReason) reason = statusReason;
	for (const c of arr(status?.conditions)) {
		if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
	}

	let ready = 0;
	let restarts = 0;
	let lastRestart: number | undefined;
	let sidecarRestarts = 0;
	let lastSidecarRestart: number | undefined;
	let initializing = false;

	const initStatuses = arr(status?.initContainerStatuses);
	for (let i = 0; i < initStatuses.length; i++) {
		const cs = initStatuses[i]!;
		const count = num(cs.restartCount) ?? 0;
		const finished = finishedAt(cs);
		restarts += count;
		lastRestart = later(lastRestart, finished);
		const sidecar = isRestartable(initByName.get(str(cs.name) ?? ''));
		if (sidecar) {
			sidecarRestarts += count;
			lastSidecarRestart = later(lastSidecarRestart, finished);
		}
		const state = rec(cs.state);
		const terminated = rec(state?.terminated);
		const waiting = rec(state?.waiting);
		if (terminated && (num(terminated.exitCode) ?? 0) === 0) continue;
		if (sidecar && cs.started === true) {
			if (cs.ready === true) ready++;
			continue;
		}
		if (terminated) {
			reason = terminatedText(terminated, 'Init:');
		} else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') {
			reason = `Init:${str(waiting.reason)}`;
		} else {
			reason = `Init:${i}/${initSpecs.length}`;
		}
		initializing = true;
		break;
	}

	if (!initializing || condition(status, 'Initialized')?.status === 'True') {
		// Once initialised, only sidecars' restarts still count from the init phase.
		restarts = sidecarRestarts;
		lastRestart = lastSidecarRestart;
		let hasRunning = false;
		// The first container (in spec order) that exited non-zero: it names a pod whose read-back
		// ends on another container's "Completed" (kube-apiserver 1.36's printPod does the same).
		let errorReason = '';
		const statuses = arr(status?.containerStatuses);
		// Backwards, like kubectl, so the first container's state wins the STATUS text.
		for (let i = statuses.length - 1; i >= 0; i--) {
			const cs = statuses[i]!;
			restarts += num(cs.restartCount) ?? 0;
			lastRestart = later(lastRestart, finishedAt(cs));
			const state = rec(cs.state);
			const waiting = rec(state?.waiting);
			const terminated = rec(state?.terminated);
			if (waiting && str(waiting.reason)) {
				reason = str(waiting.reason)!;
			} else if (terminated) {
				reason = terminatedText(terminated, '');
				if ((num(terminated.exitCode) ?? 0) !== 0) errorReason = reason;
			} else if (cs.ready === true && rec(state?.running)) {
				hasRunning = true;
				ready++;
			}
		}
		// "Completed" from one finished container is not the pod's story while another runs or failed.
		if (reason === 'Completed') {
			if (hasRunning && condition(status, 'Ready')?.status === 'True') reason = 'Running';
			else if (errorReason) reason = errorReason;
			else if (hasRunning) reason = 'NotReady';
		}
	}

	if (pod.metadata.deletionTimestamp) {
		if (statusReason === NODE_UNREACHABLE) reason = 'Unknown';
		else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
	}

	const summary: PodStatusSummary = {ready: `${ready}/${total}`, status: reason, restarts};
	if (lastRestart !== undefined) summary.lastRestartAt = lastRestart;
	return summary;
}
