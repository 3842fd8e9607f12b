// Contracts between the simulated cluster's API server (store + HTTP) and its "world"
// (controllers, scheduler, kubelet-like lifecycle, log generation, scenarios).
import type {KubeObject} from '../model/types.js';

/** A resource as the API serves it, e.g. {group:'apps', version:'v1', resource:'deployments', kind:'Deployment'}. */
export interface ResourceType {
	group: string; // '' for core
	version: string;
	resource: string; // plural
	kind: string;
	namespaced: boolean;
	shortNames?: string[];
	subresources?: string[]; // 'status', 'scale', 'log', 'eviction'
	verbs: string[];
	/** Discovery's singularName; the lower-cased kind when absent. */
	singular?: string;
	/** Discovery categories, e.g. ['all'] (kubectl get all). */
	categories?: string[];
	/** Served from a CustomResourceDefinition: its printer columns and its schema. */
	custom?: CustomResourceShape;
}

/** A CRD's additionalPrinterColumns entry (apiextensions.k8s.io/v1 CustomResourceColumnDefinition). */
export interface PrinterColumn {
	name: string;
	type: string; // 'integer' | 'number' | 'string' | 'boolean' | 'date'
	format?: string;
	description?: string;
	priority?: number;
	jsonPath: string;
}

/** What a served custom resource carries beyond a built-in type. */
export interface CustomResourceShape {
	/** The CRD's name (plural.group). */
	definition: string;
	columns: PrinterColumn[];
	/** The served version's openAPIV3Schema, if any. */
	schema?: Record<string, unknown>;
}

/** Store key for a resource type: 'pods', 'deployments.apps', 'horizontalpodautoscalers.autoscaling'. */
export type ResourceKey = string;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
	type: WatchEventType;
	resource: ResourceKey;
	object: KubeObject; // a copy, safe to keep
	resourceVersion: number;
}

/** A Kubernetes Status error; the HTTP layer serialises it as a real metav1.Status. */
export class ApiError extends Error {
	constructor(
		readonly code: number,
		readonly reason: string, // 'NotFound', 'Conflict', 'AlreadyExists', 'Invalid', 'BadRequest', 'Forbidden', 'Expired', 'Gone', 'TooManyRequests'
		message: string,
		readonly details?: Record<string, unknown>,
	) {
		super(message);
	}
}

/**
 * The object store behind the API server. One cluster-wide, monotonically increasing
 * resourceVersion; every write bumps it and emits exactly one StoreEvent.
 * Objects returned are copies: mutate them and write them back.
 */
export interface ObjectStore {
	readonly resourceVersion: number;
	types(): ResourceType[];
	typeFor(key: ResourceKey): ResourceType | undefined;
	get(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined;
	/** All objects of a type, optionally in one namespace, ordered by namespace/name. */
	list(key: ResourceKey, namespace?: string): KubeObject[];
	/** Assigns uid, resourceVersion, creationTimestamp, generation (for spec-bearing kinds); 409 AlreadyExists. */
	create(key: ResourceKey, object: KubeObject): KubeObject;
	/** Replaces; with a resourceVersion set that is not current: 409 Conflict. Bumps generation when spec changed. */
	update(key: ResourceKey, object: KubeObject): KubeObject;
	/** Read-modify-write for controllers: fn edits a copy; no-op writes (deep-equal) emit nothing. 404 if absent. */
	mutate(key: ResourceKey, namespace: string | undefined, name: string, fn: (object: KubeObject) => void): KubeObject;
	/** Removes at once (finishing a graceful delete, or kinds without grace); emits DELETED. 404 if absent. */
	remove(key: ResourceKey, namespace: string | undefined, name: string): KubeObject;
	/** Every change in order. Listeners run synchronously after the write. */
	subscribe(listener: (event: StoreEvent) => void): () => void;
}

export interface LogLine {
	/** epoch ms */
	time: number;
	text: string;
}

export interface LogQuery {
	container: string;
	previous: boolean;
	sinceTime?: number; // epoch ms
	tailLines?: number;
}

/**
 * Container logs, implemented by the world (it knows what each container "prints").
 * The HTTP layer handles timestamps formatting, limitBytes and chunked streaming.
 */
export interface LogSource {
	/** Lines so far, or an ApiError (400 BadRequest "container X is not valid for pod Y", "previous terminated container not found"). */
	read(namespace: string, pod: string, query: LogQuery): LogLine[] | ApiError;
	/** New lines as they are produced; `onEnd` when the container stops or the pod goes away. Returns unsubscribe. */
	follow(namespace: string, pod: string, container: string, onLine: (line: LogLine) => void, onEnd: (reason: string) => void): () => void;
}

/** A running world: controllers and generators acting on a store. */
export interface World {
	logs: LogSource;
	stop(): void;
}

export interface WorldOptions {
	/** 'demo' (the default demo scenario), 'empty' (only namespaces), or 'scale' (many nodes/pods for benches). */
	scenario: 'demo' | 'empty' | 'scale';
	nodes?: number;
	pods?: number;
	/** pods modified per second by the churn generator (0 = off). */
	churnPerSecond?: number;
	/** speed factor for lifecycle timings (tests use a large value so rollouts finish in ms-ish time). */
	speed?: number;
	/** deterministic randomness */
	seed?: number;
}
