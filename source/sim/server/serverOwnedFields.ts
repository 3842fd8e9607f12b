// The metadata the API server owns: set on create (uid, resourceVersion, creationTimestamp,
// generation, a name from generateName), and on every later write taken back from the stored
// object whatever the writer sent; generation counts changes of spec only.
import {randomUUID} from 'node:crypto';
import type {KubeObject} from '../../model/types.js';
import type {ResourceType} from '../contracts.js';
import {tracksGeneration} from './resources.js';

type Metadata = KubeObject['metadata'];

const nameChars = 'bcdfghjklmnpqrstvwxz2456789';

/** RFC 3339 to the second, as the server writes creationTimestamp. */
export function timestamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The random tail the server appends to a generateName (consonants and digits, as Kubernetes'). */
export function randomSuffix(length: number): string {
	let s = '';
	for (let i = 0; i < length; i++) s += nameChars[Math.floor(Math.random() * nameChars.length)];
	return s;
}

/** Fills what the server sets on create; `meta` is the new object's own copy. */
export function stampCreated(type: ResourceType, meta: Metadata, resourceVersion: number): void {
	meta.uid = randomUUID();
	meta.resourceVersion = String(resourceVersion);
	// Scenarios may backdate objects (a pod "up for 3d"); the HTTP layer strips client-sent values.
	if (typeof meta.creationTimestamp !== 'string' || Number.isNaN(Date.parse(meta.creationTimestamp))) meta.creationTimestamp = timestamp(Date.now());
	if (tracksGeneration(type)) meta.generation = 1;
	else delete meta.generation;
	delete meta.deletionTimestamp;
	delete meta.deletionGracePeriodSeconds;
}

/** Puts back, on an updated object, the identity and server-owned fields of the stored one. */
export function keepServerOwned(type: ResourceType, old: KubeObject, object: KubeObject): Metadata {
	const meta = (object.metadata ??= {} as Metadata);
	// Identity and server-owned fields are not the writer's to change.
	meta.name = old.metadata.name;
	if (type.namespaced) meta.namespace = old.metadata.namespace;
	else delete meta.namespace;
	meta.uid = old.metadata.uid;
	meta.creationTimestamp = old.metadata.creationTimestamp;
	meta.resourceVersion = old.metadata.resourceVersion;
	if (old.metadata.deletionTimestamp) {
		meta.deletionTimestamp = old.metadata.deletionTimestamp;
		meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
	}
	object.apiVersion = old.apiVersion;
	object.kind = old.kind;
	if (tracksGeneration(type)) {
		meta.generation = old.metadata.generation ?? 1;
		if (JSON.stringify(object.spec) !== JSON.stringify(old.spec)) meta.generation += 1;
	} else delete meta.generation;
	if (meta.finalizers?.length === 0) delete meta.finalizers;
	return meta;
}
