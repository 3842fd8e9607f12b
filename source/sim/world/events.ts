// Events as the kubelet and controllers record them (core/v1 Event): one object per
// (object, type, reason, message), repeated occurrences bump count and lastTimestamp,
// like client-go's event correlator does. Old events are pruned so a long demo stays bounded.
import type {KubeObject} from '../../model/types.js';
import {isoTime, K, type Runtime} from './runtime.js';

export interface Involved {
	kind: string;
	apiVersion?: string;
	namespace?: string;
	name: string;
	uid: string;
	fieldPath?: string;
}

/**
 * `at` (epoch ms, default now) dates an occurrence that happened in a seeded scenario's past;
 * `series` seeds a repeated one: `count` occurrences, the first at `first`, the last at `at`.
 */
export type EventRecorder = (involved: Involved, type: 'Normal' | 'Warning', reason: string, message: string, source: {component: string; host?: string}, at?: number, series?: {first: number; count: number}) => void;

const MAX_EVENTS = 3000;

export function createEventRecorder(runtime: Runtime): EventRecorder {
	const byKey = new Map<string, {namespace: string; name: string}>();
	// Insertion order doubles as age order for pruning.
	const order: string[] = [];
	let counter = 0;

	return (involved, type, reason, message, source, at, series) => {
		if (!runtime.has(K.events)) return;
		const namespace = involved.namespace ?? 'default';
		const key = `${involved.uid}\0${involved.fieldPath ?? ''}\0${type}\0${reason}\0${message}`;
		const when = Math.min(at ?? runtime.now(), runtime.now());
		const now = isoTime(when);
		const existing = byKey.get(key);
		if (existing) {
			const updated = runtime.tryMutate(K.events, existing.namespace, existing.name, event => {
				event.count = ((event.count as number | undefined) ?? 1) + 1;
				event.lastTimestamp = now;
			});
			if (updated) return;
			byKey.delete(key);
		}
		// Real event names are <object>.<hex nanoseconds>; a counter keeps them unique within a second.
		const name = `${involved.name}.${(when * 1e3 + (counter++ % 1000)).toString(16)}`;
		const event: KubeObject = {
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {name, namespace, uid: '', creationTimestamp: series ? isoTime(Math.min(series.first, when)) : now},
			involvedObject: {
				kind: involved.kind,
				namespace: involved.namespace,
				name: involved.name,
				uid: involved.uid,
				apiVersion: involved.apiVersion ?? apiVersionFor(involved.kind),
				...(involved.fieldPath ? {fieldPath: involved.fieldPath} : {}),
			},
			reason,
			message,
			source: source.host ? {component: source.component, host: source.host} : {component: source.component},
			firstTimestamp: series ? isoTime(Math.min(series.first, when)) : now,
			lastTimestamp: now,
			count: series ? Math.max(1, series.count) : 1,
			type,
			eventTime: null,
			reportingComponent: source.component,
			reportingInstance: source.host ?? '',
		};
		try {
			runtime.store.create(K.events, event);
		} catch {
			return; // namespace gone or a name clash: an event is never worth failing a controller for
		}
		byKey.set(key, {namespace, name});
		order.push(key);
		while (order.length > MAX_EVENTS) {
			const oldest = order.shift()!;
			const ref = byKey.get(oldest);
			byKey.delete(oldest);
			if (ref && runtime.get(K.events, ref.namespace, ref.name)) {
				try {
					runtime.store.remove(K.events, ref.namespace, ref.name);
				} catch {
					// already gone
				}
			}
		}
	};
}

function apiVersionFor(kind: string): string {
	switch (kind) {
		case 'Deployment':
		case 'ReplicaSet':
		case 'DaemonSet':
			return 'apps/v1';
		case 'Job':
			return 'batch/v1';
		case 'HorizontalPodAutoscaler':
			return 'autoscaling/v2';
		default:
			return 'v1';
	}
}

export function involvedOf(object: KubeObject, fieldPath?: string): Involved {
	return {
		kind: object.kind ?? 'Pod',
		apiVersion: object.apiVersion,
		namespace: object.metadata.namespace,
		name: object.metadata.name,
		uid: object.metadata.uid,
		fieldPath,
	};
}
