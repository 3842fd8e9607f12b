// Events as the kubelet and controllers record them (core/v1 Event): one object per
// (object, type, reason, message), repeated occurrences bump count and lastTimestamp,
// like client-go's event correlator does. Old events are pruned so a long demo stays bounded.
//
// The scheduler records through events.k8s.io/v1 instead (client-go tools/events), and a real
// server shows those in core/v1 as: eventTime (microseconds) and action set; firstTimestamp,
// lastTimestamp and source empty; no count. A repeat turns the event into a series (count 2);
// later repeats are only counted in the recorder and written every 30 minutes, and a series
// idle for 6 minutes is finished, so the next occurrence is a new event.
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
export type EventRecorder = (involved: Involved, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, at?: number, series?: {first: number; count: number}) => void;

export interface EventSource {
	component: string;
	host?: string;
	/** events.k8s.io's action (e.g. 'Binding'): set only by recorders on that API, which requires it. */
	action?: string;
}

const MAX_EVENTS = 3000;
const SERIES_FLUSH_MS = 30 * 60_000;
const SERIES_FINISH_MS = 6 * 60_000;
// What the scheduler's reportingInstance names after its own name (the host it runs on).
const CONTROL_PLANE_HOST = 'cp-1';

/** metav1.MicroTime: RFC 3339 with six fractional digits. */
function microTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

interface Recorded {
	namespace: string;
	name: string;
	/** events.k8s.io only: occurrences counted, last one seen, last written to the API. */
	occurrences: number;
	lastObserved: number;
	written: number;
}

export function createEventRecorder(runtime: Runtime): EventRecorder {
	const byKey = new Map<string, Recorded>();
	// Insertion order doubles as age order for pruning. Entries are the records themselves: a key
	// can name a newer event (after a finished series) while its older event is still stored.
	const order: Array<{key: string; ref: Recorded}> = [];
	let counter = 0;

	return (involved, type, reason, message, source, at, series) => {
		if (!runtime.has(K.events)) return;
		const namespace = involved.namespace ?? 'default';
		const key = `${involved.uid}\0${involved.fieldPath ?? ''}\0${type}\0${reason}\0${message}`;
		const when = Math.min(at ?? runtime.now(), runtime.now());
		const now = isoTime(when);
		const existing = byKey.get(key);
		if (existing && source.action) {
			if (when - existing.lastObserved <= SERIES_FINISH_MS && runtime.get(K.events, existing.namespace, existing.name)) {
				existing.occurrences++;
				existing.lastObserved = when;
				const firstRepeat = existing.occurrences === 2;
				if (!firstRepeat && when - existing.written < SERIES_FLUSH_MS) return;
				existing.written = when;
				runtime.tryMutate(K.events, existing.namespace, existing.name, event => {
					event.series = {count: existing.occurrences, lastObservedTime: microTime(when)};
				});
				return;
			}
			byKey.delete(key);
		} else if (existing) {
			const updated = runtime.tryMutate(K.events, existing.namespace, existing.name, event => {
				event.count = ((event.count as number | undefined) ?? 1) + 1;
				event.lastTimestamp = now;
			});
			if (updated) return;
			byKey.delete(key);
		}
		// Real event names are <object>.<hex nanoseconds>; a counter keeps them unique within a second.
		const name = `${involved.name}.${(when * 1e3 + (counter++ % 1000)).toString(16)}`;
		const first = series ? Math.min(series.first, when) : when;
		const involvedObject = {
			kind: involved.kind,
			namespace: involved.namespace,
			name: involved.name,
			uid: involved.uid,
			apiVersion: involved.apiVersion ?? apiVersionFor(involved.kind),
			...(involved.fieldPath ? {fieldPath: involved.fieldPath} : {}),
		};
		const common = {
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {name, namespace, uid: '', creationTimestamp: isoTime(first)},
			involvedObject,
			reason,
			message,
		};
		// Two shapes, as on a real cluster: components using the events.k8s.io API (the
		// scheduler) write eventTime/series/action; the kubelet and controllers the classic one.
		const event: KubeObject = source.action
			? {
					...common,
					source: {},
					firstTimestamp: null,
					lastTimestamp: null,
					type,
					eventTime: microTime(first),
					...(series && series.count > 1 ? {series: {count: series.count, lastObservedTime: microTime(when)}} : {}),
					action: source.action,
					reportingComponent: source.component,
					reportingInstance: `${source.component}-${source.host ?? CONTROL_PLANE_HOST}`,
				}
			: {
					...common,
					source: source.host ? {component: source.component, host: source.host} : {component: source.component},
					firstTimestamp: isoTime(first),
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
		const recorded: Recorded = {namespace, name, occurrences: series ? Math.max(1, series.count) : 1, lastObserved: when, written: when};
		byKey.set(key, recorded);
		order.push({key, ref: recorded});
		while (order.length > MAX_EVENTS) {
			const {key: oldest, ref} = order.shift()!;
			if (byKey.get(oldest) === ref) byKey.delete(oldest);
			if (runtime.get(K.events, ref.namespace, ref.name)) {
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
