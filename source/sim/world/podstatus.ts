// The kubelet's in-memory view of a pod and how it serialises into pod.status.
// Kept apart from the lifecycle so the shape of status (what kubectl and kubedeck read)
// can be checked on its own.
import type {KubeObject} from '../../model/types.js';
import {faultFor, type Fault} from './faults.js';
import {isoTime, parseTime} from './runtime.js';

export type ContainerState =
	| {waiting: {reason: string; message?: string}}
	| {running: {startedAt: string}}
	| {terminated: {exitCode: number; reason: string; startedAt?: string; finishedAt: string; containerID?: string; message?: string}};

export interface ContainerRun {
	name: string;
	image: string;
	init: boolean;
	/** Init container with restartPolicy Always (a sidecar): starts and keeps running. */
	sidecar: boolean;
	fault: Fault;
	state: ContainerState;
	lastState?: ContainerState;
	restartCount: number;
	ready: boolean;
	started: boolean;
	pulled: boolean;
	pullFailures: number;
	containerID?: string;
	startedAt?: number;
}

export interface Condition {
	type: string;
	status: 'True' | 'False' | 'Unknown';
	reason?: string;
	message?: string;
	lastTransitionTime: string;
}

export interface PodRun {
	uid: string;
	namespace: string;
	name: string;
	node: string;
	hostIP: string;
	podIP?: string;
	startTime?: number;
	qosClass: string;
	restartPolicy: string;
	phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
	inits: ContainerRun[];
	mains: ContainerRun[];
	conditions: Map<string, Condition>;
	cancels: Set<() => void>;
	terminating: boolean;
	nodeReady: boolean;
	sandboxReady: boolean;
}

interface ContainerSpec {
	name: string;
	image?: string;
	restartPolicy?: string;
	resources?: {requests?: Record<string, unknown>; limits?: Record<string, unknown>};
}

