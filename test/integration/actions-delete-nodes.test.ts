import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {performAction} from '../../source/actions/gate.js';
import type {DrainPodResult, DrainRetry} from '../../source/actions/drain.js';
import {retryText} from '../../source/ui/dialogs.js';
import {createTransport, type ApiRequest, type Transport} from '../../source/kube/transport.js';
import {KubeError} from '../../source/kube/kubeError.js';
import type {ActionContext} from '../../source/actions/gate.js';
import {deploymentBody, getOrUndefined, podBody, podsOf, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';
import {limitedUser} from './rbac.js';

let fx: ActionsFixture;
before(async () => {
	fx = await startActionsFixture({nodes: 3});
});
after(async () => {
	await fx?.stop();
});

const podPath = (name: string): string => `/api/v1/namespaces/${fx.namespace}/pods/${name}`;

// Drain tests cordon and evict whole nodes. On a shared real cluster that would evict other
// tests' pods, so there they get nodes of their own: kwok-managed, tainted so nothing else lands.
const DEDICATED = 'kubedeck-test/dedicated';
const dedicatedToleration = [{key: DEDICATED, operator: 'Exists', effect: 'NoSchedule'}];

async function drainableNodes(count: number): Promise<{names: string[]; release(): Promise<void>}> {
	if (fx.cluster.kind === 'sim') {
		const names = (await fx.client.request<{items: KubeObject[]}>({path: '/api/v1/nodes'})).items.map((n) => n.metadata.name);
		return {names, release: async () => {}};
	}
	const names = Array.from({length: count}, () => uniqueName('drain-node'));
	const release = async () => {
		for (const name of names) await fx.client.request({method: 'DELETE', path: `/api/v1/nodes/${name}`}).catch(() => undefined);
	};
	try {
		for (const name of names) {
			const resources = {cpu: '8', memory: '32Gi', pods: '110'};
			await fx.client.request({method: 'POST', path: '/api/v1/nodes', body: {
				apiVersion: 'v1',
				kind: 'Node',
				metadata: {name, uid: '', labels: {'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux'}, annotations: {'kwok.x-k8s.io/node': 'fake'}},
				spec: {taints: [{key: DEDICATED, value: 'drain', effect: 'NoSchedule'}]},
				status: {capacity: resources, allocatable: resources},
			}});
		}
		await waitFor('the dedicated nodes Ready and untainted by the node controller', async () => {
			for (const name of names) {
				const node = await fx.client.request<KubeObject>({path: `/api/v1/nodes/${name}`});
				const ready = (node.status as {conditions?: Array<{type: string; status: string}>} | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
				const taints = (node.spec as {taints?: Array<{key: string}>} | undefined)?.taints ?? [];
				if (!ready || taints.some((t) => t.key !== DEDICATED)) return false;
			}
			return true;
		}, 60_000);
	} catch (error) {
		await release();
		throw error;
	}
	return {names, release};
}

async function runningPod(name: string, extra: Parameters<typeof podBody>[1] = {}): Promise<KubeObject> {
	await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/pods`, body: podBody(name, extra)});
	return waitFor(`pod ${name} on a node`, async () => {
		const pod = await fx.client.request<KubeObject>({path: podPath(name)});
		return (pod.spec as {nodeName?: string}).nodeName ? pod : undefined;
	});
}

test('delete needs confirmation, then removes the pod (graceful) and says so like kubectl', async (t) => {
	const name = uniqueName('victim');
	await runningPod(name);
	const unconfirmed = await performAction(fx.ctx(), {verb: 'delete', kind: 'Pod', namespace: fx.namespace, name});
	assert.deepEqual(unconfirmed, {ok: false, reason: 'NotConfirmed', code: 0, message: `delete pod ${fx.namespace}/${name} needs confirmation first`});
	assert.ok(await getOrUndefined(fx.client, podPath(name)), 'still there');
	const result = await performAction(fx.ctx(), {verb: 'delete', kind: 'Pod', namespace: fx.namespace, name, confirmed: true});
	assert.deepEqual(result, {ok: true, message: `pod "${name}" deleted`, details: {}});
	await waitFor('pod gone after its grace period', async () => (await getOrUndefined(fx.client, podPath(name))) === undefined);
	const line = fx.audit.records.at(-1)!;
	assert.equal(line.verb, 'delete');
	assert.equal(line.name, name);
	assert.equal(line.result.ok, true);
});

test('kill (grace 0) removes the pod at once', async (t) => {
	const name = uniqueName('kill');
	await runningPod(name);
	const result = await performAction(fx.ctx(), {verb: 'kill', kind: 'Pod', namespace: fx.namespace, name, confirmed: true});
	assert.deepEqual(result, {ok: true, message: `pod "${name}" killed (grace period 0)`, details: {gracePeriodSeconds: 0}});
	assert.equal(await getOrUndefined(fx.client, podPath(name)), undefined, 'gone immediately, no grace period');
});

test('force delete uses grace period 0 and warns', async () => {
	const name = uniqueName('force');
	await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/pods`, body: podBody(name)});
	const result = await performAction(fx.ctx(), {verb: 'delete', kind: 'Pod', namespace: fx.namespace, name, force: true, confirmed: true});
	assert.equal(result.ok, true);
	assert.match(result.message, /deleted \(forced: did not wait for the kubelet/);
	await waitFor('pod gone', async () => (await getOrUndefined(fx.client, podPath(name))) === undefined, 5000);
	assert.deepEqual(fx.audit.records.at(-1)?.args, {gracePeriodSeconds: 0, force: true});
});

