// READY, STATUS and RESTARTS: kubedeck's podStatus() against the real
// kube-apiserver's own printer (the server-side Table, the same code kubectl
// uses). Each corpus pod is created on a node no kubelet manages, its status is
// written through the status subresource, and the server's cells are compared
// with ours. Runs only under `npm run test:real` (KUBEDECK_TEST_KUBECONFIG).
import {after, before, describe, it, test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeConfig} from '@kubernetes/client-node';
import {podStatus} from '../../source/model/pods.js';
import {formatAge} from '../../source/model/age.js';
import type {KubeObject} from '../../source/model/types.js';
import {apiJson, rawRequest, TABLE_ACCEPT} from './real-api.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = kubeconfigPath ? undefined : (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)');

type Json = Record<string, unknown>;

const MINUTE = 60_000;
const suffix = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
const namespace = `kd-xcheck-${suffix}`;
// A Node object without kwok's annotation: pods bound to it keep exactly the
// status we write, since no kubelet (real or fake) reports for it.
const nodeName = `kd-xcheck-node-${suffix}`;

const FINALIZER = 'kubedeck.io/crosscheck-hold';

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

interface Case {
	name: string;
	/** What the server prints, to catch a corpus entry that did not set what it meant to. */
	serverStatus: string;
	containers?: string[];
	initContainers?: Array<{name: string; sidecar?: boolean}>;
	/** Unbound (no nodeName); the scheduler must not place it, so it carries an unsatisfiable selector. */
	unbound?: boolean;
	schedulingGates?: string[];
	status?: Json;
	/** DELETE with this grace period after the status is written (leaves deletionTimestamp set). */
	deleteGrace?: number;
	/** Created with a finalizer, so that even a terminal pod stays after DELETE. */
	finalizer?: boolean;
}