export function qosClassOf(pod: KubeObject): string {
	const spec = (pod.spec ?? {}) as {containers?: ContainerSpec[]; initContainers?: ContainerSpec[]};
	const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
	let any = false;
	let guaranteed = all.length > 0;
	for (const container of all) {
		const requests = container.resources?.requests ?? {};
		const limits = container.resources?.limits ?? {};
		if (Object.keys(requests).length || Object.keys(limits).length) any = true;
		for (const resource of ['cpu', 'memory']) {
			const limit = limits[resource];
			const request = requests[resource] ?? limit;
			if (limit === undefined || String(request) !== String(limit)) guaranteed = false;
		}
	}
	if (!any) return 'BestEffort';
	return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function setCondition(run: PodRun, type: string, status: Condition['status'], now: number, reason?: string, message?: string): void {
	const previous = run.conditions.get(type);
	const lastTransitionTime = previous && previous.status === status ? previous.lastTransitionTime : isoTime(now);
	run.conditions.set(type, {type, status, reason, message, lastTransitionTime});
}

/** Recomputes Initialized / ContainersReady / Ready from container states. */
export function refreshConditions(run: PodRun, now: number): void {
	const finished = run.phase === 'Succeeded' || run.phase === 'Failed';
	const pendingInits = run.inits.filter(c => !(c.sidecar ? c.started : 'terminated' in c.state && c.state.terminated.exitCode === 0));
	if (pendingInits.length === 0) setCondition(run, 'Initialized', 'True', now);
	else setCondition(run, 'Initialized', 'False', now, 'ContainersNotInitialized', `containers with incomplete status: [${pendingInits.map(c => c.name).join(' ')}]`);
	const unready = run.mains.filter(c => !c.ready);
	if (finished) {
		const reason = run.phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
		setCondition(run, 'ContainersReady', 'False', now, reason);
		setCondition(run, 'Ready', 'False', now, reason);
	} else if (unready.length > 0) {
		const message = `containers with unready status: [${unready.map(c => c.name).join(' ')}]`;
		setCondition(run, 'ContainersReady', 'False', now, 'ContainersNotReady', message);
		setCondition(run, 'Ready', 'False', now, 'ContainersNotReady', message);
	} else {
		setCondition(run, 'ContainersReady', 'True', now);
		if (run.terminating) setCondition(run, 'Ready', 'False', now, 'PodTerminating');
		else if (!run.nodeReady) setCondition(run, 'Ready', 'False', now, 'NodeNotReady', 'the node this pod runs on is not ready');
		else setCondition(run, 'Ready', 'True', now);
	}
	setCondition(run, 'PodReadyToStartContainers', run.sandboxReady && !finished ? 'True' : 'False', now);
}

function containerStatus(container: ContainerRun): Record<string, unknown> {
	const status: Record<string, unknown> = {
		name: container.name,
		image: container.image,
		imageID: container.pulled ? `${container.image.split(':')[0]}@sha256:${pseudoDigest(container.image)}` : '',
		ready: container.ready,
		restartCount: container.restartCount,
		started: container.started,
		state: container.state,
		lastState: container.lastState ?? {},
	};
	if (container.containerID) status.containerID = container.containerID;
	return status;
}

function pseudoDigest(text: string): string {
	let out = '';
	let h = 2166136261;
	while (out.length < 64) {
		for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
		h = Math.imul(h ^ out.length, 16777619) >>> 0;
		out += h.toString(16).padStart(8, '0');
	}
	return out.slice(0, 64);
}

const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

/** pod.status as the kubelet would publish it; PodScheduled is the scheduler's and is kept as found. */
export function buildStatus(run: PodRun, existing: Record<string, unknown> | undefined): Record<string, unknown> {
	const scheduled = ((existing?.conditions as Condition[] | undefined) ?? []).find(c => c.type === 'PodScheduled');
	const conditions: Condition[] = [];
	for (const type of CONDITION_ORDER) {
		const condition = type === 'PodScheduled' ? scheduled : run.conditions.get(type);
		if (!condition) continue;
		const out: Condition = {type: condition.type, status: condition.status, lastTransitionTime: condition.lastTransitionTime};
		if (condition.reason) out.reason = condition.reason;
		if (condition.message) out.message = condition.message;
		conditions.push(out);
	}
	const status: Record<string, unknown> = {
		phase: run.phase,
		conditions,
		hostIP: run.hostIP,
		hostIPs: [{ip: run.hostIP}],
		qosClass: run.qosClass,
	};
	if (run.podIP) {
		status.podIP = run.podIP;
		status.podIPs = [{ip: run.podIP}];
	}
	if (run.startTime !== undefined) status.startTime = isoTime(run.startTime);
	if (run.inits.length) status.initContainerStatuses = run.inits.map(containerStatus);
	status.containerStatuses = run.mains.map(containerStatus);
	return status;
}

function hostIPOf(node: KubeObject | undefined): string {
	const addresses = (node?.status as {addresses?: Array<{type: string; address: string}>} | undefined)?.addresses ?? [];
	return addresses.find(a => a.type === 'InternalIP')?.address ?? '192.168.0.1';
}

/** The kubelet's first view of a pod bound to it: every container waiting, nothing started. */
export function initialRun(pod: KubeObject, node: KubeObject | undefined, nodeReady: boolean, now: number): PodRun {
	const spec = (pod.spec ?? {}) as {nodeName: string; containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; restartPolicy?: string};
	const annotations = pod.metadata.annotations;
	const container = (c: ContainerSpec, init: boolean): ContainerRun => ({
		name: c.name,
		image: c.image ?? '',
		init,
		sidecar: init && c.restartPolicy === 'Always',
		fault: faultFor(annotations, c.name, c.image ?? ''),
		state: {waiting: {reason: init ? 'PodInitializing' : 'ContainerCreating'}},
		restartCount: 0,
		ready: false,
		started: false,
		pulled: false,
		pullFailures: 0,
	});
	const inits = (spec.initContainers ?? []).map(c => container(c, true));
	const mains = (spec.containers ?? []).map(c => container(c, false));
	if (inits.length) for (const c of mains) c.state = {waiting: {reason: 'PodInitializing'}};
	return {
		uid: pod.metadata.uid,
		namespace: pod.metadata.namespace ?? 'default',
		name: pod.metadata.name,
		node: spec.nodeName,
		hostIP: hostIPOf(node),
		qosClass: qosClassOf(pod),
		restartPolicy: spec.restartPolicy ?? 'Always',
		phase: 'Pending',
		inits,
		mains,
		conditions: new Map(),
		cancels: new Set(),
		terminating: false,
		nodeReady,
		sandboxReady: false,
		startTime: now,
	};
}

/** A run rebuilt from a pod's published status (pods seeded as Running that the kubelet never started). */
export function runFromStatus(pod: KubeObject, run: PodRun, now: number): PodRun {
	const status = (pod.status ?? {}) as {phase?: PodRun['phase']; podIP?: string; startTime?: string; containerStatuses?: Array<Record<string, unknown>>; initContainerStatuses?: Array<Record<string, unknown>>; conditions?: Array<Omit<Condition, 'lastTransitionTime'> & {lastTransitionTime?: string}>};
	run.phase = status.phase ?? 'Pending';
	run.podIP = status.podIP;
	run.startTime = parseTime(status.startTime) ?? run.startTime;
	run.sandboxReady = Boolean(status.podIP);
	const fill = (list: ContainerRun[], statuses: Array<Record<string, unknown>> | undefined) => {
		for (const c of list) {
			const s = statuses?.find(x => x.name === c.name);
			if (!s) continue;
			c.state = (s.state as ContainerRun['state']) ?? c.state;
			c.lastState = s.lastState && Object.keys(s.lastState).length ? (s.lastState as ContainerRun['state']) : undefined;
			c.restartCount = (s.restartCount as number) ?? 0;
			c.ready = Boolean(s.ready);
			c.started = Boolean(s.started);
			c.pulled = true;
			c.containerID = s.containerID as string | undefined;
			if ('running' in c.state) c.startedAt = parseTime(c.state.running.startedAt);
		}
	};
	fill(run.inits, status.initContainerStatuses);
	fill(run.mains, status.containerStatuses);
	for (const condition of status.conditions ?? []) {
		if (condition.type !== 'PodScheduled') run.conditions.set(condition.type, {...condition, lastTransitionTime: condition.lastTransitionTime ?? isoTime(now)});
	}
	return run;
}
