// A pod the scenario seeds onto a node starts settled: the kubelet writes the status it would
// have reached by now (running, or deep in a crash loop or pull back-off), with the restarts,
// previous runs' logs and repeated events of that history, and leaves what has not played out
// yet to the live lifecycle in kubelet.ts.
import type {KubeObject} from '../../model/types.js';
import {backoffMs, crashHistory, goDuration, numberAnnotation, pullErrorMessage, RUN_SECONDS_ANNOTATION} from './faults.js';
import type {LogBook} from './logs.js';
import {refreshConditions, type ContainerRun, type PodRun} from './podstatus.js';
import {isoTime, K, parseTime, type Runtime} from './runtime.js';

/** An event is kept an hour after its last occurrence (the API server's event TTL). */
const EVENT_TTL_MS = 3_600_000;

/** The kubelet's own steps that a settled pod goes on with (kubelet.ts). */
export interface KubeletHands {
	rt: Runtime;
	logs: LogBook;
	after(run: PodRun, ms: number, fn: () => void): void;
	event(run: PodRun, c: ContainerRun | undefined, type: 'Normal' | 'Warning', reason: string, message: string, at?: number, series?: {first: number; count: number}): void;
	randomHex(n: number): string;
	jitter(min: number, max: number): number;
	allocateIP(node: KubeObject | undefined, nodeName: string): string;
	pull(run: PodRun, c: ContainerRun, then: () => void): void;
	launch(run: PodRun, pod: KubeObject, c: ContainerRun): void;
	behave(run: PodRun, pod: KubeObject, c: ContainerRun): void;
	exit(run: PodRun, pod: KubeObject, c: ContainerRun, exitCode: number, reason: string): void;
	write(run: PodRun): void;
}

/**
 * Seeding: the pod looks as if it had been running since a moment after its creationTimestamp
 * (scenarios backdate it), faults already in their loop. Every time it reports lies between
 * its creation and now, in order, so ages, restarts and "(52s ago)" tell one consistent story.
 */
