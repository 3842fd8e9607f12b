// The demo opens on a cluster with a past: every time the seeded objects report (creation,
// pod start, container starts and crashes, conditions, events) tells one consistent story.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {backoffMs, crashHistory} from '../../source/sim/world/faults.js';
import {serverVersion} from '../../source/sim/server/discovery.js';
import {startHarness, waitFor, podSettled, STORY_DEADLINE_MS} from './sim-world-harness.js';

const DAY = 86_400_000;
const time = (value: unknown): number => {
	assert.equal(typeof value, 'string', `expected a timestamp, got ${JSON.stringify(value)}`);
	const ms = Date.parse(value as string);
	assert.ok(!Number.isNaN(ms), `unparsable timestamp ${String(value)}`);
	return ms;
};
const created = (o: KubeObject) => time(o.metadata.creationTimestamp);

/** The most restarts a crashing container can have made in `ms`: runs of at least a second, then the back-off. */
function maxRestarts(ms: number): number {
	let t = 0;
	let n = 0;
	while ((t += 1000) <= ms) t += backoffMs(++n);
	return n;
}

type State = {running?: {startedAt: string}; waiting?: {reason: string}; terminated?: {startedAt?: string; finishedAt: string; reason: string}};
type ContainerStatus = {name: string; restartCount: number; state: State; lastState: State};

describe('crashHistory', () => {
	const cases: Array<{elapsed: number; run: number; restarts: number}> = [
		{elapsed: 2000, run: 3000, restarts: 0},
		{elapsed: 3000, run: 3000, restarts: 1},
		{elapsed: 3000 + 10_000 + 3000, run: 3000, restarts: 2},
		{elapsed: 47 * 60_000, run: 3000, restarts: 14},
	];
	for (const c of cases) {
		test(`${c.elapsed}ms of ${c.run}ms runs: ${c.restarts} restarts`, () => {
			const history = crashHistory(c.elapsed, c.run);
			assert.equal(history.restarts, c.restarts);
			if (c.restarts > 0) assert.ok(history.lastEnd <= c.elapsed && history.lastEnd > history.previousEnd);
			assert.ok(history.restarts <= maxRestarts(c.elapsed));
		});
	}
});

