// A kubelet per node, in one object: takes bound pods through sandbox → image pulls → init
// containers → running → ready, plays out faults (see faults.ts), stops containers on graceful
// delete and then removes the pod, and stands still on a NotReady node (its pods then stay
// Terminating when deleted, as on a real unreachable node). Timings are simulated ms. Pods seeded
// by a scenario start settled instead, with a history already behind them (kubeletSettle.ts).
import type {KubeObject} from '../../model/types.js';
import {backoffMs, goDuration, numberAnnotation, pullErrorMessage, READY_SECONDS_ANNOTATION, RUN_SECONDS_ANNOTATION, STOP_SECONDS_ANNOTATION} from './faults.js';
import type {EventRecorder} from './events.js';
import type {EndKind, LogBook} from './logs.js';
import {buildStatus, initialRun, refreshConditions, runFromStatus, type ContainerRun, type PodRun} from './podstatus.js';
import {isoTime, K, type Runtime} from './runtime.js';
import {settle} from './kubeletSettle.js';

interface Spec {
	name: string;
	image?: string;
	restartPolicy?: string;
	readinessProbe?: {initialDelaySeconds?: number};
}

export interface Kubelet {
	/** A pod was added or changed (after the cache saw it). */
	podChanged(pod: KubeObject): void;
	podDeleted(uid: string): void;
	nodeReadiness(node: string, ready: boolean): void;
}

