// A corpus of pod states written through the status subresource, and the steps that put it on a
// cluster (a real kube-apiserver, or the simulator) and read the server-side Table back. Shared
// by status-crosscheck.test.ts (kubedeck's cells against the real server's) and
// sim-printers-crosscheck.test.ts (the simulator's cells against the real server's).
import type {KubeConfig} from '@kubernetes/client-node';
import type {KubeObject} from '../../source/model/types.js';
import {apiJson, rawRequest, TABLE_ACCEPT} from './real-api.js';

export type Json = Record<string, unknown>;

const MINUTE = 60_000;
const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const startedLongAgo = iso(Date.now() - 3 * 60 * MINUTE);
// Minutes plus a margin of seconds, so "30m" cannot tick over between the server's render and ours.
const finishedRecently = iso(Date.now() - 30 * MINUTE - 20_000);
const finishedEarlier = iso(Date.now() - 95 * MINUTE - 20_000);

const running = (name: string, extra: Json = {}): Json => ({name, image: 'example/app:1', imageID: '', ready: true, started: true, restartCount: 0, state: {running: {startedAt: startedLongAgo}}, ...extra});
const waiting = (name: string, reason: string, extra: Json = {}): Json => ({name, image: 'example/app:1', imageID: '', ready: false, started: false, restartCount: 0, state: {waiting: {reason, message: `${reason} for test`}}, ...extra});
const terminated = (name: string, t: Json, extra: Json = {}): Json => ({name, image: 'example/app:1', imageID: '', ready: false, started: false, restartCount: 0, state: {terminated: {startedAt: startedLongAgo, finishedAt: finishedRecently, ...t}}, ...extra});
const lastTerminated = (finishedAt: string): Json => ({terminated: {exitCode: 1, reason: 'Error', startedAt: startedLongAgo, finishedAt}});
const cond = (type: string, status: string, reason?: string): Json => ({type, status, lastTransitionTime: startedLongAgo, ...(reason ? {reason} : {})});
const readyConds = (ready: boolean): Json[] => [cond('PodScheduled', 'True'), cond('Initialized', 'True'), cond('ContainersReady', ready ? 'True' : 'False'), cond('Ready', ready ? 'True' : 'False')];
const initConds = (): Json[] => [cond('PodScheduled', 'True'), cond('Initialized', 'False', 'ContainersNotInitialized'), cond('Ready', 'False')];

export interface Case {
	name: string;
	/** What the server prints, to catch a corpus entry that did not set what it meant to. */
	serverStatus: string;
	containers?: string[];
	initContainers?: Array<{name: string; sidecar?: boolean}>;
	readinessGates?: string[];
	/** Unbound (no nodeName); the scheduler must not place it, so it carries an unsatisfiable selector. */
	unbound?: boolean;
	schedulingGates?: string[];
	status?: Json;
	/** DELETE with this grace period after the status is written (leaves deletionTimestamp set). */
	deleteGrace?: number;
	/** Created with a finalizer, so that even a terminal pod stays after DELETE. */
	finalizer?: boolean;
}

