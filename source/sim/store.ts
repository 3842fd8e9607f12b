// The simulated cluster's object store: one monotonically increasing resourceVersion,
// copy-on-write records (each keeps its JSON text so large lists are served by
// concatenation, not re-serialisation), and a bounded history for watch resumption.
import type {KubeObject} from '../model/types.js';
import type {ObjectStore, ResourceKey, ResourceType, StoreEvent, WatchEventType} from './contracts.js';
import {EventHistory, StoredRecord, type HistoryEntry} from './server/records.js';
import {establishDefinitions} from './server/crds.js';
import {apiVersionOf, resourceKey, resourceTypes} from './server/resources.js';
import {namespaceRange, recordKey, upperBound} from './server/recordKeys.js';
import {alreadyExists, conflict, nameRequired, namespaceMismatch, notFound, unknownResource} from './server/storeErrors.js';
import {keepServerOwned, randomSuffix, stampCreated} from './server/serverOwnedFields.js';

export {StoredRecord, type HistoryEntry};

export interface SimStoreOptions {
	/** How many events a watch can resume across (older resourceVersions get 410 Expired). */
	historySize?: number;
}

interface Table {
	type: ResourceType;
	records: Map<string, StoredRecord>;
	/** Sorted record keys; dropped on create/remove (updates keep key order). */
	sorted?: string[];
}

/** `object` becomes the record's parsed form: the caller must not keep or hand it out. */
function freeze(object: KubeObject, resourceVersion: number): StoredRecord {
	return new StoredRecord(JSON.stringify(object), resourceVersion, object.metadata.namespace, object.metadata.labels, object);
}

export class SimStore implements ObjectStore {
	private rv = 1;
	private readonly tables = new Map<ResourceKey, Table>();
	private readonly history: EventHistory;
	private readonly listeners = new Set<(event: StoreEvent) => void>();
	private readonly rawListeners = new Set<(entry: HistoryEntry) => void>();

	constructor(options: SimStoreOptions = {}) {
		this.history = new EventHistory(options.historySize ?? 50_000);
		for (const type of resourceTypes) this.tables.set(resourceKey(type), {type, records: new Map()});
		establishDefinitions(this);
	}

	/** Serves a type (a custom resource once its definition is established); an existing one keeps its objects. */
	addType(type: ResourceType): void {
		const key = resourceKey(type);
		const table = this.tables.get(key);
		if (table) table.type = type;
		else this.tables.set(key, {type, records: new Map()});
	}

	/** Stops serving a type: its objects go first, each with its DELETED event, as when a CRD is deleted. */
	removeType(key: ResourceKey): void {
		const table = this.tables.get(key);
		if (!table) return;
		for (const record of this.records(key)) this.remove(key, record.object.metadata.namespace, record.object.metadata.name);
		this.tables.delete(key);
	}

	get resourceVersion(): number {
		return this.rv;
	}

	types(): ResourceType[] {
		return [...this.tables.values()].map(t => t.type);
	}

	typeFor(key: ResourceKey): ResourceType | undefined {
		return this.tables.get(key)?.type;
	}