test('delete a deployment; deleting it again reports NotFound with the server message', async () => {
	const name = uniqueName('gone');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(name, 1)});
	const ok = await performAction(fx.ctx(), {verb: 'delete', kind: 'Deployment', namespace: fx.namespace, name, confirmed: true});
	assert.deepEqual(ok, {ok: true, message: `deployment "${name}" deleted`, details: {}});
	assert.equal(await getOrUndefined(fx.client, `/apis/apps/v1/namespaces/${fx.namespace}/deployments/${name}`), undefined);
	const again = await performAction(fx.ctx(), {verb: 'delete', kind: 'Deployment', namespace: fx.namespace, name, confirmed: true});
	assert.equal(again.ok, false);
	if (!again.ok) {
		assert.equal(again.reason, 'NotFound');
		assert.match(again.message, new RegExp(`cannot delete deployment ${fx.namespace}/${name}: not found .* — .*"${name}" not found`));
	}
	const bad = await performAction(fx.ctx(), {verb: 'delete', kind: 'Pod', namespace: fx.namespace, name: 'x', gracePeriodSeconds: -3, confirmed: true});
	assert.deepEqual(bad, {ok: false, reason: 'Invalid', code: 0, message: 'grace period must be a whole number of seconds ≥ 0, got -3'});
});

