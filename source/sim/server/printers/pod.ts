// The Pod row as the API server prints it (printPod in kubernetes pkg/printers/internalversion):
// READY counts ready app containers and started sidecars; STATUS is the phase or the pod's reason,
// overridden by the first unfinished init container, then by the app containers read from the
// last to the first, then by deletion; RESTARTS sums restarts with the age of the latest one.
// The simulator's own implementation, so that kubedeck's status logic is checked against it.
import type {KubeObject} from '../../../model/types.js';
import {parseTime} from '../../time.js';
import {age, col, get, humanDuration, int, list, nameColumn, orNone, str, wide, type Printer} from './format.js';

interface Terminated {
	exitCode?: number;
	signal?: number;
	reason?: string;
	finishedAt?: string;
}
interface ContainerState {
	waiting?: {reason?: string};
	running?: unknown;
	terminated?: Terminated;
}
interface ContainerStatus {
	name?: string;
	ready?: boolean;
	started?: boolean;
	restartCount?: number;
	state?: ContainerState;
	lastState?: ContainerState;
}
interface Condition {
	type?: string;
	status?: string;
	reason?: string;
}

export interface PodSummary {
	ready: string;
	status: string;
	restarts: string;
}

/** Restarts over some containers, and when the most recent previous run of any of them ended. */
class RestartCount {
	count = 0;
	lastAt: number | undefined;

	add(c: ContainerStatus): void {
		this.count += int(c.restartCount);
		const finished = c.lastState?.terminated ? parseTime(c.lastState.terminated.finishedAt) : undefined;
		if (finished !== undefined && (this.lastAt === undefined || finished > this.lastAt)) this.lastAt = finished;
	}

	copy(): RestartCount {
		const other = new RestartCount();
		other.count = this.count;
		other.lastAt = this.lastAt;
		return other;
	}

	text(now: number): string {
		return this.count !== 0 && this.lastAt !== undefined ? `${this.count} (${humanDuration(now - this.lastAt)} ago)` : String(this.count);
	}
}

/** A terminated container's word: its reason, else the signal, else the exit code. */
const terminationText = (t: Terminated): string => t.reason || (int(t.signal) !== 0 ? `Signal:${int(t.signal)}` : `ExitCode:${int(t.exitCode)}`);

/** The first condition of a type decides (as the server's helpers read it); absent is not True. */
const firstConditionTrue = (conditions: Condition[], type: string): boolean => conditions.find(c => c.type === type)?.status === 'True';

export function podSummary(pod: KubeObject, now: number): PodSummary {
	const spec = pod.spec ?? {};
	const status = pod.status ?? {};
	const conditions = list<Condition>(status.conditions);
	const phase = str(status.phase);
	const podReason = str(status.reason);

	// Sidecars are init containers that restart always; a status names its spec by container name.
	const initSpecs = list<{name?: string; restartPolicy?: string}>(spec.initContainers);
	const sidecars = new Set<string>();
	for (const c of initSpecs) if (c.restartPolicy === 'Always') sidecars.add(c.name ?? '');
	else sidecars.delete(c.name ?? '');
	const total = list(spec.containers).length + initSpecs.filter(c => c.restartPolicy === 'Always').length;

	let reason = podReason || phase;
	if (conditions.some(c => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

	let ready = 0;
	const allRestarts = new RestartCount();
	const sidecarRestarts = new RestartCount();
	let initializing = false;
	const initStatuses = list<ContainerStatus>(status.initContainerStatuses);
	for (const [index, c] of initStatuses.entries()) {
		const sidecar = sidecars.has(c.name ?? '');
		allRestarts.add(c);
		if (sidecar) sidecarRestarts.add(c);
		const terminated = c.state?.terminated;
		if (terminated && int(terminated.exitCode) === 0) continue;
		if (sidecar && c.started === true) {
			if (c.ready) ready++;
			continue;
		}
		// This init container is where initialisation stands.
		initializing = true;
		const waitingReason = c.state?.waiting?.reason;
		if (terminated) reason = `Init:${terminationText(terminated)}`;
		else if (waitingReason && waitingReason !== 'PodInitializing') reason = `Init:${waitingReason}`;
		else reason = `Init:${index}/${initSpecs.length}`;
		break;
	}

	let restarts = allRestarts;
	// A stale init failure next to Initialized=True still lets the app containers speak.
	if (!initializing || firstConditionTrue(conditions, 'Initialized')) {
		restarts = sidecarRestarts.copy();
		let anyRunning = false;
		let failure = '';
		const statuses = list<ContainerStatus>(status.containerStatuses);
		for (let i = statuses.length - 1; i >= 0; i--) {
			const c = statuses[i]!;
			restarts.add(c);
			const waitingReason = c.state?.waiting?.reason;
			const terminated = c.state?.terminated;
			if (waitingReason) reason = waitingReason;
			else if (terminated) {
				reason = terminationText(terminated);
				if (int(terminated.exitCode) !== 0) failure = reason;
			} else if (c.ready && c.state?.running) {
				anyRunning = true;
				ready++;
			}
		}
		// A finished container next to running ones: the pod is not "Completed" yet.
		if (reason === 'Completed') {
			if (anyRunning && conditions.some(c => c.type === 'Ready' && c.status === 'True')) reason = 'Running';
			else if (failure) reason = failure;
			else if (anyRunning) reason = 'NotReady';
		}
	}

	if (pod.metadata.deletionTimestamp) {
		if (podReason === 'NodeLost') reason = 'Unknown';
		else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
	}

	return {ready: `${ready}/${total}`, status: reason, restarts: restarts.text(now)};
}

/** READINESS GATES: how many gates have their (first) condition True, of how many. */
function readinessGates(pod: KubeObject): string {
	const gates = list<{conditionType?: string}>(get(pod, 'spec', 'readinessGates'));
	if (gates.length === 0) return '<none>';
	const conditions = list<Condition>(get(pod, 'status', 'conditions'));
	const passing = gates.filter(g => firstConditionTrue(conditions, g.conditionType ?? '')).length;
	return `${passing}/${gates.length}`;
}

/** The v1 → internal conversion fills podIPs from podIP when only the latter is set. */
function podIP(pod: KubeObject): string {
	const ips = list<{ip?: string}>(get(pod, 'status', 'podIPs'));
	return ips.length ? str(ips[0]!.ip) : str(get(pod, 'status', 'podIP'));
}

export const podPrinter: Printer = {
	columns: [nameColumn, col('Ready'), col('Status'), col('Restarts'), col('Age'), wide('IP'), wide('Node'), wide('Nominated Node'), wide('Readiness Gates')],
	cells(pod, now) {
		const summary = podSummary(pod, now);
		return [pod.metadata.name, summary.ready, summary.status, summary.restarts, age(pod, now), orNone(podIP(pod)), orNone(str(get(pod, 'spec', 'nodeName'))), orNone(str(get(pod, 'status', 'nominatedNodeName'))), readinessGates(pod)];
	},
};
