// The world: controllers, scheduler, kubelet, logs and scenarios acting on the object store.
// Everything reaches the cluster through the store; store events drive the controllers
// (batched with Runtime.soon so no controller writes from inside another write), and timers
// drive lifecycles. World.stop() clears every timer.
import type {ObjectStore, StoreEvent, World, WorldOptions} from '../contracts.js';
import type {KubeObject} from '../../model/types.js';
import {isTerminal, PodCache, type PodInfo} from './cache.js';
import {startChurn} from './churn.js';
import {createDeploymentController} from './deployment.js';
import {createEndpointsController} from './endpoints.js';
import {createEventRecorder} from './events.js';
import {createGarbageCollector} from './gc.js';
import {createHpaController} from './hpa.js';
import {createKubelet} from './kubelet.js';
import {createLogBook} from './logs.js';
import {createNodeController} from './nodes.js';
import {createOwnerStatusController} from './owners.js';
import {createReplicaSetController} from './replicaset.js';
import {createRuntime, K, type Runtime} from './runtime.js';
import {createScheduling} from './scheduling.js';
import {seedDemo} from './scenarios/demo.js';
import {DEMO_NODE_GROUPS} from './scenarios/autoscaling.js';
import {createClusterAutoscaler} from './autoscaler.js';
import {seedEmpty} from './scenarios/empty.js';
import {seedScale} from './scenarios/scale.js';

export interface WorldRuntimeOptions {
	/** Standalone simulator: timers keep the process alive. */
	keepAlive?: boolean;
}

// Fields whose change matters to the owner's ReplicaSet, to endpoints, or to the scheduler.
function podSignificance(previous: PodInfo | undefined, next: PodInfo | undefined): {owner: boolean; endpoints: boolean; capacity: boolean} {
	if (!previous || !next) return {owner: true, endpoints: true, capacity: true};
	const owner = previous.phase !== next.phase || previous.ready !== next.ready || previous.deleting !== next.deleting || previous.scheduled !== next.scheduled;
	const endpoints = owner || previous.podIP !== next.podIP || JSON.stringify(previous.labels) !== JSON.stringify(next.labels);
	const capacity = isTerminal(previous.phase) !== isTerminal(next.phase) || previous.nodeName !== next.nodeName;
	return {owner, endpoints, capacity};
}