export const corpus: Case[] = [
	{name: 'running', serverStatus: 'Running', status: {phase: 'Running', conditions: readyConds(true), containerStatuses: [running('app')]}},
	{name: 'crashloop', serverStatus: 'CrashLoopBackOff', status: {phase: 'Running', conditions: readyConds(false), containerStatuses: [waiting('app', 'CrashLoopBackOff', {restartCount: 7, lastState: lastTerminated(finishedRecently)})]}},
	{name: 'imagepull', serverStatus: 'ImagePullBackOff', status: {phase: 'Pending', conditions: readyConds(false), containerStatuses: [waiting('app', 'ImagePullBackOff')]}},
	{name: 'errimagepull', serverStatus: 'ErrImagePull', containers: ['app', 'side'], status: {phase: 'Pending', conditions: readyConds(false), containerStatuses: [waiting('app', 'ErrImagePull'), waiting('side', 'ContainerCreating')]}},
	{name: 'creating', serverStatus: 'ContainerCreating', status: {phase: 'Pending', conditions: readyConds(false), containerStatuses: [waiting('app', 'ContainerCreating')]}},
	{name: 'oomkilled', serverStatus: 'OOMKilled', status: {phase: 'Running', conditions: readyConds(false), containerStatuses: [terminated('app', {exitCode: 137, reason: 'OOMKilled'}, {restartCount: 1, lastState: lastTerminated(finishedEarlier)})]}},
	{name: 'oom-second-container', serverStatus: 'OOMKilled', containers: ['app', 'worker'], status: {phase: 'Running', conditions: readyConds(false), containerStatuses: [running('app', {restartCount: 2, lastState: lastTerminated(finishedEarlier)}), terminated('worker', {exitCode: 137, reason: 'OOMKilled'}, {restartCount: 3, lastState: lastTerminated(finishedRecently)})]}},
	{name: 'completed', serverStatus: 'Completed', status: {phase: 'Succeeded', conditions: readyConds(false), containerStatuses: [terminated('app', {exitCode: 0, reason: 'Completed'})]}},
	{name: 'error', serverStatus: 'Error', status: {phase: 'Failed', conditions: readyConds(false), containerStatuses: [terminated('app', {exitCode: 2, reason: 'Error'})]}},
	{name: 'signal', serverStatus: 'Signal:9', status: {phase: 'Failed', conditions: readyConds(false), containerStatuses: [terminated('app', {exitCode: 137, signal: 9})]}},
	{name: 'exitcode', serverStatus: 'ExitCode:3', status: {phase: 'Failed', conditions: readyConds(false), containerStatuses: [terminated('app', {exitCode: 3})]}},
	{name: 'completed-and-running', serverStatus: 'NotReady', containers: ['app', 'once'], status: {phase: 'Running', conditions: readyConds(false), containerStatuses: [running('app'), terminated('once', {exitCode: 0, reason: 'Completed'})]}},
	{name: 'completed-and-running-ready', serverStatus: 'Running', containers: ['app', 'once'], status: {phase: 'Running', conditions: readyConds(true), containerStatuses: [running('app'), terminated('once', {exitCode: 0, reason: 'Completed'})]}},
	{
		name: 'init-running', serverStatus: 'Init:0/2', initContainers: [{name: 'migrate'}, {name: 'warm'}],
		status: {phase: 'Pending', conditions: initConds(), initContainerStatuses: [running('migrate', {ready: false}), waiting('warm', 'PodInitializing')], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'init-second', serverStatus: 'Init:1/2', initContainers: [{name: 'migrate'}, {name: 'warm'}],
		status: {phase: 'Pending', conditions: initConds(), initContainerStatuses: [terminated('migrate', {exitCode: 0, reason: 'Completed'}), running('warm', {ready: false})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'init-failed', serverStatus: 'Init:Error', initContainers: [{name: 'migrate'}],
		status: {phase: 'Pending', conditions: initConds(), initContainerStatuses: [terminated('migrate', {exitCode: 1, reason: 'Error'}, {restartCount: 2, lastState: lastTerminated(finishedEarlier)})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'init-crashloop', serverStatus: 'Init:CrashLoopBackOff', initContainers: [{name: 'migrate'}],
		status: {phase: 'Pending', conditions: initConds(), initContainerStatuses: [waiting('migrate', 'CrashLoopBackOff', {restartCount: 4, lastState: lastTerminated(finishedRecently)})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'init-exitcode', serverStatus: 'Init:ExitCode:5', initContainers: [{name: 'migrate'}],
		status: {phase: 'Pending', conditions: initConds(), initContainerStatuses: [terminated('migrate', {exitCode: 5})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'sidecar-running', serverStatus: 'Running', initContainers: [{name: 'proxy', sidecar: true}],
		status: {phase: 'Running', conditions: readyConds(true), initContainerStatuses: [running('proxy', {restartCount: 1, lastState: lastTerminated(finishedEarlier)})], containerStatuses: [running('app')]},
	},
	{
		name: 'sidecar-starting', serverStatus: 'Init:0/1', initContainers: [{name: 'proxy', sidecar: true}],
		status: {phase: 'Pending', conditions: initConds(), initContainerStatuses: [running('proxy', {ready: false, started: false})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{name: 'terminating', serverStatus: 'Terminating', status: {phase: 'Running', conditions: readyConds(true), containerStatuses: [running('app')]}, deleteGrace: 3600},
	// The apiserver deletes a terminal pod at once, whatever the grace period; a finalizer keeps it visible.
	{name: 'terminating-succeeded', serverStatus: 'Completed', finalizer: true, status: {phase: 'Succeeded', conditions: readyConds(false), containerStatuses: [terminated('app', {exitCode: 0, reason: 'Completed'})]}, deleteGrace: 3600},
	{name: 'terminating-failed-nodelost', serverStatus: 'Unknown', finalizer: true, status: {phase: 'Failed', reason: 'NodeLost', conditions: readyConds(false), containerStatuses: [terminated('app', {exitCode: 1, reason: 'Error'})]}, deleteGrace: 3600},
	{name: 'nodelost', serverStatus: 'Unknown', status: {phase: 'Running', reason: 'NodeLost', message: 'Node is not responding', conditions: readyConds(false), containerStatuses: [running('app')]}, deleteGrace: 3600},
	{name: 'phase-unknown', serverStatus: 'Unknown', status: {phase: 'Unknown', conditions: readyConds(false), containerStatuses: [running('app', {ready: false})]}},
	{name: 'evicted', serverStatus: 'Evicted', status: {phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.', conditions: readyConds(false)}},
	// A container's terminated reason outranks the pod's reason.
	{name: 'evicted-container-unknown', serverStatus: 'ContainerStatusUnknown', status: {phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.', conditions: readyConds(false), containerStatuses: [terminated('app', {exitCode: 137, reason: 'ContainerStatusUnknown'})]}},
	{name: 'gated', serverStatus: 'SchedulingGated', unbound: true, schedulingGates: ['example.com/quota']},
	{name: 'pending-unbound', serverStatus: 'Pending', unbound: true},
];

/**
 * More states for the simulator's printer: branches of printPod the corpus above leaves out
 * (a failure behind a completed container, stale init failures, sidecar readiness, readiness
 * gates, node lost without deletion, the wide cells).
 */
export const printerCorpus: Case[] = [
	{name: 'completed-then-error', serverStatus: 'Error', containers: ['once', 'bad'], status: {phase: 'Running', conditions: readyConds(false), containerStatuses: [terminated('once', {exitCode: 0, reason: 'Completed'}), terminated('bad', {exitCode: 1, reason: 'Error'})]}},
	{name: 'completed-behind-unready', serverStatus: 'Completed', containers: ['app', 'once'], status: {phase: 'Running', conditions: readyConds(false), containerStatuses: [running('app', {ready: false}), terminated('once', {exitCode: 0, reason: 'Completed'})]}},
	{name: 'nodelost-not-deleted', serverStatus: 'NodeLost', status: {phase: 'Running', reason: 'NodeLost', conditions: readyConds(false), containerStatuses: [running('app')]}},
	{
		name: 'stale-init-initialized', serverStatus: 'Init:CrashLoopBackOff', initContainers: [{name: 'migrate'}],
		status: {phase: 'Running', conditions: readyConds(true), initContainerStatuses: [waiting('migrate', 'CrashLoopBackOff', {restartCount: 6, lastState: lastTerminated(finishedEarlier)})], containerStatuses: [running('app', {restartCount: 1, lastState: lastTerminated(finishedRecently)})]},
	},
	{
		name: 'init-signal', serverStatus: 'Init:Signal:15', initContainers: [{name: 'migrate'}],
		status: {phase: 'Pending', conditions: initConds(), initContainerStatuses: [terminated('migrate', {exitCode: 143, signal: 15})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'two-sidecars-and-init', serverStatus: 'Init:2/3', initContainers: [{name: 'proxy', sidecar: true}, {name: 'mesh', sidecar: true}, {name: 'migrate'}],
		status: {phase: 'Pending', conditions: initConds(), initContainerStatuses: [running('proxy'), running('mesh', {ready: false, restartCount: 2, lastState: lastTerminated(finishedEarlier)}), running('migrate', {ready: false})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'sidecar-crashloop-after-init', serverStatus: 'Running', initContainers: [{name: 'proxy', sidecar: true}],
		status: {phase: 'Running', conditions: readyConds(false), initContainerStatuses: [waiting('proxy', 'CrashLoopBackOff', {started: true, restartCount: 4, lastState: lastTerminated(finishedRecently)})], containerStatuses: [running('app')]},
	},
	{
		name: 'gates-and-ips', serverStatus: 'Running', readinessGates: ['example.com/lb', 'example.com/dns'],
		status: {phase: 'Running', podIP: '10.244.1.7', podIPs: [{ip: '10.244.1.7'}], conditions: [...readyConds(true), cond('example.com/lb', 'True'), cond('example.com/dns', 'False')], containerStatuses: [running('app')]},
	},
	{name: 'waiting-no-reason', serverStatus: 'Pending', status: {phase: 'Pending', conditions: readyConds(false), containerStatuses: [{name: 'app', image: 'example/app:1', imageID: '', ready: false, restartCount: 0, state: {waiting: {}}}]}},
];

/** Where a corpus lives on one cluster: its own namespace, node and label value. */
export interface CorpusPlace {
	suffix: string;
	namespace: string;
	/** A Node object without a kubelet (real: no kwok annotation; simulator: leave it out). */
	nodeName: string;
}

export function corpusPlace(prefix: string): CorpusPlace {
	const suffix = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
	return {suffix, namespace: `${prefix}-${suffix}`, nodeName: `${prefix}-node-${suffix}`};
}

export const FINALIZER = 'kubedeck.io/crosscheck-hold';

export function podManifest(c: Case, place: CorpusPlace): Json {
	const containers = (c.containers ?? ['app']).map((name) => ({name, image: 'example/app:1'}));
	const initContainers = (c.initContainers ?? []).map((i) => ({name: i.name, image: 'example/init:1', ...(i.sidecar ? {restartPolicy: 'Always'} : {})}));
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: c.name, namespace: place.namespace, labels: {'kubedeck.io/crosscheck': place.suffix}, ...(c.finalizer ? {finalizers: [FINALIZER]} : {})},
		spec: {
			containers,
			...(initContainers.length ? {initContainers} : {}),
			...(c.unbound ? {nodeSelector: {'kubedeck.io/no-such-node': 'true'}} : {nodeName: place.nodeName}),
			...(c.schedulingGates ? {schedulingGates: c.schedulingGates.map((name) => ({name}))} : {}),
			...(c.readinessGates ? {readinessGates: c.readinessGates.map((conditionType) => ({conditionType}))} : {}),
			terminationGracePeriodSeconds: 30,
		},
	};
}

export interface TableResponse {
	columnDefinitions: Array<{name: string; type: string; format: string; priority: number}>;
	rows: Array<{cells: unknown[]; object: KubeObject & {metadata: {name: string}}}>;
}

/**
 * Creates the namespace (and, with `node`, the kubelet-less Node), then each pod: created,
 * its status written through the status subresource, deleted where the case says so. Waits
 * until the scheduler has looked at the unbound pods, so every later read sees one state.
 */
export async function createCorpus(kc: KubeConfig, place: CorpusPlace, cases: Case[], options: {node: boolean}): Promise<void> {
	if (options.node) await apiJson(kc, 'POST', '/api/v1/nodes', {body: {apiVersion: 'v1', kind: 'Node', metadata: {name: place.nodeName, labels: {'kubedeck.io/crosscheck': place.suffix}}}});
	await apiJson(kc, 'POST', '/api/v1/namespaces', {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: place.namespace}}});
	const base = `/api/v1/namespaces/${place.namespace}/pods`;
	for (const c of cases) {
		const created = await apiJson<Json>(kc, 'POST', base, {body: podManifest(c, place)});
		if (c.status) {
			// The status subresource takes the whole object; only .status changes.
			await apiJson(kc, 'PUT', `${base}/${c.name}/status`, {body: {...created, status: {...(created.status as Json), ...c.status}}});
		}
		if (c.deleteGrace !== undefined) {
			await apiJson(kc, 'DELETE', `${base}/${c.name}`, {body: {apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: c.deleteGrace}});
		}
	}
	const unbound = cases.filter((c) => c.unbound && !c.schedulingGates).map((c) => c.name);
	// The scheduler adds PodScheduled=False to unbound pods asynchronously; wait for it.
	const deadline = Date.now() + 20_000;
	for (;;) {
		const pods = await listCorpus(kc, place);
		const looked = unbound.every((name) => ((pods.get(name)?.status as Json | undefined)?.conditions as Json[] | undefined)?.some((x) => x.type === 'PodScheduled'));
		if (looked || Date.now() > deadline) break;
		await new Promise((r) => setTimeout(r, 200));
	}
}

const selectorOf = (place: CorpusPlace) => encodeURIComponent(`kubedeck.io/crosscheck=${place.suffix}`);

export async function listCorpus(kc: KubeConfig, place: CorpusPlace): Promise<Map<string, KubeObject>> {
	const list = await apiJson<{items: KubeObject[]}>(kc, 'GET', `/api/v1/namespaces/${place.namespace}/pods?labelSelector=${selectorOf(place)}`);
	return new Map(list.items.map((pod) => [pod.metadata.name, pod]));
}

/** The server-side Table of the corpus pods; `before`/`after` bracket the moment the server printed it. */
export async function readCorpusTable(kc: KubeConfig, place: CorpusPlace, includeObject: 'None' | 'Object'): Promise<{table: TableResponse; before: number; after: number}> {
	const before = Date.now();
	const table = await apiJson<TableResponse>(kc, 'GET', `/api/v1/namespaces/${place.namespace}/pods?labelSelector=${selectorOf(place)}&includeObject=${includeObject}`, {accept: TABLE_ACCEPT});
	return {table, before, after: Date.now()};
}

/** Pods on a kubelet-less node never finish a graceful delete: remove them at once, then the rest. */
export async function removeCorpus(kc: KubeConfig, place: CorpusPlace, cases: Case[], options: {node: boolean}): Promise<void> {
	for (const c of cases) {
		const path = `/api/v1/namespaces/${place.namespace}/pods/${c.name}`;
		if (c.finalizer) await rawRequest(kc, 'PATCH', path, {body: {metadata: {finalizers: null}}, contentType: 'application/merge-patch+json'}).catch(() => undefined);
		await rawRequest(kc, 'DELETE', path, {body: {apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0}}).catch(() => undefined);
	}
	await rawRequest(kc, 'DELETE', `/api/v1/namespaces/${place.namespace}`).catch(() => undefined);
	if (options.node) await rawRequest(kc, 'DELETE', `/api/v1/nodes/${place.nodeName}`).catch(() => undefined);
}
