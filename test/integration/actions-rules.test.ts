// The action layer's pure rules (no cluster needed): which pods a drain may evict, and how each
// API Status reads to the operator. They live here because the action layer's tests do.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {drainNode, drainVerdict, type DrainRetry} from '../../source/actions/drain.js';
import type {ApiRequest, Transport} from '../../source/kube/transport.js';
import {errorFromResponse, KubeError} from '../../source/kube/kubeError.js';
import {describeFailure, performAction, type Intent} from '../../source/actions/gate.js';
import {memoryAuditLog} from '../../source/actions/audit.js';
import {restartStamp} from '../../source/actions/mutations.js';

const pod = (extra: {owner?: string; annotations?: Record<string, string>; emptyDir?: boolean; phase?: string}): KubeObject => ({
	metadata: {
		name: 'p', namespace: 'ns', uid: 'u',
		...(extra.annotations ? {annotations: extra.annotations} : {}),
		...(extra.owner ? {ownerReferences: [{kind: extra.owner, name: 'o', uid: 'ou', controller: true}]} : {}),
	},
	spec: extra.emptyDir ? {volumes: [{name: 'tmp', emptyDir: {}}]} : {},
	status: {phase: extra.phase ?? 'Running'},
});

test('drainVerdict follows kubectl drain filters in order', () => {
	const cases: Array<[string, KubeObject, Parameters<typeof drainVerdict>[1], ReturnType<typeof drainVerdict>]> = [
		['ReplicaSet pod', pod({owner: 'ReplicaSet'}), {}, {evict: true}],
		['mirror pod', pod({annotations: {'kubernetes.io/config.mirror': 'x'}}), {force: true}, {evict: false, outcome: 'skipped', reason: 'mirror pod (managed by the kubelet)'}],
		['DaemonSet refused', pod({owner: 'DaemonSet'}), {}, {evict: false, outcome: 'refused', reason: 'DaemonSet-managed (turn on "ignore DaemonSets")'}],
		['DaemonSet ignored', pod({owner: 'DaemonSet'}), {ignoreDaemonSets: true}, {evict: false, outcome: 'skipped', reason: 'DaemonSet-managed'}],
		['emptyDir refused', pod({owner: 'ReplicaSet', emptyDir: true}), {}, {evict: false, outcome: 'refused', reason: 'uses emptyDir local storage, whose data would be lost (turn on "delete emptyDir data")'}],
		['emptyDir allowed', pod({owner: 'ReplicaSet', emptyDir: true}), {deleteEmptyDirData: true}, {evict: true}],
		['bare pod refused', pod({}), {}, {evict: false, outcome: 'refused', reason: 'not managed by a controller, so it would not come back (use force)'}],
		['bare pod forced', pod({}), {force: true}, {evict: true, warning: 'not managed by a controller: it will not come back'}],
		['completed bare pod', pod({phase: 'Succeeded'}), {}, {evict: true}],
		['failed DaemonSet pod', pod({owner: 'DaemonSet', phase: 'Failed'}), {}, {evict: true}],
	];
	for (const [name, p, options, expected] of cases) assert.deepEqual(drainVerdict(p, options), expected, name);
});

test('describeFailure names the action and keeps the transport\'s explanation and the server message', () => {
	const intent: Intent = {verb: 'scale', kind: 'Deployment', namespace: 'payments', name: 'web', replicas: 3};
	const status = (code: number, reason: string, message: string) => errorFromResponse(code, JSON.stringify({kind: 'Status', code, reason, message}), {user: 'bob'});
	const cases: Array<[KubeError, string]> = [
		[status(403, 'Forbidden', 'deployments.apps "web" is forbidden: User "bob" cannot patch resource'), 'cannot scale deployment payments/web: forbidden for user "bob" (RBAC) — deployments.apps "web" is forbidden: User "bob" cannot patch resource'],
		[status(404, 'NotFound', 'deployments.apps "web" not found'), 'cannot scale deployment payments/web: not found (deleted meanwhile?) — deployments.apps "web" not found'],
		[status(409, 'Conflict', 'the object has been modified'), 'cannot scale deployment payments/web: conflict, the object changed while kubedeck updated it; try again — the object has been modified'],
		[status(422, 'Invalid', 'spec.replicas: Invalid value: -1'), 'cannot scale deployment payments/web: the API rejected the change as invalid — spec.replicas: Invalid value: -1'],
		[status(429, 'TooManyRequests', 'Cannot evict pod'), 'cannot scale deployment payments/web: too many requests (a PodDisruptionBudget or rate limit); try again later — Cannot evict pod'],
		[status(401, 'Unauthorized', 'Unauthorized'), 'cannot scale deployment payments/web: unauthorized: the server rejected the credentials for user "bob" (expired token?); log in again or refresh the token'],
		[new KubeError(0, 'ECONNREFUSED', 'cannot reach http://127.0.0.1:1: nothing is listening there'), 'cannot scale deployment payments/web: cannot reach http://127.0.0.1:1: nothing is listening there'],
		[status(500, 'InternalError', 'etcd timeout'), 'cannot scale deployment payments/web: 500 InternalError — etcd timeout'],
	];
	for (const [error, message] of cases) {
		assert.deepEqual(describeFailure(intent, error), {ok: false, reason: error.reason, code: error.status, message});
	}
	assert.deepEqual(describeFailure(intent, new Error('boom')), {ok: false, reason: 'InternalError', code: 0, message: 'scale deployment payments/web failed: boom'});
});