test('cordon and uncordon patch spec.unschedulable and report "already" on repeats', async () => {
	const node = uniqueName('node');
	await fx.client.request({method: 'POST', path: '/api/v1/nodes', body: {apiVersion: 'v1', kind: 'Node', metadata: {name: node}}});
	try {
		const nodePath = `/api/v1/nodes/${node}`;
		assert.deepEqual(await performAction(fx.ctx(), {verb: 'cordon', kind: 'Node', name: node}), {ok: true, message: `node/${node} cordoned`});
		assert.equal(((await fx.client.request<KubeObject>({path: nodePath})).spec as {unschedulable?: boolean}).unschedulable, true);
		assert.deepEqual(await performAction(fx.ctx(), {verb: 'cordon', kind: 'Node', name: node}), {ok: true, message: `node/${node} already cordoned`});
		assert.deepEqual(await performAction(fx.ctx(), {verb: 'uncordon', kind: 'Node', name: node}), {ok: true, message: `node/${node} uncordoned`});
		assert.equal(((await fx.client.request<KubeObject>({path: nodePath})).spec as {unschedulable?: boolean} | undefined)?.unschedulable, undefined, 'field removed, as kubectl leaves it');
		assert.deepEqual(await performAction(fx.ctx(), {verb: 'uncordon', kind: 'Node', name: node}), {ok: true, message: `node/${node} already uncordoned`});
		assert.deepEqual(fx.audit.records.slice(-4).map((r) => `${r.verb} ${r.name} ${r.result.message}`), [
			`cordon ${node} node/${node} cordoned`,
			`cordon ${node} node/${node} already cordoned`,
			`uncordon ${node} node/${node} uncordoned`,
			`uncordon ${node} node/${node} already uncordoned`,
		]);
	} finally {
		await fx.client.request({method: 'DELETE', path: `/api/v1/nodes/${node}`}).catch(() => undefined);
	}
});