export function createKubelet(rt: Runtime, record: EventRecorder, logs: LogBook): Kubelet {
	const runs = new Map<string, PodRun>();
	const notReady = new Set<string>();
	const ipCounters = new Map<string, number>();

	const jitter = (min: number, max: number) => min + rt.random() * (max - min);
	// Container IDs come from the timing stream, not the name stream (see Runtime.suffix).
	const randomHex = (n: number) => Array.from({length: n}, () => Math.floor(rt.random() * 16).toString(16)).join('');
	const after = (run: PodRun, ms: number, fn: () => void) => {
		const cancel = rt.after(ms, () => {
			run.cancels.delete(cancel);
			if (runs.get(run.uid) === run) fn();
		});
		run.cancels.add(cancel);
	};
	const event = (run: PodRun, c: ContainerRun | undefined, type: 'Normal' | 'Warning', reason: string, message: string, at?: number, series?: {first: number; count: number}) => {
		const fieldPath = c ? `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}` : undefined;
		record({kind: 'Pod', namespace: run.namespace, name: run.name, uid: run.uid, fieldPath}, type, reason, message, {component: 'kubelet', host: run.node}, at, series);
	};
	const write = (run: PodRun) => {
		refreshConditions(run, rt.now());
		rt.tryMutate(K.pods, run.namespace, run.name, pod => {
			if (pod.metadata.uid === run.uid) pod.status = buildStatus(run, pod.status);
		});
	};

	function allocateIP(node: KubeObject | undefined, nodeName: string): string {
		const n = (ipCounters.get(nodeName) ?? 1) + 1;
		ipCounters.set(nodeName, n);
		const cidr = (node?.spec as {podCIDR?: string} | undefined)?.podCIDR;
		const base = cidr?.match(/^(\d+)\.(\d+)\.(\d+)\.0\/24$/);
		if (base) return `${base[1]}.${base[2]}.${base[3]}.${((n - 2) % 253) + 2}`;
		return `10.${100 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`;
	}

	const newRun = (pod: KubeObject): PodRun => {
		const nodeName = (pod.spec as {nodeName: string}).nodeName;
		return initialRun(pod, rt.get(K.nodes, undefined, nodeName), !notReady.has(nodeName), rt.now());
	};

	// ---- lifecycle -------------------------------------------------------------------------

	function begin(pod: KubeObject): void {
		const run = newRun(pod);
		runs.set(run.uid, run);
		// While the scenario seeds, pods start settled: already running, faults already under way.
		if (rt.seeding) return settle({rt, logs, after, event, randomHex, jitter, allocateIP, pull, launch, behave, exit, write}, run, pod);
		write(run);
		after(run, jitter(150, 400), () => {
			if (!run.nodeReady) return; // a dead kubelet does nothing; readiness returning restarts it
			run.sandboxReady = true;
			run.podIP = allocateIP(rt.get(K.nodes, undefined, run.node), run.node);
			write(run);
			nextInit(run, pod, 0);
		});
	}

	function nextInit(run: PodRun, pod: KubeObject, index: number): void {
		const c = run.inits[index];
		if (!c) return startMains(run, pod);
		pull(run, c, () => {
			launch(run, pod, c);
			if (c.sidecar) return nextInit(run, pod, index + 1);
			if (c.fault === 'crashloop') return after(run, jitter(1500, 3000), () => exit(run, pod, c, 1, 'Error'));
			after(run, jitter(1500, 3000), () => {
				finish(run, c, 0, 'Completed', 'completed');
				write(run);
				nextInit(run, pod, index + 1);
			});
		});
	}

	function startMains(run: PodRun, pod: KubeObject): void {
		for (const c of run.mains) c.state = {waiting: {reason: 'ContainerCreating'}};
		write(run);
		for (const c of run.mains) pull(run, c, () => launch(run, pod, c));
	}

	function pull(run: PodRun, c: ContainerRun, then: () => void): void {
		if (c.pulled) {
			event(run, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
			return then();
		}
		event(run, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
		const took = jitter(600, 2500);
		after(run, took, () => {
			if (c.fault === 'imagepull') {
				c.pullFailures++;
				const message = pullErrorMessage(c.image);
				c.state = {waiting: {reason: 'ErrImagePull', message}};
				event(run, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${message}`);
				event(run, c, 'Warning', 'Failed', 'Error: ErrImagePull');
				write(run);
				after(run, jitter(800, 1500), () => {
					c.state = {waiting: {reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"`}};
					event(run, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
					event(run, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
					write(run);
					after(run, backoffMs(c.pullFailures), () => pull(run, c, then));
				});
				return;
			}
			c.pulled = true;
			const seconds = (took / 1000).toFixed(3);
			event(run, c, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${seconds}s (${seconds}s including waiting). Image size: ${Math.floor(2e7 + rt.random() * 4e8)} bytes.`);
			then();
		});
	}

	function launch(run: PodRun, pod: KubeObject, c: ContainerRun): void {
		const now = rt.now();
		c.containerID = `containerd://${randomHex(36)}${run.uid.replace(/-/g, '').slice(0, 24)}${c.restartCount.toString(16).padStart(4, '0')}`;
		c.state = {running: {startedAt: isoTime(now)}};
		c.started = true;
		c.startedAt = now;
		event(run, c, 'Normal', 'Created', `Created container: ${c.name}`);
		event(run, c, 'Normal', 'Started', `Started container ${c.name}`);
		logs.started(pod, c.name, c.restartCount, now);
		if (!c.init || c.sidecar) {
			if (run.phase === 'Pending' && !c.init) run.phase = 'Running';
			behave(run, pod, c);
		}
		write(run);
	}

	function behave(run: PodRun, pod: KubeObject, c: ContainerRun): void {
		const spec = [...((pod.spec?.containers as Spec[]) ?? []), ...((pod.spec?.initContainers as Spec[]) ?? [])].find(s => s.name === c.name);
		const readyMs = (numberAnnotation(pod, READY_SECONDS_ANNOTATION) ?? spec?.readinessProbe?.initialDelaySeconds ?? 0) * 1000 + jitter(800, 2500);
		const runSeconds = numberAnnotation(pod, RUN_SECONDS_ANNOTATION) ?? (run.restartPolicy === 'Always' ? undefined : 20);
		switch (c.fault) {
			case 'crashloop':
				return after(run, jitter(1500, 4000), () => exit(run, pod, c, 1, 'Error'));
			case 'oom':
				return after(run, jitter(4000, 8000), () => exit(run, pod, c, 137, 'OOMKilled'));
			case 'oom-once':
				if (c.restartCount === 0) return after(run, jitter(3000, 6000), () => exit(run, pod, c, 137, 'OOMKilled'));
				break;
			case 'unready': {
				const probe = () => {
					event(run, c, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503');
					after(run, 10_000, probe);
				};
				return after(run, readyMs, probe);
			}
		}
		after(run, readyMs, () => {
			c.ready = true;
			write(run);
		});
		if (runSeconds !== undefined) after(run, runSeconds * 1000, () => exit(run, pod, c, 0, 'Completed'));
	}

	function finish(run: PodRun, c: ContainerRun, exitCode: number, reason: string, kind: EndKind): void {
		const now = rt.now();
		c.state = {terminated: {exitCode, reason, startedAt: c.startedAt !== undefined ? isoTime(c.startedAt) : undefined, finishedAt: isoTime(now), containerID: c.containerID}};
		c.ready = false;
		c.started = false;
		logs.stopped(run.uid, c.name, now, kind);
	}

	function exit(run: PodRun, pod: KubeObject, c: ContainerRun, exitCode: number, reason: string): void {
		finish(run, c, exitCode, reason, reason === 'OOMKilled' ? 'oom' : exitCode === 0 ? 'completed' : 'crash');
		const restart = run.restartPolicy === 'Always' || (run.restartPolicy === 'OnFailure' && exitCode !== 0) || (c.init && exitCode !== 0 && run.restartPolicy !== 'Never');
		if (!restart) {
			if (c.init && exitCode !== 0) run.phase = 'Failed';
			else if (run.mains.every(m => 'terminated' in m.state)) {
				run.phase = run.mains.every(m => 'terminated' in m.state && m.state.terminated.exitCode === 0) ? 'Succeeded' : 'Failed';
			}
			write(run);
			return;
		}
		write(run); // "Error" / "OOMKilled" shows briefly before the back-off, as with a real crash
		after(run, jitter(300, 800), () => {
			c.lastState = c.state;
			c.restartCount++;
			const delay = backoffMs(c.restartCount);
			c.state = {waiting: {reason: 'CrashLoopBackOff', message: `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${run.name}_${run.namespace}(${run.uid})`}};
			event(run, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${run.name}_${run.namespace}(${run.uid})`);
			write(run);
			after(run, delay, () => pull(run, c, () => {
				launch(run, pod, c);
				if (c.init && !c.sidecar) after(run, jitter(1500, 3000), () => exit(run, pod, c, 1, 'Error'));
			}));
		});
	}

	/** Adopts a pod this kubelet did not start (seeded straight into Running), from its status. */
	function adopt(pod: KubeObject): PodRun {
		const run = runFromStatus(pod, newRun(pod), rt.now());
		runs.set(run.uid, run);
		return run;
	}

	function terminate(run: PodRun, pod: KubeObject): void {
		if (run.terminating || !run.nodeReady) return;
		run.terminating = true;
		for (const cancel of run.cancels) cancel();
		run.cancels.clear();
		const running = [...run.mains, ...run.inits].filter(c => 'running' in c.state);
		for (const c of running) event(run, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
		write(run);
		const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
		const stop = Math.min(grace, (numberAnnotation(pod, STOP_SECONDS_ANNOTATION) ?? jitter(1, 2)) * 1000);
		after(run, stop, () => {
			for (const c of running) finish(run, c, 0, 'Completed', 'killed');
			rt.tryMutate(K.pods, run.namespace, run.name, current => {
				if (current.metadata.uid === run.uid) current.status = buildStatus(run, current.status);
			});
			const current = rt.get(K.pods, run.namespace, run.name);
			if (current?.metadata.uid === run.uid) rt.store.remove(K.pods, run.namespace, run.name);
		});
	}

	return {
		podChanged(pod) {
			const spec = (pod.spec ?? {}) as {nodeName?: string};
			if (!spec.nodeName) return;
			let run = runs.get(pod.metadata.uid);
			// Bound to a node that does not exist: no kubelet will ever run it or finish deleting it.
			if (!run && !rt.get(K.nodes, undefined, spec.nodeName)) return;
			if (pod.metadata.deletionTimestamp) {
				if (!run) run = adopt(pod);
				terminate(run, pod);
				return;
			}
			if (run) return;
			const status = (pod.status ?? {}) as {phase?: string; containerStatuses?: unknown[]};
			// Seeded pods arrive already running: nothing to do until something happens to them.
			if (status.containerStatuses?.length || (status.phase && status.phase !== 'Pending')) return;
			begin(pod);
		},
		podDeleted(uid) {
			const run = runs.get(uid);
			if (run) for (const cancel of run.cancels) cancel();
			runs.delete(uid);
			logs.forget(uid);
		},
		nodeReadiness(node, ready) {
			const was = !notReady.has(node);
			if (was === ready) return;
			if (ready) notReady.delete(node);
			else notReady.add(node);
			for (const pod of rt.store.list(K.pods).filter(p => (p.spec as {nodeName?: string} | undefined)?.nodeName === node)) {
				const run = runs.get(pod.metadata.uid) ?? adopt(pod);
				run.nodeReady = ready;
				write(run);
				if (ready && run.phase === 'Pending' && !run.sandboxReady && !run.terminating) {
					runs.delete(run.uid);
					begin(pod);
				}
				if (ready && pod.metadata.deletionTimestamp) terminate(run, pod);
			}
		},
	};
}
