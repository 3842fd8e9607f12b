// The session and watch engine against the simulator (or a real cluster via
// KUBEDECK_TEST_KUBECONFIG): live rows, re-scoping, RBAC, a server outage, 410 relists,
// and the nodes ⋈ pods GPU join. Each test makes its own namespaces with unique names.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {startTestCluster, type TestCluster} from './cluster.js';
import {openSession, watchStats, type Session} from '../../source/kube/session.js';
import {KubeError} from '../../source/kube/kubeError.js';
import {createTransport, type Transport} from '../../source/kube/transport.js';
import type {BaseRow, KubeObject} from '../../source/model/types.js';
import type {RowStore} from '../../source/store/rowStore.js';
import type {SimOptions} from '../../source/sim/index.js';
import {canListPods, limitedUser} from './rbac.js';
import {kindNames} from '../../source/kinds/index.js';

const tuning = {pageSize: 5, backoffInitialMs: 50, backoffMaxMs: 300, deniedRetryMs: 300};

async function waitFor(what: string, check: () => boolean, timeoutMs = 8000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
		await sleep(15);
	}
}

const unique = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

const names = (store: RowStore<BaseRow>) =>
	store
		.snapshot()
		.rows.map((r) => r.name)
		.sort();

interface Harness {
	cluster: TestCluster;
	api: Transport;
	session(options?: Parameters<typeof openSession>[1]): Promise<Session>;
	namespace(name: string): Promise<void>;
	pod(namespace: string, name: string, extra?: {nodeName?: string; gpus?: number; requests?: Record<string, string>; labels?: Record<string, string>}): Promise<KubeObject>;
	deletePod(namespace: string, name: string): Promise<void>;
	/** A node with this status; on a real cluster created through the API and deleted afterwards. */
	node(name: string, status: Record<string, unknown>, labels?: Record<string, string>): Promise<void>;
}

async function withCluster(options: Partial<SimOptions>, run: (h: Harness) => Promise<void>): Promise<void> {
	const cluster = await startTestCluster({scenario: 'empty', speed: 20, ...options});
	const api = createTransport(cluster.kubeConfig);
	const sessions: Session[] = [];
	const namespaces: string[] = [];
	const nodes: string[] = [];
	try {
		await run({
			cluster,
			api,
			async session(o) {
				const s = await openSession(cluster.kubeConfig, {frameMs: 5, tuning, ...o});
				sessions.push(s);
				return s;
			},
			async namespace(name) {
				await api.request({method: 'POST', path: '/api/v1/namespaces', body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}});
				namespaces.push(name);
			},
			pod(namespace, name, extra = {}) {
				const wanted = {...(extra.gpus ? {'nvidia.com/gpu': String(extra.gpus)} : {}), ...extra.requests};
				const resources = Object.keys(wanted).length > 0 ? {requests: wanted, limits: wanted} : undefined;
				return api.request<KubeObject>({
					method: 'POST',
					path: `/api/v1/namespaces/${namespace}/pods`,
					body: {
						apiVersion: 'v1',
						kind: 'Pod',
						metadata: {name, namespace, labels: extra.labels ?? {app: 'watch-test'}},
						spec: {nodeName: extra.nodeName, containers: [{name: 'app', image: 'registry.k8s.io/pause:3.9', resources}]},
					},
				});
			},
			async deletePod(namespace, name) {
				await api.request({method: 'DELETE', path: `/api/v1/namespaces/${namespace}/pods/${name}`, query: {gracePeriodSeconds: 0}});
			},
			async node(name, status, labels = {}) {
				if (cluster.sim) {
					cluster.sim.store.create('nodes', {metadata: {name, uid: '', labels}, spec: {}, status});
					return;
				}
				// No kubelet serves it: tainted so the real scheduler never sends other tests' pods there
				// (pods bound by nodeName, as here, are not held back by a NoSchedule taint).
				await api.request({method: 'POST', path: '/api/v1/nodes', body: {apiVersion: 'v1', kind: 'Node', metadata: {name, labels}, spec: {taints: [{key: 'kubedeck-test/no-kubelet', effect: 'NoSchedule'}]}, status}});
				nodes.push(name);
			},
		});
	} finally {
		for (const s of sessions) await s.close();
		for (const ns of namespaces) await api.request({method: 'DELETE', path: `/api/v1/namespaces/${ns}`}).catch(() => undefined);
		for (const name of nodes) await api.request({method: 'DELETE', path: `/api/v1/nodes/${name}`}).catch(() => undefined);
		api.close();
		await cluster.stop();
	}
}