/** Blocks this thread for `ms` without burning CPU: what a starved process looks like to its timers. */
const stall = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe("scenario 'demo' has a consistent past", () => {
	// The second case is a machine too busy to run the world's first timers for two seconds:
	// seeding must end when the controllers are done with the scenario, not after a fixed time.
	for (const starvedMs of [0, 2000]) test(`ages, pod and container times, restarts, owners and events agree${starvedMs ? ` (timers starved for ${starvedMs} ms after the seed)` : ''}`, async () => {
		const h = startHarness({scenario: 'demo', speed: 1, seed: 3});
		if (starvedMs) stall(starvedMs);
		try {
			await waitFor('every pod past ContainerCreating or found unschedulable', () => h.store.list('pods').every(podSettled), STORY_DEADLINE_MS);
			await waitFor('DaemonSet and Job status', () => [...h.store.list('daemonsets.apps'), ...h.store.list('jobs.batch')].every(o => o.status));
			const now = Date.now();

			const nodes = h.store.list('nodes');
			for (const node of nodes) {
				const age = now - created(node);
				assert.ok(age >= 40 * DAY && age <= 90 * DAY, `node ${node.metadata.name} is ${age / DAY} days old`);
			}
			// The version skew policy: no kubelet is newer than the API server (its /version).
			const minor = (v: string) => Number(/^v1\.(\d+)\./.exec(v)?.[1]);
			for (const node of nodes) {
				const kubelet = (node.status as {nodeInfo: {kubeletVersion: string}}).nodeInfo.kubeletVersion;
				assert.ok(minor(kubelet) <= Number(serverVersion.minor), `${node.metadata.name}: kubelet ${kubelet} vs API server ${serverVersion.gitVersion}`);
			}
			const system = h.store.list('pods', 'kube-system').filter(p => !p.metadata.name.startsWith('nvidia-device-plugin'));
			for (const pod of system) assert.ok(now - created(pod) >= DAY, `${pod.metadata.name} is days old`);
			for (const d of h.store.list('deployments.apps')) {
				const age = now - created(d);
				assert.ok(age >= 3_600_000, `deployment ${d.metadata.name} is at least hours old`);
			}

			// Everything with a namespace is no older than its namespace; owners are never younger than what they own.
			const namespaces = new Map(h.store.list('namespaces').map(n => [n.metadata.name, created(n)]));
			const byUid = new Map<string, KubeObject>();
			for (const key of ['nodes', 'deployments.apps', 'replicasets.apps', 'daemonsets.apps', 'jobs.batch', 'pytorchjobs.kubeflow.org', 'statefulsets.apps']) for (const o of h.store.list(key)) byUid.set(o.metadata.uid, o);
			const pods = h.store.list('pods');
			for (const o of [...pods, ...h.store.list('replicasets.apps'), ...h.store.list('deployments.apps'), ...h.store.list('services')]) {
				const label = `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
				assert.ok(created(o) <= now, `${label} is not from the future`);
				assert.ok(created(o) >= namespaces.get(o.metadata.namespace!)!, `${label} is no older than its namespace`);
				const owner = o.metadata.ownerReferences?.find(ref => ref.controller);
				if (!owner) continue;
				const found = byUid.get(owner.uid);
				assert.ok(found, `${label}: its ${owner.kind} ${owner.name} exists (uid ${owner.uid})`);
				assert.equal(found.kind, owner.kind);
				assert.equal(found.metadata.name, owner.name);
				if (owner.kind !== 'Node') assert.ok(created(found) <= created(o), `${label} is no older than its ${owner.kind}`);
			}

			for (const pod of pods) {
				const label = `pod ${pod.metadata.namespace}/${pod.metadata.name}`;
				const status = (pod.status ?? {}) as {startTime?: string; phase?: string; conditions?: Array<{type: string; lastTransitionTime: string}>; containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[]};
				for (const condition of status.conditions ?? []) {
					const at = time(condition.lastTransitionTime);
					assert.ok(at >= created(pod) - 1000 && at <= now, `${label}: ${condition.type} changed between creation and now`);
				}
				const notReady = (status.conditions as Array<{type: string; reason?: string; lastTransitionTime: string}> | undefined)?.find(c => c.type === 'Ready' && c.reason === 'NodeNotReady');
				if (notReady) {
					const node = nodes.find(n => n.metadata.name === (pod.spec as {nodeName?: string}).nodeName)!;
					const nodeDown = (node.status!.conditions as Array<{type: string; lastTransitionTime: string}>).find(c => c.type === 'Ready')!;
					assert.ok(time(notReady.lastTransitionTime) >= time(nodeDown.lastTransitionTime), `${label}: NotReady since its node went down, not before`);
				}
				if (!status.startTime) continue;
				const start = time(status.startTime);
				assert.ok(created(pod) <= start && start <= now, `${label}: creationTimestamp <= startTime <= now`);
				// A pod whose image never pulled never ran: not ready since it started, however often the pull failed since.
				const neverPulled = (status.containerStatuses ?? []).some(c => /ImagePull|ErrImagePull/.test(c.state.waiting?.reason ?? '') && c.restartCount === 0);
				const ready = status.conditions?.find(c => c.type === 'Ready');
				if (neverPulled && ready) assert.ok(time(ready.lastTransitionTime) - start <= 30_000, `${label}: Ready False since it started (${ready.lastTransitionTime}), not since the last pull`);
				for (const c of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
					const where = `${label} container ${c.name}`;
					const times = [c.state.running?.startedAt, c.state.terminated?.startedAt, c.state.terminated?.finishedAt, c.lastState.terminated?.startedAt, c.lastState.terminated?.finishedAt].filter((t): t is string => t !== undefined).map(time);
					for (const t of times) assert.ok(start <= t && t <= now, `${where}: ${new Date(t).toISOString()} lies between startTime and now`);
					for (const id of [(c as {containerID?: string}).containerID, (c.lastState.terminated as {containerID?: string} | undefined)?.containerID]) {
						if (id !== undefined) assert.match(id, /^containerd:\/\/[0-9a-f]{64}$/, `${where}: a containerd ID is 64 hex digits`);
					}
					if (c.lastState.terminated && c.state.running) assert.ok(time(c.lastState.terminated.finishedAt) <= time(c.state.running.startedAt), `${where}: the last run ended before this one started`);
					assert.ok(c.restartCount <= maxRestarts(now - start), `${where}: ${c.restartCount} restarts fit in ${Math.round((now - start) / 1000)}s`);
					assert.equal(c.restartCount > 0, Boolean(c.lastState.terminated), `${where}: restarts and a last state go together`);
				}
			}
			for (const d of h.store.list('deployments.apps')) {
				for (const c of ((d.status?.conditions as Array<{type: string; lastTransitionTime: string; lastUpdateTime: string}> | undefined) ?? [])) {
					for (const t of [c.lastTransitionTime, c.lastUpdateTime].map(time)) assert.ok(t >= created(d) && t <= now, `deployment ${d.metadata.name}: ${c.type} changed between creation and now`);
				}
			}
			// The stories still show: a crashloop with a recent crash, an old OOMKill, a finished job.
			const recs = pods.filter(p => p.metadata.name.startsWith('recommendations-'));
			for (const pod of recs) {
				const c = (pod.status!.containerStatuses as ContainerStatus[])[0]!;
				assert.equal(c.state.waiting?.reason, 'CrashLoopBackOff');
				assert.ok(c.restartCount >= 5, `recommendations has crashed many times (${c.restartCount})`);
				assert.ok(now - time(c.lastState.terminated!.finishedAt) <= 300_000 + 5000, 'its last crash is within the back-off');
				// logs --previous in back-off is the run in lastState (as the kubelet picks it), not the one before.
				const previous = h.world.logs.read('production', pod.metadata.name, {container: c.name, previous: true});
				assert.ok(Array.isArray(previous) && previous.length > 0, 'previous logs exist');
				const lastLine = previous[previous.length - 1]!.time;
				assert.ok(lastLine >= time(c.lastState.terminated!.startedAt) && lastLine <= time(c.lastState.terminated!.finishedAt) + 1000, `the previous run's last line (${new Date(lastLine).toISOString()}) lies in lastState`);
				// describe shows the history: "Back-off restarting failed container (x14 over 47m)".
				const backoff = h.store.list('events', 'production').find(e => e.reason === 'BackOff' && (e.involvedObject as {uid: string}).uid === pod.metadata.uid);
				assert.ok(backoff, `a BackOff event for ${pod.metadata.name}`);
				assert.ok((backoff.count as number) >= c.restartCount, 'one BackOff per crash at least');
				assert.ok(now - time(backoff.firstTimestamp) >= 40 * 60_000, 'first backed off soon after the rollout');
			}

			// The canary has been failing to pull since its rollout, and its events say so.
			const canary = pods.find(p => p.metadata.name.startsWith('frontend-canary-'))!;
			assert.equal((canary.status!.containerStatuses as ContainerStatus[])[0]!.state.waiting?.reason, 'ImagePullBackOff');
			const pullFailed = h.store.list('events', 'staging').find(e => e.reason === 'Failed' && e.message === 'Error: ErrImagePull' && (e.involvedObject as {uid: string}).uid === canary.metadata.uid);
			assert.ok(pullFailed && (pullFailed.count as number) >= 5, 'ErrImagePull repeated since the rollout');
			assert.ok(time(pullFailed.firstTimestamp) >= created(canary) && now - time(pullFailed.firstTimestamp) >= 20 * 60_000, 'first failed soon after the pod was created');

			// DaemonSets and Jobs own their pods and count them.
			const proxy = h.store.get('daemonsets.apps', 'kube-system', 'kube-proxy')!;
			assert.equal((proxy.status as {desiredNumberScheduled: number}).desiredNumberScheduled, pods.filter(p => p.metadata.name.startsWith('kube-proxy-')).length);
			const prep = h.store.get('jobs.batch', 'ml-training', 'data-prep-20261127')!;
			assert.equal((prep.status as {succeeded?: number}).succeeded, 1);
			assert.ok((prep.status as {conditions: Array<{type: string}>}).conditions.some(c => c.type === 'Complete'));

			// An owner's template describes the pods it owns (kubectl describe job/ds shows the template).
			for (const pod of pods) {
				const owner = byUid.get(pod.metadata.ownerReferences?.find(ref => ref.controller)?.uid ?? '');
				if (!owner || (owner.kind !== 'Job' && owner.kind !== 'DaemonSet')) continue;
				const names = (o: unknown) => ((o as {containers?: Array<{name: string}>} | undefined)?.containers ?? []).map(c => c.name);
				assert.deepEqual(names(pod.spec), names((owner.spec?.template as {spec?: unknown} | undefined)?.spec), `${pod.metadata.name} runs its ${owner.kind}'s containers`);
			}

			// Events happened after what they are about, and first before last.
			const everything = new Map<string, KubeObject>();
			for (const key of ['pods', 'nodes', 'deployments.apps', 'replicasets.apps', 'horizontalpodautoscalers.autoscaling']) for (const o of h.store.list(key)) everything.set(o.metadata.uid, o);
			const events = h.store.list('events');
			assert.ok(events.length > 0);
			for (const event of events) {
				// core/v1 events carry first/lastTimestamp; events.k8s.io ones (the scheduler's) eventTime and a series.
				const first = time(event.firstTimestamp ?? event.eventTime);
				const last = time(event.lastTimestamp ?? (event.series as {lastObservedTime?: string} | undefined)?.lastObservedTime ?? event.eventTime);
				const about = everything.get((event.involvedObject as {uid: string}).uid);
				const label = `event ${event.reason} on ${(event.involvedObject as {name: string}).name}`;
				assert.ok(first <= last && last <= now, `${label}: first <= last <= now`);
				if (about) assert.ok(first >= created(about), `${label} is no older than its object`);
			}
		} finally {
			h.stop();
		}
	});
});

describe("scenario 'scale' has a consistent past", () => {
	test('pods were created before they started, by owners older than themselves', () => {
		const h = startHarness({scenario: 'scale', nodes: 5, pods: 120});
		try {
			const owners = new Map<string, KubeObject>();
			for (const key of ['deployments.apps', 'replicasets.apps']) for (const o of h.store.list(key)) owners.set(o.metadata.uid, o);
			const pods = h.store.list('pods');
			assert.equal(pods.length, 120);
			for (const pod of pods) {
				const start = time((pod.status as {startTime?: string}).startTime);
				assert.ok(created(pod) <= start, `${pod.metadata.name}: created before it started`);
				const rs = owners.get(pod.metadata.ownerReferences![0]!.uid)!;
				assert.ok(created(rs) <= created(pod));
				const d = owners.get(rs.metadata.ownerReferences![0]!.uid)!;
				assert.ok(created(d) <= created(rs));
			}
		} finally {
			h.stop();
		}
	});
});