export function startWorld(store: ObjectStore, options: WorldOptions, runtimeOptions: WorldRuntimeOptions = {}): World {
	const rt = createRuntime(store, {speed: options.speed, seed: options.seed, keepAlive: runtimeOptions.keepAlive});
	const cache = new PodCache();
	const record = createEventRecorder(rt);
	const logs = createLogBook(rt);
	const kubelet = createKubelet(rt, record, logs);
	const scheduling = createScheduling(rt, cache, record);
	const replicasets = createReplicaSetController(rt, cache, record);
	// ReplicaSets by owning Deployment uid, so a reconcile reads its few sets instead of listing the namespace.
	const replicaSetIndex = new Map<string, Map<string, string>>();
	const indexReplicaSet = (type: StoreEvent['type'], rs: KubeObject) => {
		const owner = rs.metadata.ownerReferences?.find(ref => ref.controller && ref.kind === 'Deployment');
		if (!owner) return;
		const key = `${rs.metadata.namespace}/${rs.metadata.name}`;
		let sets = replicaSetIndex.get(owner.uid);
		if (type === 'DELETED') {
			sets?.delete(key);
			if (sets?.size === 0) replicaSetIndex.delete(owner.uid);
			return;
		}
		if (!sets) replicaSetIndex.set(owner.uid, (sets = new Map()));
		sets.set(key, rs.metadata.name);
	};
	const replicaSetsOf = (d: KubeObject) => {
		const result: KubeObject[] = [];
		for (const name of replicaSetIndex.get(d.metadata.uid)?.values() ?? []) {
			const rs = rt.get(K.replicasets, d.metadata.namespace, name);
			if (rs?.metadata.ownerReferences?.some(ref => ref.controller && ref.uid === d.metadata.uid)) result.push(rs);
		}
		return result;
	};
	const deployments = createDeploymentController(rt, cache, record, replicaSetsOf);
	const endpoints = createEndpointsController(rt, cache);
	const gc = createGarbageCollector(rt, uid => cache.ownedBy(uid));
	const podsOnNode = (node: string) => [...cache.pods.values()].filter(p => p.nodeName === node).map(p => rt.get(K.pods, p.namespace, p.name)).filter((p): p is KubeObject => Boolean(p));
	const nodes = createNodeController(rt, kubelet, podsOnNode, record);
	const hpas = createHpaController(rt, record);
	const ownerStatus = createOwnerStatusController(rt, cache);

	const reconcileRS = (namespace: string, name: string) => rt.soon(`rs/${namespace}/${name}`, () => replicasets.reconcile(namespace, name));
	const reconcileDeployment = (namespace: string, name: string) => rt.soon(`deploy/${namespace}/${name}`, () => deployments.reconcile(namespace, name));
	const ownerOf = (object: KubeObject, kind: string) => object.metadata.ownerReferences?.find(ref => ref.controller && ref.kind === kind);

	function onEvent(event: StoreEvent): void {
		switch (event.resource) {
			case K.pods: {
				const pod = event.object;
				const previous = cache.apply(event.type, pod);
				const next = event.type === 'DELETED' ? undefined : cache.pods.get(pod.metadata.uid);
				const matters = podSignificance(previous, next);
				if (event.type === 'DELETED') kubelet.podDeleted(pod.metadata.uid);
				else kubelet.podChanged(pod);
				const owner = ownerOf(pod, 'ReplicaSet');
				if (owner && matters.owner) reconcileRS(pod.metadata.namespace ?? 'default', owner.name);
				const other = pod.metadata.ownerReferences?.find(ref => ref.controller && (ref.kind === 'DaemonSet' || ref.kind === 'Job' || ref.kind === 'StatefulSet'));
				if (other && matters.owner) ownerStatus.podChanged(pod.metadata.namespace ?? 'default', other, event.type === 'DELETED' ? pod : undefined);
				if (matters.endpoints) endpoints.namespaceChanged(pod.metadata.namespace ?? 'default');
				if ((next && cache.pending.has(next.uid) && !previous) || (matters.capacity && (previous?.nodeName || next?.nodeName)) || (event.type === 'DELETED' && previous?.nodeName)) scheduling.poke();
				return;
			}
			case K.replicasets: {
				const rs = event.object;
				indexReplicaSet(event.type, rs);
				const namespace = rs.metadata.namespace ?? 'default';
				if (event.type === 'DELETED') gc.ownerGone(rs.metadata.uid, namespace);
				else reconcileRS(namespace, rs.metadata.name);
				const owner = ownerOf(rs, 'Deployment');
				if (owner) reconcileDeployment(namespace, owner.name);
				return;
			}
			case K.deployments: {
				const d = event.object;
				if (event.type === 'DELETED') gc.ownerGone(d.metadata.uid, d.metadata.namespace);
				else reconcileDeployment(d.metadata.namespace ?? 'default', d.metadata.name);
				return;
			}
			case K.services: {
				const svc = event.object;
				if (event.type === 'DELETED') gc.ownerGone(svc.metadata.uid, svc.metadata.namespace);
				else endpoints.namespaceChanged(svc.metadata.namespace ?? 'default');
				return;
			}
			case K.nodes: {
				const node = event.object;
				if (event.type === 'DELETED') {
					scheduling.nodeChanged(undefined, node.metadata.name);
					// PodGC: pods bound to a node that no longer exists are deleted outright.
					rt.soon(`podgc/${node.metadata.name}`, () => {
						for (const pod of podsOnNode(node.metadata.name)) if (rt.get(K.pods, pod.metadata.namespace, pod.metadata.name)) store.remove(K.pods, pod.metadata.namespace, pod.metadata.name);
					});
					return;
				}
				scheduling.nodeChanged(node, node.metadata.name);
				nodes.nodeChanged(node);
				if (event.type === 'ADDED') ownerStatus.daemonSetChanged();
				return;
			}
			case K.daemonsets:
				if (event.type === 'DELETED') gc.ownerGone(event.object.metadata.uid, event.object.metadata.namespace);
				else ownerStatus.daemonSetChanged(event.object.metadata.namespace ?? 'default', event.object.metadata.name);
				return;
			case K.jobs:
				if (event.type === 'DELETED') gc.ownerGone(event.object.metadata.uid, event.object.metadata.namespace);
				return;
			case K.hpas:
				if (event.type === 'ADDED') rt.soon(`hpa-all`, hpas.syncAll);
				return;
		}
	}

	// Objects already in the store (a world restarted on a kept store) are indexed first.
	for (const pod of store.list(K.pods)) cache.apply('ADDED', pod);
	for (const rs of store.list(K.replicasets)) indexReplicaSet('ADDED', rs);
	// While the scale scenario seeds, it indexes its pods itself (from the copies create() returns);
	// skipping the per-event copy and dispatch here is most of what makes 50,000 pods fast.
	let seedingPods = false;
	const unsubscribe = store.subscribe(event => {
		if (rt.stopped || (seedingPods && event.resource === K.pods)) return;
		try {
			onEvent(event);
		} catch (error) {
			if (process.env.KUBEDECK_SIM_DEBUG) console.error('sim world:', error);
		}
	});
	rt.onStop(unsubscribe);

	switch (options.scenario) {
		case 'demo':
			// The demo opens on a cluster that has been up a while: pods start settled, dated from
			// their (backdated) creation. Seeding lasts until the controllers have worked through
			// what the scenario created (below), not a fixed time a loaded machine may overrun.
			rt.seeding = true;
			seedDemo(rt);
			// The demo's cloud has node groups; the autoscaler's first look comes after the scheduler's.
			rt.soon('autoscaler-first', createClusterAutoscaler(rt, cache, record, DEMO_NODE_GROUPS).loop);
			break;
		case 'scale':
			seedingPods = true;
			try {
				seedScale(rt, {nodes: options.nodes ?? 100, pods: options.pods ?? 1000}, pod => cache.apply('ADDED', pod));
			} finally {
				seedingPods = false;
			}
			break;
		default:
			seedEmpty(rt, {nodes: options.nodes});
	}

	// Resync: everything present gets one reconcile (objects created before the world or by seeding).
	for (const d of store.list(K.deployments)) reconcileDeployment(d.metadata.namespace ?? 'default', d.metadata.name);
	for (const rs of store.list(K.replicasets)) reconcileRS(rs.metadata.namespace ?? 'default', rs.metadata.name);
	for (const ns of store.list(K.namespaces)) endpoints.namespaceChanged(ns.metadata.name);
	for (const node of store.list(K.nodes)) {
		scheduling.nodeChanged(node, node.metadata.name);
		nodes.nodeChanged(node);
	}
	scheduling.poke();
	rt.soon('hpa-all', hpas.syncAll);
	rt.soon('gc-sweep', gc.sweep);
	startChurn(rt, cache, options.churnPerSecond ?? 0);
	if (rt.seeding) endSeedingWhenQuiet(rt);

	return {
		logs,
		stop: () => rt.stop(),
	};
}

/** A guard for a world that never falls quiet (heavy churn): seeding must end some time. */
const SEEDING_LIMIT_MS = 60_000;

function endSeedingWhenQuiet(rt: Runtime): void {
	const limit = setTimeout(() => (rt.seeding = false), SEEDING_LIMIT_MS);
	limit.unref();
	rt.onStop(() => clearTimeout(limit));
	rt.whenQuiet(() => {
		clearTimeout(limit);
		rt.seeding = false;
	});
}