/** Read-modify-write with retries: the simulated kubelet updates pod status concurrently. */
async function relabel(api: Transport, namespace: string, name: string, labels: Record<string, string>): Promise<void> {
	for (let attempt = 0; attempt < 10; attempt++) {
		const pod = await api.request<KubeObject>({path: `/api/v1/namespaces/${namespace}/pods/${name}`});
		pod.metadata.labels = {...pod.metadata.labels, ...labels};
		try {
			await api.request({method: 'PUT', path: `/api/v1/namespaces/${namespace}/pods/${name}`, body: pod});
			return;
		} catch (error) {
			if (!(error instanceof KubeError && error.status === 409)) throw error;
		}
	}
	throw new Error('could not relabel: conflicts every time');
}

test('paged list shows every pod; created, modified and deleted pods follow live', async () => {
	await withCluster({}, async (h) => {
		const ns = unique('watch');
		await h.namespace(ns);
		for (let i = 0; i < 12; i++) await h.pod(ns, `p-${String(i).padStart(2, '0')}`);
		const session = await h.session({namespace: ns});
		const pods = session.store('pods');
		await waitFor('12 pods listed in pages of 5', () => pods.snapshot().rows.length === 12 && session.status('pods').state === 'live');

		await h.pod(ns, 'fresh');
		await waitFor('created pod appears', () => names(pods).includes('fresh'));
		await relabel(h.api, ns, 'fresh', {stage: 'modified'});
		await waitFor('modified pod changes', () => pods.snapshot().rows.find((r) => r.name === 'fresh')?.labels?.stage === 'modified');
		await h.deletePod(ns, 'p-03');
		await waitFor('deleted pod disappears', () => !names(pods).includes('p-03'));
		assert.equal(pods.snapshot().rows.length, 12);
		assert.equal(new Set(pods.snapshot().rows.map((r) => r.uid)).size, 12, 'no duplicates');
	});
});

test('every built-in kind lists and watches at its registry path; a configmap follows live with its DATA count', async () => {
	await withCluster({}, async (h) => {
		const ns = unique('kinds');
		await h.namespace(ns);
		const session = await h.session({namespace: ns});
		for (const kind of kindNames) session.store(kind);
		await waitFor('every kind live', () => kindNames.every((kind) => session.status(kind).state === 'live'));
		const configmaps = session.store('configmaps');
		const keysOf = () => configmaps.snapshot().rows.find((r) => r.name === 'app')?.keys;
		const path = `/api/v1/namespaces/${ns}/configmaps`;
		await h.api.request({path, method: 'POST', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'app', namespace: ns}, data: {a: '1'}, binaryData: {b: 'AA=='}}});
		await waitFor('created configmap appears with 2 keys', () => keysOf() === 2);
		const current = await h.api.request<KubeObject>({path: `${path}/app`});
		await h.api.request({path: `${path}/app`, method: 'PUT', body: {...current, data: {...(current.data as Record<string, string>), c: '3'}}});
		await waitFor('a key added', () => keysOf() === 3);
		await h.api.request({path: `${path}/app`, method: 'DELETE'});
		await waitFor('deleted configmap disappears', () => keysOf() === undefined);
	});
});

