// StatefulSet status, simply: the simulator has no StatefulSet controller (the demo seeds the
// pods with their ordinal names), but publishes the status the controller would, recomputed
// from the pods it owns, so `kubectl get sts` and kubedeck's READY agree with the pods.
import type {KubeObject} from '../../model/types.js';
import {fnv32a} from './runtime.js';

const isReady = (p: KubeObject) => ((p.status?.conditions as Array<{type: string; status: string}> | undefined) ?? []).some(c => c.type === 'Ready' && c.status === 'True');

/** The ControllerRevision name of a set's one template revision: '<name>-<hash>', as its pods are labelled. */
export function statefulSetRevision(namespace: string, name: string): string {
	return `${name}-${fnv32a(`${namespace}/${name}`).toString(16).padStart(8, '0').slice(0, 8)}`;
}

/** Status as the StatefulSet controller publishes it: every pod is of the one revision. */
export function statefulSetStatus(set: KubeObject, pods: KubeObject[]): Record<string, unknown> {
	const ready = pods.filter(isReady).length;
	const revision = statefulSetRevision(set.metadata.namespace ?? 'default', set.metadata.name);
	// Zero counts are omitted as the API's omitempty fields are (availableReplicas is always there).
	const count = (field: string, n: number) => (n > 0 ? {[field]: n} : {});
	return {
		observedGeneration: set.metadata.generation ?? 1,
		replicas: pods.length,
		...count('readyReplicas', ready),
		...count('currentReplicas', pods.length),
		...count('updatedReplicas', pods.length),
		availableReplicas: ready,
		currentRevision: revision,
		updateRevision: revision,
		collisionCount: 0,
	};
}