const corpus: Case[] = [
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
		status: {phase: 'Pending', conditions: [cond('PodScheduled', 'True'), cond('Initialized', 'False', 'ContainersNotInitialized'), cond('Ready', 'False')], initContainerStatuses: [running('migrate', {ready: false}), waiting('warm', 'PodInitializing')], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'init-second', serverStatus: 'Init:1/2', initContainers: [{name: 'migrate'}, {name: 'warm'}],
		status: {phase: 'Pending', conditions: [cond('PodScheduled', 'True'), cond('Initialized', 'False', 'ContainersNotInitialized'), cond('Ready', 'False')], initContainerStatuses: [terminated('migrate', {exitCode: 0, reason: 'Completed'}), running('warm', {ready: false})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'init-failed', serverStatus: 'Init:Error', initContainers: [{name: 'migrate'}],
		status: {phase: 'Pending', conditions: [cond('PodScheduled', 'True'), cond('Initialized', 'False', 'ContainersNotInitialized'), cond('Ready', 'False')], initContainerStatuses: [terminated('migrate', {exitCode: 1, reason: 'Error'}, {restartCount: 2, lastState: lastTerminated(finishedEarlier)})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'init-crashloop', serverStatus: 'Init:CrashLoopBackOff', initContainers: [{name: 'migrate'}],
		status: {phase: 'Pending', conditions: [cond('PodScheduled', 'True'), cond('Initialized', 'False', 'ContainersNotInitialized'), cond('Ready', 'False')], initContainerStatuses: [waiting('migrate', 'CrashLoopBackOff', {restartCount: 4, lastState: lastTerminated(finishedRecently)})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'init-exitcode', serverStatus: 'Init:ExitCode:5', initContainers: [{name: 'migrate'}],
		status: {phase: 'Pending', conditions: [cond('PodScheduled', 'True'), cond('Initialized', 'False', 'ContainersNotInitialized'), cond('Ready', 'False')], initContainerStatuses: [terminated('migrate', {exitCode: 5})], containerStatuses: [waiting('app', 'PodInitializing')]},
	},
	{
		name: 'sidecar-running', serverStatus: 'Running', initContainers: [{name: 'proxy', sidecar: true}],
		status: {phase: 'Running', conditions: readyConds(true), initContainerStatuses: [running('proxy', {restartCount: 1, lastState: lastTerminated(finishedEarlier)})], containerStatuses: [running('app')]},
	},
	{
		name: 'sidecar-starting', serverStatus: 'Init:0/1', initContainers: [{name: 'proxy', sidecar: true}],
		status: {phase: 'Pending', conditions: [cond('PodScheduled', 'True'), cond('Initialized', 'False', 'ContainersNotInitialized'), cond('Ready', 'False')], initContainerStatuses: [running('proxy', {ready: false, started: false})], containerStatuses: [waiting('app', 'PodInitializing')]},
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

function podManifest(c: Case): Json {
	const containers = (c.containers ?? ['app']).map((name) => ({name, image: 'example/app:1'}));
	const initContainers = (c.initContainers ?? []).map((i) => ({name: i.name, image: 'example/init:1', ...(i.sidecar ? {restartPolicy: 'Always'} : {})}));
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: c.name, namespace, labels: {'kubedeck.io/crosscheck': suffix}, ...(c.finalizer ? {finalizers: [FINALIZER]} : {})},
		spec: {
			containers,
			...(initContainers.length ? {initContainers} : {}),
			...(c.unbound ? {nodeSelector: {'kubedeck.io/no-such-node': 'true'}} : {nodeName}),
			...(c.schedulingGates ? {schedulingGates: c.schedulingGates.map((name) => ({name}))} : {}),
			terminationGracePeriodSeconds: 30,
		},
	};
}

interface TableResponse {
	columnDefinitions: Array<{name: string}>;
	rows: Array<{cells: unknown[]; object: {metadata: {name: string}}}>;
}

if (skipReason) {
	// One reported skip (not a silent zero) so a run without a real cluster never reads as a pass.
	console.error(`\n*** ${skipReason} ***\n`);
	test('pod READY/STATUS/RESTARTS cross-check against a real apiserver', {skip: skipReason}, () => {});
} else describe('pod READY/STATUS/RESTARTS equal the real apiserver\'s Table cells', () => {
	const kc = new KubeConfig();
	const pods = new Map<string, KubeObject>();
	let table: TableResponse | undefined;
	let tableAt = 0;

	before(async () => {
		kc.loadFromFile(kubeconfigPath!);
		await apiJson(kc, 'POST', '/api/v1/nodes', {body: {apiVersion: 'v1', kind: 'Node', metadata: {name: nodeName, labels: {'kubedeck.io/crosscheck': suffix}}}});
		await apiJson(kc, 'POST', '/api/v1/namespaces', {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}}});
		for (const c of corpus) {
			const base = `/api/v1/namespaces/${namespace}/pods`;
			const created = await apiJson<Json>(kc, 'POST', base, {body: podManifest(c)});
			if (c.status) {
				// The status subresource takes the whole object; only .status changes.
				await apiJson(kc, 'PUT', `${base}/${c.name}/status`, {body: {...created, status: {...(created.status as Json), ...c.status}}});
			}
			if (c.deleteGrace !== undefined) {
				await apiJson(kc, 'DELETE', `${base}/${c.name}`, {body: {apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: c.deleteGrace}});
			}
		}
		const selector = encodeURIComponent(`kubedeck.io/crosscheck=${suffix}`);
		// The scheduler adds PodScheduled=False to the unbound pod asynchronously; wait for it so both reads see one state.
		const deadline = Date.now() + 20_000;
		for (;;) {
			const list = await apiJson<{items: KubeObject[]}>(kc, 'GET', `/api/v1/namespaces/${namespace}/pods?labelSelector=${selector}`);
			const unbound = list.items.find((p) => p.metadata.name === 'pending-unbound');
			const scheduled = ((unbound?.status as Json | undefined)?.conditions as Json[] | undefined)?.some((x) => x.type === 'PodScheduled');
			if (scheduled || Date.now() > deadline) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		table = await apiJson<TableResponse>(kc, 'GET', `/api/v1/namespaces/${namespace}/pods?labelSelector=${selector}&includeObject=None`, {accept: TABLE_ACCEPT});
		tableAt = Date.now();
		const list = await apiJson<{items: KubeObject[]}>(kc, 'GET', `/api/v1/namespaces/${namespace}/pods?labelSelector=${selector}`);
		for (const pod of list.items) pods.set(pod.metadata.name, pod);
	});

	after(async () => {
		if (!kubeconfigPath) return;
		// Pods on a kubelet-less node never finish a graceful delete: remove them at once.
		for (const c of corpus) {
			if (c.finalizer) {
				await rawRequest(kc, 'PATCH', `/api/v1/namespaces/${namespace}/pods/${c.name}`, {body: {metadata: {finalizers: null}}, contentType: 'application/merge-patch+json'}).catch(() => undefined);
			}
			await rawRequest(kc, 'DELETE', `/api/v1/namespaces/${namespace}/pods/${c.name}`, {body: {apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0}}).catch(() => undefined);
		}
		await rawRequest(kc, 'DELETE', `/api/v1/namespaces/${namespace}`).catch(() => undefined);
		await rawRequest(kc, 'DELETE', `/api/v1/nodes/${nodeName}`).catch(() => undefined);
	});

	it('the server table has READY, STATUS and RESTARTS columns and one row per corpus pod', () => {
		assert.ok(table);
		const names = table.columnDefinitions.map((c) => c.name);
		assert.deepEqual(names.slice(0, 4), ['Name', 'Ready', 'Status', 'Restarts']);
		assert.deepEqual(table.rows.map((r) => r.cells[0]).sort(), corpus.map((c) => c.name).sort());
	});

	for (const c of corpus) {
		it(`${c.name}: server prints ${c.serverStatus}; kubedeck prints the same three cells`, () => {
			const row = table?.rows.find((r) => r.cells[0] === c.name);
			const pod = pods.get(c.name);
			assert.ok(row, `no table row for ${c.name}`);
			assert.ok(pod, `pod ${c.name} not found`);
			const [, serverReady, serverStatus, serverRestarts] = row.cells as string[];
			assert.equal(serverStatus, c.serverStatus, `corpus entry ${c.name} did not produce the state it is meant to test`);
			const ours = podStatus(pod, tableAt);
			const restartsCell = ours.lastRestartAt === undefined || ours.restarts === 0 ? `${ours.restarts}` : `${ours.restarts} (${formatAge(ours.lastRestartAt, tableAt)} ago)`;
			assert.deepEqual({ready: ours.ready, status: ours.status, restarts: restartsCell}, {ready: serverReady, status: serverStatus, restarts: String(serverRestarts)});
		});
	}
});