test('a namespace switch re-scopes the pods store', async () => {
	await withCluster({}, async (h) => {
		const [a, b] = [unique('ns-a'), unique('ns-b')];
		await h.namespace(a);
		await h.namespace(b);
		await h.pod(a, 'only-in-a');
		await h.pod(b, 'one-in-b');
		await h.pod(b, 'two-in-b');
		const session = await h.session({namespace: a});
		const pods = session.store('pods');
		await waitFor('namespace a', () => names(pods).join() === 'only-in-a');
		session.setNamespace(b);
		assert.equal(session.namespace, b);
		await waitFor('namespace b', () => names(pods).join() === 'one-in-b,two-in-b');
		await h.pod(a, 'late-in-a');
		await h.pod(b, 'late-in-b');
		await waitFor('only b events arrive', () => names(pods).includes('late-in-b'));
		assert.ok(!names(pods).includes('late-in-a'));
	});
});

test('a label selector is applied by the server; all-namespaces views share one watch', async () => {
	await withCluster({}, async (h) => {
		const ns = unique('labels');
		await h.namespace(ns);
		await h.pod(ns, 'web-1', {labels: {app: 'web', tier: 'front'}});
		await h.pod(ns, 'web-2', {labels: {app: 'web', tier: 'front'}});
		await h.pod(ns, 'db-1', {labels: {app: 'db', tier: 'data'}});
		const session = await h.session({allNamespaces: true});
		const pods = session.store('pods');
		const all = session.allPods();
		// All namespaces: other tests' pods (on a shared real cluster) are listed too; judge only this namespace's.
		const mine = (store: RowStore<BaseRow>) => store.snapshot().rows.filter((r) => r.namespace === ns).map((r) => r.name).sort();
		await waitFor('all pods listed', () => mine(pods).join() === 'db-1,web-1,web-2');
		// The pods pane's store is the same watch joined with metrics usage, so its rows are the GPU view's rows, sample for sample.
		const uids = (store: RowStore<BaseRow>) => store.snapshot().rows.map((r) => r.uid).sort();
		assert.deepEqual(uids(pods), uids(all), 'the pods pane and the GPU view read the same watch in all-namespaces mode');
		session.setLabelSelector('pods', 'tier in (front),app=web');
		await waitFor('only the selected pods', () => mine(pods).join() === 'web-1,web-2');
		assert.ok(pods.snapshot().rows.every((r) => r.labels?.app === 'web' && r.labels?.tier === 'front'), 'the server applied the selector in every namespace');
		await h.pod(ns, 'web-3', {labels: {app: 'web', tier: 'front'}});
		await h.pod(ns, 'db-2', {labels: {app: 'db', tier: 'data'}});
		await waitFor('new matching pod arrives', () => mine(pods).join() === 'web-1,web-2,web-3');
		await waitFor('the unfiltered view still sees everything', () => mine(all).includes('db-2'));
		assert.ok(!mine(pods).includes('db-2'));
		session.setLabelSelector('pods', undefined);
		await waitFor('selector cleared', () => mine(pods).includes('db-2'));
	});
});

test('403 on services in one namespace: that watch is forbidden, pods stay live', async (t) => {
	const ns = unique('payments');
	await withCluster({forbid: [{resource: 'services', namespace: ns}]}, async (h) => {
		await h.namespace(ns);
		await h.pod(ns, 'api');
		// On a real cluster: a user RBAC lets read everything the session watches except services.
		const read = ['get', 'list', 'watch'];
		const limited = h.cluster.kind === 'real'
			? await limitedUser(h.cluster.kubeConfig, unique('watch-user'), {cluster: [
				{apiGroups: [''], resources: ['pods', 'nodes', 'namespaces', 'events'], verbs: read},
				{apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: read},
			]}, canListPods(ns))
			: undefined;
		t.after(() => limited?.remove());
		const session = limited ? await openSession(limited.kubeConfig, {frameMs: 5, tuning, namespace: ns}) : await h.session({namespace: ns});
		if (limited) t.after(() => session.close());
		const pods = session.store('pods');
		session.store('services');
		await waitFor('services forbidden', () => session.status('services').state === 'forbidden');
		assert.equal(session.status('services').message, `forbidden: cannot list services in namespace ${ns} (RBAC) — switch namespace with :ns`);
		await waitFor('pods live', () => session.status('pods').state === 'live' && names(pods).join() === 'api');
		await h.pod(ns, 'worker');
		await waitFor('pods keep updating', () => names(pods).join() === 'api,worker');
		assert.equal(session.status('services').state, 'forbidden');
	});
});