test('the gate checks read-only before confirmation, kind and input', async () => {
	const audit = memoryAuditLog();
	const client = {server: 'x', request: () => Promise.reject(new Error('must not be called')), stream: () => Promise.reject(new Error('must not be called')), close: () => {}};
	const ctx = {readonly: true, audit, client, identity: {context: 'c', user: 'u'}};
	const result = await performAction(ctx, {verb: 'delete', kind: 'Gizmo', name: 'x'});
	assert.deepEqual(result, {ok: false, reason: 'ReadOnly', code: 0, message: 'read-only mode: delete is disabled (started with --readonly)'});
	const writable = {...ctx, readonly: false};
	assert.deepEqual(await performAction(writable, {verb: 'delete', kind: 'Gizmo', name: 'x', confirmed: true}), {ok: false, reason: 'Unsupported', code: 0, message: 'kubedeck cannot delete objects of kind Gizmo'});
	// Known kinds too: the registry's verbs say what applies (events list none; pods do not scale).
	assert.deepEqual(await performAction(writable, {verb: 'delete', kind: 'Event', namespace: 'ns', name: 'x', confirmed: true}), {ok: false, reason: 'Unsupported', code: 0, message: 'kubedeck cannot delete objects of kind Event'});
	assert.deepEqual(await performAction(writable, {verb: 'cordon', kind: 'Pod', namespace: 'ns', name: 'x'} as unknown as Intent), {ok: false, reason: 'Unsupported', code: 0, message: 'kubedeck cannot cordon objects of kind Pod'});
	assert.deepEqual(await performAction(writable, {verb: 'delete', kind: 'Pod', name: 'x', confirmed: true}), {ok: false, reason: 'Invalid', code: 0, message: 'delete pod x: the namespace is missing'});
	assert.deepEqual(await performAction(writable, {verb: 'drain', kind: 'Node', name: 'n1'}), {ok: false, reason: 'NotConfirmed', code: 0, message: 'drain node n1 needs confirmation first'});
	assert.equal(audit.records.length, 0);
});

/**
 * A node n1 with one ReplicaSet pod, web-1, behind a fake API: `evict` answers each eviction
 * (return to accept, throw to refuse); every other read of the pod is a 404 (it is gone).
 */
function onePodNode(evict: () => void): {client: Transport; podReads: string[]} {
	const pod = {metadata: {name: 'web-1', namespace: 'ns', uid: 'u1', ownerReferences: [{kind: 'ReplicaSet', name: 'web', uid: 'rs', controller: true}]}, status: {phase: 'Running'}};
	const podReads: string[] = [];
	const client: Transport = {
		server: 'fake',
		async request<T>(r: ApiRequest): Promise<T> {
			if (r.path === '/api/v1/nodes/n1') return {metadata: {name: 'n1'}, spec: {unschedulable: true}} as T;
			if (r.path === '/api/v1/pods') return {items: [pod]} as T;
			if (r.path.endsWith('/eviction')) {
				evict();
				return {} as T;
			}
			podReads.push(r.path);
			throw errorFromResponse(404, '');
		},
		stream: () => Promise.reject(new Error('no streams here')),
		close: () => {},
	};
	return {client, podReads};
}

test('drain waits as long as a 429\'s Retry-After asks, beyond its own retry interval, and reports the budget\'s words', async () => {
	let evictions = 0;
	let refusedAt = 0;
	const {client} = onePodNode(() => {
		evictions++;
		if (evictions === 1) refusedAt = Date.now();
		if (evictions === 1) throw errorFromResponse(429, JSON.stringify({kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'budget web-pdb needs 1 healthy'}), {retryAfter: '1'});
	});
	const retries: Array<DrainRetry & {at: number}> = [];
	const started = Date.now();
	const report = await drainNode(client, 'n1', {retryIntervalMs: 10, pollIntervalMs: 10, timeoutMs: 10_000, onRetry: (r) => retries.push({...r, at: Date.now()})});
	assert.equal(report.ok, true, report.message);
	assert.equal(retries.length, 1);
	assert.equal(retries[0]!.message, 'budget web-pdb needs 1 healthy');
	// Measured from the refusal, which happens before the drain computes nextAt (the callback's own
	// clock reading comes after it, so a difference from that could be 999 ms on a busy machine).
	assert.ok(retries[0]!.nextAt - refusedAt >= 1000, `the next try is announced for when the server asked (${retries[0]!.nextAt - refusedAt} ms after the refusal)`);
	assert.ok(Date.now() - started >= 1000, `drain retried after ${Date.now() - started} ms`);
});

test('drain: a pod already gone after an eviction that used up the timeout is evicted, not "still terminating"', async (t) => {
	// A slow API: the eviction call itself takes longer than the whole drain timeout (the mocked
	// clock jumps 5 s while it is answered). kubectl looks at the pod at least once (PollImmediate).
	t.mock.timers.enable({apis: ['Date'], now: Date.now()});
	const {client, podReads} = onePodNode(() => t.mock.timers.tick(5000));
	const report = await drainNode(client, 'n1', {timeoutMs: 1000, pollIntervalMs: 10});
	assert.deepEqual(podReads, ['/api/v1/namespaces/ns/pods/web-1'], 'the pod was looked at once');
	assert.deepEqual(report.pods.map((r) => [r.name, r.outcome]), [['web-1', 'evicted']]);
	assert.equal(report.ok, true, report.message);
});

test('restartStamp is RFC 3339 to the second, like kubectl', () => {
	assert.equal(restartStamp(new Date('2026-11-27T23:09:25.123Z')), '2026-11-27T23:09:25Z');
});
