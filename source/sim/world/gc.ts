// Deletion the way controllers do it, and the garbage collector: dependents whose controller
// owner (by uid) no longer exists are deleted, pods gracefully, everything else at once.
import type {KubeObject} from '../../model/types.js';
import type {ResourceKey} from '../contracts.js';
import {isoTime, K, type Runtime} from './runtime.js';

/**
 * A graceful pod delete as the API server performs it: a pod bound to a node only gets a
 * deletionTimestamp (the kubelet finishes the job); an unbound pod goes at once.
 */
export function deletePod(rt: Runtime, pod: KubeObject, graceSeconds?: number): void {
	const namespace = pod.metadata.namespace;
	const nodeName = (pod.spec as {nodeName?: string} | undefined)?.nodeName;
	const grace = graceSeconds ?? ((pod.spec as {terminationGracePeriodSeconds?: number} | undefined)?.terminationGracePeriodSeconds ?? 30);
	if (!nodeName || grace <= 0) {
		if (rt.get(K.pods, namespace, pod.metadata.name)) rt.store.remove(K.pods, namespace, pod.metadata.name);
		return;
	}
	rt.tryMutate(K.pods, namespace, pod.metadata.name, target => {
		if (target.metadata.uid !== pod.metadata.uid || target.metadata.deletionTimestamp) return;
		target.metadata.deletionTimestamp = isoTime(rt.now() + grace * 1000);
		target.metadata.deletionGracePeriodSeconds = grace;
	});
}

// Kinds whose objects are owned by something the world knows about.
const DEPENDENT_KINDS: ResourceKey[] = [K.replicasets, K.pods, K.endpointslices];

export interface GarbageCollector {
	/** An object with this uid is gone: collect its dependents (in its namespace). */
	ownerGone(uid: string, namespace: string | undefined): void;
	/** Full sweep: every dependent whose controller owner is missing. */
	sweep(): void;
}

export function createGarbageCollector(rt: Runtime, podsOwnedBy: (uid: string) => Array<{namespace: string; name: string}>): GarbageCollector {
	const collect = (key: ResourceKey, object: KubeObject) => {
		if (key === K.pods) return deletePod(rt, object);
		if (rt.get(key, object.metadata.namespace, object.metadata.name)) rt.store.remove(key, object.metadata.namespace, object.metadata.name);
	};

	function ownerGone(uid: string, namespace: string | undefined): void {
		// Pods through the index (there may be many); the few ReplicaSets and slices by listing.
		for (const ref of podsOwnedBy(uid)) {
			const pod = rt.get(K.pods, ref.namespace, ref.name);
			if (pod && pod.metadata.ownerReferences?.some(owner => owner.uid === uid && owner.controller)) collect(K.pods, pod);
		}
		for (const key of [K.replicasets, K.endpointslices]) {
			if (!rt.has(key)) continue;
			for (const object of rt.store.list(key, namespace)) {
				if (object.metadata.ownerReferences?.some(owner => owner.uid === uid && owner.controller)) collect(key, object);
			}
		}
	}

	function sweep(): void {
		const alive = new Set<string>();
		const owners: ResourceKey[] = [K.deployments, K.replicasets, K.services];
		for (const key of owners) if (rt.has(key)) for (const object of rt.store.list(key)) alive.add(object.metadata.uid);
		for (const key of DEPENDENT_KINDS) {
			if (!rt.has(key) || key === K.pods) continue;
			for (const object of rt.store.list(key)) {
				const owner = object.metadata.ownerReferences?.find(ref => ref.controller);
				if (owner && ['Deployment', 'ReplicaSet', 'Service'].includes(owner.kind) && !alive.has(owner.uid)) collect(key, object);
			}
		}
	}

	return {ownerGone: (uid, namespace) => rt.soon(`gc/${uid}`, () => ownerGone(uid, namespace)), sweep};
}