export function settle(k: KubeletHands, run: PodRun, pod: KubeObject): void {
	const {rt, logs, after, event, randomHex, jitter, allocateIP, pull, launch, behave, exit, write} = k;
	const now = rt.now();
	const created = Math.min(parseTime(pod.metadata.creationTimestamp) ?? now, now);
	// Bound a second after creation, sandbox up a second later (never in the future).
	const since = Math.max(created, Math.min(created + 2000, now - 1000));
	run.startTime = since;
	run.sandboxReady = true;
	run.podIP = allocateIP(rt.get(K.nodes, undefined, run.node), run.node);
	const runSeconds = numberAnnotation(pod, RUN_SECONDS_ANNOTATION);
	const completes = run.restartPolicy !== 'Always';
	const at = (ms: number) => Math.min(ms, now);
	let t = since;
	let settledAt = since;
	for (const c of run.inits) {
		c.pulled = true;
		c.containerID = `containerd://${randomHex(64)}`;
		if (c.sidecar) {
			c.state = {running: {startedAt: isoTime(at(t))}};
			c.started = true;
			c.startedAt = at(t);
			t += 1000;
		} else {
			c.state = {terminated: {exitCode: 0, reason: 'Completed', startedAt: isoTime(at(t)), finishedAt: isoTime(at(t + 2000)), containerID: c.containerID}};
			t += 2500;
		}
	}
	const mainStart = at(t);
	settledAt = mainStart;
	for (const c of run.mains) {
		c.pulled = c.fault !== 'imagepull';
		c.containerID = c.pulled ? `containerd://${randomHex(64)}` : undefined;
		if (c.fault === 'imagepull') {
			// Pulls have failed since the pod started, each followed by the back-off (as a crashloop's runs).
			const pullMs = 3000;
			const history = crashHistory(now - mainStart, pullMs);
			if (history.restarts === 0) {
				c.state = {waiting: {reason: 'ContainerCreating'}};
				after(run, 500, () => pull(run, c, () => launch(run, pod, c)));
				continue;
			}
			c.pullFailures = history.restarts;
			c.state = {waiting: {reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"`}};
			const failed = mainStart + history.lastEnd;
			after(run, Math.max(1000, backoffMs(c.pullFailures) - (now - failed)), () => pull(run, c, () => launch(run, pod, c)));
			if (now - failed < EVENT_TTL_MS) {
				const times = (offset: number) => ({first: mainStart + offset, count: history.restarts});
				event(run, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`, failed - pullMs, times(0));
				event(run, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${pullErrorMessage(c.image)}`, failed - 1000, times(pullMs - 1000));
				event(run, c, 'Warning', 'Failed', 'Error: ErrImagePull', failed - 1000, times(pullMs - 1000));
				event(run, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, failed, times(pullMs));
				event(run, c, 'Warning', 'Failed', 'Error: ImagePullBackOff', failed, times(pullMs));
			}
			// Not settledAt: the container never ran, so the pod has been not ready since it started
			// (each failed pull leaves Ready False as it was; the kubelet records no new transition).
			continue;
		}
		if (completes && runSeconds === undefined && c.fault === 'none') {
			// A finished batch pod: it ran for a while after it started, and is done.
			const finished = Math.max(mainStart, Math.min(now - 1000, mainStart + jitter(60_000, 1_200_000)));
			c.state = {terminated: {exitCode: 0, reason: 'Completed', startedAt: isoTime(mainStart), finishedAt: isoTime(finished), containerID: c.containerID}};
			settledAt = Math.max(settledAt, finished);
			continue;
		}
		let started = mainStart;
		if (c.fault === 'crashloop' || c.fault === 'oom') {
			const runMs = c.fault === 'oom' ? 6000 : 3000;
			const history = crashHistory(now - mainStart, runMs);
			if (history.restarts > 0) {
				const kind = c.fault === 'oom' ? 'oom' : 'crash';
				const ended = mainStart + history.lastEnd;
				c.restartCount = history.restarts;
				c.lastState = {terminated: {exitCode: c.fault === 'oom' ? 137 : 1, reason: c.fault === 'oom' ? 'OOMKilled' : 'Error', startedAt: isoTime(ended - runMs), finishedAt: isoTime(ended), containerID: c.containerID}};
				const delay = backoffMs(history.restarts);
				c.state = {waiting: {reason: 'CrashLoopBackOff', message: `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${run.name}_${run.namespace}(${run.uid})`}};
				if (history.previousEnd >= 0) {
					logs.started(pod, c.name, c.restartCount - 2, mainStart + history.previousEnd - runMs);
					logs.stopped(run.uid, c.name, mainStart + history.previousEnd, kind);
				}
				logs.started(pod, c.name, c.restartCount - 1, ended - runMs);
				logs.stopped(run.uid, c.name, ended, kind);
				after(run, Math.max(1000, delay - (now - ended)), () => pull(run, c, () => launch(run, pod, c)));
				run.phase = 'Running';
				settledAt = Math.max(settledAt, ended);
				// The kubelet's repeated events for it, as `kubectl describe` shows them ("x14 over 47m").
				// An event is kept an hour after its last occurrence (the API server's event TTL).
				if (now - ended < EVENT_TTL_MS) {
					const lastStart = ended - runMs;
					const starts = {first: mainStart, count: history.restarts};
					event(run, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, lastStart, starts);
					event(run, c, 'Normal', 'Created', `Created container: ${c.name}`, lastStart, starts);
					event(run, c, 'Normal', 'Started', `Started container ${c.name}`, lastStart, starts);
					event(run, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${run.name}_${run.namespace}(${run.uid})`, ended + 500, {first: mainStart + runMs + 500, count: history.restarts});
				}
				continue;
			}
		}
		if (c.fault === 'oom-once' && now - mainStart > 75_000) {
			// Its first run was OOMKilled after a minute; the restart (after the 10s back-off) stuck.
			const killed = mainStart + 60_000;
			c.restartCount = 1;
			c.lastState = {terminated: {exitCode: 137, reason: 'OOMKilled', startedAt: isoTime(mainStart), finishedAt: isoTime(killed), containerID: `containerd://${randomHex(64)}`}};
			logs.started(pod, c.name, 0, mainStart);
			logs.stopped(run.uid, c.name, killed, 'oom');
			started = killed + backoffMs(1);
		}
		c.state = {running: {startedAt: isoTime(started)}};
		c.startedAt = started;
		c.started = true;
		c.ready = c.fault === 'none' || c.fault === 'oom-once';
		logs.started(pod, c.name, c.restartCount, c.startedAt);
		run.phase = 'Running';
		settledAt = Math.max(settledAt, at(started + 2000));
		// Faults that have not played out yet (young pods) play out from here.
		if (!c.ready) behave(run, pod, c);
		else if (runSeconds !== undefined) after(run, Math.max(1000, runSeconds * 1000 - (now - started)), () => exit(run, pod, c, 0, 'Completed'));
	}
	if (run.phase === 'Pending' && run.mains.length && run.mains.every(c => 'terminated' in c.state)) run.phase = 'Succeeded';
	// Conditions changed when the pod reached its present state, not now; a node that is down
	// went down now (the scenario seeds it broken), so Ready turns False now.
	const nodeReady = run.nodeReady;
	run.nodeReady = true;
	refreshConditions(run, settledAt);
	run.nodeReady = nodeReady;
	write(run);
}