	get(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined {
		const record = this.record(key, namespace, name);
		return record ? (JSON.parse(record.json) as KubeObject) : undefined;
	}

	list(key: ResourceKey, namespace?: string): KubeObject[] {
		return this.records(key, namespace).map(r => JSON.parse(r.json) as KubeObject);
	}

	/** The stored record (read-only) — for the HTTP layer, which serialises `json` directly. */
	record(key: ResourceKey, namespace: string | undefined, name: string): StoredRecord | undefined {
		const table = this.table(key);
		return table.records.get(recordKey(table.type.namespaced ? namespace : undefined, name));
	}

	/** Records ordered by namespace/name, optionally only one namespace, optionally starting after a record key. */
	records(key: ResourceKey, namespace?: string, afterName?: {namespace?: string; name: string}): StoredRecord[] {
		const result: StoredRecord[] = [];
		this.scan(key, namespace, afterName, record => {
			result.push(record);
			return true;
		});
		return result;
	}

	/**
	 * Visits records in order (as `records`) without building an array, until `visit` returns false.
	 * `remaining` counts the records in scope from this one to the end, itself included.
	 */
	scan(key: ResourceKey, namespace: string | undefined, afterName: {namespace?: string; name: string} | undefined, visit: (record: StoredRecord, remaining: number) => boolean): void {
		const table = this.table(key);
		const keys = this.sortedKeys(table);
		let start = 0;
		let end = keys.length;
		if (namespace !== undefined && table.type.namespaced) ({start, end} = namespaceRange(keys, namespace));
		if (afterName) start = Math.max(start, upperBound(keys, recordKey(table.type.namespaced ? afterName.namespace : undefined, afterName.name)));
		for (let i = start; i < end; i++) {
			if (!visit(table.records.get(keys[i]!)!, end - i)) return;
		}
	}

	count(key: ResourceKey): number {
		return this.table(key).records.size;
	}

	create(key: ResourceKey, input: KubeObject): KubeObject {
		const table = this.table(key);
		// Only the JSON text is stored, so a shallow copy suffices: the input is never kept or changed.
		const meta = {...input.metadata} as KubeObject['metadata'] & {generateName?: string};
		if (!meta.name && typeof meta.generateName === 'string') {
			do meta.name = meta.generateName + randomSuffix(5);
			while (table.records.has(recordKey(table.type.namespaced ? meta.namespace : undefined, meta.name)));
		}
		if (!meta.name) throw nameRequired(table.type);
		if (table.type.namespaced && !meta.namespace) throw namespaceMismatch();
		if (!table.type.namespaced) delete meta.namespace;
		const rk = recordKey(meta.namespace, meta.name);
		if (table.records.has(rk)) throw alreadyExists(table.type, meta.name);
		const rv = ++this.rv;
		stampCreated(table.type, meta, rv);
		const object: KubeObject = {apiVersion: apiVersionOf(table.type), kind: table.type.kind, ...input, metadata: meta};
		object.apiVersion = apiVersionOf(table.type);
		object.kind = table.type.kind;
		const record = new StoredRecord(JSON.stringify(object), rv, meta.namespace, meta.labels);
		table.records.set(rk, record);
		table.sorted = undefined;
		this.emit('ADDED', key, record);
		return JSON.parse(record.json) as KubeObject;
	}

	update(key: ResourceKey, input: KubeObject): KubeObject {
		const table = this.table(key);
		const name = input.metadata?.name ?? '';
		const namespace = table.type.namespaced ? input.metadata?.namespace : undefined;
		const current = table.records.get(recordKey(namespace, name));
		if (!current) throw notFound(table.type, name);
		if (input.metadata.resourceVersion && input.metadata.resourceVersion !== String(current.resourceVersion)) {
			throw conflict(table.type, name);
		}
		const object = JSON.parse(JSON.stringify(input)) as KubeObject;
		return this.write(table, key, current, object);
	}

	mutate(key: ResourceKey, namespace: string | undefined, name: string, fn: (object: KubeObject) => void): KubeObject {
		const table = this.table(key);
		const current = table.records.get(recordKey(table.type.namespaced ? namespace : undefined, name));
		if (!current) throw notFound(table.type, name);
		const object = JSON.parse(current.json) as KubeObject;
		fn(object);
		return this.write(table, key, current, object);
	}

	remove(key: ResourceKey, namespace: string | undefined, name: string): KubeObject {
		const table = this.table(key);
		const rk = recordKey(table.type.namespaced ? namespace : undefined, name);
		const current = table.records.get(rk);
		if (!current) throw notFound(table.type, name);
		const rv = ++this.rv;
		const object = JSON.parse(current.json) as KubeObject;
		object.metadata.resourceVersion = String(rv);
		const record = freeze(object, rv);
		table.records.delete(rk);
		table.sorted = undefined;
		this.emit('DELETED', key, record);
		return JSON.parse(record.json) as KubeObject;
	}

	subscribe(listener: (event: StoreEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Like subscribe, without the per-event copy; for the watch fan-out. */
	subscribeRaw(listener: (entry: HistoryEntry) => void): () => void {
		this.rawListeners.add(listener);
		return () => this.rawListeners.delete(listener);
	}

	/**
	 * Starts a new history, as an API server does that comes back on a fresh etcd: every object
	 * is removed (the world's indexes hear each deletion), the event history is forgotten and the
	 * next write gets `resourceVersion` + 1 — lower than before, if a test asks for that.
	 */
	reset(resourceVersion: number): void {
		for (const {type, records} of this.tables.values()) {
			for (const record of [...records.values()]) this.remove(resourceKey(type), record.namespace, record.object.metadata.name);
		}
		this.history.clear();
		this.rv = Math.max(1, Math.floor(resourceVersion));
	}

	/** The oldest resourceVersion a watch may resume from (events after it are all retained). */
	get oldestResumableVersion(): number {
		return this.history.oldestResumableVersion;
	}

	/** Events with resourceVersion > rv in order, or undefined when rv predates the retained history. */
	historySince(rv: number): HistoryEntry[] | undefined {
		return this.history.since(rv);
	}

	private write(table: Table, key: ResourceKey, current: StoredRecord, object: KubeObject): KubeObject {
		const meta = keepServerOwned(table.type, current.object, object);
		const unchanged = JSON.stringify(object) === current.json;
		if (unchanged) return JSON.parse(current.json) as KubeObject;
		if (meta.deletionTimestamp && !meta.finalizers?.length && !meta.deletionGracePeriodSeconds) {
			// The last finalizer is gone from an object already being deleted: it goes now.
			table.records.set(recordKey(meta.namespace, meta.name), freeze(object, current.resourceVersion));
			// freeze() took `object`; remove() re-reads the record.
			return this.remove(key, meta.namespace, meta.name);
		}
		const rv = ++this.rv;
		meta.resourceVersion = String(rv);
		const record = freeze(object, rv);
		table.records.set(recordKey(table.type.namespaced ? meta.namespace : undefined, meta.name), record);
		this.emit('MODIFIED', key, record, current);
		return JSON.parse(record.json) as KubeObject;
	}

	private emit(type: WatchEventType, resource: ResourceKey, record: StoredRecord, previous?: StoredRecord): void {
		const entry: HistoryEntry = previous ? {type, resource, record, previous} : {type, resource, record};
		this.history.push(entry);
		for (const listener of this.rawListeners) listener(entry);
		if (this.listeners.size === 0) return;
		let copy: KubeObject | undefined;
		const event: StoreEvent = {
			type,
			resource,
			resourceVersion: record.resourceVersion,
			// Parsed on first access: most listeners only look at some events.
			get object() {
				return (copy ??= JSON.parse(record.json) as KubeObject);
			},
		};
		for (const listener of this.listeners) {
			// The write has happened; a failing listener must not turn it into a failed API call.
			try {
				listener(event);
			} catch (error) {
				console.error(`kubedeck sim: a store listener failed on ${type} ${resource}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			}
		}
	}

	private table(key: ResourceKey): Table {
		const table = this.tables.get(key);
		if (!table) throw unknownResource(key);
		return table;
	}

	private sortedKeys(table: Table): string[] {
		if (!table.sorted) table.sorted = [...table.records.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
		return table.sorted;
	}
}