for (const [title, historySize, changes] of [
	['server restart within the watch history: relists all the same (it may be another history)', undefined, 3],
	['server restart past the watch history: 410, relist, atomic replace', 10, 40],
] as const) {
	test(`${title}; reconnecting then live with exactly the server rows`, async (t) => {
		await withCluster(historySize ? {historySize} : {}, async (h) => {
			if (h.cluster.kind === 'real' || !h.cluster.sim) return t.skip('needs the simulator: stopServer/startServer');
			const sim = h.cluster.sim;
			const ns = unique('outage');
			await h.namespace(ns);
			for (const n of ['a', 'b', 'c']) await h.pod(ns, n);
			const session = await h.session({namespace: ns});
			const pods = session.store('pods');
			await waitFor('live', () => session.status('pods').state === 'live' && pods.snapshot().rows.length === 3);
			const states: string[] = [];
			session.onStatus(() => states.push(session.status('pods').state));

			await sim.stopServer();
			await waitFor('reconnecting', () => session.status('pods').state === 'reconnecting');
			// While the server is away: deletions, creations, and enough churn to outrun a small history.
			sim.store.remove('pods', ns, 'a');
			for (let i = 0; i < changes; i++) {
				sim.store.create('pods', {metadata: {name: `new-${i}`, namespace: ns, uid: ''}, spec: {containers: [{name: 'app', image: 'x'}]}});
			}
			for (let i = 0; i < changes; i += 2) sim.store.remove('pods', ns, `new-${i}`);
			const attempts = watchStats(session, 'pods')!.lists;
			await waitFor('another attempt while the server is away', () => watchStats(session, 'pods')!.lists > attempts);
			assert.ok(names(pods).includes('a'), 'rows are kept while the server is away');
			await sim.startServer();
			await waitFor('live again', () => session.status('pods').state === 'live', 60_000);
			const truth = sim.store.list('pods', ns).map((p) => p.metadata.name).sort();
			await waitFor('store equals the server', () => names(pods).join() === truth.join());
			assert.ok(!names(pods).includes('a'), 'deleted while down: gone');
			assert.equal(new Set(pods.snapshot().rows.map((r) => r.uid)).size, truth.length, 'no duplicates');
			assert.ok(states.includes('reconnecting'));
			assert.equal(states.at(-1), 'live');
		});
	});
}

test('nodes carry gpuAllocated joined live from all pods', async () => {
	await withCluster({}, async (h) => {
		const node = unique('gpu-node');
		await h.node(node, {capacity: {'nvidia.com/gpu': '8', cpu: '64', memory: '512Gi'}, allocatable: {'nvidia.com/gpu': '8', cpu: '64', memory: '512Gi'}, conditions: [{type: 'Ready', status: 'True'}]}, {'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3'});
		const [a, b] = [unique('train'), unique('serve')];
		await h.namespace(a);
		await h.namespace(b);
		await h.pod(a, 'trainer', {nodeName: node, gpus: 2});
		// The session is scoped to one namespace; the join still counts every namespace.
		const session = await h.session({namespace: b});
		const nodes = session.store('nodes');
		const allocated = () => nodes.snapshot().rows.find((r) => r.name === node)?.gpuAllocated?.['nvidia.com/gpu'] ?? 0;
		await waitFor('2 GPUs allocated', () => allocated() === 2);
		await h.pod(b, 'server', {nodeName: node, gpus: 3});
		await waitFor('5 GPUs allocated', () => allocated() === 5);
		await h.deletePod(a, 'trainer');
		await waitFor('3 GPUs allocated after a delete', () => allocated() === 3);
		assert.equal(session.status('nodes').state, 'live');
		assert.equal(session.status('pods', {allNamespaces: true}).state, 'live');
	});
});