test('drain: refuses unmanaged and emptyDir pods unless allowed, evicts the rest, replacements land elsewhere', async (t) => {
	const dedicated = await drainableNodes(2);
	t.after(() => dedicated.release());
	const nodes = dedicated.names;
	const [target, spare] = [nodes[0]!, nodes[nodes.length > 2 ? 2 : 1]!];
	const app = uniqueName('drainme');
	const label = (node: string, value: string | null) =>
		fx.client.request({method: 'PATCH', path: `/api/v1/nodes/${node}`, body: {metadata: {labels: {'kubedeck-test/drain': value}}}, contentType: 'application/merge-patch+json'});
	// Pods may only go to nodes carrying the label: first only the target, later also the spare.
	await label(target, app);
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(app, 2, {nodeSelector: {'kubedeck-test/drain': app}, tolerations: dedicatedToleration})});
	await waitFor('2 pods on the target node', async () => (await podsOf(fx.client, fx.namespace, app)).filter((p) => (p.spec as {nodeName?: string}).nodeName === target).length === 2);
	await label(spare, app);
	const bare = uniqueName('bare');
	await fx.client.request({method: 'POST', path: `/api/v1/namespaces/${fx.namespace}/pods`, body: podBody(bare, {nodeName: target, volumes: [{name: 'scratch', emptyDir: {}}]})});

	const refused = await performAction(fx.ctx(), {verb: 'drain', kind: 'Node', name: target, confirmed: true, options: {ignoreDaemonSets: true, timeoutMs: 10_000, retryIntervalMs: 50, pollIntervalMs: 20}});
	assert.equal(refused.ok, false);
	assert.match(refused.message, new RegExp(`^node/${target} cordoned but not drained: 1 pod\\(s\\) cannot be evicted: ${fx.namespace}/${bare}: uses emptyDir local storage`));
	assert.ok(await getOrUndefined(fx.client, podPath(bare)), 'nothing evicted when a pod is refused');
	assert.equal(((await fx.client.request<KubeObject>({path: `/api/v1/nodes/${target}`})).spec as {unschedulable?: boolean}).unschedulable, true, 'left cordoned, like kubectl');

	const progress: DrainPodResult[] = [];
	const drained = await performAction(fx.ctx(), {
		verb: 'drain', kind: 'Node', name: target, confirmed: true,
		options: {ignoreDaemonSets: true, deleteEmptyDirData: true, force: true, timeoutMs: 60_000, retryIntervalMs: 50, pollIntervalMs: 20},
		onProgress: (r) => progress.push(r),
	});
	assert.equal(drained.ok, true, drained.message);
	assert.match(drained.message, new RegExp(`^node/${target} drained \\(\\d+ evicted, \\d+ skipped\\)$`));
	const pods = (drained.details as {pods: DrainPodResult[]}).pods;
	assert.equal(pods.filter((p) => p.namespace === fx.namespace && p.name.startsWith(app) && p.outcome === 'evicted').length, 2, 'both deployment pods evicted');
	const bareResult = pods.find((p) => p.name === bare);
	assert.deepEqual(bareResult, {namespace: fx.namespace, name: bare, outcome: 'evicted', reason: 'not managed by a controller: it will not come back'});
	assert.ok(progress.length >= 3, 'progress reported per pod');
	assert.equal(await getOrUndefined(fx.client, podPath(bare)), undefined);
	const onTarget = (await fx.client.request<{items: KubeObject[]}>({path: `/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${target}`)}`})).items
		.filter((p) => p.metadata.namespace === fx.namespace);
	assert.deepEqual(onTarget.map((p) => p.metadata.name), [], 'no test pods left on the drained node');
	await waitFor('replacements scheduled on other nodes', async () => {
		const live = (await podsOf(fx.client, fx.namespace, app)).filter((p) => !p.metadata.deletionTimestamp);
		return live.length === 2 && live.every((p) => (p.spec as {nodeName?: string}).nodeName === spare);
	});
	await performAction(fx.ctx(), {verb: 'uncordon', kind: 'Node', name: target});
	await label(target, null);
	await label(spare, null);
});

/** A transport that notes when each eviction's answer came and its status (429: refused by a budget). */
function watchEvictions(inner: Transport): {client: Transport; list: Array<{at: number; status: number | 'created'}>} {
	const list: Array<{at: number; status: number | 'created'}> = [];
	const client: Transport = {
		server: inner.server,
		stream: (r) => inner.stream(r),
		close: () => inner.close(),
		async request<T>(r: ApiRequest): Promise<T> {
			const eviction = r.method === 'POST' && r.path.endsWith('/eviction');
			try {
				const answer = await inner.request<T>(r);
				if (eviction) list.push({at: Date.now(), status: 'created'});
				return answer;
			} catch (error) {
				if (eviction) list.push({at: Date.now(), status: error instanceof KubeError ? error.status : -1});
				throw error;
			}
		},
	};
	return {client, list};
}

test('drain reports pods a PodDisruptionBudget keeps, after retrying until the timeout', async (t) => {
	const dedicated = await drainableNodes(1);
	t.after(() => dedicated.release());
	const target = dedicated.names[fx.cluster.kind === 'sim' ? 1 : 0]!;
	const app = uniqueName('guarded');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(app, 1, {nodeSelector: {'kubernetes.io/hostname': target}, tolerations: dedicatedToleration})});
	await waitFor('pod ready on target', async () => {
		const pods = await podsOf(fx.client, fx.namespace, app);
		return pods.length === 1 && (pods[0]!.status as {conditions?: Array<{type: string; status: string}>}).conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
	});
	await fx.client.request({method: 'POST', path: `/apis/policy/v1/namespaces/${fx.namespace}/poddisruptionbudgets`, body: {apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: {name: app}, spec: {minAvailable: 1, selector: {matchLabels: {app}}}}});
	if (fx.cluster.kind === 'real') {
		// The real server's disruption controller writes the budget's status; evictions are judged
		// against it, so wait until it has observed this budget (the simulator judges from the spec).
		await waitFor('the budget observed', async () => {
			const pdb = await fx.client.request<KubeObject>({path: `/apis/policy/v1/namespaces/${fx.namespace}/poddisruptionbudgets/${app}`});
			return (pdb.status as {observedGeneration?: number} | undefined)?.observedGeneration === pdb.metadata.generation;
		});
	}
	// The evictions the drain sends and when each answer came: the retries are judged by the times
	// they happened, not by how many fit in the timeout on an idle machine.
	const answers = watchEvictions(fx.client);
	const timeoutMs = 1000;
	const retryIntervalMs = 50;
	const started = Date.now();
	const retries: DrainRetry[] = [];
	const result = await performAction(fx.ctx({client: answers.client}), {
		verb: 'drain',
		kind: 'Node',
		name: target,
		confirmed: true,
		options: {ignoreDaemonSets: true, timeoutMs, retryIntervalMs, pollIntervalMs: 20, onRetry: (retry) => retries.push(retry)},
	});
	const finished = Date.now();
	assert.equal(result.ok, false);
	const times = answers.list.map((a) => a.at);
	assert.ok(times.length >= 2 && answers.list.every((a) => a.status === 429), `the budget refused every eviction, more than once: ${JSON.stringify(answers.list)}`);
	// Every refusal but the last was retried, and reported as it happened, numbered, for the guarded pod only.
	assert.equal(retries.length, times.length - 1, 'one retry reported per refusal that was retried');
	assert.deepEqual(retries.map((r) => r.attempt), retries.map((_, i) => i + 1));
	assert.ok(retries.every((r) => r.namespace === fx.namespace && r.name.startsWith(app)));
	assert.match(retryText(retries[0]!), new RegExp(`^waiting: pod ${fx.namespace}/${app}-\\S+ blocked by PodDisruptionBudget \\(retrying until timeout\\)$`));
	// Retried after the interval, never sooner (a timer may fire a millisecond early by Date.now()).
	for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= retryIntervalMs - 1, `attempt ${i + 1} came ${times[i]! - times[i - 1]!} ms after refusal ${i}`);
	// Until the timeout: the drain gave up only when one more pause would have passed its deadline.
	assert.ok(finished - started >= timeoutMs - retryIntervalMs, `retried until the timeout (gave up after ${finished - started} ms)`);
	assert.match(result.message, new RegExp(`not fully drained .*${fx.namespace}/[^:]+: blocked by a PodDisruptionBudget until the timeout`));
	assert.equal(result.ok === false && result.reason, 'Incomplete');
	assert.equal((await podsOf(fx.client, fx.namespace, app)).length, 1, 'the guarded pod is still there');
	await performAction(fx.ctx(), {verb: 'uncordon', kind: 'Node', name: target});
});

test('forbidden mutations explain RBAC and keep the server message', async (t) => {
	// Simulator: its forbid option. Real cluster: an impersonated user RBAC lets read and create deployments, not patch them.
	let locked: {namespace: string; client: Transport; ctx: ActionContext; user: string};
	if (fx.cluster.kind === 'real') {
		const deployments = `/apis/apps/v1/namespaces/${fx.namespace}/deployments`;
		const user = uniqueName('locked-user');
		const limited = await limitedUser(fx.cluster.kubeConfig, user, {
			namespaced: {[fx.namespace]: [{apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'create']}]},
		}, (kubeConfig) => createTransport(kubeConfig).request({path: deployments}));
		t.after(() => limited.remove());
		const client = createTransport(limited.kubeConfig);
		// The message names the user the server judged: the impersonated one.
		locked = {namespace: fx.namespace, client, ctx: fx.ctx({client}), user};
	} else {
		const fixture = await startActionsFixture({forbid: [{resource: 'deployments', verbs: ['patch', 'update']}]});
		t.after(() => fixture.stop());
		locked = {namespace: fixture.namespace, client: fixture.client, ctx: fixture.ctx(), user: 'demo-user'};
	}
	const name = uniqueName('locked');
	await locked.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${locked.namespace}/deployments`, body: deploymentBody(name, 1)});
	const result = await performAction(locked.ctx, {verb: 'restart', kind: 'Deployment', namespace: locked.namespace, name, confirmed: true});
	assert.equal(result.ok, false);
	if (!result.ok) {
		assert.equal(result.reason, 'Forbidden');
		assert.equal(result.code, 403);
		assert.match(result.message, new RegExp(`^cannot restart deployment ${locked.namespace}/${name}: forbidden for user "${locked.user}" \\(RBAC\\) — .*forbidden`));
	}
});