test('the nodes join counts holder pods and honours extra accelerator names from settings', async () => {
	await withCluster({}, async (h) => {
		const gpuNode = unique('gpu-node');
		const fpgaNode = unique('fpga-node');
		const nodeStatus = (resources: Record<string, string>) => ({capacity: {...resources, cpu: '64'}, allocatable: {...resources, cpu: '64'}, conditions: [{type: 'Ready', status: 'True'}]});
		await h.node(gpuNode, nodeStatus({'nvidia.com/gpu': '8'}));
		await h.node(fpgaNode, nodeStatus({'example.com/fpga': '4'}));
		const ns = unique('holders');
		await h.namespace(ns);
		await h.pod(ns, 'a', {nodeName: gpuNode, gpus: 1});
		await h.pod(ns, 'b', {nodeName: gpuNode, gpus: 2});
		await h.pod(ns, 'cpu-only', {nodeName: gpuNode});
		await h.pod(ns, 'fpga', {nodeName: fpgaNode, requests: {'example.com/fpga': '1'}});
		const session = await h.session({namespace: ns, extraAcceleratorResources: ['example.com/fpga']});
		const nodes = session.store('nodes');
		const row = (name: string) => nodes.snapshot().rows.find((r) => r.name === name);
		await waitFor('holders counted on the GPU node', () => row(gpuNode)?.gpuPods === 2);
		assert.deepEqual(row(gpuNode)?.gpuAllocated, {'nvidia.com/gpu': 3});
		await waitFor('the configured FPGA counted', () => row(fpgaNode)?.gpuPods === 1);
		assert.deepEqual(row(fpgaNode)?.gpuAllocated, {'example.com/fpga': 1});
		await h.deletePod(ns, 'a');
		await waitFor('a deleted holder leaves the count', () => row(gpuNode)?.gpuPods === 1);

		// Without the setting, the FPGA is not an accelerator and its pod holds nothing.
		const plain = await h.session({namespace: ns});
		const plainNodes = plain.store('nodes');
		await waitFor('plain join listed', () => plainNodes.snapshot().rows.some((r) => r.name === gpuNode && r.gpuPods === 1));
		const fpga = plainNodes.snapshot().rows.find((r) => r.name === fpgaNode);
		assert.equal(fpga?.gpuPods, 0);
		assert.deepEqual(fpga?.gpuAllocated, {});
	});
});

test('fetchObject and fetchEvents return the full object and its events', async () => {
	await withCluster({}, async (h) => {
		const ns = unique('describe');
		await h.namespace(ns);
		const created = await h.pod(ns, 'target');
		const session = await h.session({namespace: ns});
		const full = await session.fetchObject('pods', ns, 'target');
		assert.equal(full.metadata.uid, created.metadata.uid);
		assert.ok(full.spec, 'the whole object, not a row');
		await h.api.request({
			method: 'POST',
			path: `/api/v1/namespaces/${ns}/events`,
			body: {
				apiVersion: 'v1',
				kind: 'Event',
				metadata: {name: 'target.1', namespace: ns},
				involvedObject: {kind: 'Pod', namespace: ns, name: 'target', uid: created.metadata.uid},
				reason: 'Tested',
				message: 'an event for the describe view',
				type: 'Normal',
				lastTimestamp: new Date().toISOString(),
			},
		});
		const events = await session.fetchEvents({kind: 'Pod', namespace: ns, name: 'target', uid: created.metadata.uid});
		assert.ok(events.some((e) => (e as {reason?: string}).reason === 'Tested'));
		assert.ok(events.every((e) => (e.involvedObject as {name?: string} | undefined)?.name === 'target'));
		await assert.rejects(session.fetchObject('pods', ns, 'missing'), /is gone/);
	});
});
